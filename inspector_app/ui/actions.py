"""Actions declared once per page; menus, toolbars and the shortcut list come from them.

A page builds its actions in one place (``declare``), each with its translated text
and shortcut; the main window only asks every page for its :class:`PageActions` and
lays them out. A controller that owns its actions (ui/sync's Sync now, Refused
changes, Conflicts) hands them to a page with ``adopt``; a menu another part puts on
the window (the session's Account menu) is read back by ``menu_bar_pages``; so the
shortcut list in Help > Keyboard shortcuts is always the whole truth.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


@dataclass
class PageActions:
    """The actions of one page, in menu order, and where each goes."""

    menu_title: str  # translated, with its & mnemonic
    parent: QObject
    actions: list[QAction] = field(default_factory=list)
    toolbar: list[QAction] = field(default_factory=list)
    separators: set[int] = field(default_factory=set)  # indexes preceded by a separator

    def add(
        self,
        name: str,
        text: str,
        shortcut: Shortcut,
        slot: Callable[[], object],
        *,
        toolbar: bool = False,
        separator: bool = False,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
        checkable: bool = False,
    ) -> QAction:
        """One action: ``name`` is its stable object name (tests and settings use it)."""
        action = QAction(text, self.parent)
        action.setObjectName(name)
        if shortcut is not None:
            keys = QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut
            action.setShortcut(keys)
        action.setShortcutContext(context)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(lambda _on: slot())
        else:
            action.triggered.connect(lambda _checked=False: slot())
        if separator:
            self.separators.add(len(self.actions))
        self.actions.append(action)
        if toolbar:
            self.toolbar.append(action)
        return action

    def adopt(
        self, name: str, action: QAction, *, toolbar: bool = False, separator: bool = False
    ) -> QAction:
        """An action made elsewhere (with its own text, shortcut and slot) in this page."""
        action.setObjectName(name)
        if separator:
            self.separators.add(len(self.actions))
        self.actions.append(action)
        if toolbar:
            self.toolbar.append(action)
        return action

    def by_name(self, name: str) -> QAction:
        for action in self.actions:
            if action.objectName() == name:
                return action
        raise KeyError(name)


def build_menu(menu_bar: QMenuBar, page: PageActions) -> QMenu:
    menu = menu_bar.addMenu(page.menu_title)
    for n, action in enumerate(page.actions):
        if n in page.separators:
            menu.addSeparator()
        menu.addAction(action)
    return menu


def build_toolbar(toolbar: QToolBar, pages: list[PageActions]) -> None:
    first = True
    for page in pages:
        if not page.toolbar:
            continue
        if not first:
            toolbar.addSeparator()
        first = False
        for action in page.toolbar:
            show_plain_on_toolbar(action)
            toolbar.addAction(action)


def show_plain_on_toolbar(action: QAction) -> None:
    """A toolbar button shows the action's text without its mnemonic, now and whenever the
    text changes; menus keep it. (Qt drops the "&" itself, but of a Chinese "提交审核(&B)"
    it leaves "提交审核(B)" on the button.)"""

    def follow() -> None:
        wanted = plain(action.text()).removesuffix("…").removesuffix("...").strip()
        if action.iconText() != wanted:
            action.setIconText(wanted)  # emits changed again: then nothing to do

    follow()
    action.changed.connect(follow)


def install(widget: QWidget, pages: list[PageActions]) -> None:
    """Make every action's shortcut work in ``widget``'s window, menu or not."""
    for page in pages:
        widget.addActions(page.actions)


def menu_bar_pages(
    menu_bar: QMenuBar, pages: list[PageActions], parent: QObject
) -> list[PageActions]:
    """``pages`` and, for each menu of ``menu_bar`` no page built, a page of its actions,
    in the order of the menu bar."""
    by_title = {page.menu_title: page for page in pages}
    out: list[PageActions] = []
    for entry in menu_bar.actions():
        menu = entry.menu()
        if menu is None:
            continue
        page = by_title.pop(menu.title(), None)
        if page is None:
            page = PageActions(menu.title(), parent)
            page.actions = [a for a in menu.actions() if not a.isSeparator() and a.text()]
        out.append(page)
    return out + list(by_title.values())


def plain(text: str) -> str:
    """A label without its mnemonic: "&File" -> "File", "文件(&F)" -> "文件", "&&" -> "&"."""
    text = re.sub(r"\(&[^&)]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(pages: list[PageActions]) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for the shortcut list, in the platform's own notation."""
    rows = []
    for page in pages:
        menu = plain(page.menu_title)
        for action in page.actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = plain(action.text()).removesuffix("…").removesuffix("...")
            rows.append((menu, text, keys))
    return rows
