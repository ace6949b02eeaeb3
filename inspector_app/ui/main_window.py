"""The main window: composes the task list and the task page, and their actions.

It holds no view logic of its own: pages declare their actions and refresh from the
one ``data_changed`` signal; the window lays out pages, menus, the toolbar and the
status bar, remembers its state, and keeps the sync entry point.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QToolBar

from inspector_app import __version__, services
from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.profile import Profile
from inspector_app.services.task_views import TaskView
from inspector_app.ui.actions import PageActions, build_menu, build_toolbar, install
from inspector_app.ui.login_dialog import LoginDialog
from inspector_app.ui.operations import Operations, Warmup
from inspector_app.ui.tasks.model import TaskTableModel
from inspector_app.ui.tasks.page import TaskListPage
from inspector_app.ui.visit.drafts import DraftKeeper
from inspector_app.ui.visit.page import VisitPage
from inspector_app.ui.widgets.shortcuts import ShortcutsDialog

if TYPE_CHECKING:
    from inspector_app.sync.report import Progress, SyncReport

log = logging.getLogger(__name__)

#: How long after the window comes up the task page's services start loading.
WARMUP_DELAY_MS = 30


class MainWindow(QMainWindow):
    # Emitted from the sync's worker thread; Qt queues it to the GUI thread.
    sync_progress = Signal(object)

    def __init__(
        self,
        profile: Profile,
        *,
        server_url: str | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.profile = profile
        self.server_url = server_url or ""
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(self.tr("Field Inspector"))
        self.resize(1440, 900)

        self.ops = Operations(self._op_failed, self)
        self.drafts = DraftKeeper(self.settings, str(profile.folder), self)
        self.tasks = TaskListPage(profile, self)
        self.visit = VisitPage(profile, self.ops, self.drafts, self)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.tasks)
        self.splitter.addWidget(self.visit)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([600, 840])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.window_actions = self.declare_file_actions()
        self.help_actions = self.declare_help_actions()
        self.pages: list[PageActions] = [
            self.window_actions,
            self.tasks.actions,
            self.visit.visit_actions,
            self.visit.record_actions,
            self.help_actions,
        ]
        for page in self.pages:
            build_menu(self.menuBar(), page)
        self.toolbar = QToolBar(self.tr("Inspection"), self)
        self.toolbar.setObjectName("inspection-toolbar")
        build_toolbar(self.toolbar, self.pages)
        self.addToolBar(self.toolbar)
        install(self, self.pages)

        self.ops.status.connect(self.statusBar().showMessage)
        self.ops.data_changed.connect(self._on_data_changed)
        self.tasks.task_selected.connect(self.visit.show_task)
        self.tasks.counts_changed.connect(self._show_counts)
        self.visit.status_changed.connect(self._show_counts)
        self.sync_progress.connect(self._show_progress)

        self.tasks.reload()
        self._restore_state()
        # The task page needs SQLAlchemy and the services behind it, which take longer to
        # load than the rest of start-up; they load in the background once the window
        # is up, then the page shows the selected task.
        self._warm = Warmup(profile, self)
        self._warm.loaded.connect(self._warmed_up)
        self._warm.checked.connect(self._integrity_checked)
        self.ops.prepare = self._warm.finish_now
        # After the first paint and whatever the user does first.
        self._warm.start(delay_ms=WARMUP_DELAY_MS)

    # --- composition ----------------------------------------------------------------

    def declare_file_actions(self) -> PageActions:
        a = PageActions(self.tr("&File"), self)
        self.sync_action = a.add("sync", self.tr("&Sync now"), "F9", self.start_sync, toolbar=True)
        a.add("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, separator=True)
        return a

    def declare_help_actions(self) -> PageActions:
        a = PageActions(self.tr("&Help"), self)
        a.add("shortcuts", self.tr("&Keyboard shortcuts"), "Ctrl+/", self.show_shortcuts)
        a.add("about", self.tr("&About Field Inspector"), None, self._about)
        return a

    @property
    def data_changed(self) -> Any:
        """The one signal every view refreshes from (Anki's OpChanges)."""
        return self.ops.data_changed

    @property
    def model(self) -> TaskTableModel:
        return self.tasks.model

    @property
    def check_in_action(self) -> Any:
        return self.visit.check_in_action

    @property
    def complete_action(self) -> Any:
        return self.visit.complete_action

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.pages, self).exec()

    # --- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key, splitter in (
            ("window/main-splitter", self.splitter),
            ("window/visit-splitter", self.visit.splitter),
        ):
            sizes = s.value(key)
            if isinstance(sizes, QByteArray):
                splitter.restoreState(sizes)
        view = str(s.value("tasks/view", TaskView.TODAY.value))
        if view in {v.value for v in TaskView} and view != self.tasks.view.value:
            self.tasks.set_view(TaskView(view))
        last = s.value(self._profile_key("task"))
        # Selected quietly: the task page fills once its services are loaded (_warmed_up).
        self.tasks.task_selected.disconnect(self.visit.show_task)
        try:
            if not (isinstance(last, str) and self.tasks.select_task(last)):
                self.tasks.select_first()
        finally:
            self.tasks.task_selected.connect(self.visit.show_task)

    def _profile_key(self, name: str) -> str:
        return f"{self.drafts.group.replace('drafts/', 'profiles/')}/{name}"

    def save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/main-splitter", self.splitter.saveState())
        s.setValue("window/visit-splitter", self.visit.splitter.saveState())
        s.setValue("tasks/view", self.tasks.view.value)
        current = self.tasks.current_task_id()
        if current is not None:
            s.setValue(self._profile_key("task"), current)
        s.sync()

    def _warmed_up(self) -> None:
        if self.visit.task is None:
            self.visit.show_task(self.tasks.current_task_id())
        # The search texts of every task, so the first keystroke does not build them.
        QTimer.singleShot(0, self.tasks.model.prepare_search)

    def _integrity_checked(self, problem: str) -> None:
        if problem:
            QMessageBox.critical(
                self,
                self.tr("Field Inspector"),
                self.tr(
                    "The profile's database is damaged ({problem}). Close Field Inspector, "
                    "copy the profile folder aside and restore it from a backup or a .bak "
                    "copy beside the database; work not yet synced is in the damaged file."
                ).format(problem=problem),
            )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # A write under way finishes first; what was typed is already kept as a draft.
        self.ops.wait()
        self._warm.wait()
        self.drafts.flush()
        self.save_state()
        super().closeEvent(event)

    # --- following changes ----------------------------------------------------------

    def _on_data_changed(self, changes: Changes) -> None:
        self.tasks.apply_changes(changes)
        self.visit.apply_changes(changes)

    def _show_counts(self, *_args: object) -> None:
        total = len(self.tasks.model.all_tasks())
        shown = self.tasks.model.rowCount()
        self.statusBar().showMessage(
            self.tr("{shown} of {n} tasks shown · profile {folder}").format(
                shown=shown, n=total, folder=self.profile.folder
            )
        )

    # --- compatibility with the CLI, the demo and tests ------------------------------

    def refresh(self) -> None:
        self.tasks.reload()
        self.visit.show_task(self.tasks.current_task_id())

    def current_task_id(self) -> str | None:
        return self.tasks.current_task_id()

    def select_task(self, task_id: str) -> bool:
        return self.tasks.select_task(task_id)

    # --- errors ---------------------------------------------------------------------

    def _op_failed(self, exc: BaseException) -> None:
        title = self.tr("Field Inspector")
        if isinstance(exc, ServiceError):
            QMessageBox.warning(self, title, str(exc))
            return
        log.error("operation failed", exc_info=exc)
        QMessageBox.critical(
            self,
            title,
            self.tr("Something went wrong and nothing was changed: {error}").format(error=exc),
        )

    # --- sync -----------------------------------------------------------------------

    def start_sync(self) -> None:
        if self.ops.busy:
            return
        self.sync_action.setEnabled(False)
        # Resolved on the GUI thread: its first use imports the sync client.
        profile, run_sync = self.profile, services.sync

        def run() -> SyncReport:
            return run_sync(profile, progress=self.sync_progress.emit)

        self._warm.finish_now()
        self.ops.runner.run(run, on_success=self._sync_done, on_failure=self._sync_failed)

    def _show_progress(self, progress: Progress) -> None:
        total = f"/{progress.items_total}" if progress.items_total is not None else ""
        self.statusBar().showMessage(
            self.tr("Syncing: {phase} {done}{total}").format(
                phase=progress.phase, done=progress.items_done, total=total
            )
        )

    def _sync_done(self, report: SyncReport) -> None:
        self.sync_action.setEnabled(True)
        self.data_changed.emit(Changes(outbox=True))
        if report.exit_code == 0:
            self.statusBar().showMessage(
                self.tr("Synced: sent {sent}, received {received}").format(
                    sent=report.applied, received=report.pulled
                ),
                10_000,
            )
            return
        if report.unreachable is not None:
            self.statusBar().showMessage(
                self.tr("Server not reachable; your work is kept and will be sent later."),
                10_000,
            )
            return
        QMessageBox.information(self, self.tr("Sync"), report.summary())

    def _sync_failed(self, exc: BaseException) -> None:
        self.sync_action.setEnabled(True)
        if isinstance(exc, services.SignInRequired):
            if self.sign_in():
                self.start_sync()
            return
        self._op_failed(exc)

    def sign_in(self) -> bool:
        user = self.profile.user.username if self.profile.user else ""
        dialog = LoginDialog(self, server_url=self.server_url, username=user)
        while dialog.exec():
            server, username, password = dialog.values()
            try:
                services.login(self.profile, server, username, password)
            except ServiceError as exc:
                dialog.message.setText(str(exc))
                dialog.password.clear()
                continue
            self.server_url = server
            return True
        return False

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Field Inspector"),
            self.tr(
                "Field Inspector {version}\nJoint market-supervision inspections, offline first."
            ).format(version=__version__),
        )
