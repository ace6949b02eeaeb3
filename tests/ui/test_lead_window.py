"""The team lead's window against a real server on loopback (issue 14, Review): the
queue of submitted visits, a return with item comments, the inspector's correction on
their own laptop (a second profile), the approval; and a decision refused on the laptop
that never stays on screen as saved.

Real widgets, real SQLite profiles, a real server; Qt warnings fail the test.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from inspector_app.domain.entities import Outcome, Role, TaskStatus
from inspector_app.services import (
    approve,
    complete_inspection,
    get_task,
    record_item_result,
    review_history,
    start_inspection,
    submit_inspection,
    sync,
)
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.lead.window import LeadPage, LeadWindow
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.session.roles import WindowContext, default_windows
from inspector_app.ui.settings.hub import SettingsHub
from inspector_server.embedded import start_embedded


def _load(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


rw = _load("reviewworld", Path(__file__).with_name("reviewworld.py"))
laptop, fresh_task, visit, show_task, window_sync = (
    rw.laptop,
    rw.fresh_task,
    rw.visit,
    rw.show_task,
    rw.window_sync,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    embedded = start_embedded(tmp_path_factory.mktemp("server"))
    yield embedded
    embedded.stop()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: seen.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    return seen


def test_a_lead_gets_the_leads_window(qtbot: Any, server: Any, tmp_path: Path) -> None:
    with laptop(tmp_path / "lead", server.url, "lead") as lead:
        factory = default_windows()[Role.TEAM_LEAD]
        window = factory(lead, WindowContext(SettingsHub.load(), server.url))
        qtbot.addWidget(window)
        assert isinstance(window, LeadWindow)
        # Nothing of a visit is editable in it: no recording, no check-in.
        names = {a.objectName() for a in window.actions()}
        assert {"approve", "return-visit", "sync"} <= names
        assert not names & {"save-result", "check-in", "complete"}
        # The lead's figures: File > Statistics… opens them in a window of their own.
        from PySide6.QtWidgets import QApplication

        from inspector_app.ui.stats.dialog import StatisticsDialog

        window.file_actions.by_name("statistics").trigger()
        opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, StatisticsDialog)]
        assert len(opened) == 1 and opened[0].isVisible()
        opened[0].page.ops.wait()
        opened[0].close()
        # F3: the offline search of provisions, rule packs and check items.
        from inspector_app.ui.lookup.page import LookupDialog

        window.help_actions.by_name("lookup").trigger()
        found = window.findChild(LookupDialog, "lookup-dialog")
        assert found is not None and found.isVisible()
        found.close()
        # The place where Search and Statistics join: a tab, a menu, a Go entry.
        from PySide6.QtWidgets import QLabel

        from inspector_app.ui.actions import PageActions

        extra = PageActions("&Search", window)
        extra.add("search-here", "Search", "Ctrl+Shift+F", lambda: None)
        window.add_page(LeadPage(QLabel("search"), "Search", extra))
        assert window.tabs.count() == 2
        assert "&Search" in [a.text() for a in window.menuBar().actions()]
        go = window.go_actions.by_name("go-2")
        go.trigger()
        assert window.tabs.currentIndex() == 1
        assert go.shortcut().toString() == "Ctrl+2"


def test_toolbar_buttons_show_no_mnemonic_and_menus_keep_it(
    qtbot: Any, server: Any, tmp_path: Path
) -> None:
    """In Chinese a mnemonic reads "通过(&A)": the lead's toolbar shows "通过", the menu
    keeps "通过(&A)" (as the inspector's window does, tests/ui/test_main_window.py)."""
    from PySide6.QtWidgets import QApplication, QToolButton

    translator = install_translator(QApplication.instance(), "zh_CN")
    try:
        with laptop(tmp_path / "lead", server.url, "lead") as lead:
            window = LeadWindow(lead, server_url=server.url)
            qtbot.addWidget(window)
            buttons = [b for b in window.toolbar.findChildren(QToolButton) if b.text()]
            assert len(buttons) >= 3  # approve, return, sync
            for button in buttons:
                assert "(" not in button.text() and "&" not in button.text(), button.text()
            on_bar = {a.objectName(): a for a in window.toolbar.actions()}
            approve, back = on_bar["approve"], on_bar["return-visit"]
            assert approve.text() == "通过(&A)" and approve.iconText() == "通过"
            assert back.text() == "退回并附意见(&T)" and back.iconText() == "退回并附意见"
            in_menus = [
                action
                for entry in window.menuBar().actions()
                if entry.menu() is not None
                for action in entry.menu().actions()
            ]
            assert approve in in_menus and back in in_menus
    finally:
        QApplication.instance().removeTranslator(translator)


def test_return_with_item_comments_correction_then_approval(
    qtbot: Any, server: Any, tmp_path: Path, warnings: list[str]
) -> None:
    one = laptop(tmp_path / "inspector1", server.url, "inspector1")
    lead = laptop(tmp_path / "lead", server.url, "lead")
    try:
        assert sync(one).exit_code == 0
        task = fresh_task(one)
        first = get_task(one, task).checklist[0]
        visit(one, task, photo=rw.jpeg(3))

        # The inspector submits from the window (after completion only).
        inspector = MainWindow(one, server_url=server.url)
        qtbot.addWidget(inspector)
        show_task(qtbot, inspector, task)
        submit = inspector.visit.review.submit_action
        assert submit.isEnabled() and submit.shortcut().toString() == "Ctrl+Shift+S"
        submit.trigger()
        qtbot.waitUntil(lambda: inspector.visit.status is TaskStatus.SUBMITTED)
        assert not submit.isEnabled()
        window_sync(qtbot, inspector)

        # The lead's queue, the visit opened whole.
        window = LeadWindow(lead, server_url=server.url)
        qtbot.addWidget(window)
        window_sync(qtbot, window)
        qtbot.waitUntil(lambda: task in window.queue.task_ids())
        assert "waiting" in window.queue.counts.text()
        assert window.queue.select_task(task)
        page = window.review
        qtbot.waitUntil(lambda: page.task_id == task)
        assert page.visit is not None and page.visit.refusal is None
        assert page.items.topLevelItem(0).text(page.RESULT) == "Non-compliant"
        assert page.approve_action.isEnabled() and page.return_action.isEnabled()
        assert page.photos.photos() and page.documents.count() >= 1
        # Filters: a visit without non-compliance is hidden by "Non-compliant only".
        window.queue.noncompliant.setChecked(True)
        assert task in window.queue.task_ids()
        window.queue.search.setText("no such business at all")
        assert window.queue.task_ids() == []
        window.queue.search.clear()
        window.queue.noncompliant.setChecked(False)
        assert window.queue.select_task(task)

        # A return needs a comment: nothing is stored without one.
        page.return_action.trigger()
        assert "Say what to correct" in page.message.text()
        assert review_history(lead, task) == []
        page.set_item_comment(first.id, "写明未亮证的位置")
        page.overall.setPlainText("请补充整改要求")
        assert page.items.topLevelItem(0).text(page.COMMENT) == "写明未亮证的位置"
        page.return_action.trigger()
        qtbot.waitUntil(lambda: task not in window.queue.task_ids())
        (entry,) = review_history(lead, task)
        assert entry.decision == "returned" and entry.state == "waiting"
        assert entry.item_comments == ((first.id, "写明未亮证的位置"),)
        window_sync(qtbot, window)
        assert review_history(lead, task)[0].state == "sent"

        # The inspector's laptop: the return with the comments beside the items.
        window_sync(qtbot, inspector)
        qtbot.waitUntil(lambda: inspector.visit.status is TaskStatus.RETURNED)
        banner = inspector.visit.review.banner
        assert not banner.isHidden() and "请补充整改要求" in banner.text()
        assert inspector.visit.checklist.item_note(first.id) == "写明未亮证的位置"
        inspector.visit.checklist.select_item(first.id)
        label = inspector.visit.review.item_comment
        assert not label.isHidden() and "写明未亮证的位置" in label.text()
        assert not inspector.visit.review.submit_action.isEnabled()

        # Corrected (check in again, record, complete), submitted from the window.
        start_inspection(one, task)
        record_item_result(
            one, task, first.id, outcome=Outcome.NONCOMPLIANT, note="未在店门口醒目位置亮证"
        )
        complete_inspection(one, task)
        inspector.refresh()
        qtbot.waitUntil(lambda: inspector.visit.status is TaskStatus.COMPLETED)
        assert not banner.isHidden()  # still shown while correcting
        inspector.visit.review.submit_action.trigger()
        qtbot.waitUntil(lambda: inspector.visit.status is TaskStatus.SUBMITTED)
        assert banner.isHidden()
        window_sync(qtbot, inspector)

        # Round 2 in the lead's queue; the earlier comment beside its item; approved.
        window_sync(qtbot, window)
        qtbot.waitUntil(lambda: task in window.queue.task_ids())
        assert window.queue.select_task(task)
        qtbot.waitUntil(lambda: page.task_id == task)
        assert page.visit is not None and page.visit.round == 2
        assert "写明未亮证的位置" in page.items.topLevelItem(0).text(page.COMMENT)
        page.overall.setPlainText("同意")
        page.approve_action.trigger()
        qtbot.waitUntil(lambda: task not in window.queue.task_ids())
        window_sync(qtbot, window)
        assert [(r.round, r.decision, r.state) for r in review_history(lead, task)] == [
            (1, "returned", "sent"),
            (2, "approved", "sent"),
        ]
        window_sync(qtbot, inspector)
        qtbot.waitUntil(lambda: inspector.visit.status is TaskStatus.APPROVED)
        assert warnings == []
        window.close()
        inspector.close()
    finally:
        one.close()
        lead.close()


def test_a_refused_decision_never_stays_on_screen_as_saved(
    qtbot: Any, server: Any, tmp_path: Path, warnings: list[str]
) -> None:
    one = laptop(tmp_path / "inspector1", server.url, "inspector1")
    lead = laptop(tmp_path / "lead", server.url, "lead")
    try:
        assert sync(one).exit_code == 0
        task = fresh_task(one)
        visit(one, task)
        submit_inspection(one, task)
        assert sync(one).exit_code == 0 and sync(lead).exit_code == 0
        window = LeadWindow(lead, server_url=server.url)
        qtbot.addWidget(window)
        assert window.queue.select_task(task)
        page = window.review
        qtbot.waitUntil(lambda: page.task_id == task)
        page.overall.setPlainText("退回重查")
        # Meanwhile the visit was approved on this laptop by another way (the CLI).
        approve(lead, task, "同意")
        page.return_action.trigger()
        qtbot.waitUntil(lambda: "Not saved" in page.message.text())
        # The page read the stored state again: the return is not shown, the reason is,
        # where the lead acted (no dialog on top of it).
        assert warnings == []
        assert page.visit is not None and page.visit.refusal is not None
        assert not page.return_action.isEnabled() and not page.approve_action.isEnabled()
        assert not page.refusal.isHidden() and page.refusal.text()
        assert [r.decision for r in review_history(lead, task)] == ["approved"]
        assert "approved" in page.history.item(0).text()
        window.close()
    finally:
        one.close()
        lead.close()


def test_a_review_the_server_refuses_shows_as_refused_and_the_visit_waits_again(
    qtbot: Any, tmp_path: Path, warnings: list[str]
) -> None:
    """A lead whose sign-in said they led the team (since handed back) reviews; the
    server refuses it at sync. The window then shows the review as refused with the
    server's reason and the visit back in the queue: nothing refused shows as saved."""
    from sqlalchemy import select

    from inspector_server.core.db import write_session
    from inspector_server.core.security import PasswordHashing
    from inspector_server.models import Team, User
    from inspector_server.services import accounts

    sw = _load("uiworld", Path(__file__).with_name("uiworld.py")).syncworld()
    settings = sw.demo_settings(tmp_path / "server")
    sw.prepare(settings)
    live = sw.start_server(settings)

    def set_lead(username: str) -> None:
        with write_session(live.factory) as s:
            team = s.get(Team, sw.TEAM_1)
            assert team is not None
            team.lead_id = s.scalar(select(User.id).where(User.username == username))

    with write_session(live.factory) as s:
        accounts.create_user(
            s,
            PasswordHashing(live.settings),
            username="lead_b",
            role="team_lead",
            password=rw.DEMO_PASSWORD,
            display_name="周组长",
            department_code="SZSCJG",
            badge_no="19030010219",
            is_demo=True,
        )
    one = laptop(tmp_path / "one", live.url, "inspector1")
    try:
        assert sync(one).exit_code == 0
        task = fresh_task(one)
        visit(one, task)
        submit_inspection(one, task)
        assert sync(one).exit_code == 0
        set_lead("lead_b")
        stale = laptop(tmp_path / "lead_b", live.url, "lead_b")
        assert sync(stale).exit_code == 0
        set_lead("lead")  # handed back before lead_b syncs again
        window = LeadWindow(stale, server_url=live.url)
        qtbot.addWidget(window)
        assert window.queue.select_task(task)
        page = window.review
        qtbot.waitUntil(lambda: page.task_id == task)
        page.approve_action.trigger()
        qtbot.waitUntil(lambda: task not in window.queue.task_ids())
        reports: list[Any] = []
        window.sync.synced.connect(reports.append)
        qtbot.waitUntil(lambda: not window.sync.busy, timeout=30_000)
        window.sync_action.trigger()
        qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
        assert reports[0].exit_code == 1  # refused, said
        (entry,) = review_history(stale, task)
        assert entry.state == "refused"
        # The visit waits again, and its page says the approval was refused, and why.
        qtbot.waitUntil(lambda: task in window.queue.task_ids())
        assert window.queue.select_task(task)
        qtbot.waitUntil(lambda: page.task_id == task)
        line = page.history.item(0).text()
        assert "refused by the server" in line and entry.refused_reason in line
        assert window.sync.rejected_action.isEnabled()
        window.close()
        stale.close()
    finally:
        one.close()
        live.stop()


def test_the_session_gives_a_lead_the_leads_window_with_lock_and_sign_out(
    qtbot: Any, server: Any, tmp_path: Path
) -> None:
    from inspector_app.services.settings import Settings
    from inspector_app.ui.actions import shortcut_rows
    from inspector_app.ui.session.controller import SessionController

    hub = SettingsHub(Settings.load(tmp_path / "settings.json"))
    controller = SessionController(hub)
    lead = laptop(tmp_path / "lead", server.url, "lead")
    try:
        window = controller.show_window(lead)
        assert isinstance(window, LeadWindow)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles.index("&Account") == len(titles) - 2  # before Help
        assert "赵振华" in window.windowTitle()
        controller.lock()
        assert controller.locked
        # Every shortcut of the window once, and shown in Help > Keyboard shortcuts.
        rows = shortcut_rows(window.shortcut_pages())
        keys = [k for _menu, _text, k in rows if k]
        assert len(keys) == len(set(keys)), sorted(keys)
        assert ("Review", "Approve", "Ctrl+Shift+A") in rows
        assert ("Account", "Lock", "Ctrl+L") in rows
    finally:
        controller.shutdown()
