"""Syncing from the main window against a real embedded server, and the demo start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from inspector_app.app import start_demo
from inspector_app.domain.entities import Outcome
from inspector_app.services import list_tasks, open_profile, record_item_result, start_inspection
from inspector_app.services.demo import demo_dataset
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.session.sign_in import SignInDialog
from inspector_server.embedded import start_embedded


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    embedded = start_embedded(tmp_path_factory.mktemp("server"))
    yield embedded
    embedded.stop()


def _team_tasks(username: str) -> set[str]:
    data = demo_dataset()
    me = data.inspector(username)
    return {t.id for t in data.tasks if me.id in t.inspector_ids}


def test_sync_asks_to_sign_in_then_downloads_the_teams_tasks(
    qtbot, server, tmp_path: Path, monkeypatch
) -> None:
    typed: list[tuple[str, str]] = []

    def fake_exec(dialog: SignInDialog) -> bool:
        typed.append((dialog.server.text(), dialog.username.text()))
        dialog.username.setText("inspector2")
        dialog.password.setText("demo")
        dialog.buttons.accepted.emit()  # what Enter or the Sign in button does
        qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=20_000)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(SignInDialog, "exec", fake_exec)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: errors.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: errors.append(text))
    with open_profile(tmp_path / "laptop") as profile:
        window = MainWindow(profile, server_url=server.url)
        qtbot.addWidget(window)
        assert window.model.rowCount() == 0
        window.sync_action.trigger()
        qtbot.waitUntil(lambda: window.model.rowCount() > 0 or bool(errors), timeout=20_000)
        assert errors == []
        qtbot.waitUntil(lambda: window.sync_action.isEnabled(), timeout=20_000)
        assert typed == [(server.url, "")]
        assert {t.id for t in list_tasks(profile)} == _team_tasks("inspector2")
        assert (
            "Synced" in window.statusBar().currentMessage() or window.statusBar().currentMessage()
        )


def test_demo_start_signs_in_and_syncs_and_work_goes_up(tmp_path: Path) -> None:
    with open_profile(tmp_path / "demo") as profile:
        demo_server = start_demo(profile)
        try:
            assert demo_server is not None
            assert {t.id for t in list_tasks(profile)} == _team_tasks("inspector1")
            task_id = list_tasks(profile)[0].id
            start_inspection(profile, task_id)
            first = profile.db  # keep a handle: the same profile syncs again below
            assert first is profile.db
            from inspector_app.services import get_task, sync

            item = get_task(profile, task_id).checklist[0]
            record_item_result(profile, task_id, item.id, outcome=Outcome.COMPLIANT)
            report = sync(profile)
            assert report.exit_code == 0, report.summary()
            assert report.applied >= 2  # the check-in and the result
        finally:
            if demo_server is not None:
                demo_server.stop()


def test_a_save_in_the_window_never_overwrites_what_a_headless_sync_brought(
    qtbot, server, tmp_path: Path, monkeypatch
) -> None:
    """The window shows A's finding; a scheduled ``inspector-app sync`` (another process of
    the same profile) then brings B's newer version, which the window does not show. What
    the inspector saves in the window is made on the version shown: the server keeps
    both, and both laptops show the conflict for a person to settle."""
    from inspector_app.services import get_task, list_conflicts, login, sync

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    with open_profile(tmp_path / "a") as a, open_profile(tmp_path / "b") as b:
        login(a, server.url, "inspector1", "demo")
        login(b, server.url, "inspector2", "demo")
        assert sync(a).exit_code == 0
        task_id = sorted(_team_tasks("inspector1") & _team_tasks("inspector2"))[0]
        item = get_task(a, task_id).checklist[0]
        start_inspection(a, task_id)
        record_item_result(a, task_id, item.id, outcome=Outcome.COMPLIANT, note="A: 首次检查")
        assert sync(a).exit_code == 0 and sync(b).exit_code == 0

        window = MainWindow(a, server_url=server.url)
        qtbot.addWidget(window)
        window.select_task(task_id)
        window.detail.select_item(item.id)
        editor = window.detail.editor
        assert editor.note.toPlainText() == "A: 首次检查"

        record_item_result(
            b, task_id, item.id, outcome=Outcome.NONCOMPLIANT, note="B: 冷藏柜 8℃，超标"
        )
        assert sync(b).exit_code == 0
        with open_profile(tmp_path / "a") as headless:  # the window is not told
            assert sync(headless).unreachable is None

        editor.outcome_buttons[Outcome.NONCOMPLIANT].setChecked(True)
        editor.note.setPlainText("A: 补充：冷藏柜温度已调整")
        editor.save.click()
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)
        assert warnings == []
        window.ops.wait()

        for p in (a, b, a):
            sync(p)
        rid = f"{task_id}:{item.id}"
        for p in (a, b):
            shown = [c for c in list_conflicts(p) if c.entity_id == rid]
            assert len(shown) == 1, p.folder.name
            notes = {shown[0].local["data"]["note"], shown[0].remote["data"]["note"]}
            assert notes == {"A: 补充：冷藏柜温度已调整", "B: 冷藏柜 8℃，超标"}
