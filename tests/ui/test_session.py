"""Who works in the window, with the real widgets against a real server on loopback:
sign in from the window, the password that opens a profile (a wrong one refused), the
lock after idle time, switching to another user's profile, signing out, the window for
the user's role, and the demo opening signed in."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from inspector_app.domain.entities import Role, TaskStatus
from inspector_app.services import get_task, list_tasks, open_profile, sync
from inspector_app.services.settings import Settings
from inspector_app.services.sync_status import sync_status
from inspector_app.services.task_views import TaskView
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.session import SessionController
from inspector_app.ui.session.profiles import ProfileChooser
from inspector_app.ui.session.roles import default_windows
from inspector_app.ui.session.sign_in import SignInDialog
from inspector_app.ui.session.unlock import UnlockDialog
from inspector_app.ui.settings import SettingsHub


def _uiworld():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    path = Path(__file__).with_name("uiworld.py")
    if "uiworld" not in sys.modules:
        spec = importlib.util.spec_from_file_location("uiworld", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["uiworld"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["uiworld"]


uiworld = _uiworld()
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
world = uiworld.syncworld()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings = world.demo_settings(tmp_path_factory.mktemp("server"))
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder of this laptop; nothing of the developer's own is listed."""
    monkeypatch.setenv("INSPECTOR_PROFILE", str(tmp_path / "unused-default"))
    return tmp_path / "data"


@pytest.fixture
def hub(tmp_path: Path, root: Path) -> SettingsHub:
    settings = Settings.load(tmp_path / "settings.json")
    settings.set("data_folder", str(root))
    settings.save()
    return SettingsHub(settings)


@pytest.fixture
def session(qtbot, hub: SettingsHub) -> Iterator[SessionController]:  # type: ignore[no-untyped-def]
    controller = SessionController(hub)
    yield controller
    controller.shutdown()


@pytest.fixture
def answers():  # type: ignore[no-untyped-def]
    a = uiworld.Answers()
    yield a
    a.stop()
    assert (a.queue, a.missed, a.unexpected) == ([], [], [])


def _laptop(root: Path, server, username: str) -> Path:  # type: ignore[no-untyped-def]
    """A profile of ``username`` on this laptop, signed in once (so it opens offline) and
    synced (so it holds the team's tasks)."""
    folder = root / f"{username}-profile"
    with world.laptop(folder, server.url, username) as profile:
        sync(profile)
    return folder


def _type_password(password: str):  # type: ignore[no-untyped-def]
    def act(dialog: UnlockDialog) -> None:
        dialog.panel.password.setText(password)
        dialog.panel.password.returnPressed.emit()  # Enter

    return act


