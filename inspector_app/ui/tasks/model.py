"""The task list as a Qt item model over light :class:`TaskSummary` rows.

It holds every task of the profile once (a few megabytes for 10,000) and shows the
ones of the current view that pass the filters. A change updates the rows it names
(``dataChanged``, or an insert or a removal when a task enters or leaves the view),
never the whole model; only a new view, filter or search re-lays the list out.
Sorting is done here, on Python keys, not by a proxy calling ``data()`` per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.services.task_list import TaskSummary
from inspector_app.services.task_views import TaskFilter

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


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


def status_label(status: TaskStatus) -> str:
    return _tr(STATUS_LABELS.get(status.value, status.value))


SERVER_STATE_LABELS = {
    "cancelled": QT_TRANSLATE_NOOP("TaskTableModel", "Cancelled on the server"),
    "reassigned": QT_TRANSLATE_NOOP("TaskTableModel", "Given to another team"),
}

#: 信用风险分类 colours as inspectors know them: 绿 A (low), 蓝 B, 橙 C, 红 D (high).
CREDIT_COLOURS = {
    CreditClass.A: QColor("#2e7d32"),
    CreditClass.B: QColor("#1565c0"),
    CreditClass.C: QColor("#ef6c00"),
    CreditClass.D: QColor("#c62828"),
}
CREDIT_LABELS = {
    CreditClass.A: QT_TRANSLATE_NOOP("TaskTableModel", "A – low risk"),
    CreditClass.B: QT_TRANSLATE_NOOP("TaskTableModel", "B – ordinary risk"),
    CreditClass.C: QT_TRANSLATE_NOOP("TaskTableModel", "C – elevated risk"),
    CreditClass.D: QT_TRANSLATE_NOOP("TaskTableModel", "D – high risk"),
}
OVERDUE = QColor("#c62828")
_POSITIVE_TIP = QT_TRANSLATE_NOOP(
    "TaskTableModel", "On the positive list (无事不扰): inspect only with a reason"
)
_CREDIT_TIP = QT_TRANSLATE_NOOP("TaskTableModel", "Credit risk class: {label}")
_OVERDUE_TIP = QT_TRANSLATE_NOOP("TaskTableModel", "Overdue: the window closed on {day}")


def positive_list_icon() -> QIcon:
    """A small green shield-like badge for businesses on the 无事不扰 positive list."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2e7d32"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 12, 12)
    painter.setPen(QColor("white"))
    painter.drawLine(4, 7, 6, 10)
    painter.drawLine(6, 10, 10, 4)
    painter.end()
    return QIcon(pixmap)


SortKey = Callable[[TaskSummary], Any]


