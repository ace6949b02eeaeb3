"""Recording in the window, by keyboard: check in, outcome, note, photo, save, next item."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from inspector_app.domain.entities import (
    MeasurementKind,
    MeasurementSpec,
    ObserverKind,
    Outcome,
    TaskStatus,
)
from inspector_app.services import (
    Changes,
    get_results,
    get_task,
    import_tasks,
    open_profile,
    record_item_result,
)
from inspector_app.services.demo import demo_tasks, load_demo
from inspector_app.services.visit import get_visit
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.visit.check_in import CheckInDialog
from inspector_app.ui.visit.provisions import ProvisionDialog


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(qtbot, profile, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    w = _open(qtbot, profile)
    w.warnings = warnings  # type: ignore[attr-defined]
    yield w
    w.ops.wait()


def _open(qtbot, profile) -> MainWindow:
    w = MainWindow(profile)
    qtbot.addWidget(w)
    # The task page fills once its services have loaded in the background.
    qtbot.waitUntil(lambda: w.visit.task is not None)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def _wait_op(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)


def _when_modal(qtbot, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog as soon as it is up (it blocks in exec())."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # Keys reach a dialog's shortcuts (its &-mnemonics) once it is the active window.
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog.isActiveWindow():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _key(qtbot, window: MainWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, mods)


def _check_in_by_keyboard(qtbot, window: MainWindow, *, observer: bool = False) -> str:
    task_id = window.current_task_id()
    assert task_id is not None

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CheckInDialog)
        if observer:
            dialog.append_observer(ObserverKind.NPC_DEPUTY)
            dialog.observers.item(0, 1).setText("Zhang")
            dialog.observers.item(0, 2).setText("Futian NPC")
        qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # Check &in

    _when_modal(qtbot, fill)
    _key(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    _wait_op(qtbot, window)
    assert window.visit.status is TaskStatus.IN_PROGRESS
    # A window manager gives the activation back to the window when the dialog closes;
    # the offscreen platform needs to be told.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return task_id


def _photo(tmp_path: Path, name: str = "fridge.jpg") -> Path:
    path = tmp_path / name
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def test_record_by_keyboard_alone_with_a_photo_attached_mid_entry(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    photo = _photo(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    _key(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # the task list
    task_id = _check_in_by_keyboard(qtbot, window)
    editor = window.visit.editor
    order = window.visit.checklist.item_order()
    first, second = order[0], order[1]
    assert editor.item_id == first and editor.save.isEnabled()

    _key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Non-compliant
    assert QApplication.focusWidget() is editor.outcome_buttons[Outcome.NONCOMPLIANT]
    _key(qtbot, window, Qt.Key.Key_Tab)  # on to the note
    assert QApplication.focusWidget() is editor.note
    qtbot.keyClicks(editor.note, "raw and cooked food mixed in the fridge, photo 1")
    _key(
        qtbot,
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    _wait_op(qtbot, window)
    qtbot.waitUntil(lambda: len(editor.photos.photos()) == 1)
    # The photo is stored, and nothing typed was thrown away.
    assert editor.note.toPlainText() == "raw and cooked food mixed in the fridge, photo 1"
    assert editor.outcome_buttons[Outcome.NONCOMPLIANT].isChecked()
    assert editor.dirty

    editor.corrected.setFocus()
    _key(qtbot, window, Qt.Key.Key_Space)  # corrected on the spot
    _key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait_op(qtbot, window)

    result = get_results(window.profile, task_id)[first]
    assert result.outcome is Outcome.NONCOMPLIANT
    assert result.note == "raw and cooked food mixed in the fridge, photo 1"
    assert result.corrected_on_site is True
    assert len(result.evidence) == 1
    assert window.profile.blobs.read(result.evidence[0]) == photo.read_bytes()
    # Ready for the next item: it is shown and its first field has the focus.
    assert editor.item_id == second and not editor.dirty
    assert QApplication.focusWidget() is editor.outcome_buttons[Outcome.COMPLIANT]
    row = window.model.row_of(task_id)
    assert window.model.task_at(row).n_done == 1


def test_a_photo_dropped_on_the_strip_is_attached(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    task_id = _check_in_by_keyboard(qtbot, window)
    editor = window.visit.editor
    editor.note.setPlainText("见照片")
    photo = _photo(tmp_path, "drop.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    strip = editor.photos
    # A drop lands on the viewport, the widget under the pointer.
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert strip.viewport().acceptDrops()
    with warnings.catch_warnings():  # Qt 6 keeps only this (deprecated) QPoint constructor
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), *args)
    QApplication.sendEvent(strip.viewport(), enter)  # Qt delivers a drop where the drag entered
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), *args)
    QApplication.sendEvent(strip.viewport(), drop)
    assert drop.isAccepted()
    _wait_op(qtbot, window)
    result = get_results(window.profile, task_id)[editor.item_id]
    assert len(result.evidence) == 1
    assert editor.note.toPlainText() == "见照片"


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    task_id = _check_in_by_keyboard(qtbot, window)
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a photo")
    window.visit.attach_photos(window.visit.editor.item_id, [str(bogus)])
    _wait_op(qtbot, window)
    assert window.warnings, "the user is told why"
    assert get_results(window.profile, task_id) == {}


def test_saving_without_an_outcome_is_explained_not_sent(qtbot, window: MainWindow) -> None:
    task_id = _check_in_by_keyboard(qtbot, window)
    window.visit.editor.save.click()
    assert "Alt+1" in window.visit.editor.message.text()
    assert get_results(window.profile, task_id) == {}


def test_check_in_records_the_people_present_and_observers(qtbot, window: MainWindow) -> None:
    task_id = _check_in_by_keyboard(qtbot, window, observer=True)
    visit = get_visit(window.profile, task_id)
    assert visit is not None
    task = get_task(window.profile, task_id)
    assert visit.present == (f"{task.business.legal_rep} (legal representative)",)
    assert [(o.kind, o.name, o.organisation) for o in visit.observers] == [
        (ObserverKind.NPC_DEPUTY, "Zhang", "Futian NPC")
    ]
    assert "Zhang" in window.visit.card.header.text()


def test_complete_refuses_missing_items_then_completes(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    task_id = _check_in_by_keyboard(qtbot, window)
    window.complete_action.trigger()
    _wait_op(qtbot, window)
    assert window.warnings and window.visit.status is TaskStatus.IN_PROGRESS

    changes = Changes()
    for item in get_task(window.profile, task_id).checklist:
        changes |= record_item_result(window.profile, task_id, item.id, outcome=Outcome.COMPLIANT)
    window.data_changed.emit(changes)
    window.complete_action.trigger()
    _wait_op(qtbot, window)
    assert get_task(window.profile, task_id).status == TaskStatus.COMPLETED
    assert not window.complete_action.isEnabled()

    # A change after completion asks for a reason and keeps it.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("当事人补充提供了台账", True))
    editor = window.visit.editor
    editor.choose_outcome(Outcome.NONCOMPLIANT)
    item_id = editor.item_id
    editor.request_save()
    _wait_op(qtbot, window)
    assert get_results(window.profile, task_id)[item_id].outcome == Outcome.NONCOMPLIANT


def test_what_was_typed_survives_a_close_and_is_offered_back(qtbot, profile, monkeypatch) -> None:
    window = _open(qtbot, profile)
    task_id = _check_in_by_keyboard(qtbot, window)
    editor = window.visit.editor
    item_id = editor.item_id
    editor.choose_outcome(Outcome.NOT_APPLICABLE)
    editor.note.setPlainText("店内未经营该项目")
    window.close()  # no save

    again = _open(qtbot, profile)
    assert again.current_task_id() == task_id
    shown = again.visit.editor
    assert shown.item_id == item_id
    assert shown.draft_banner.isVisibleTo(again) and shown.note.toPlainText() == ""
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(shown, Qt.Key.Key_R, mods)  # Restore the kept entry
    assert shown.note.toPlainText() == "店内未经营该项目"
    assert shown.outcome_buttons[Outcome.NOT_APPLICABLE].isChecked()
    shown.request_save()
    _wait_op(qtbot, again)
    assert get_results(profile, task_id)[item_id].note == "店内未经营该项目"
    assert again.drafts.get(task_id, item_id) is None  # saved: the draft is gone


def test_a_sync_keeps_what_is_being_typed(qtbot, window: MainWindow) -> None:
    _check_in_by_keyboard(qtbot, window)
    editor = window.visit.editor
    editor.choose_outcome(Outcome.COMPLIANT)
    editor.note.setPlainText("typed before the sync")
    window.data_changed.emit(Changes(outbox=True))  # what a finished sync emits
    assert editor.note.toPlainText() == "typed before the sync"
    assert editor.outcome_buttons[Outcome.COMPLIANT].isChecked()


def test_ctrl_shift_l_shows_the_provision_an_item_cites(qtbot, window: MainWindow) -> None:
    task = get_task(window.profile, window.current_task_id())
    item = next(
        i for i in task.checklist if any("食品生产经营监督检查管理办法" in b for b in i.legal_basis)
    )
    window.visit.checklist.select_item(item.id)
    seen: list[str] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, ProvisionDialog)
        seen.append(dialog.text.toPlainText())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _when_modal(qtbot, read)
    _key(
        qtbot,
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(seen))
    (text,) = seen
    assert "食品生产经营监督检查管理办法" in text and "2021-12-24" in text


def test_typed_measurements_where_the_checklist_says_what_is_measured(
    qtbot, tmp_path: Path
) -> None:
    base = demo_tasks()[0]
    fridge = replace(
        base.checklist[0],
        measurements=(
            MeasurementSpec("fridge_temp", "冷藏温度", MeasurementKind.NUMBER, "°C", 0, 8),
        ),
    )
    task = replace(base, rev=base.rev + 1, checklist=(fridge, *base.checklist[1:]))
    with open_profile(tmp_path / "m") as profile:
        load_demo(profile)
        import_tasks(profile, [task])
        window = _open(qtbot, profile)
        window.select_task(task.id)
        _check_in_by_keyboard(qtbot, window)
        window.visit.checklist.select_item(fridge.id)
        editor = window.visit.editor
        box = editor.measurements._fields["fridge_temp"]
        box.setValue(4.5)
        editor.measurements.add_free_row()
        editor.measurements.free.item(0, 0).setText("湿度")
        editor.measurements.free.item(0, 1).setText("60")
        editor.choose_outcome(Outcome.COMPLIANT)
        editor.request_save()
        _wait_op(qtbot, window)
        saved = get_results(profile, task.id)[fridge.id]
        assert saved.measurements == {"fridge_temp": 4.5, "湿度": 60}


def test_a_deadline_on_a_rest_day_is_said_and_moved_by_one_key(qtbot, window: MainWindow) -> None:
    """Sunday 2026-12-13 is allowed as a deadline, but the editor says it is a rest day and
    Alt+W moves it to Monday 2026-12-14, leaving the rest of the entry as typed."""
    from datetime import date

    from PySide6.QtCore import QDate

    task_id = _check_in_by_keyboard(qtbot, window)
    editor = window.visit.editor
    item = editor.item_id
    _key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Non-compliant
    _key(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor.note, "no temperature log since Monday")
    _key(qtbot, window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Correct &by
    qtbot.waitUntil(editor.has_deadline.isChecked)  # a mnemonic's click is animated
    deadline = editor.deadline
    deadline.edit.setDate(QDate(2026, 12, 13))  # picked in the calendar: a Sunday

    assert deadline.rest.isVisible() and deadline.to_working_day.isVisible()
    assert deadline.rest.text() == "2026-12-13 is a rest day (Sunday)"
    assert editor.entry().deadline == date(2026, 12, 13)  # allowed as it is
    assert editor.dirty

    _key(qtbot, window, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # next &working day
    qtbot.waitUntil(lambda: deadline.date() == date(2026, 12, 14))
    assert not deadline.rest.isVisible() and not deadline.to_working_day.isVisible()
    assert editor.note.toPlainText() == "no temperature log since Monday"
    assert editor.outcome_buttons[Outcome.NONCOMPLIANT].isChecked()
    assert editor.has_deadline.isChecked() and editor.dirty

    # A holiday is said too (2027-01-01, New Year's Day, a Friday).
    deadline.edit.setDate(QDate(2027, 1, 1))
    assert deadline.rest.text() == "2027-01-01 is a rest day (New Year's Day)"
    deadline.edit.setDate(QDate(2026, 12, 14))

    _key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait_op(qtbot, window)
    result = get_results(window.profile, task_id)[item]
    assert result.deadline == date(2026, 12, 14)
    assert result.note == "no temperature log since Monday"