def test_sign_in_from_the_window_makes_the_profile_and_opens_it(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    def fill(dialog: SignInDialog) -> None:
        dialog.server.setText(server.url)
        dialog.username.setText("inspector1")
        dialog.password.setText("demo")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    answers.expect(SignInDialog, fill)
    assert session.start() is True
    assert answers.seen == ["SignInDialog"]
    window = session.window
    assert isinstance(window, MainWindow)
    folder = session.profile.folder
    assert folder.parent == root and folder.name.startswith("inspector1@127.0.0.1_")
    assert session.profile.user.username == "inspector1"
    assert session.profile.user.display_name in window.windowTitle()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Account") == len(titles) - 2  # before Help


def test_a_wrong_password_is_refused_then_the_right_one_opens(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    folder = _laptop(root, server, "inspector1")
    refused: list[str] = []

    def wrong(dialog: UnlockDialog) -> None:
        _type_password("not-my-password")(dialog)
        qtbot.waitUntil(lambda: bool(dialog.panel.message.text()), timeout=10_000)
        refused.append(dialog.panel.message.text())
        assert dialog.isVisible()  # still asking
        _type_password("demo")(dialog)

    answers.expect(UnlockDialog, wrong)
    assert session.start(open_profile(folder)) is True
    assert refused == ["Wrong password. Use the password you last signed in with."]
    assert session.window.isVisible()


def test_a_wrong_password_given_at_start_shows_nothing_then_asks(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    """The password given at start is checked in a thread while the window's modules
    load; a wrong one opens nothing (no window made) and the dialog asks."""
    folder = _laptop(root, server, "inspector1")

    def ask(dialog: UnlockDialog) -> None:
        assert session.window is None  # nothing of the profile made or shown yet
        _type_password("demo")(dialog)

    answers.expect(UnlockDialog, ask)
    assert session.start(open_profile(folder), password="not-my-password") is True
    assert answers.seen == ["UnlockDialog"]
    assert session.window.isVisible()


def test_unlock_offline_runs_meanwhile_beside_the_check_and_raises_after_it(
    server, root: Path
) -> None:
    from inspector_app.services import InvalidInput, unlock_offline

    folder = _laptop(root, server, "inspector1")
    ran: list[str] = []
    with open_profile(folder) as profile:
        with pytest.raises(InvalidInput):
            unlock_offline(profile, "wrong", meanwhile=lambda: ran.append("wrong"))
        assert unlock_offline(profile, "demo", meanwhile=lambda: ran.append("right")).username == (
            "inspector1"
        )
        with pytest.raises(ZeroDivisionError):  # its own errors reach the caller
            unlock_offline(profile, "demo", meanwhile=lambda: 1 / 0)
    assert ran == ["wrong", "right"]


def test_with_no_password_nothing_opens(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    folder = _laptop(root, server, "inspector1")
    answers.expect(UnlockDialog, lambda dialog: dialog.reject())
    assert session.start(open_profile(folder)) is False
    assert session.window is None and session.profile is None


def test_locks_after_idle_time_and_opens_with_the_password(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    folder = _laptop(root, server, "inspector1")
    assert session.start(open_profile(folder), password="demo") is True
    window: MainWindow = session.window  # type: ignore[assignment]
    qtbot.waitExposed(window)
    window.sync.shutdown()  # no background sync in this test
    window.sync.set_interval_ms(0)
    task = next(t for t in list_tasks(session.profile) if t.status == TaskStatus.ASSIGNED)
    window.tasks.set_view(TaskView.ALL)
    assert window.select_task(task.id)
    qtbot.waitUntil(lambda: window.visit.task is not None and window.visit.task.id == task.id)

    with warnings.catch_warnings():  # the offscreen platform activates no window itself
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    on_window: list[bool] = []
    direct = QAction("direct", window)  # an action on the window itself, not in a menu
    direct.setShortcut(QKeySequence("Ctrl+Shift+F12"))  # no action of the window has it
    direct.triggered.connect(lambda: on_window.append(True))
    window.addAction(direct)
    qtbot.keyClick(window.tasks.table, Qt.Key.Key_F12, CTRL_SHIFT)
    assert on_window == [True]  # (the shortcut works while unlocked)

    session.idle.set_timeout_ms(300)  # the setting is in minutes; a test cannot wait that
    qtbot.waitUntil(lambda: session.locked, timeout=5_000)
    overlay = session.overlay
    assert overlay.isVisible() and overlay.geometry() == window.rect()
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    # No shortcut reaches the window behind the lock: Ctrl+K would check in.
    qtbot.keyClick(overlay, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(overlay, Qt.Key.Key_F12, CTRL_SHIFT)
    window.ops.wait()
    assert get_task(session.profile, task.id).status == TaskStatus.ASSIGNED
    assert on_window == [True]

    panel = overlay.panel
    qtbot.keyClicks(panel.password, "wrong")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.message.text()), timeout=10_000)
    assert session.locked
    qtbot.keyClicks(panel.password, "demo")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not session.locked, timeout=10_000)
    assert window.centralWidget().isEnabled() and window.menuBar().isEnabled()
    assert panel.password.text() == ""  # the password does not stay in the field

    # The setting in minutes sets the watch; 0 switches it off.
    session.settings.apply({"idle_lock_minutes": 3})
    assert session.idle.timeout_ms == 180_000
    session.settings.apply({"idle_lock_minutes": 0})
    assert session.idle.timeout_ms == 0
    # The photo size reaches the open profile at once: the next photo's copy has it.
    assert session.profile.photo_long_side == 1280
    session.settings.apply({"photo_long_side": 960})
    assert session.profile.photo_long_side == 960


def test_ctrl_l_locks_and_ctrl_shift_l_shows_the_law(
    qtbot, server, session: SessionController, answers, root: Path, monkeypatch
) -> None:
    """Ctrl+L locks, as in every OS; the provision text an item cites moved to Ctrl+Shift+L.
    Two actions on one key would both stay silent (Qt's ambiguous shortcut)."""
    from inspector_app.ui.visit.provisions import ProvisionDialog

    folder = _laptop(root, server, "inspector1")
    assert session.start(open_profile(folder), password="demo") is True
    window: MainWindow = session.window  # type: ignore[assignment]
    qtbot.waitExposed(window)
    window.sync.shutdown()
    window.sync.set_interval_ms(0)
    window.tasks.set_view(TaskView.ALL)
    qtbot.waitUntil(lambda: window.visit.task is not None)
    task = window.visit.task
    item = next(i for i in task.checklist if i.legal_basis)
    window.visit.checklist.select_item(item.id)
    shown: list[str] = []
    monkeypatch.setattr(ProvisionDialog, "exec", lambda d: shown.append(d.windowTitle()) or 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)

    keys: dict[str, set[str]] = {}
    for action in {*window.findChildren(QAction), *window.actions()}:
        if key := action.shortcut().toString():
            keys.setdefault(key, set()).add(action.text())
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    rows = [row for page in window.shortcut_pages() for row in _rows(page)]
    assert ("Account", "Lock", "Ctrl+L") in rows  # the shortcut list shows the session's too
    assert ("Visit", "Show the legal basis", "Ctrl+Shift+L") in rows

    qtbot.keyClick(window.visit.editor.note, Qt.Key.Key_L, CTRL_SHIFT)
    assert len(shown) == 1 and item.code in shown[0] and not session.locked
    qtbot.keyClick(window.visit.editor.note, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.locked and len(shown) == 1


def _rows(page):  # type: ignore[no-untyped-def]
    from inspector_app.ui.actions import shortcut_rows

    return shortcut_rows([page])


def test_switch_to_another_users_profile(
    qtbot, server, session: SessionController, answers, root: Path
) -> None:
    mine = _laptop(root, server, "inspector1")
    theirs = _laptop(root, server, "inspector2")
    assert session.start(open_profile(mine), password="demo") is True
    first = session.window
    old_profile = session.profile

    def pick(chooser: ProfileChooser) -> None:
        assert chooser.list.count() == 2
        chooser.select(theirs)
        qtbot.keyClick(chooser.list, Qt.Key.Key_Return)  # Enter opens the one selected

    answers.expect(ProfileChooser, pick)
    answers.expect(UnlockDialog, _type_password("demo"))
    assert session.switch_profile() is True
    assert answers.seen == ["ProfileChooser", "UnlockDialog"]
    second = session.window
    assert second is not first and not first.isVisible()
    assert session.profile.folder == theirs and session.profile.user.username == "inspector2"
    assert session.profile is not old_profile
    assert {t.id for t in list_tasks(session.profile)} == _team_tasks("inspector2")


def _team_tasks(username: str) -> set[str]:
    from inspector_app.services.demo import demo_dataset

    data = demo_dataset()
    me = data.inspector(username)
    return {t.id for t in data.tasks if me.id in t.inspector_ids}


def test_sign_out_then_open_again_offline(
    qtbot, server, session: SessionController, answers, root: Path, monkeypatch
) -> None:
    folder = _laptop(root, server, "inspector1")
    assert session.start(open_profile(folder), password="demo") is True
    assert sync_status(session.profile).signed_in
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    answers.expect(UnlockDialog, _type_password("demo"))
    session.sign_out_action.trigger()
    qtbot.waitUntil(lambda: answers.seen == ["UnlockDialog"], timeout=20_000)
    qtbot.waitUntil(lambda: session.window is not None and session.window.isVisible())
    status = sync_status(session.profile)
    assert not status.signed_in  # the token is gone; the work and the profile stay
    assert session.profile.user.username == "inspector1"
    # (the sync figures come once the window's warm-up has loaded the database)
    qtbot.waitUntil(lambda: session.window.sync.started, timeout=10_000)
    assert session.window.sync.status.online.text() == "○ Not signed in"


def test_a_lead_gets_the_window_registered_for_leads(
    qtbot, server, hub: SettingsHub, answers, root: Path
) -> None:
    opened: list[str] = []

    def lead_window(profile, context):  # type: ignore[no-untyped-def]
        opened.append(profile.user.role)
        window = QMainWindow()
        window.setWindowTitle("lead")
        return window

    windows = {**default_windows(), Role.TEAM_LEAD: lead_window}
    controller = SessionController(hub, windows=windows)
    try:
        folder = _laptop(root, server, "lead")
        assert controller.start(open_profile(folder), password="demo") is True
        assert opened == [Role.TEAM_LEAD]
        assert controller.window.windowTitle().startswith("lead — ")
    finally:
        controller.shutdown()


def test_the_demo_opens_signed_in_as_inspector1_without_asking(
    qtbot, hub: SettingsHub, tmp_path: Path
) -> None:
    from inspector_app.app import DEMO_PASSWORD, start_demo

    profile = open_profile(tmp_path / "demo")
    demo_server = start_demo(profile)
    controller = SessionController(hub, demo_password=DEMO_PASSWORD)
    try:
        assert controller.start(profile, password=DEMO_PASSWORD) is True
        assert controller.profile.user.username == "inspector1"
        assert isinstance(controller.window, MainWindow)
        assert controller.window.model.rowCount() == len(_team_tasks("inspector1"))
        assert "demo" in controller.overlay.panel.hint.text()  # the lock says the password
    finally:
        controller.shutdown()
        if demo_server is not None:
            demo_server.stop()
