"""Offline search of provisions, rule-pack entries and check items (F3).

``open_lookup(parent, profile)`` shows the search page (one per window, kept between
uses); ``lookup_action(parent, profile)`` is the window action that opens it, for any
window's menus (the inspector's, the lead's). The page and the search service load on
first use, so a window that never searches never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from inspector_app.services.profile import Profile
    from inspector_app.ui.lookup.page import LookupDialog

SHORTCUT = "F3"


def open_lookup(
    parent: QWidget, profile: Profile, prepare: Callable[[], None] | None = None
) -> LookupDialog:
    """Show the search page over ``parent`` (the same one again), its search box focused.

    ``prepare`` runs on the GUI thread before the index is built in a worker: a window
    passes what finishes its warm-up (``Operations.prepare``)."""
    from inspector_app.ui.lookup.page import LookupDialog

    dialog = parent.findChild(LookupDialog, "lookup-dialog")
    if dialog is None or dialog.profile is not profile:
        if dialog is not None:
            dialog.deleteLater()
        dialog = LookupDialog(profile, parent, prepare)
    else:
        dialog.refresh_index()  # a sync may have brought tasks or rule packs
    if dialog.isVisible():
        dialog.raise_()  # already open behind the window: bring it up
    else:
        dialog.show()
    dialog.activateWindow()
    dialog.focus_search()
    return dialog


def lookup_action(
    parent: QWidget, profile: Profile, prepare: Callable[[], None] | None = None
) -> QAction:
    """The window action (F3) that opens the search page."""
    text = QCoreApplication.translate("lookup", "&Search provisions, rule packs and check items…")
    action = QAction(text, parent)
    action.setObjectName("lookup")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: open_lookup(parent, profile, prepare))
    return action