class TaskTableModel(QAbstractTableModel):
    NAME, CREDIT, STATUS, PROGRESS, WINDOW, DEPARTMENTS, USCC = range(7)
    COLUMNS = (
        QT_TRANSLATE_NOOP("TaskTableModel", "Business"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Class"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Status"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Progress"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Window"),
        QT_TRANSLATE_NOOP("TaskTableModel", "Depts"),
        QT_TRANSLATE_NOOP("TaskTableModel", "USCC"),
    )
    SORT_KEYS: tuple[SortKey, ...] = (
        lambda t: (t.business_name, t.id),
        lambda t: ("DCBA".index(t.credit_class.value), t.business_name),
        lambda t: (t.status.value, t.window_start, t.business_name),
        lambda t: (t.n_done / t.n_items if t.n_items else 0.0, t.business_name),
        lambda t: (t.window_start, t.business_name, t.id),
        lambda t: (len(t.departments), t.business_name),
        lambda t: t.uscc,
    )

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self._all: dict[str, TaskSummary] = {}
        self._in_view: set[str] | None = None  # None: every task
        self._filter = TaskFilter()
        self._rows: list[TaskSummary] = []
        self._row_of: dict[str, int] = {}
        self._sort_column = self.WINDOW
        self._descending = False
        self._haystacks: dict[str, str] = {}  # task id -> search text, built on first search
        self._in_sql_order = True
        self._badge = positive_list_icon()
        self._credit_brushes = {c: QBrush(q) for c, q in CREDIT_COLOURS.items()}
        self._white = QBrush(QColor("white"))
        self._overdue = QBrush(OVERDUE)

    # --- contents -------------------------------------------------------------------

    def set_tasks(self, tasks: Iterable[TaskSummary], *, relayout: bool = True) -> None:
        """Every task of the profile (start-up, or after a sync brought many); without
        ``relayout`` the caller sets the view next, which lays the list out once."""
        self._all = {t.id: t for t in tasks}
        self._in_sql_order = True  # as list_tasks returns them: by window, name and id
        self._haystacks = {}
        if relayout:
            self._relayout()

    def set_view(self, task_ids: set[str] | None, task_filter: TaskFilter | None = None) -> None:
        """Show the tasks of a view (None: all) that pass ``task_filter``."""
        self._in_view = task_ids
        if task_filter is not None:
            self._filter = task_filter
        self._relayout()

    def set_filter(self, task_filter: TaskFilter) -> None:
        old, self._filter = self._filter, task_filter
        # Typing on narrows what is shown: look only at the rows shown already.
        narrowing = (
            replace(old, text="") == replace(task_filter, text="")
            and task_filter.text.startswith(old.text)
            and old.text.split() == task_filter.text.split()[: len(old.text.split())]
            and bool(old.text.strip())
        )
        self._relayout(narrowing=narrowing)

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def all_tasks(self) -> list[TaskSummary]:
        return list(self._all.values())

    def task_count(self) -> int:
        """How many tasks the profile holds (shown or not)."""
        return len(self._all)

    def _visible(self, task: TaskSummary, words: tuple[str, ...]) -> bool:
        in_view = self._in_view is None or task.id in self._in_view
        return in_view and self._filter.matches(task, words, self._haystacks)

    def _key(self) -> SortKey:
        return self.SORT_KEYS[self._sort_column]

    def _haystack(self) -> dict[str, str]:
        """Every task's search text (see ``TaskSummary.search_text``), built once; the
        window builds it when idle after start-up (``prepare_search``)."""
        hay = self._haystacks
        if len(hay) < len(self._all):
            departments: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
            for task_id, t in self._all.items():
                if task_id in hay:
                    continue
                key = (t.departments, t.department_codes)
                part = departments.get(key)
                if part is None:
                    part = departments[key] = "\n".join((*key[0], *key[1])).casefold()
                hay[task_id] = f"{t.business_name}\n{t.uscc}\n".casefold() + part
        return hay

    def prepare_search(self) -> None:
        self._haystack()

    def _relayout(self, *, narrowing: bool = False) -> None:
        f = self._filter
        view = self._in_view
        if narrowing:  # already in view, sorted and passing every other filter
            rows: list[TaskSummary] = list(self._rows)
        else:
            tasks = self._all.values()
            rows = list(tasks) if view is None else [t for t in tasks if t.id in view]
            if f != replace(f, department=None, area=None, credit_class=None, status=None):
                blank = replace(f, text="")
                rows = [t for t in rows if blank.matches(t, ())]
        words = f.words()
        if words:
            hay = self._haystack()
            if len(words) == 1:
                (word,) = words
                rows = [t for t in rows if word in hay[t.id]]
            else:
                rows = [t for t in rows if all(w in hay[t.id] for w in words)]
        # The list comes from SQL by window, name and id: that order needs no sort.
        resort = not self._in_sql_order or (self._sort_column, self._descending) != (
            self.WINDOW,
            False,
        )
        if resort and not narrowing:
            rows.sort(key=self._key(), reverse=self._descending)
        self.beginResetModel()
        self._rows = rows
        self._row_of = {t.id: n for n, t in enumerate(rows)}
        self.endResetModel()

    def update_tasks(self, tasks: Iterable[TaskSummary], in_view: set[str] | None) -> None:
        """Tasks a change named, re-read: update, insert or remove just their rows.

        ``in_view`` says which of them belong to the current view now (None: the
        view takes every task).
        """
        words = self._filter.words()
        for task in tasks:
            held = self._all.get(task.id)
            if (
                held is None
                or held.window_start != task.window_start
                or (held.business_name != task.business_name)
            ):
                self._in_sql_order = False  # a new or moved task: sort on the next layout
            self._all[task.id] = task
            self._haystacks.pop(task.id, None)
            if self._in_view is not None and in_view is not None:
                if task.id in in_view:
                    self._in_view.add(task.id)
                else:
                    self._in_view.discard(task.id)
            row = self._row_of.get(task.id)
            show = self._visible(task, words)
            key = self._key()
            if row is not None and show and self._in_place(row, task, key):
                self._rows[row] = task
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
                continue
            if row is not None:
                self._remove_row(row)
            if show:
                self._insert_sorted(task, key)

    def remove_tasks(self, task_ids: Iterable[str]) -> None:
        for task_id in task_ids:
            self._all.pop(task_id, None)
            if self._in_view is not None:
                self._in_view.discard(task_id)
            row = self._row_of.get(task_id)
            if row is not None:
                self._remove_row(row)

    def _in_place(self, row: int, task: TaskSummary, key: SortKey) -> bool:
        """The task keeps its place in the sort order (the common case: progress changed)."""
        sign = -1 if self._descending else 1
        k = key(task)
        before = row == 0 or sign * _cmp(key(self._rows[row - 1]), k) <= 0
        after = row == len(self._rows) - 1 or sign * _cmp(k, key(self._rows[row + 1])) <= 0
        return before and after

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self._rows.pop(row)
        self._row_of.pop(gone.id, None)
        for n in range(row, len(self._rows)):
            self._row_of[self._rows[n].id] = n
        self.endRemoveRows()

    def _insert_sorted(self, task: TaskSummary, key: SortKey) -> None:
        k = key(task)
        sign = -1 if self._descending else 1
        lo, hi = 0, len(self._rows)
        while lo < hi:  # after every row that sorts before or level with the task
            mid = (lo + hi) // 2
            if sign * _cmp(key(self._rows[mid]), k) <= 0:
                lo = mid + 1
            else:
                hi = mid
        row = lo
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, task)
        for n in range(row, len(self._rows)):
            self._row_of[self._rows[n].id] = n
        self.endInsertRows()

    # --- reading --------------------------------------------------------------------

    def task_at(self, row: int) -> TaskSummary:
        return self._rows[row]

    def row_of(self, task_id: str) -> int | None:
        return self._row_of.get(task_id)

    def task(self, task_id: str) -> TaskSummary | None:
        return self._all.get(task_id)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() else None for i in persistent]
        self._rows.sort(key=self._key(), reverse=self._descending)
        self._row_of = {t.id: n for n, t in enumerate(self._rows)}
        for old, task_id in zip(persistent, ids, strict=True):
            row = self._row_of.get(task_id) if task_id is not None else None
            new = QModelIndex() if row is None else self.index(row, old.column())
            self.changePersistentIndex(old, new)
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, col)
        if role == ID_ROLE:
            return task.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(task, col)
        if col == self.CREDIT:
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._credit_brushes[task.credit_class]
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._white
        if role == Qt.ItemDataRole.DecorationRole and col == self.NAME and task.positive_list:
            return self._badge
        if role == Qt.ItemDataRole.ForegroundRole and col == self.WINDOW:
            return self._overdue if task.overdue(self.today) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.CREDIT,
            self.PROGRESS,
            self.DEPARTMENTS,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, task: TaskSummary, col: int) -> str:
        if col == self.NAME:
            return task.business_name
        if col == self.CREDIT:
            return task.credit_class.value
        if col == self.STATUS:
            if task.server_state is not None:
                label = SERVER_STATE_LABELS.get(task.server_state, task.server_state)
                return _tr(label)
            return _tr(STATUS_LABELS.get(task.status.value, task.status.value))
        if col == self.PROGRESS:
            return f"{task.n_done}/{task.n_items}"
        if col == self.WINDOW:
            return f"{task.window_start:%m-%d}–{task.window_end:%m-%d}"
        if col == self.DEPARTMENTS:
            return str(len(task.departments))
        return task.uscc

    def _tooltip(self, task: TaskSummary, col: int) -> str | None:
        if col == self.NAME:
            lines = [task.business_name, task.uscc, task.address]
            if task.positive_list:
                lines.append(_tr(_POSITIVE_TIP))
            return "\n".join(line for line in lines if line)
        if col == self.CREDIT:
            return _tr(_CREDIT_TIP).format(label=_tr(CREDIT_LABELS[task.credit_class]))
        if col == self.DEPARTMENTS:
            return "\n".join(task.departments)
        if col == self.WINDOW and task.overdue(self.today):
            return _tr(_OVERDUE_TIP).format(day=task.window_end.isoformat())
        return None


def _cmp(a: Any, b: Any) -> int:
    return (a > b) - (a < b)
