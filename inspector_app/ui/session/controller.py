"""The session: which profile is open, whether its user has given the password, and the
window for the user's role. The composition root (``app.py``) makes one; it opens the
first profile (asking which, and the password), puts an Account menu on the window
(lock, switch profile, sign out, settings), locks after idle time, and replaces the
window when the user switches to another profile or signs out.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from inspector_app.domain.entities import Role
from inspector_app.paths import default_profile_dir
from inspector_app.services import (
    InvalidInput,
    Profile,
    ServiceError,
    SignInRequired,
    open_profile,
    unlock_offline,
)
from inspector_app.services.profiles import (
    ProfileInfo,
    list_profiles,
    new_profile_folder,
    read_profile,
)
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import OperationRunner
from inspector_app.ui.session.idle import IdleWatcher
from inspector_app.ui.session.lock import LockOverlay
from inspector_app.ui.session.roles import (
    WindowContext,
    WindowFactory,
    default_windows,
    load_window_modules,
    window_for,
)
from inspector_app.ui.session.unlock import UnlockDialog, UnlockPanel
from inspector_app.ui.settings.hub import SettingsHub

# The profile chooser, the sign-in dialog and the settings page are imported when they
# open: a start with one profile and its password needs none of them before the window.

log = logging.getLogger(__name__)


def _login() -> Callable[..., Any]:
    """services.login, imported on the GUI thread when a sign-in is about to be asked: it
    loads the sync client, which opening a profile with its password does not need."""
    from inspector_app.services import login

    return login


class Unlock(enum.Enum):
    OPEN = "open"
    SWITCH = "switch"  # the user asked for another profile
    CANCEL = "cancel"


class SessionController(QObject):
    window_opened = Signal(object)  # the new window
    locked_changed = Signal(bool)

    def __init__(
        self,
        settings: SettingsHub,
        *,
        windows: Mapping[Role, WindowFactory] | None = None,
        demo_password: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.windows = dict(windows or default_windows())
        # The demo opens without asking (its password is public) and says it on the lock.
        self.demo_password = demo_password
        self.profile: Profile | None = None
        self.window: QMainWindow | None = None
        self.overlay: LockOverlay | None = None
        self.server_url = ""
        self.runner = OperationRunner(self)
        self._replacing = False
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._apply_idle_setting()
        settings.changed.connect(self._setting_changed)

    # -- opening a profile ----------------------------------------------------------------------

    def start(
        self,
        profile: Profile | None = None,
        *,
        password: str | None = None,
        server_url: str = "",
        parent: QWidget | None = None,
    ) -> bool:
        """Open ``profile`` (or the one the user picks) once its password is given, and show
        its window. False when the user gave up: nothing is open then."""
        self.server_url = server_url or self.server_url
        force_choice = False
        while True:
            signed_in_now = False
            if profile is None:
                chosen = self.choose_profile(parent, force=force_choice)
                if chosen is None:
                    return False
                profile, signed_in_now = chosen
            # A sign-in just now gave the password already.
            outcome = Unlock.OPEN if signed_in_now else self.unlock(profile, password, parent)
            if outcome is Unlock.OPEN:
                self.show_window(profile)
                return True
            profile.close()
            profile, password = None, None
            if outcome is Unlock.CANCEL:
                return False
            force_choice = True

    def known_profiles(self) -> list[ProfileInfo]:
        return list_profiles(self.settings.settings.data_root(), also=(default_profile_dir(),))

    def choose_profile(
        self, parent: QWidget | None = None, *, force: bool = False
    ) -> tuple[Profile, bool] | None:
        """The one profile on this laptop, or the user's pick, or a new sign-in; with True
        when it was signed in just now (its password given)."""
        profiles = self.known_profiles()
        if len(profiles) == 1 and not force:
            opened = self._open(profiles[0].folder, parent)
            return None if opened is None else (opened, False)
        if profiles:
            current = self.profile.folder if self.profile is not None else None
            from inspector_app.ui.session.profiles import ProfileChooser

            chooser = ProfileChooser(profiles, parent, current=current)
            if not chooser.exec():
                return None
            if not chooser.new_sign_in and chooser.chosen is not None:
                opened = self._open(chooser.chosen, parent)
                return None if opened is None else (opened, False)
        new = self.sign_in_new(parent)
        return None if new is None else (new, True)

    def _open(self, folder: Path, parent: QWidget | None) -> Profile | None:
        try:
            return open_profile(folder)
        except ServiceError as exc:
            QMessageBox.warning(parent, self.tr("Field Inspector"), error_text(exc))
            return None

    def sign_in_new(self, parent: QWidget | None = None) -> Profile | None:
        """Sign in as someone whose profile is not on this laptop; their folder is made."""
        root = self.settings.settings.data_root()
        login = _login()

        def attempt(server: str, username: str, password: str) -> Profile:
            profile = open_profile(new_profile_folder(root, server, username))
            try:
                login(profile, server, username, password)
            except BaseException:
                profile.close()
                raise
            return profile

        from inspector_app.ui.session.sign_in import SignInDialog

        dialog = SignInDialog(
            attempt, parent, server_url=self.server_url or str(self.settings.get("server") or "")
        )
        if not dialog.exec():
            return None
        self.server_url = dialog.values()[0]
        profile: Profile = dialog.outcome
        return profile

    def unlock(
        self, profile: Profile, password: str | None = None, parent: QWidget | None = None
    ) -> Unlock:
        """Ask the password that opens ``profile`` (offline: the last one that signed in
        here). A profile never signed in asks to sign in online instead."""
        if password is not None:
            try:
                unlock_offline(profile, password, meanwhile=lambda: self._load_window(profile))
                return Unlock.OPEN
            except SignInRequired:
                # The demo without its server: demo tasks loaded locally, nobody signed in.
                if password == self.demo_password and profile.user is not None:
                    return Unlock.OPEN
            except InvalidInput:
                log.info("the password given at start does not open %s", profile.folder)
        info = read_profile(profile.folder)
        if profile.user is None or info is None or not info.can_unlock:
            return self._sign_in_existing(profile, parent)
        dialog = UnlockDialog(
            profile.user,
            lambda typed: unlock_offline(profile, typed),
            parent,
            where=info.server_url or str(profile.folder),
            hint=self._demo_hint(),
            meanwhile=lambda: self._load_window(profile),
        )
        if dialog.exec():
            return Unlock.OPEN
        return Unlock.SWITCH if dialog.switched else Unlock.CANCEL

    def _sign_in_existing(self, profile: Profile, parent: QWidget | None) -> Unlock:
        info = read_profile(profile.folder)
        user = profile.user
        login = _login()

        def attempt(server: str, username: str, password: str) -> object:
            return login(profile, server, username, password)

        from inspector_app.ui.session.sign_in import SignInDialog

        dialog = SignInDialog(
            attempt,
            parent,
            server_url=(info.server_url if info else None) or self.server_url,
            username=user.username if user else "",
            fixed_user=user is not None,
            note=self.tr("This profile has not been signed in on this laptop yet."),
        )
        return Unlock.OPEN if dialog.exec() else Unlock.CANCEL

    def _load_window(self, profile: Profile) -> None:
        """While the password is checked: import the modules of the window the profile's
        user will get (the window itself is made only once the password is right)."""
        if profile.user is not None:
            load_window_modules(window_for(self.windows, profile.user.role))

    def _demo_hint(self) -> str:
        if self.demo_password is None:
            return ""
        return self.tr("Demo: the password is {password}.").format(password=self.demo_password)

    # -- the window -----------------------------------------------------------------------------

    def show_window(self, profile: Profile) -> QMainWindow:
        assert profile.user is not None
        factory = window_for(self.windows, profile.user.role)
        info = read_profile(profile.folder)
        server = (info.server_url if info else None) or self.server_url
        profile.follow_settings(self.settings.settings)  # photo size (services/settings)
        window = factory(profile, WindowContext(self.settings, server or ""))
        self.profile, self.window = profile, window
        window.setWindowTitle(f"{window.windowTitle()} — {profile.user.display_name}")
        self._account_menu(window)
        self.overlay = LockOverlay(window, self._lock_panel(window, profile))
        window.installEventFilter(self)
        window.show()
        self.idle.reset()
        self.window_opened.emit(window)
        return window

    def _account_menu(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        menu = QMenu(self.tr("&Account"), bar)
        menus = bar.actions()
        if menus:  # before Help, which stays last
            bar.insertMenu(menus[-1], menu)
        else:
            bar.addMenu(menu)
        self.lock_action = QAction(self.tr("&Lock"), window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.switch_action = QAction(self.tr("S&witch profile…"), window)
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.switch_action.triggered.connect(self.switch_profile)
        self.sign_out_action = QAction(self.tr("Sign &out…"), window)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.settings_action = QAction(self.tr("&Settings…"), window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        for action in (self.lock_action, self.switch_action, self.sign_out_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.settings_action)

    def _lock_panel(self, window: QMainWindow, profile: Profile) -> UnlockPanel:
        assert profile.user is not None
        info = read_profile(profile.folder)
        panel = UnlockPanel(
            profile.user,
            lambda typed: unlock_offline(profile, typed),
            window,
            where=(info.server_url if info else None) or str(profile.folder),
            hint=self._demo_hint(),
            locked=True,
        )
        panel.unlocked.connect(self._unlocked)
        panel.switch_requested.connect(self.switch_profile)
        return panel

    def _close_window(self) -> None:
        if self.overlay is not None and self.overlay.locked:
            self.overlay.unlock()  # (its application-wide filter goes with it)
        window, self.window, self.overlay = self.window, None, None
        if window is None:
            return
        self._replacing = True
        try:
            window.close()
            # Every operation of the window (saves, a sync) ends before its profile closes.
            for runner in window.findChildren(OperationRunner):
                runner.wait()
        finally:
            self._replacing = False
        window.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and not self._replacing:
            # The user closed the window: the app ends (it does not end when we replace it).
            QTimer.singleShot(0, QCoreApplication.quit)
        return False

    # -- lock --------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.overlay is not None and self.overlay.locked

    def lock(self) -> None:
        if self.overlay is None or self.overlay.locked:
            return
        self.overlay.lock()
        self.locked_changed.emit(True)

    def _unlocked(self) -> None:
        if self.overlay is not None:
            self.overlay.unlock()
        self.idle.reset()
        self.locked_changed.emit(False)

    def _apply_idle_setting(self) -> None:
        self.idle.set_timeout_ms(int(self.settings.get("idle_lock_minutes") or 0) * 60_000)

    def _setting_changed(self, key: str) -> None:
        if key == "idle_lock_minutes":
            self._apply_idle_setting()
        elif key == "photo_long_side" and self.profile is not None:
            self.profile.follow_settings(self.settings.settings)

    # -- another profile, signing out -----------------------------------------------------------

    def switch_profile(self) -> bool:
        """Open another profile of this laptop (with its own password) in place of this one."""
        parent = self.window
        current = self.profile.folder.resolve() if self.profile is not None else None
        while True:
            from inspector_app.ui.session.profiles import ProfileChooser

            chooser = ProfileChooser(self.known_profiles(), parent, current=current)
            if not chooser.exec():
                return False
            if chooser.new_sign_in or chooser.chosen is None:
                chosen = self.sign_in_new(parent)
                if chosen is None:
                    continue  # back to the list
            else:
                if chooser.chosen.resolve() == current:
                    return False  # open already (a locked one asks its password on the lock)
                chosen = self._open(chooser.chosen, parent)
                if chosen is None:
                    continue
                outcome = self.unlock(chosen, None, parent)
                if outcome is not Unlock.OPEN:
                    chosen.close()
                    if outcome is Unlock.CANCEL:
                        return False
                    continue
            self._replace(chosen)
            return True

    def _replace(self, profile: Profile) -> None:
        old = self.profile
        self._close_window()
        if old is not None and old is not profile:
            old.close()
        self.show_window(profile)

    def sign_out(self) -> None:
        """Forget this laptop's sign-in (the server is told when it answers); the work stays
        queued. Then the profile list, to open this or another profile."""
        if self.profile is None or self.profile.user is None:
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("Sign out"),
            self.tr(
                "Sign {name} out on this laptop? Work not yet sent stays here and is sent "
                "after the next sign-in."
            ).format(name=self.profile.user.display_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        profile = self.profile
        from inspector_app.services import logout  # (the sync client: loaded when needed)

        self.runner.run(
            lambda: logout(profile),
            on_success=lambda _told: self._signed_out(),
            on_failure=self._sign_out_failed,
        )

    def _sign_out_failed(self, exc: BaseException) -> None:
        log.error("signing out failed", exc_info=exc)
        QMessageBox.warning(self.window, self.tr("Sign out"), error_text(exc))

    def _signed_out(self) -> None:
        old = self.profile
        self._close_window()
        if old is not None:
            old.close()
        self.profile = None
        if not self.start(None):
            QCoreApplication.quit()

    def open_settings(self) -> None:
        from inspector_app.ui.settings.page import SettingsDialog

        SettingsDialog(self.settings, self.window).exec()

    def shutdown(self) -> None:
        """At the end: stop watching, let every operation finish, close the profile."""
        self.idle.stop()
        self.runner.wait()
        self._close_window()
        if self.profile is not None:
            self.profile.close()
            self.profile = None
