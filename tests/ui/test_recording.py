"""Recording findings in the main window: check in, results, photos, completion."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from inspector_app.domain.entities import Outcome, TaskStatus
from inspector_app.services import get_results, get_task, open_profile
from inspector_app.services.demo import load_demo
from inspector_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    with open_profile(tmp_path / "profile") as profile:
        load_demo(profile)
        w = MainWindow(profile)
        w.warnings = warnings
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        yield w
        w.ops.wait()


def _wait_op(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)


def _check_in(qtbot, window: MainWindow) -> str:
    task_id = window.current_task_id()
    window.check_in_action.trigger()
    _wait_op(qtbot, window)
    assert window.detail.task.status == TaskStatus.IN_PROGRESS
    return task_id


def test_record_a_finding_with_the_keyboard(qtbot, window: MainWindow) -> None:
    task_id = _check_in(qtbot, window)
    task = window.detail.task
    first, second = task.checklist[0], task.checklist[1]
    window.detail.select_item(first.id)
    editor = window.detail.editor
    assert editor.item_id == first.id and editor.save.isEnabled()

    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # &2 Non-compliant
    editor.note.setPlainText("后厨<b>冰箱</b> & 生熟混放，见照片1")
    editor.corrected.setChecked(True)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait_op(qtbot, window)

    result = get_results(window.profile, task_id)[first.id]
    assert result.outcome == Outcome.NONCOMPLIANT
    assert result.note == "后厨<b>冰箱</b> & 生熟混放，见照片1"
    assert result.corrected_on_site is True
    # the editor moved on to the next item, and the list shows the progress
    assert window.detail.editor.item_id == second.id
    assert window.model.data(
        window.proxy.mapToSource(window.table.currentIndex()).siblingAtColumn(3)
    ) == (f"1/{len(task.checklist)}")


def test_saving_without_an_outcome_is_explained_not_sent(qtbot, window: MainWindow) -> None:
    task_id = _check_in(qtbot, window)
    item = window.detail.task.checklist[0]
    window.detail.select_item(item.id)
    window.detail.editor.save.click()
    assert "1–4" in window.detail.editor.evidence.text()
    assert get_results(window.profile, task_id) == {}


def test_attach_a_photo(qtbot, window: MainWindow, tmp_path: Path) -> None:
    task_id = _check_in(qtbot, window)
    item = window.detail.task.checklist[2]
    window.detail.select_item(item.id)
    photo = tmp_path / "fridge.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "JPEG")
    photo.write_bytes(buf.getvalue())
    window.detail.editor.photo_requested.emit(item.id, str(photo))
    _wait_op(qtbot, window)
    result = get_results(window.profile, task_id)[item.id]
    assert len(result.evidence) == 1
    assert window.profile.blobs.read(result.evidence[0]) == photo.read_bytes()
    assert window.detail.editor.evidence.text().endswith("1")


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    task_id = _check_in(qtbot, window)
    item = window.detail.task.checklist[0]
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a photo")
    window.detail.editor.photo_requested.emit(item.id, str(bogus))
    _wait_op(qtbot, window)
    assert window.warnings, "the user is told why"
    assert get_results(window.profile, task_id) == {}


def test_complete_refuses_missing_items_then_completes(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    task_id = _check_in(qtbot, window)
    window.complete_action.trigger()
    _wait_op(qtbot, window)
    assert window.warnings and window.detail.task.status == TaskStatus.IN_PROGRESS

    from inspector_app.services import record_item_result

    for item in window.detail.task.checklist:
        record_item_result(window.profile, task_id, item.id, outcome=Outcome.COMPLIANT)
    window.refresh()
    window.complete_action.trigger()
    _wait_op(qtbot, window)
    assert get_task(window.profile, task_id).status == TaskStatus.COMPLETED
    assert not window.complete_action.isEnabled()

    # A change after completion asks for a reason and keeps it.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("当事人补充提供了台账", True))
    item = window.detail.task.checklist[0]
    window.detail.select_item(item.id)
    window.detail.editor.outcome_buttons[Outcome.NONCOMPLIANT].setChecked(True)
    window.detail.editor.save.click()
    _wait_op(qtbot, window)
    assert get_results(window.profile, task_id)[item.id].outcome == Outcome.NONCOMPLIANT
