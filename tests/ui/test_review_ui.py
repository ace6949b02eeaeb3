"""The review on the inspector's laptop, in the window (issue 13/14): Submit for review,
and the on-site co-review: the team lead signs in here once with a network, then on
site, offline, unlocks with their own password, returns the visit with item comments;
the laptop's next sync sends it as the lead's, and the return shows beside the items.

Real widgets, a real server on loopback (stopped and started again on the same port),
real SQLite profiles; Qt warnings fail the test.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from inspector_app.domain.entities import TaskStatus
from inspector_app.services import co_reviewers, get_task, review_history, sync
from inspector_app.ui.actions import shortcut_rows
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.visit.review import CoReviewDialog, CoReviewSignIn


def _load(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


uiworld = _load("uiworld", Path(__file__).with_name("uiworld.py"))
world = uiworld.syncworld()
lead_tests = _load("reviewworld", Path(__file__).with_name("reviewworld.py"))


@pytest.fixture
def answers() -> Any:
    a = uiworld.Answers()
    yield a
    a.stop()
    assert (a.queue, a.missed, a.unexpected) == ([], [], [])


def _sync_in(qtbot: Any, window: MainWindow) -> Any:
    reports: list[Any] = []
    window.sync.synced.connect(reports.append)
    qtbot.waitUntil(lambda: window.sync.started and not window.sync.busy, timeout=30_000)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=60_000)
    window.sync.synced.disconnect(reports.append)
    return reports[0]


def test_co_review_offline_with_the_leads_own_unlock_synced_later(
    qtbot: Any, tmp_path: Path, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    settings = world.demo_settings(tmp_path / "server")
    world.prepare(settings)
    live = world.start_server(settings)
    one = world.laptop(tmp_path / "inspector1", live.url, "inspector1")
    try:
        assert sync(one).exit_code == 0
        task = lead_tests.fresh_task(one)
        item = get_task(one, task).checklist[0]
        lead_tests.visit(one, task)
        window = MainWindow(one, server_url=live.url)
        qtbot.addWidget(window)
        lead_tests.show_task(qtbot, window, task)
        review = window.visit.review
        assert not review.co_review_action.isEnabled()  # only a submitted visit
        rows = {(menu, text): keys for menu, text, keys in shortcut_rows(window.shortcut_pages())}
        assert rows[("Visit", "Submit for review")] == "Ctrl+Shift+S"
        assert rows[("Visit", "Co-review on this laptop")] == "Ctrl+Alt+Shift+R"
        review.submit_action.trigger()
        qtbot.waitUntil(lambda: window.visit.status is TaskStatus.SUBMITTED)
        assert review.co_review_action.isEnabled()

        messages: list[str] = []

        def unlock_with(*passwords: str, username: str = "lead") -> Any:
            def act(dialog: CoReviewSignIn) -> None:
                dialog.username.setCurrentText(username)
                for password in passwords[:-1]:
                    dialog.password.setText(password)
                    dialog.password.returnPressed.emit()  # Enter
                    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=30_000)
                    messages.append(dialog.message.text())
                dialog.password.setText(passwords[-1])
                dialog.password.returnPressed.emit()

            return act

        # With a network, the lead signs in on this laptop once (a wrong password first).
        def look_and_lock(dialog: CoReviewDialog) -> None:
            qtbot.waitUntil(lambda: dialog.review.visit is not None)
            assert dialog.review.approve_action.isEnabled()
            assert "赵振华" in dialog.windowTitle()
            dialog.reject()

        answers.expect(CoReviewSignIn, unlock_with("guess", "demo"))
        answers.expect(CoReviewDialog, look_and_lock)
        review.co_review_action.trigger()
        assert answers.seen == ["CoReviewSignIn", "CoReviewDialog"]
        assert messages and messages[0]  # the refusal, in words
        assert co_reviewers(one) == ["lead"]

        # On site: no network. The lead's own password, checked on this laptop.
        live.stop()

        def return_with_comments(dialog: CoReviewDialog) -> None:
            page = dialog.review
            qtbot.waitUntil(lambda: page.visit is not None)
            page.set_item_comment(item.id, "写明未亮证的位置")
            page.overall.setPlainText("现场复核：补充整改期限")
            page.return_action.trigger()
            qtbot.waitUntil(lambda: page.visit is not None and page.visit.refusal is not None)
            assert "Returned" in page.message.text()
            dialog.reject()

        messages.clear()
        answers.expect(CoReviewSignIn, unlock_with("guess", "demo"))
        answers.expect(CoReviewDialog, return_with_comments)
        review.co_review_action.trigger()
        assert "Wrong password" in messages[0]
        # The server decides: still submitted here until it has heard of the return; the
        # comments show at once, said to wait for the server.
        assert window.visit.status is TaskStatus.SUBMITTED
        assert not review.banner.isHidden() and "现场复核：补充整改期限" in review.banner.text()
        assert "next sync" in review.banner.text()
        assert window.visit.checklist.item_note(item.id) == "写明未亮证的位置"
        offline = _sync_in(qtbot, window)
        assert offline.unreachable is not None

        # Back in the office: the next sync sends the lead's review as the lead's.
        live = world.start_server(settings, port=live.port)
        report = _sync_in(qtbot, window)
        assert report.exit_code == 0, report.summary()
        qtbot.waitUntil(lambda: window.visit.status is TaskStatus.RETURNED, timeout=20_000)
        assert not review.banner.isHidden() and "现场复核：补充整改期限" in review.banner.text()
        assert window.visit.checklist.item_note(item.id) == "写明未亮证的位置"
        (entry,) = review_history(one, task)
        assert entry.decision == "returned" and entry.state == "sent"
        from inspector_server.models import Record, User

        with live.factory() as s:
            record = s.get(Record, ("review", entry.id))
            lead_id = s.scalar(select(User.id).where(User.username == "lead"))
        assert record is not None and record.data["reviewer_id"] == str(lead_id)
        assert record.data["device_id"] != one.device_id
        assert warnings == []
        window.close()
    finally:
        one.close()
        live.stop()
