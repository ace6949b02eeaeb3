"""The main window: the tasks on the left, the selected task's checklist on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app import __version__
from inspector_app.services import Changes, Profile, ServiceError, get_results, get_task, list_tasks
from inspector_app.ui.task_detail import TaskDetail
from inspector_app.ui.task_model import TaskTableModel

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # Views refresh from this one signal, never by poking each other (Anki's OpChanges).
    data_changed = Signal(object)

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
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

        self.detail = TaskDetail(self)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setSizes([600, 680])
        self.setCentralWidget(splitter)

        self._build_menus()
        self.data_changed.connect(self._on_data_changed)
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

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
            QMessageBox.warning(self, self.tr("Field Inspector"), str(exc))
            return
        self.model.set_tasks(tasks)
        self.statusBar().showMessage(
            self.tr("{n} tasks · profile {folder}").format(n=len(tasks), folder=self.profile.folder)
        )
        if selected is not None:
            self.select_task(selected)
        elif tasks:
            self.table.selectRow(0)

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
        task_id = self.current_task_id()
        if task_id is None:
            self.detail.show_task(None, {})
            return
        try:
            self.detail.show_task(
                get_task(self.profile, task_id), get_results(self.profile, task_id)
            )
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Field Inspector"), str(exc))

    def _on_data_changed(self, changes: Changes) -> None:
        self.refresh()

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
