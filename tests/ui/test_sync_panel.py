"""Sync in the window, with the real widgets against a real server on loopback: the status
bar's figures, Sync now with progress in items and bytes, an unreachable server, background
sync, the refused changes listed with reasons, and a conflict made by two profiles settled
in the conflict dialog."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    Profile,
    attach_evidence,
    get_results,
    get_task,
    list_conflicts,
    list_tasks,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.services.settings import Settings
from inspector_app.services.sync_status import sync_status
from inspector_app.services.sync_text import human_bytes
from inspector_app.store.repositories import set_state
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import SettingsHub
from inspector_app.ui.sync import ConflictDialog, RejectedDialog


def _uiworld():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    if "uiworld" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "uiworld", Path(__file__).with_name("uiworld.py")
        )
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["uiworld"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["uiworld"]


world = _uiworld().syncworld()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings = world.demo_settings(tmp_path_factory.mktemp("server"))
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


@pytest.fixture
def hub(tmp_path: Path) -> SettingsHub:
    return SettingsHub(Settings.load(tmp_path / "settings.json"))


@pytest.fixture
def laptops(server, tmp_path: Path) -> Iterator:  # type: ignore[no-untyped-def]
    opened: list[Profile] = []

    def make(username: str, name: str) -> Profile:
        profile = world.laptop(tmp_path / name, server.url, username)
        sync(profile)
        opened.append(profile)
        return profile

    yield make
    for p in opened:
        p.close()


@pytest.fixture
def windows(qtbot, hub: SettingsHub, server) -> Iterator:  # type: ignore[no-untyped-def]
    made: list[MainWindow] = []

    def make(profile: Profile) -> MainWindow:
        window = MainWindow(profile, server_url=server.url, settings=hub)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for w in made:
        w.sync.shutdown()
        w.ops.wait()


def _activate(window: QWidget) -> None:
    with warnings.catch_warnings():  # the offscreen platform activates no window itself
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def _fresh_task(profile: Profile) -> str:
    return sorted(t.id for t in list_tasks(profile) if t.status == "assigned")[0]


def test_the_status_bar_figures_and_sync_now_with_progress(qtbot, laptops, windows, server) -> None:
    laptop = laptops("inspector1", "figures")
    window = windows(laptop)
    status = window.sync.status
    qtbot.waitUntil(lambda: status.online.text() == "● Online", timeout=10_000)
    user = laptop.require_user()
    assert status.user.text() == f"{user.display_name} (inspector1)"
    assert status.waiting.text() == "Nothing waiting"
    assert status.last_sync.text().startswith("Last sync ")
    assert not status.rejected.isVisible() and not status.conflicts.isVisible()

    task = _fresh_task(laptop)
    item = get_task(laptop, task).checklist[0].id
    start_inspection(laptop, task)
    photo = world.big_jpeg(300_000, seed=5)
    _, changes = attach_evidence(laptop, task, item, photo)
    window.data_changed.emit(changes)
    waiting = sync_status(laptop)
    assert waiting.pending_changes == 2 and waiting.pending_bytes > len(photo)
    assert status.waiting.text() == f"To send: 2 ({human_bytes(waiting.pending_bytes)})"

    phases: list[str] = []
    window.sync.progress.connect(lambda _p: phases.append(status.phase.text()))
    _activate(window)
    qtbot.keyClick(window.table, Qt.Key.Key_F9)  # Sync now
    assert window.sync.busy and status.progress.isVisible()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=30_000)
    uploads = [p for p in phases if p.startswith("Uploading photos and files")]
    size = human_bytes(len(photo))
    assert uploads and uploads[-1].endswith(f"{size} of {size}")  # bytes, as they go up
    assert any(p.startswith("Sending changes: ") and " of " in p for p in phases)
    assert status.waiting.text() == "Nothing waiting"
    assert not status.progress.isVisible()
    assert window.statusBar().currentMessage().startswith("Synced: sent 2")
    assert server.record("item_result", f"{task}:{item}").data["evidence"]


def test_an_unreachable_server_shows_offline_and_keeps_the_work(qtbot, laptops, windows) -> None:
    laptop = laptops("inspector1", "away")
    with laptop.db.write() as s:
        set_state(s, "server_url", f"http://127.0.0.1:{world.free_port()}")
    window = windows(laptop)
    task = _fresh_task(laptop)
    window.data_changed.emit(start_inspection(laptop, task))
    window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=60_000)
    assert window.sync.status.online.text() == "● Offline"
    assert "Server not reachable" in window.statusBar().currentMessage()
    assert window.sync.status.waiting.text().startswith("To send: 1 ")


def test_background_sync_sends_without_being_asked(qtbot, laptops, windows, server) -> None:
    laptop = laptops("inspector1", "background")
    window = windows(laptop)
    task = _fresh_task(laptop)
    window.data_changed.emit(start_inspection(laptop, task))
    assert sync_status(laptop).pending_changes == 1
    window.sync.set_interval_ms(300)  # the setting is in minutes
    qtbot.waitUntil(lambda: sync_status(laptop).pending_changes == 0, timeout=30_000)
    qtbot.waitUntil(lambda: window.sync.status.waiting.text() == "Nothing waiting")
    assert server.record("inspection", task) is not None
    # The interval follows the setting.
    window.sync.settings.apply({"sync_interval_minutes": 7})
    assert window.sync.background.interval() == 7 * 60_000
    window.sync.settings.apply({"sync_interval_minutes": 0})
    assert not window.sync.background.isActive()


def test_refused_changes_are_listed_with_reasons_in_chinese(
    qtbot, qapp, laptops, windows, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    lead = laptops("lead", "refused-lead")
    window = windows(lead)
    task = _fresh_task(lead)
    item = get_task(lead, task).checklist[0]
    start_inspection(lead, task)
    window.data_changed.emit(
        record_item_result(lead, task, item.id, outcome=Outcome.NONCOMPLIANT, note="组长改")
    )
    window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=30_000)
    status = window.sync.status
    assert status.rejected.isVisible() and status.rejected.text() == "Refused: 2"
    assert told and "2 change(s) refused by the server:" in told[0]

    translator = install_translator(qapp, "zh_CN")
    try:
        dialog = RejectedDialog(lead, window)
        qtbot.addWidget(dialog)
        model = dialog.model
        assert model.rowCount() == 2
        assert model.headerData(3, Qt.Orientation.Horizontal) == "原因"
        row = [model.data(model.index(1, c)) for c in range(4)]
        assert row[1] == get_task(lead, task).business.name
        assert row[2] == f"检查结果 {item.code} {item.title}"
        assert row[3].startswith("您无权修改这条记录")
    finally:
        qapp.removeTranslator(translator)


def test_a_conflict_of_two_profiles_is_settled_in_the_dialog(
    qtbot, laptops, windows, server
) -> None:
    one = laptops("inspector1", "conflict-one")
    two = laptops("inspector2", "conflict-two")
    fresh = {t.id for t in list_tasks(one) if t.status == "assigned"}
    task = sorted(fresh & {t.id for t in list_tasks(two)})[0]  # a joint task of both
    start_inspection(one, task)
    sync(one)
    sync(two)  # inspector2 sees the task in progress: only the finding will conflict
    item = get_task(one, task).checklist[1]
    record_item_result(one, task, item.id, outcome=Outcome.NONCOMPLIANT, note="一号：灭火器过期")
    record_item_result(two, task, item.id, outcome=Outcome.COMPLIANT, note="二号：已更换")
    sync(one)
    sync(two)
    sync(one)

    window = windows(two)
    status = window.sync.status
    assert status.conflicts.isVisible() and status.conflicts.text() == "Conflicts: 1"
    dialog = ConflictDialog(two, window.data_changed, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    panels = dialog.panels
    notes = [p.values["note"].text() for p in panels]
    assert sorted(n.replace("<b>", "").replace("</b>", "") for n in notes) == sorted(
        ["一号：灭火器过期", "二号：已更换"]
    )
    assert all(n.startswith("<b>") for n in notes)  # the fields that differ stand out
    keep = next(i for i, n in enumerate(notes) if "一号" in n)
    assert panels[1 - keep].values["who"].text() == "you, on this laptop"
    _activate(dialog)
    qtbot.keyClick(dialog, getattr(Qt.Key, f"Key_{keep + 1}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10_000)
    assert "No conflicts are open." in dialog.heading.text()
    assert status.waiting.text().startswith("To send: 1 ")  # the pick waits for the sync

    window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=30_000)
    sync(one)
    for laptop in (one, two):
        assert get_results(laptop, task)[item.id].note == "一号：灭火器过期"
        assert not [c for c in list_conflicts(laptop) if c.entity_id == f"{task}:{item.id}"]
    assert server.siblings("item_result", f"{task}:{item.id}") == []
    assert not status.conflicts.isVisible()
