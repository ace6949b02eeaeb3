"""The search page in the window, by keyboard: F3, a few characters, Up/Down, Enter, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from inspector_app.services.lookup import Kind
from inspector_app.ui.lookup import open_lookup
from inspector_app.ui.lookup.page import LookupDialog
from inspector_app.ui.lookup.results import HIT_ROLE
from inspector_app.ui.main_window import MainWindow


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(qtbot, profile):
    w = MainWindow(profile)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.visit.task is not None)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.ops.wait()


def _dialog(qtbot, window: MainWindow) -> LookupDialog:
    qtbot.keyClick(window, Qt.Key.Key_F3)
    dialog = window.findChild(LookupDialog, "lookup-dialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.index is not None, timeout=10_000)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.search
    return dialog


def type_chinese(widget: QWidget, text: str) -> None:
    """What an input method sends when the inspector picks the characters it composed."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _groups(dialog: LookupDialog) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    model = dialog.model
    for r in range(model.rowCount()):
        group = model.index(r, 0)
        kind = group.data(Qt.ItemDataRole.AccessibleDescriptionRole)
        out[kind] = [
            model.index(c, 0, group).data(HIT_ROLE).entry.title
            for c in range(model.rowCount(group))
        ]
    return out


def test_typing_finds_and_enter_shows_the_full_text(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    assert "provisions" in dialog.status.text() or "条文" in dialog.status.text()
    with qtbot.waitSignal(dialog.searched):
        type_chinese(dialog.search, "责令改正")
    groups = _groups(dialog)
    assert groups[Kind.PROVISION.value]
    assert Kind.RULE_PACK_ENTRY.value in groups
    # The first result is current; Down moves to the next, Up back.
    first = dialog.current_hit()
    assert first is not None and first.entry.kind is Kind.PROVISION
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    second = dialog.current_hit()
    assert second is not None and second is not first
    qtbot.keyClick(dialog.search, Qt.Key.Key_Up)
    assert dialog.current_hit() is first
    # Enter: the article's full text, the matched words marked, the focus on it.
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    text = dialog.detail.toPlainText()
    assert first.entry.title in text
    assert first.entry.text.splitlines()[0] in text
    assert "background-color:#ffe082" in dialog.detail.toHtml()
    assert QApplication.focusWidget() is dialog.detail
    # Esc: back to the search box; Esc again closes the page.
    qtbot.keyClick(dialog.detail, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is dialog.search
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_rule_pack_entries_and_check_items_are_grouped(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.searched):
        type_chinese(dialog.search, "保质期")
    groups = _groups(dialog)
    assert list(groups) == [Kind.RULE_PACK_ENTRY.value, Kind.CHECK_ITEM.value]
    assert groups[Kind.RULE_PACK_ENTRY.value][0] == "经营超过保质期的食品、食品添加剂"
    assert all("保质期" in t for t in groups[Kind.CHECK_ITEM.value][:1])
    # Down past the last rule-pack entry lands on the first check item (headers skipped).
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    hit = dialog.current_hit()
    assert hit is not None and hit.entry.kind is Kind.CHECK_ITEM
    qtbot.keyClick(dialog.search, Qt.Key.Key_Enter)
    assert "保质期" in dialog.detail.toPlainText()


def test_markup_in_the_query_is_shown_as_text(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.searched):
        dialog.search.setText("<b>罚款")
    assert dialog.model.rowCount() == 0
    assert "<b>罚款" in dialog.status.text()


def test_a_query_too_long_says_why(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    dialog.search.setText("罚" * 61)
    assert "60" in dialog.status.text()


def test_the_same_page_opens_again_with_the_search_kept(qtbot, window, profile) -> None:
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.searched):
        type_chinese(dialog.search, "许可")
    dialog.close()
    again = open_lookup(window, profile)
    assert again is dialog
    assert again.search.text() == "许可"
    assert again.search.selectedText() == "许可"  # typing replaces it
