"""The task list page: views with counts, filters, search as you type, the table.

Reads are small and synchronous (the list's rows come from one index; a change
re-reads only the tasks it names); writes never happen here.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.profile import Profile
from inspector_app.services.task_list import TaskSummary, list_tasks
from inspector_app.services.task_views import (
    TaskFilter,
    TaskView,
    facets,
    view_counts,
    view_task_ids,
)
from inspector_app.ui.actions import PageActions, plain
from inspector_app.ui.tasks.model import ID_ROLE, status_label
from inspector_app.ui.tasks.table import TaskTable

log = logging.getLogger(__name__)


def task_ids_of(changes: Changes) -> set[str]:
    """The tasks a change touched: tasks, their inspections, and their items' results."""
    ids = set(changes.tasks) | set(changes.inspections)
    ids.update(rid.split(":", 1)[0] for rid in changes.item_results)
    return ids


class TaskListPage(QWidget):
    """Emits ``task_selected`` with the id of the task the user moved to."""

    task_selected = Signal(object)  # str | None
    # The views' counts, after the rows shown changed (a view, a filter, a search, a change).
    counts_changed = Signal(object)  # dict[TaskView, int]

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.view = TaskView.TODAY
        self.counts: dict[TaskView, int] = {}

        self.views = QListWidget(self)
        self.views.setObjectName("task-views")
        self.views.setAccessibleName(self.tr("Views"))
        for view in TaskView:
            entry = QListWidgetItem("")
            entry.setData(Qt.ItemDataRole.UserRole, view.value)
            self.views.addItem(entry)
        self.views.setCurrentRow(0)
        self.views.currentRowChanged.connect(self._view_tab_changed)
        self.views.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

        self.search = QLineEdit(self)
        self.search.setObjectName("task-search")
        self.search.setPlaceholderText(self.tr("Search business, USCC or department (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)

        self.department = QComboBox(self)
        self.area = QComboBox(self)
        self.credit = QComboBox(self)
        self.status = QComboBox(self)
        for combo, tip in (
            (self.department, self.tr("Department")),
            (self.area, self.tr("Area")),
            (self.credit, self.tr("Credit risk class")),
            (self.status, self.tr("Status")),
        ):
            combo.setToolTip(tip)
            combo.setAccessibleName(tip)
            combo.currentIndexChanged.connect(self._filters_changed)
        # Credit classes and statuses are a few short words: each combo as wide as its
        # longest. Departments and areas are data (a name may be long): as wide as their
        # "All ..." entry, with a popup as wide as the longest name (see _refill).
        for combo in (self.credit, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.department, self.area):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )

        self.table = TaskTable(self)
        self.model = self.table.task_model
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)

        self.empty = QLabel(self)
        self.empty.setObjectName("task-list-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.department, self.area, self.credit, self.status):
            filters.addWidget(combo, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.search)
        right.addLayout(filters)
        right.addWidget(self.table, 1)
        right.addWidget(self.empty)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.views)
        layout.addLayout(right, 1)
        self.setFocusProxy(self.table)
        self._selected: str | None = None
        self._filling = False
        self._updating = False
        # A keystroke re-filters at once; a burst of them only once per event-loop turn.
        self._refilter = QTimer(self)
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(0)
        self._refilter.timeout.connect(self._apply_filter)
        self.actions = self.declare_actions()

    # --- actions --------------------------------------------------------------------

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Tasks"), self)
        a.add("find-task", self.tr("&Find task"), QKeySequence.StandardKey.Find, self.focus_search)
        a.add(
            "clear-filters",
            self.tr("&Clear search and filters"),
            "Ctrl+Shift+F",
            self.clear_filters,
        )
        a.add("focus-task-list", self.tr("Go to the task &list"), "Ctrl+T", self.focus_table)
        view_texts = self._view_texts()
        for n, view in enumerate(TaskView, start=1):
            a.add(
                f"view-{view.value}",
                view_texts[view],
                f"Ctrl+{n}",
                lambda view=view: self.set_view(view),
                separator=n == 1,
            )
        a.add(
            "refresh",
            self.tr("&Refresh"),
            QKeySequence.StandardKey.Refresh,
            self.reload,
            separator=True,
        )
        return a

    def _view_texts(self) -> dict[TaskView, str]:
        return {
            TaskView.TODAY: self.tr("&Today"),
            TaskView.UPCOMING: self.tr("&Upcoming"),
            TaskView.FOLLOW_UPS: self.tr("F&ollow-ups due"),
            TaskView.DONE: self.tr("&Done"),
            TaskView.ATTENTION: self.tr("Needs &attention"),
            TaskView.ALL: self.tr("All task&s"),
        }

    # --- loading --------------------------------------------------------------------

    def reload(self) -> None:
        """Read every task's list row again (start-up, after a sync, F5)."""
        try:
            tasks = list_tasks(self.profile)
        except ServiceError as exc:
            log.warning("task list not read: %s", exc)
            self.empty.setText(str(exc))
            self.empty.show()
            return
        self.model.today = date.today()
        self.model.set_tasks(tasks, relayout=False)
        self._fill_facets()
        self._refresh_view()

    def _fill_facets(self) -> None:
        f = facets(self.model.all_tasks())
        self._filling = True
        try:
            _refill(self.department, self.tr("All departments"), [(n, c) for c, n in f.departments])
            _refill(self.area, self.tr("All areas"), [(a, a) for a in f.areas])
            _refill(
                self.credit,
                self.tr("All credit classes"),
                [(self.tr("Class {c}").format(c=c.value), c.value) for c in CreditClass],
            )
            _refill(
                self.status,
                self.tr("All statuses"),
                [(status_label(s), s.value) for s in TaskStatus],
            )
        finally:
            self._filling = False

    def _new_facets(self, tasks: list[TaskSummary]) -> bool:
        """A changed task brings a department or area the filters do not offer yet."""
        offered = {self.department.itemData(n) for n in range(self.department.count())}
        areas = {self.area.itemData(n) for n in range(self.area.count())}
        return any(
            (t.area and t.area not in areas) or not offered.issuperset(t.department_codes)
            for t in tasks
        )

    def _refresh_view(self) -> None:
        """Counts for every view, and the current view's tasks."""
        today = date.today()
        try:
            self.counts = view_counts(self.profile, today=today)
            ids = (
                None
                if self.view is TaskView.ALL
                else view_task_ids(self.profile, self.view, today=today)
            )
        except ServiceError as exc:
            log.warning("views not read: %s", exc)
            return
        self._show_counts()
        self.model.set_view(ids, self._current_filter())
        self._after_relayout()

    def _show_counts(self) -> None:
        texts = self._view_texts()
        for n, view in enumerate(TaskView):
            label = plain(texts[view])
            self.views.item(n).setText(f"{label}  ({self.counts.get(view, 0)})")
        width = max(self.views.sizeHintForColumn(0), 60) + 2 * self.views.frameWidth() + 8
        self.views.setFixedWidth(width)

    def apply_changes(self, changes: Changes) -> None:
        """Update the rows a change names, and the counts; a change naming no task (a sync)
        reads everything again."""
        ids = task_ids_of(changes)
        if not ids:
            self.reload()
            return
        today = date.today()
        try:
            fresh = list_tasks(self.profile, ids=ids)
            in_view = (
                None
                if self.view is TaskView.ALL
                else view_task_ids(self.profile, self.view, today=today, among=ids)
            )
            self.counts = view_counts(self.profile, today=today)
        except ServiceError as exc:
            log.warning("changed tasks not read: %s", exc)
            return
        gone = ids - {t.id for t in fresh}
        if self._new_facets(fresh):
            self._fill_facets()
        # A task leaving the view (completed, say) must not carry the selection, and the
        # task page, over to its neighbour: the user stays on what they were doing.
        self._updating = True
        try:
            self.model.update_tasks(fresh, in_view)
            if gone:
                self.model.remove_tasks(gone)
        finally:
            self._updating = False
        self._show_counts()
        self._reselect()
        self.counts_changed.emit(dict(self.counts))

    # --- views, filters and search -------------------------------------------------

    def set_view(self, view: TaskView) -> None:
        index = list(TaskView).index(view)
        if self.views.currentRow() != index:
            self.views.setCurrentRow(index)  # -> _view_tab_changed
        else:
            self._view_tab_changed(index)

    def _view_tab_changed(self, index: int) -> None:
        if index < 0 or self._filling:
            return
        self.view = list(TaskView)[index]
        self._refresh_view()

    def _current_filter(self) -> TaskFilter:
        credit, status = self.credit.currentData(), self.status.currentData()
        return TaskFilter(
            text=self.search.text(),
            department=self.department.currentData(),
            area=self.area.currentData(),
            credit_class=None if credit is None else CreditClass(credit),
            status=None if status is None else TaskStatus(status),
        )

    def _filters_changed(self, *_args: object) -> None:
        if not self._filling:
            self._refilter.start()

    def _apply_filter(self) -> None:
        self.model.set_filter(self._current_filter())
        self._after_relayout()

    def clear_filters(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            for combo in (self.department, self.area, self.credit, self.status):
                combo.setCurrentIndex(0)
        finally:
            self._filling = False
        self._apply_filter()

    def _after_relayout(self) -> None:
        shown = self.model.rowCount()
        self.empty.setVisible(shown == 0)
        if shown == 0:
            self.empty.setText(self._empty_text())
        self._reselect()
        self.counts_changed.emit(dict(self.counts))

    def _empty_text(self) -> str:
        if self._current_filter() != TaskFilter():
            return self.tr("No task matches the search and filters. Ctrl+Shift+F clears them.")
        if self.view is TaskView.FOLLOW_UPS:
            return self.tr("No follow-up visit is due.")
        return self.tr("No task in this view.")

    # --- selection ------------------------------------------------------------------

    def current_task_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(rows[0].data(ID_ROLE))

    def select_task(self, task_id: str) -> bool:
        """Select a task and show it (also when it was already selected)."""
        row = self.model.row_of(task_id)
        if row is None:
            return False
        already = self.current_task_id() == task_id
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        if already:
            self._selected = task_id
            self.task_selected.emit(task_id)
        return True

    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def _reselect(self) -> None:
        """Keep the task the user was on selected when it is still listed, quietly."""
        if self._selected is None:
            return
        row = self.model.row_of(self._selected)
        if row is None:
            if self.current_task_id() not in (None, self._selected):
                self.table.selectionModel().blockSignals(True)
                try:
                    self.table.clearSelection()
                finally:
                    self.table.selectionModel().blockSignals(False)
                self.table.viewport().update()
            return
        current = self.current_task_id()
        if current != self._selected:
            self.table.selectionModel().blockSignals(True)
            try:
                self.table.selectRow(row)
            finally:
                self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if self._updating:
            return
        task_id = self.current_task_id()
        if task_id is not None and task_id != self._selected:
            self._selected = task_id
            self.task_selected.emit(task_id)

    def _activated(self, _index: QModelIndex) -> None:
        self.task_selected.emit(self.current_task_id())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.current_task_id() is None:
            self.select_first()


def _refill(combo: QComboBox, everything: str, entries: list[tuple[str, object]]) -> None:
    keep = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for text, value in entries:
        combo.addItem(text, value)
    index = combo.findData(keep) if keep is not None else 0
    combo.setCurrentIndex(max(index, 0))
    if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents:
        # The "All ..." entry always shows whole (Qt counts the length in X's); the
        # popup's list is as wide as its longest entry.
        fm = combo.fontMetrics()
        combo.setMinimumContentsLength(
            -(-fm.horizontalAdvance(everything) // fm.horizontalAdvance("X"))
        )
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth())
    # Qt keeps the minimum size hint it computed first (on the empty combo): the layout
    # must not squeeze the combo below the width its entries need.
    combo.setMinimumWidth(combo.sizeHint().width())
