"""The table of tasks: fixed row heights and column widths, so 10,000 rows scroll smoothly
and are never measured one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from inspector_app.ui.tasks.model import TaskTableModel


class TaskTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_model = TaskTableModel(self)
        self.setObjectName("task-table")
        self.setModel(self.task_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(TaskTableModel.WINDOW, Qt.SortOrder.AscendingOrder)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        # Tab moves on to the next widget; arrows move between rows.
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed row heights and fixed column widths: the view never measures 10,000
        # rows (ResizeToContents would call data() for every one of them).
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TaskTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in (
            (TaskTableModel.CREDIT, 4),
            (TaskTableModel.STATUS, 8),
            (TaskTableModel.PROGRESS, 6),
            (TaskTableModel.WINDOW, 10),
            (TaskTableModel.DEPARTMENTS, 5),
            (TaskTableModel.USCC, 13),
        ):
            header.resizeSection(column, width * em)
        self.setColumnHidden(TaskTableModel.USCC, True)  # searchable; shown on the card
