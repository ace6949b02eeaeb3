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
