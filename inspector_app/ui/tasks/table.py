"""The table of tasks: fixed row heights and column widths, so 10,000 rows scroll smoothly
and are never measured one by one (the widths come from the font: the header and what a
column typically shows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.ui.tasks.model import TaskTableModel, status_label


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
        self.fit_columns()
        self.setColumnHidden(TaskTableModel.USCC, True)  # searchable; shown on the card

    def fit_columns(self) -> None:
        """Each fixed column as wide as its header (with room for the sort arrow) or its
        typical cell, whichever is wider, from the font's metrics: never from the rows."""
        header = self.horizontalHeader()
        fm = self.fontMetrics()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        padding = 2 * (margin + 1) + fm.horizontalAdvance(" ")
        for column, samples in typical_cells().items():
            cell = max(fm.horizontalAdvance(s) for s in samples) + padding
            header.resizeSection(column, max(cell, header.sectionSizeFromContents(column).width()))


def typical_cells() -> dict[int, list[str]]:
    """What the fixed columns usually show, in the current language."""
    m = TaskTableModel
    return {
        m.CREDIT: [c.value for c in CreditClass],
        m.STATUS: [status_label(s) for s in TaskStatus],
        m.PROGRESS: ["88/88"],
        m.WINDOW: ["12-28–12-28"],
        m.DEPARTMENTS: ["88"],
        m.USCC: ["91440300MA5FJLP1G8"],
    }
