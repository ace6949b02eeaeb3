"""The team lead's window: the review queue beside the review page of the visit selected,
the sync status bar, and (from the session) lock, switch profile and sign out.

A lead sees the team's submitted visits and their findings, never an editor of them:
nothing a lead may not change is editable here. Decisions are operations off the GUI
thread; every view refreshes from the one ``data_changed`` signal (a decision, a sync).

Other pages join as tabs through :meth:`LeadWindow.add_page`, each with its own menu of
actions and a Go-menu entry (Ctrl+1, Ctrl+2, …): the offline Search (``ui/lookup``) and
Statistics (``ui/stats``) pages are meant to be added there, by a factory appended to
:data:`EXTRA_PAGES` (``factory(window) -> LeadPage``), so this module need not know them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.profile import Profile
from inspector_app.ui.actions import (
    PageActions,
    build_menu,
    build_toolbar,
    install,
    menu_bar_pages,
)
from inspector_app.ui.lead.queue import QueuePage
from inspector_app.ui.lead.review_page import ReviewPage, own_access
from inspector_app.ui.lookup import lookup_action
from inspector_app.ui.operations import Operations
from inspector_app.ui.settings.hub import SettingsHub
from inspector_app.ui.stats.dialog import add_statistics_action
from inspector_app.ui.sync.controller import SyncController
from inspector_app.ui.widgets.shortcuts import ShortcutsDialog
from inspector_app.ui.widgets.window_messages import show_about, show_operation_error

log = logging.getLogger(__name__)


@dataclass
class LeadPage:
    """A page another part adds to the lead's window: its widget, its tab title
    (translated, with a mnemonic) and its actions (a menu of their own), if any."""

    widget: QWidget
    title: str
    actions: PageActions | None = None


# Factories of the pages that join the lead's window after the review tab, in order
# (Search, Statistics, …): ``factory(window) -> LeadPage``.
EXTRA_PAGES: list[Callable[[LeadWindow], LeadPage]] = []


class LeadWindow(QMainWindow):
    def __init__(
        self,
        profile: Profile,
        *,
        server_url: str | None = None,
        settings: SettingsHub | None = None,
        state: QSettings | None = None,
        extra_pages: list[Callable[[LeadWindow], LeadPage]] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("lead-window")
        self.profile = profile
        self.server_url = server_url or ""
        self.state = state if state is not None else QSettings()
        self.setWindowTitle(self.tr("Field Inspector — team lead"))
        self.resize(1440, 900)

        self.ops = Operations(self._op_failed, self)
        self.queue = QueuePage(self)
        self.review = ReviewPage(own_access(profile), self.ops, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("lead-splitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.review)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([560, 880])
        self.splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("lead-tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, self.tr("Review"))
        self.setCentralWidget(self.tabs)

        self.sync = SyncController(
            self,
            profile,
            self.ops.data_changed,
            settings if settings is not None else SettingsHub.load(parent=self),
            server_url=self.server_url,
        )
        self.sync_action = self.sync.sync_now_action
        self.file_actions = self._file_actions()
        self.go_actions = PageActions(self.tr("&Go"), self)
        self._add_go("go-review", self.tr("&Review queue"), self.splitter)
        self.help_actions = self._help_actions()
        self.pages: list[PageActions] = [
            self.file_actions,
            self.queue.page_actions,
            self.review.page_actions,
            self.go_actions,
            self.help_actions,
        ]
        self._menus: dict[str, QMenu] = {}
        for page in self.pages:
            self._menus[page.menu_title] = build_menu(self.menuBar(), page)
        self.toolbar = QToolBar(self.tr("Review"), self)
        self.toolbar.setObjectName("review-toolbar")
        build_toolbar(self.toolbar, self.pages)
        self.addToolBar(self.toolbar)
        install(self, self.pages)

        self.ops.status.connect(self.statusBar().showMessage)
        self.ops.data_changed.connect(self._on_data_changed)
        # The review page follows the queue one turn of the event loop later: the queue
        # paints first, and moving fast through it reads only the visit stopped at.
        self._selected: str | None = None
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.timeout.connect(lambda: self.review.show_visit(self._selected))
        self.queue.visit_selected.connect(self._visit_selected)
        self.review.refused.connect(lambda _task_id: self.reload())
        # Enter on a visit in the queue: on to its items, to read and comment.
        self.queue.table.activated.connect(lambda _index: self.review.focus_items())
        self.reload()
        self._restore_state()
        for factory in [*EXTRA_PAGES, *(extra_pages or [])]:
            self.add_page(factory(self))

    # --- composition ----------------------------------------------------------------

    def _file_actions(self) -> PageActions:
        a = PageActions(self.tr("&File"), self)
        names = ("sync", "refused-changes", "conflicts")
        for name, action in zip(names, self.sync.actions(), strict=True):
            a.adopt(name, action, toolbar=action is self.sync_action)
        # The lead's figures in a window of their own (pyqtgraph loads when it opens).
        add_statistics_action(a, self.profile, self.ops, self)
        a.add("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, separator=True)
        return a

    def _help_actions(self) -> PageActions:
        a = PageActions(self.tr("&Help"), self)
        a.adopt("lookup", lookup_action(self, self.profile))  # F3: ui/lookup's search page
        a.add("shortcuts", self.tr("&Keyboard shortcuts"), "Ctrl+/", self.show_shortcuts)
        a.add("about", self.tr("&About Field Inspector"), None, self._about)
        return a

    def _add_go(self, name: str, text: str, widget: QWidget) -> None:
        n = len(self.go_actions.actions) + 1
        keys = f"Ctrl+{n}" if n <= 9 else None
        self.go_actions.add(name, text, keys, lambda: self.tabs.setCurrentWidget(widget))

    def add_page(self, page: LeadPage) -> None:
        """Another page as a tab: its actions get a menu before Help and a Go entry;
        their shortcuts work anywhere in the window (choose ones not taken here)."""
        self.tabs.addTab(page.widget, page.title)
        go = self.go_actions
        self._add_go(f"go-{len(go.actions) + 1}", page.title, page.widget)
        self._menus[go.menu_title].addAction(go.actions[-1])
        self.addAction(go.actions[-1])
        if page.actions is not None:
            menus = self.menuBar().actions()
            menu = QMenu(page.actions.menu_title, self.menuBar())
            for action in page.actions.actions:
                menu.addAction(action)
            self.menuBar().insertMenu(menus[-1], menu)
            self.pages.insert(len(self.pages) - 1, page.actions)
            install(self, [page.actions])

    def _visit_selected(self, task_id: str | None) -> None:
        self._selected = task_id
        self._follow.start(0)

    @property
    def data_changed(self) -> Any:
        return self.ops.data_changed

    def shortcut_pages(self) -> list[PageActions]:
        return menu_bar_pages(self.menuBar(), self.pages, self)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_pages(), self).exec()

    # --- reading --------------------------------------------------------------------

    def reload(self) -> None:
        """The queue as stored now; the review page follows the visit selected."""
        from inspector_app.services import review_queue

        try:
            entries = review_queue(self.profile)
        except ServiceError as exc:
            log.warning("review queue not read: %s", exc)
            entries = []
        shown = self.review.task_id
        listed = shown is None or any(e.task_id == shown for e in entries)
        # A visit decided (or refused) stays on the page with what was said about it,
        # read as stored now; the lead moves on in the queue (Ctrl+Shift+PgDown).
        self.queue.set_entries(entries, select_first=listed)
        if shown is not None and not listed:
            self._follow.stop()
            self.review.show_visit(shown, message=self.review.message.text())

    def _on_data_changed(self, _changes: Changes) -> None:
        self.reload()

    # --- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.state
        for key, restore in (
            ("lead/geometry", self.restoreGeometry),
            ("lead/state", self.restoreState),
            ("lead/splitter", self.splitter.restoreState),
            ("lead/review-splitter", self.review.splitter.restoreState),
        ):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def save_state(self) -> None:
        s = self.state
        s.setValue("lead/geometry", self.saveGeometry())
        s.setValue("lead/state", self.saveState())
        s.setValue("lead/splitter", self.splitter.saveState())
        s.setValue("lead/review-splitter", self.review.splitter.saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ops.wait()
        self.save_state()
        super().closeEvent(event)

    # --- errors ---------------------------------------------------------------------

    def _op_failed(self, exc: BaseException) -> None:
        show_operation_error(self, exc)

    def _about(self) -> None:
        show_about(self)
