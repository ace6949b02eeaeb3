"""The task list as a Qt item model, filled from ``services.list_tasks``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from inspector_app.services import TaskSummary

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTableModel", text)


STATUS_LABELS = {
    "assigned": QT_TRANSLATE_NOOP("TaskTableModel", "Assigned"),
    "in_progress": QT_TRANSLATE_NOOP("TaskTableModel", "In progress"),
    "completed": QT_TRANSLATE_NOOP("TaskTableModel", "Completed"),
    "submitted": QT_TRANSLATE_NOOP("TaskTableModel", "Submitted"),
    "approved": QT_TRANSLATE_NOOP("TaskTableModel", "Approved"),
    "returned": QT_TRANSLATE_NOOP("TaskTableModel", "Returned"),
    "published": QT_TRANSLATE_NOOP("TaskTableModel", "Published"),
    "cancelled": QT_TRANSLATE_NOOP("TaskTableModel", "Cancelled"),
}


class TaskTableModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("TaskTableModel", "Business"),
        QT_TRANSLATE_NOOP("TaskTableModel", "USCC"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Status"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Progress"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Window"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Departments"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskSummary] = []

    def set_tasks(self, tasks: list[TaskSummary]) -> None:
        self.beginResetModel()
        self._rows = list(tasks)
        self.endResetModel()

    def task_at(self, row: int) -> TaskSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return task.business_name
            if col == 1:
                return task.uscc
            if col == 2:
                return _tr(STATUS_LABELS.get(str(task.status), str(task.status)))
            if col == 3:
                return f"{task.n_done}/{task.n_items}"
            if col == 4:
                return f"{task.window_start:%m-%d} – {task.window_end:%m-%d}"
            if col == 5:
                return str(len(task.departments))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return task.address
            if col == 5:
                return "\n".join(task.departments)
        if role == Qt.ItemDataRole.UserRole:
            return task.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
