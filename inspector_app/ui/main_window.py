"""The main window: composes the task list and the task page, and their actions.

It holds no view logic of its own: pages declare their actions and refresh from the
one ``data_changed`` signal; the window lays out pages, menus, the toolbar and the
status bar, and remembers its state. Sync (its actions, the status bar's figures, the
refused changes and conflicts) is ``ui/sync``'s SyncController, wired in by
``_wire_sync``; the session (``ui/session``) adds the Account menu before Help.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QToolBar

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.profile import Profile
from inspector_app.services.task_views import TaskView
from inspector_app.ui.actions import (
    PageActions,
    build_menu,
    build_toolbar,
    install,
    menu_bar_pages,
)
from inspector_app.ui.i18n import error_text
from inspector_app.ui.lookup import lookup_action
from inspector_app.ui.operations import Operations, Warmup
from inspector_app.ui.settings.hub import SettingsHub
from inspector_app.ui.stats.dialog import add_statistics_action
from inspector_app.ui.sync.controller import SyncController
from inspector_app.ui.tasks.model import TaskTableModel
from inspector_app.ui.tasks.page import TaskListPage
from inspector_app.ui.visit.drafts import DraftKeeper
from inspector_app.ui.visit.page import VisitPage
from inspector_app.ui.widgets.shortcuts import ShortcutsDialog
from inspector_app.ui.widgets.window_messages import show_about, show_operation_error

log = logging.getLogger(__name__)

#: How long after the window comes up the task page's services start loading.
WARMUP_DELAY_MS = 30


class MainWindow(QMainWindow):
    def __init__(
        self,
        profile: Profile,
        *,
        server_url: str | None = None,
        settings: SettingsHub | None = None,
        state: QSettings | None = None,
    ) -> None:
        """``settings``: the app's settings (sync interval, server, …); ``state``: where the
        window keeps its geometry, views and drafts (Qt's own settings by default)."""
        super().__init__()
        self.profile = profile
        self.server_url = server_url or ""
        self.state = state if state is not None else QSettings()
        self.setWindowTitle(self.tr("Field Inspector"))
        self.resize(1440, 900)

        self._audit_warning_pending = False
        self.ops = Operations(self._op_failed, self)
        self.drafts = DraftKeeper(self.state, str(profile.folder), self)
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

        self._wire_sync(settings)
        self.visit.documents.printer_name = lambda: str(self.sync.settings.get("printer") or "")
        self.window_actions = self.declare_file_actions()
        self.help_actions = self.declare_help_actions()
        self.pages: list[PageActions] = [
            self.window_actions,
            self.tasks.actions,
            self.visit.visit_actions,
            self.visit.record_actions,
            self.visit.decide_actions,
            self.visit.documents.actions,
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

        self.tasks.reload()
        self._restore_state()
        # The task page needs SQLAlchemy and the services behind it, which take longer to
        # load than the rest of start-up; they load in the background once the window
        # is up, then the page shows the selected task.
        self._warm = Warmup(profile, self)
        self._warm.loaded.connect(self._warmed_up)
        # The sync client loads after the task page's services (in steps as well).
        self._warm.later_loaded.connect(self.sync.start)
        self._warm.checked.connect(self._integrity_checked)
        self.ops.prepare = self._warm.finish_now
        # After the first paint and whatever the user does first.
        self._warm.start(delay_ms=WARMUP_DELAY_MS)

    # --- composition ----------------------------------------------------------------

    def _wire_sync(self, settings: SettingsHub | None) -> None:
        """ui/sync: the status bar's sync figures, Sync now (F9), background sync, the
        refused changes and the conflicts; ``self.sync_action`` goes in menus and tool bar."""
        self.sync = SyncController(
            self,
            self.profile,
            self.data_changed,
            settings if settings is not None else SettingsHub.load(parent=self),
            server_url=self.server_url,
            start=False,  # its figures need the database: after the warm-up (_warmed_up)
        )
        self.sync_action = self.sync.sync_now_action

    def declare_file_actions(self) -> PageActions:
        a = PageActions(self.tr("&File"), self)
        names = ("sync", "refused-changes", "conflicts")
        for name, action in zip(names, self.sync.actions(), strict=True):
            a.adopt(name, action, toolbar=action is self.sync_action)
        add_statistics_action(a, self.profile, self.ops, self)  # a lead's figures (issue 14)
        a.add("quit", self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, separator=True)
        return a

    def declare_help_actions(self) -> PageActions:
        a = PageActions(self.tr("&Help"), self)
        lookup = lookup_action(self, self.profile, lambda: self.ops.prepare())
        a.adopt("lookup", lookup)  # F3: ui/lookup's search page
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

    def shortcut_pages(self) -> list[PageActions]:
        """The pages' actions and any menu others put on the window (the session's
        Account menu), in menu-bar order: what Help > Keyboard shortcuts lists."""
        return menu_bar_pages(self.menuBar(), self.pages, self)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_pages(), self).exec()

    # --- state ----------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.state
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
        s = self.state
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
        if self._audit_warning_pending:
            self._audit_warning_pending = False
            self.warn_if_audit_trail_damaged()
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
        self._warm.stop()
        self._warm.wait()
        self.drafts.flush()
        self.save_state()
        super().closeEvent(event)

    def warn_if_audit_trail_damaged(self) -> bool:
        """Say so when the check at start-up found this laptop's audit trail damaged.

        A profile opened the quick way is checked when the warm-up opens its database
        (before anything can be written): the warning comes then, and this says False.
        """
        if not self.profile.db_open and not self._warm.done:
            self._audit_warning_pending = True
            return False
        try:
            verdict = self.profile.audit_verdict
        except ServiceError as exc:  # the database cannot be opened: say that instead
            QMessageBox.warning(self, self.tr("Field Inspector"), error_text(exc))
            return False
        if verdict.ok:
            return False
        QMessageBox.warning(
            self,
            self.tr("Audit trail damaged"),
            self.tr(
                "This laptop's audit trail (执法全过程记录) was changed outside Field "
                "Inspector: {what}\n\nNothing was deleted. The damage is recorded in the trail "
                "and goes to the server with the next sync. Tell the officer in charge of "
                "records before going on."
            ).format(what=verdict.describe()),
        )
        return True

    # --- following changes ----------------------------------------------------------

    def _on_data_changed(self, changes: Changes) -> None:
        self.tasks.apply_changes(changes)
        self.visit.apply_changes(changes)

    def _show_counts(self, *_args: object) -> None:
        total = self.tasks.model.task_count()
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
        show_operation_error(self, exc)

    def _about(self) -> None:
        show_about(self)
