"""The disposition panel in the window, by keyboard: the proposal with its reasoning, every
rule's verdict and the discretion benchmark; accept one, override another with a reason
(refused without one); the party's statement and how it was weighed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector_app.domain.entities import DispositionKind, Outcome
from inspector_app.services import get_task, record_item_result, start_inspection
from inspector_app.services.dispositions import REASON_REQUIRED, list_dispositions
from inspector_app.services.visit_record import get_statement
from inspector_app.ui.i18n import text
from inspector_app.ui.main_window import MainWindow

from .keyboard import press, wait_op

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(demo_window):  # type: ignore[no-untyped-def]
    return demo_window


_wait_op, _keys = wait_op, press


def non_compliance(window: MainWindow, profile, count: int = 3) -> tuple[str, list[str]]:
    """Check in at the task on show and record ``count`` items as non-compliant, as the
    editor would; the window hears of it through data_changed."""
    task_id = window.current_task_id()
    assert task_id is not None
    changes = start_inspection(profile, task_id, present=["王五"])
    items = [i.id for i in get_task(profile, task_id).checklist[:count]]
    for item_id in items:
        changes = changes | record_item_result(
            profile,
            task_id,
            item_id,
            outcome=Outcome.NONCOMPLIANT,
            note="现场发现",
            deadline=date.today() + timedelta(days=7),
        )
    window.data_changed.emit(changes)
    return task_id, items


def test_proposal_shown_accepted_and_overridden_by_keyboard(qtbot, window, profile):
    task_id, items = non_compliance(window, profile)
    panel = window.visit.tabs.dispositions

    _keys(qtbot, Qt.Key.Key_D)  # Show the dispositions
    assert window.visit.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.items.count() == 3)
    assert QApplication.focusWidget() is panel.items
    # The first item: its proposal, reasoning, every rule's verdict, the benchmark.
    assert panel.current_item_id() == items[0]
    shown = panel.view.toPlainText()
    view = list_dispositions(profile, task_id)[0]
    assert view.proposal is not None
    assert view.proposal.disposition.reasoning[:30] in shown
    for verdict in view.proposal.verdicts:
        assert verdict.title in shown
    assert "Statutory fine range: 50,000 to 100,000 yuan" in shown
    assert "Lenient (从轻): the lowest 30% of the range, 50,000 to 65,000 yuan" in shown
    assert "无从轻或者减轻情节" in shown  # the reason: no mitigating circumstance

    # Accept the proposal (Ctrl+Shift+A).
    _keys(qtbot, Qt.Key.Key_A)
    _wait_op(qtbot, window)
    first = list_dispositions(profile, task_id)[0]
    assert first.state == "confirmed"
    assert first.record is not None and first.record.decision.value == "accepted"
    assert first.confirmed is not None
    assert first.confirmed.kind is first.proposal.disposition.kind
    # The panel refreshed from data_changed and went on to the next undecided item.
    qtbot.waitUntil(lambda: panel.current_item_id() == items[1])
    assert "✔" in panel.items.item(0).text()

    # Override without a reason: refused, nothing written.
    _keys(qtbot, Qt.Key.Key_H)  # Choose another kind: the kind box has the focus
    assert QApplication.focusWidget() is panel.kind
    assert panel.kind.currentData() == DispositionKind.NO_ACTION.value
    qtbot.keyClick(panel.kind, Qt.Key.Key_Down)
    assert panel.kind.currentData() == DispositionKind.RISK_REMINDER.value
    _keys(qtbot, Qt.Key.Key_O)
    assert panel.message.text() == text(REASON_REQUIRED)
    assert QApplication.focusWidget() is panel.reason
    _wait_op(qtbot, window)
    assert list_dispositions(profile, task_id)[1].state == "proposed"

    # With a reason and, the order being mandatory, why the rule does not apply.
    qtbot.keyClicks(panel.reason, "Corrected on the spot, results posted")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Tab)
    qtbot.keyClick(panel.reason, Qt.Key.Key_Tab)
    assert panel.law_statement.isEnabled()
    qtbot.keyClicks(panel.law_statement, "The results were posted: the facts differ")
    _keys(qtbot, Qt.Key.Key_O)
    _wait_op(qtbot, window)
    second = list_dispositions(profile, task_id)[1]
    assert second.state == "confirmed"
    assert second.record is not None and second.record.decision.value == "overridden"
    assert second.confirmed is not None
    assert second.confirmed.kind is DispositionKind.RISK_REMINDER
    reason = second.confirmed.overridden_reason or ""
    assert reason.startswith("Corrected on the spot, results posted")
    assert "The results were posted: the facts differ" in reason
    assert window.warnings == []
    qtbot.waitUntil(lambda: panel.current_item_id() == items[2])
    panel.select_item(items[1])
    assert "Corrected on the spot, results posted" in panel.view.toPlainText()


def test_service_refusal_shown_in_the_panel(qtbot, window, profile):
    task_id, items = non_compliance(window, profile, count=1)
    panel = window.visit.tabs.dispositions
    _keys(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: panel.items.count() == 1)
    # Overriding a mandatory order without saying why the rule does not apply.
    panel.kind.setCurrentIndex(panel.kind.findData(DispositionKind.NO_ACTION.value))
    qtbot.keyClicks(panel.reason, "because")
    _keys(qtbot, Qt.Key.Key_O)
    _wait_op(qtbot, window)
    assert "应当" in panel.message.text() or "mandatory" in panel.message.text()
    assert not window.warnings  # said once, in the panel: no dialog on top of it
    assert list_dispositions(profile, task_id)[0].state == "proposed"


def test_party_statement_recorded_and_weighed(qtbot, window, profile):
    task_id, _items = non_compliance(window, profile, count=1)
    panel = window.visit.tabs.dispositions
    _keys(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: panel.items.count() == 1)
    editor = panel.statement
    qtbot.keyClicks(editor.text, "A customer knocked the notice down")
    editor.rejected.setChecked(True)
    qtbot.keyClicks(editor.reason, "No notice was seen on site")
    _keys(qtbot, Qt.Key.Key_T)  # Save the party's statement
    _wait_op(qtbot, window)
    statement = get_statement(profile, task_id)
    assert statement.text == "A customer knocked the notice down"
    assert statement.accepted is False
    assert statement.reason == "No notice was seen on site"
    qtbot.waitUntil(lambda: editor.recorded.text() != "")
    # Weighed as accepted without a reason: the service's refusal is shown.
    editor.accepted.setChecked(True)
    editor.reason.clear()
    _keys(qtbot, Qt.Key.Key_T)
    _wait_op(qtbot, window)
    assert panel.message.text()
    assert get_statement(profile, task_id).accepted is False


def test_shortcuts_are_unique(window):
    seen: dict[str, str] = {}
    for page in window.pages:
        for action in page.actions:
            for keys in action.shortcuts():
                name = keys.toString()
                assert name not in seen, (name, seen.get(name), action.objectName())
                seen[name] = action.objectName()
    assert seen["Ctrl+Shift+A"] == "accept-proposal"


def test_facts_put_the_fine_in_the_lenient_band(qtbot, window, profile):
    from PySide6.QtCore import QTimer

    from inspector_app.services.dispositions import get_disposition
    from inspector_app.ui.visit.facts import FactsDialog

    task_id, items = non_compliance(window, profile, count=1)
    panel = window.visit.tabs.dispositions
    _keys(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: panel.items.count() == 1)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FactsDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.mitigating["removed_harm"].setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, answer)
    _keys(qtbot, Qt.Key.Key_M)  # Edit the facts of the finding
    _wait_op(qtbot, window)
    view = get_disposition(profile, task_id, items[0])
    assert view.assessment.mitigating == ("removed_harm",)
    assert view.proposal is not None
    assert view.proposal.disposition.discretion == "lenient"
    assert view.proposal.disposition.fine_range == (50_000, 65_000)
    qtbot.waitUntil(lambda: "Proposed fine band (lenient (从轻))" in panel.view.toPlainText())


def test_a_long_statement_leaves_the_proposal_its_room(qtbot, window, profile):
    """On a 1366×768 laptop, a statement of many lines does not crush the proposal, and both
    stay readable: several lines of each are on screen."""
    from inspector_app.services.visit_record import record_statement

    task_id, _items = non_compliance(window, profile, count=1)
    long = "\n".join(f"第{n}点：当事人称公示表被顾客碰落，已于当日重新张贴。" for n in range(1, 40))
    window.data_changed.emit(
        record_statement(profile, task_id, text=long, accepted=False, reason="现场未见公示表")
    )
    window.resize(1366, 740)
    _keys(qtbot, Qt.Key.Key_D)
    panel = window.visit.tabs.dispositions
    qtbot.waitUntil(lambda: panel.items.count() == 1 and panel.statement.text.toPlainText() == long)
    qtbot.wait(50)
    line = panel.view.fontMetrics().lineSpacing()
    assert panel.view.viewport().height() >= 5 * line
    assert panel.statement.text.viewport().height() >= 3 * line
