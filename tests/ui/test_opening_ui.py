"""Visit > Record the opening…: the opening (行政处罚法第五十五条) recorded or corrected after
check-in, by keyboard, in a real window on a real SQLite profile; the documents tab stops
blocking the 现场笔录 once it is recorded; a refusal is said in the interface's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from inspector_app.domain.enforcement import Opening
from inspector_app.domain.entities import Outcome, TaskStatus
from inspector_app.services import (
    complete_inspection,
    get_opening,
    record_item_result,
    start_inspection,
)
from inspector_app.ui.documents.page import DocumentsPanel
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.visit.check_in import CheckInDialog
from inspector_app.ui.visit.opening import OpeningDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LAW = "行政处罚法第五十五条"  # in the opening's blocker, in either language


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(demo_window):  # type: ignore[no-untyped-def]
    return demo_window


def _activate(qtbot, w: MainWindow) -> None:
    # A window manager gives the activation back when a dialog closes; offscreen does not.
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)


def _press(qtbot, w: MainWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or w, key, mods)


def _when_modal(qtbot, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog once it is up and active (it blocks in exec())."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog.isActiveWindow():
            try:
                act(dialog)
            except BaseException:
                dialog.reject()  # a failed check must not leave exec() waiting forever
                raise
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: not w.ops.busy, timeout=10_000)


def _onsite_blockers(qtbot, w: MainWindow) -> str:
    panel: DocumentsPanel = w.visit.documents
    qtbot.waitUntil(lambda: bool(panel.model.rows) and not panel.reader.busy, timeout=20_000)
    record = next(d for d in panel.model.rows if d.kind.value == "onsite_record")
    return " ".join(panel.model.blocked_by(record))


def test_the_opening_is_recorded_after_check_in_by_keyboard(qtbot, window: MainWindow) -> None:
    page = window.visit
    task = page.task
    assert task is not None and page.status is TaskStatus.ASSIGNED
    action = page.opening_action
    assert not action.isEnabled()  # nothing to record before check-in
    assert action.shortcut().toString() == "Ctrl+Alt+K"
    assert action in page.visit_actions.actions  # in the Visit menu

    # Checked in in a hurry: neither box ticked.
    _when_modal(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_I, ALT))  # Check &in
    _press(qtbot, window, Qt.Key.Key_K, CTRL)
    _idle(qtbot, window)
    _activate(qtbot, window)
    assert page.status is TaskStatus.IN_PROGRESS and action.isEnabled()
    rep = task.business.legal_rep
    assert get_opening(window.profile, task.id) == Opening(rep, False, False)
    page.tabs.setCurrentWidget(page.documents)
    assert LAW in _onsite_blockers(qtbot, window)

    seen: list[Opening] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, OpeningDialog)
        fields = dialog.fields
        seen.append(dialog.opening())  # what it opened with
        assert not dialog.reason.isVisibleTo(dialog)  # no reason asked while in progress
        qtbot.keyClick(dialog, Qt.Key.Key_R, ALT)  # &Representative of the party
        assert QApplication.focusWidget() is fields.representative
        fields.representative.selectAll()
        qtbot.keyClicks(fields.representative, "Li Si (shop manager)")
        qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)  # Cre&dentials shown
        qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)  # Rights &told
        qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # &Save

    _when_modal(qtbot, fill)
    _press(qtbot, window, Qt.Key.Key_K, CTRL | ALT)
    _idle(qtbot, window)
    assert seen == [Opening(rep, False, False)]
    assert QApplication.activeModalWidget() is None  # closed once saved
    assert get_opening(window.profile, task.id) == Opening("Li Si (shop manager)", True, True)
    # The documents tab heard of it through data_changed: the 现场笔录 is no longer
    # blocked by the opening.
    qtbot.waitUntil(lambda: LAW not in _onsite_blockers(qtbot, window), timeout=20_000)

    # Opened again, it shows what is recorded now.
    _activate(qtbot, window)
    again: list[Opening] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, OpeningDialog)
        again.append(dialog.opening())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _when_modal(qtbot, look)
    _press(qtbot, window, Qt.Key.Key_K, CTRL | ALT)
    assert again == [Opening("Li Si (shop manager)", True, True)]
    assert window.warnings == []  # type: ignore[attr-defined]


def test_after_completion_the_change_needs_a_reason_said_in_chinese(
    qtbot, window: MainWindow
) -> None:
    page = window.visit
    task = page.task
    assert task is not None
    profile = window.profile
    start_inspection(profile, task.id, present=["Zhang"])  # no opening at all
    for item in task.checklist:
        record_item_result(profile, task.id, item.id, outcome=Outcome.COMPLIANT)
    complete_inspection(profile, task.id)
    page.show_task(task.id)
    assert page.status is TaskStatus.COMPLETED and page.opening_action.isEnabled()
    assert get_opening(profile, task.id) == Opening()

    translator = install_translator(QApplication.instance(), "zh_CN")
    QApplication.processEvents()  # the window's language change, before the dialog
    messages: list[str] = []
    try:

        def fill(dialog: QDialog) -> None:
            assert isinstance(dialog, OpeningDialog)
            assert dialog.windowTitle().startswith("表明身份与告知")
            # Nothing recorded: the business's legal representative is suggested.
            assert dialog.fields.representative.text() == task.business.legal_rep
            assert dialog.reason.isVisibleTo(dialog)
            qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)
            qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)
            qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # no reason: refused by the service
            qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=10_000)
            messages.append(dialog.message.text())
            assert dialog.isVisible() and dialog.save_button.isEnabled()
            qtbot.keyClick(dialog, Qt.Key.Key_C, ALT)  # Reason for the &change
            assert QApplication.focusWidget() is dialog.reason
            qtbot.keyClicks(dialog.reason, "forgot at check-in")
            qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)

        _when_modal(qtbot, fill)
        _press(qtbot, window, Qt.Key.Key_K, CTRL | ALT)
        _idle(qtbot, window)
    finally:
        QApplication.instance().removeTranslator(translator)
    assert len(messages) == 1 and "修改理由" in messages[0]
    assert get_opening(profile, task.id) == Opening(task.business.legal_rep, True, True)
    assert window.warnings == []  # type: ignore[attr-defined]


def test_check_in_still_records_the_opening_through_the_shared_fields(
    qtbot, window: MainWindow
) -> None:
    page = window.visit
    task = page.task
    assert task is not None

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CheckInDialog)
        assert dialog.representative is dialog.opening_fields.representative
        qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)
        qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)
        qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)  # Check &in

    _when_modal(qtbot, fill)
    _press(qtbot, window, Qt.Key.Key_K, CTRL)
    _idle(qtbot, window)
    assert get_opening(window.profile, task.id) == Opening(task.business.legal_rep, True, True)
