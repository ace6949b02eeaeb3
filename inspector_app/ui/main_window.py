"""The main window: the tasks on the left, the selected task's checklist on the right."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app import __version__
from inspector_app.domain.entities import TaskStatus
from inspector_app.services import (
    Changes,
    Profile,
    Seen,
    ServiceError,
    attach_evidence,
    complete_inspection,
    get_results_seen,
    get_task,
    list_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.ui.i18n import error_text
from inspector_app.ui.item_editor import ItemEntry
from inspector_app.ui.operations import OperationRunner
from inspector_app.ui.settings.hub import SettingsHub
from inspector_app.ui.sync.controller import SyncController
from inspector_app.ui.task_detail import TaskDetail
from inspector_app.ui.task_model import TaskTableModel

AFTER_COMPLETION = {TaskStatus.COMPLETED, TaskStatus.SUBMITTED}

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # Views refresh from this one signal, never by poking each other (Anki's OpChanges).
    data_changed = Signal(object)

    def __init__(
        self,
        profile: Profile,
        *,
        server_url: str | None = None,
        settings: SettingsHub | None = None,
    ) -> None:
        super().__init__()
        self.profile = profile
        self.server_url = server_url or ""
        # Which server version of each item's result the detail view shows: a save
        # is made on it, so a headless sync meanwhile cannot make it overwrite unseen.
        self._seen: dict[str, Seen] = {}
        self.setWindowTitle(self.tr("Field Inspector"))
        self.resize(1280, 800)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search business, USCC or department (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)

        self.model = TaskTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The USCC stays searchable and shows in the detail pane; the name needs the room.
        self.table.setColumnHidden(1, True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)

        self.ops = OperationRunner(self)
        self.detail = TaskDetail(self)
        self.detail.editor.save_requested.connect(self._save_entry)
        self.detail.editor.photo_requested.connect(self._attach_photo)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setSizes([600, 680])
        self.setCentralWidget(splitter)

        self._wire_sync(settings)
        self._build_menus()
        self.data_changed.connect(self._on_data_changed)
        self.refresh()

    def _wire_sync(self, settings: SettingsHub | None) -> None:
        """ui/sync: the status bar's sync figures, Sync now (F9), background sync, the
        refused changes and the conflicts; ``self.sync_action`` goes in menus and tool bar."""
        self.sync = SyncController(
            self,
            self.profile,
            self.data_changed,
            settings if settings is not None else SettingsHub.load(parent=self),
            server_url=self.server_url,
        )
        self.sync_action = self.sync.sync_now_action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        inspection_menu = self.menuBar().addMenu(self.tr("&Inspection"))
        self.check_in_action = QAction(self.tr("Check &in"), self)
        self.check_in_action.setShortcut(QKeySequence("Ctrl+K"))
        self.check_in_action.triggered.connect(self.check_in)
        inspection_menu.addAction(self.check_in_action)
        self.complete_action = QAction(self.tr("&Complete inspection"), self)
        self.complete_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.complete_action.triggered.connect(self.complete)
        inspection_menu.addAction(self.complete_action)
        toolbar = self.addToolBar(self.tr("Inspection"))
        toolbar.setObjectName("inspection-toolbar")
        toolbar.addAction(self.check_in_action)
        toolbar.addAction(self.complete_action)
        file_menu.insertActions(quit_action, self.sync.actions())
        file_menu.insertSeparator(quit_action)
        toolbar.addSeparator()
        toolbar.addAction(self.sync_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        refresh_action = QAction(self.tr("&Refresh"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(refresh_action)
        find_action = QAction(self.tr("&Find task"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(
            lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        view_menu.addAction(find_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Field Inspector"), self)
        about_action.triggered.connect(self._about)
        help_menu.addAction(about_action)

    def refresh(self) -> None:
        selected = self.current_task_id()
        try:
            tasks = list_tasks(self.profile)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Field Inspector"), error_text(exc))
            return
        self.model.set_tasks(tasks)
        self.statusBar().showMessage(
            self.tr("{n} tasks · profile {folder}").format(n=len(tasks), folder=self.profile.folder)
        )
        if selected is not None:
            self.select_task(selected)
        elif tasks:
            self.table.selectRow(0)
        # Re-selecting the same row emits nothing; show the task's new state anyway.
        self._show_selected()

    def current_task_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.proxy.data(rows[0], Qt.ItemDataRole.UserRole))

    def select_task(self, task_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, Qt.ItemDataRole.UserRole) == task_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            self.detail.show_task(None, {})
            self.check_in_action.setEnabled(False)
            self.complete_action.setEnabled(False)
            return
        try:
            task = get_task(self.profile, task_id)
            results, self._seen = get_results_seen(self.profile, task_id)
            self.detail.show_task(task, results)
            self.check_in_action.setEnabled(
                task.status in (TaskStatus.ASSIGNED, TaskStatus.RETURNED)
            )
            self.complete_action.setEnabled(task.status == TaskStatus.IN_PROGRESS)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Field Inspector"), error_text(exc))

    def warn_if_audit_trail_damaged(self) -> bool:
        """Say so when the check at start-up found this laptop's audit trail damaged."""
        verdict = self.profile.audit_verdict
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

    def _on_data_changed(self, changes: Changes) -> None:
        self.refresh()

    # --- operations -----------------------------------------------------------------

    def run_op(self, fn: Any, *, done: str, after: Any = None) -> None:
        """Run a service call off the GUI thread; report errors in words a user can act on."""

        def succeeded(result: Any) -> None:
            changes = result[1] if isinstance(result, tuple) else result
            self.statusBar().showMessage(done, 5000)
            self.data_changed.emit(changes)
            if after is not None:
                after()

        self.ops.run(fn, on_success=succeeded, on_failure=self._op_failed)

    def _op_failed(self, exc: BaseException) -> None:
        title = self.tr("Field Inspector")
        if isinstance(exc, ServiceError):
            QMessageBox.warning(self, title, error_text(exc))
            return
        log.error("operation failed", exc_info=exc)
        QMessageBox.critical(
            self,
            title,
            self.tr("Something went wrong and nothing was changed: {error}").format(error=exc),
        )

    def check_in(self) -> None:
        task = self.detail.task
        if task is None:
            return
        profile = self.profile
        self.run_op(lambda: start_inspection(profile, task.id), done=self.tr("Checked in"))

    def complete(self) -> None:
        task = self.detail.task
        if task is None:
            return
        profile = self.profile
        self.run_op(
            lambda: complete_inspection(profile, task.id), done=self.tr("Inspection completed")
        )

    def _reason_if_needed(self) -> tuple[bool, str | None]:
        task = self.detail.task
        if task is None or task.status not in AFTER_COMPLETION:
            return True, None
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Reason for the change"),
            self.tr("This inspection is already completed. Why is this finding changed?"),
        )
        if not ok or not reason.strip():
            return False, None
        return True, reason.strip()

    def _save_entry(self, entry: ItemEntry) -> None:
        task = self.detail.task
        if task is None:
            return
        go, reason = self._reason_if_needed()
        if not go:
            return
        profile = self.profile
        seen = self._seen.get(entry.item_id)

        def save() -> Changes:
            return record_item_result(
                profile,
                task.id,
                entry.item_id,
                outcome=entry.outcome,
                note=entry.note,
                corrected_on_site=entry.corrected_on_site,
                deadline=entry.deadline,
                reason=reason,
                seen=seen,
            )

        self.run_op(
            save, done=self.tr("Result saved"), after=lambda: self._next_item(entry.item_id)
        )

    def _next_item(self, item_id: str) -> None:
        task = self.detail.task
        if task is None:
            return
        ids = [i.id for i in task.checklist]
        if item_id in ids and ids.index(item_id) + 1 < len(ids):
            self.detail.select_item(ids[ids.index(item_id) + 1])

    def _attach_photo(self, item_id: str, path: str) -> None:
        task = self.detail.task
        if task is None:
            return
        go, reason = self._reason_if_needed()
        if not go:
            return
        profile, file = self.profile, Path(path)

        def attach() -> tuple[str, Changes]:
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise ServiceError(
                    f"Cannot read {file}: {exc.strerror}. Choose another file."
                ) from exc
            return attach_evidence(
                profile, task.id, item_id, data, caption=file.name, reason=reason
            )

        self.run_op(attach, done=self.tr("Photo attached"))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Field Inspector"),
            self.tr(
                "Field Inspector {version}\nJoint market-supervision inspections, offline first."
            ).format(version=__version__),
        )

    def index_of_row(self, row: int) -> QModelIndex:
        return self.proxy.index(row, 0)
