"""Sync for one window: Sync now (F9) with progress in items and bytes and Cancel,
background sync every few minutes while the server answers, the status bar's figures,
and the ways to the refused changes and the conflicts.

Syncs run on their own thread, apart from the window's user actions, so recording goes
on while a sync runs (SQLite serialises the writes; each is one short transaction).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from inspector_app.services import Changes, Profile, ServiceError, SignInRequired, login, sync
from inspector_app.services.sync import sync_engine
from inspector_app.services.sync_status import SyncStatus, server_reachable, sync_status
from inspector_app.services.sync_text import report_lines
from inspector_app.sync.report import SyncReport
from inspector_app.ui.i18n import current_language, error_text
from inspector_app.ui.operations import OperationRunner
from inspector_app.ui.session.sign_in import SignInDialog
from inspector_app.ui.settings.hub import SettingsHub
from inspector_app.ui.sync.conflicts import ConflictDialog
from inspector_app.ui.sync.rejected import RejectedDialog
from inspector_app.ui.sync.status_bar import SyncStatusWidget

log = logging.getLogger(__name__)

PROBE_MS = 60_000  # how often to ask whether the server answers, when not syncing


class SyncController(QObject):
    """Created by the window (``MainWindow._wire_sync``) with the window's ``data_changed``."""

    #: A sync's progress, emitted from the sync's thread; Qt queues it to the GUI thread.
    progress = Signal(object)
    synced = Signal(object)  # SyncReport
    online_changed = Signal(object)  # bool | None

    def __init__(
        self,
        window: QMainWindow,
        profile: Profile,
        data_changed: SignalInstance,
        settings: SettingsHub,
        *,
        server_url: str = "",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.profile = profile
        self.data_changed = data_changed
        self.settings = settings
        self.server_url = server_url or str(settings.get("server") or "")
        self.online: bool | None = None
        self.runner = OperationRunner(self)
        self._cancel: threading.Event | None = None
        self._background = False

        self.sync_now_action = QAction(self.tr("&Sync now"), self)
        self.sync_now_action.setShortcut(QKeySequence("F9"))
        self.sync_now_action.triggered.connect(lambda: self.start_sync())
        self.rejected_action = QAction(self.tr("&Refused changes…"), self)
        self.rejected_action.triggered.connect(self.show_rejected)
        self.conflicts_action = QAction(self.tr("&Conflicts…"), self)
        self.conflicts_action.setShortcut(QKeySequence("Ctrl+Shift+F9"))
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.cancel_action = QAction(self.tr("Cancel sync"), self)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(self.cancel)

        self.status = SyncStatusWidget(window)
        window.statusBar().addPermanentWidget(self.status)
        self.status.rejected_clicked.connect(self.show_rejected)
        self.status.conflicts_clicked.connect(self.show_conflicts)
        self.status.cancel_clicked.connect(self.cancel)

        self.background = QTimer(self)
        self.background.timeout.connect(self._background_tick)
        self.probe = QTimer(self)
        self.probe.setInterval(PROBE_MS)
        self.probe.timeout.connect(self.check_online)
        self.progress.connect(self.status.show_progress)
        data_changed.connect(lambda _changes: self.refresh_status())
        settings.changed.connect(self._setting_changed)
        window.installEventFilter(self)
        self._apply_interval()
        # Whether a token is held: asked once (a keyring may answer slowly), then kept up
        # to date by sign-in and by what syncs say.
        self.signed_in = self._token_held()
        self.refresh_status()
        if self.signed_in:
            self.probe.start()
            QTimer.singleShot(0, self.check_online)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def actions(self) -> list[QAction]:
        return [self.sync_now_action, self.rejected_action, self.conflicts_action]

    # -- status ------------------------------------------------------------------------------

    def _token_held(self) -> bool:
        try:
            return sync_engine(self.profile).signed_in()
        except Exception:  # a keyring that does not answer: say so, and why in the log
            log.warning("cannot read the sign-in token", exc_info=True)
            return False

    def refresh_status(self) -> SyncStatus:
        self.last_status = sync_status(self.profile, signed_in=self.signed_in)
        self.status.show_status(self.last_status)
        self.status.set_online(self.online, signed_in=self.last_status.signed_in)
        self.rejected_action.setEnabled(self.last_status.rejected > 0)
        self.conflicts_action.setEnabled(self.last_status.open_conflicts > 0)
        return self.last_status

    def _set_online(self, online: bool | None) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
        self.status.set_online(online, signed_in=self.last_status.signed_in)

    def check_online(self) -> None:
        """Ask the server in the background whether it answers (a 3 s health check)."""
        if self.busy or not self.last_status.signed_in:
            return
        profile = self.profile
        self.runner.run(
            lambda: server_reachable(profile),
            on_success=self._set_online,
            on_failure=lambda exc: log.warning("checking the server failed", exc_info=exc),
        )

    # -- syncing -----------------------------------------------------------------------------

    def start_sync(self, *, background: bool = False) -> bool:
        """Push and pull now; False if a sync (or a check) is already under way."""
        if self.busy:
            return False
        self._background = background
        self._cancel = threading.Event()
        cancel, profile, emit = self._cancel, self.profile, self.progress.emit
        self.sync_now_action.setEnabled(False)
        self.cancel_action.setEnabled(True)
        self.status.start_progress()
        self.runner.run(
            lambda: sync(profile, progress=emit, cancel=cancel),
            on_success=self._sync_done,
            on_failure=self._sync_failed,
        )
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.cancel.setEnabled(False)

    def _ended(self) -> None:
        self._cancel = None
        self.sync_now_action.setEnabled(True)
        self.cancel_action.setEnabled(False)
        self.status.finish_progress()

    def _sync_done(self, report: SyncReport) -> None:
        self._ended()
        self.signed_in = True  # the server took the token (or was not reached to refuse it)
        self._set_online(report.unreachable is None)
        self.data_changed.emit(Changes(outbox=True))
        self.synced.emit(report)
        bar = self.window.statusBar()
        lang = current_language()
        if report.unreachable is not None:
            bar.showMessage(
                self.tr("Server not reachable; your work is kept and will be sent later."), 10_000
            )
        elif report.exit_code == 0 or self._background or report.cancelled:
            bar.showMessage(
                self.tr("Synced: sent {sent}, received {received}").format(
                    sent=report.applied, received=report.pulled
                ),
                10_000,
            )
        else:
            lines = "\n".join(report_lines(report, lang))
            QMessageBox.information(self.window, self.tr("Sync"), lines)

    def _sync_failed(self, exc: BaseException) -> None:
        self._ended()
        background = self._background
        if isinstance(exc, SignInRequired):
            self.signed_in = self._token_held()
            self.refresh_status()
            if not background and self.sign_in():
                self.start_sync()
            return
        if background:
            log.warning("background sync failed: %s", exc)
            return
        if isinstance(exc, ServiceError):
            QMessageBox.warning(self.window, self.tr("Sync"), error_text(exc))
            return
        log.error("sync failed", exc_info=exc)
        QMessageBox.critical(
            self.window,
            self.tr("Sync"),
            self.tr("Sync failed and nothing was lost: {error}").format(error=exc),
        )

    def sign_in(self) -> bool:
        """Ask for the password again (the token expired or was revoked) and sign in."""
        user = self.profile.user
        profile = self.profile

        def attempt(server: str, username: str, password: str) -> object:
            return login(profile, server, username, password)

        dialog = SignInDialog(
            attempt,
            self.window,
            server_url=self.last_status.server_url or self.server_url,
            username=user.username if user else "",
            fixed_user=user is not None,
        )
        if not dialog.exec():
            return False
        self.server_url = dialog.values()[0]
        self.signed_in = True
        self.refresh_status()
        if not self.probe.isActive():
            self.probe.start()
        return True

    # -- background --------------------------------------------------------------------------

    def _apply_interval(self) -> None:
        minutes = int(self.settings.get("sync_interval_minutes") or 0)
        if minutes:
            self.set_interval_ms(minutes * 60_000)
        else:
            self.background.stop()

    def set_interval_ms(self, ms: int) -> None:
        """Background sync every ``ms`` (tests use a few hundred); 0 stops it."""
        if ms:
            self.background.start(ms)
        else:
            self.background.stop()

    def _background_tick(self) -> None:
        # Only when someone is signed in and the server was not known to be away: a
        # laptop in a basement does not try every few minutes, the probe tells it first.
        if self.busy or not self.last_status.signed_in or self.online is False:
            if self.online is False:
                self.check_online()
            return
        self.start_sync(background=True)

    def _setting_changed(self, key: str) -> None:
        if key == "sync_interval_minutes":
            self._apply_interval()
        elif key == "server" and not self.last_status.server_url:
            self.server_url = str(self.settings.get("server") or "")

    # -- the lists -----------------------------------------------------------------------------

    def show_rejected(self) -> None:
        RejectedDialog(self.profile, self.window).exec()

    def show_conflicts(self) -> None:
        dialog = ConflictDialog(self.profile, self.data_changed, self.window)
        dialog.exec()
        self.refresh_status()

    # -- the window closing --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Stop the timers, ask a running sync to stop at its next step, and wait for it."""
        self.background.stop()
        self.probe.stop()
        self.cancel()
        self.runner.wait(wait_ms)
