"""The lead's queue: the submitted visits of the teams they lead, newest waiting first,
with filters (text, non-compliant only, resubmitted only, with documents) and counts.

The rows come from ``services.review_queue`` (a handful of aggregate queries, whatever
the number of visits); the model holds them as they are and the proxy filters them, so
a keystroke in the filter never reads the database again.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.actions import PageActions

if TYPE_CHECKING:
    from inspector_app.services.review_queue import QueueEntry

Index = QModelIndex | QPersistentModelIndex
TASK_ROLE = int(Qt.ItemDataRole.UserRole.value)
SORT_ROLE = TASK_ROLE + 1
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


def _when(value: datetime | None) -> str:
    return "-" if value is None else value.astimezone().strftime("%m-%d %H:%M")


RED = QBrush(QColor("#c62828"))
AMBER = QBrush(QColor("#8a5a00"))


class QueueModel(QAbstractTableModel):
    BUSINESS, INSPECTORS, SUBMITTED, ROUND, NONCOMPLIANT, DOCUMENTS = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[QueueEntry] = []
        self._display: list[tuple[str, ...]] = []
        self._headers = [
            self.tr("Business"),
            self.tr("Inspectors"),
            self.tr("Submitted"),
            self.tr("Round"),
            self.tr("Non-compliant"),
            self.tr("Documents"),
        ]

    def set_entries(self, entries: list[QueueEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        # What each cell shows, made once per reload: painting asks for it many times.
        self._display = [self._cells(e) for e in self.entries]
        self.endResetModel()

    def _cells(self, e: QueueEntry) -> tuple[str, ...]:
        return (
            e.business_name,
            "、".join(e.inspectors),
            _when(e.waiting_since),
            str(e.round),
            f"{e.noncompliant} / {e.results}",
            str(e.documents),
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Plain ints first: this runs for every role of every cell painted.
        if role == DISPLAY:
            return self._display[index.row()][index.column()]
        if role == FOREGROUND:
            e = self.entries[index.row()]
            column = index.column()
            if column == self.NONCOMPLIANT and e.noncompliant:
                return RED
            if column == self.ROUND and e.round > 1:
                return AMBER
            return None
        if role == TASK_ROLE:
            return self.entries[index.row()].task_id
        if role == SORT_ROLE:
            e = self.entries[index.row()]
            keys = {
                self.BUSINESS: e.business_name,
                self.INSPECTORS: "、".join(e.inspectors),
                self.SUBMITTED: e.waiting_since.timestamp() if e.waiting_since else 0.0,
                self.ROUND: e.round,
                self.NONCOMPLIANT: e.noncompliant,
                self.DOCUMENTS: e.documents,
            }
            return keys[index.column()]
        if role == TOOLTIP and index.column() == self.BUSINESS:
            e = self.entries[index.row()]
            return f"{e.uscc}\n{e.address}\n{'、'.join(e.departments)}"
        return None


class QueueFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.noncompliant_only = False
        self.resubmitted_only = False
        self.documents_only = False
        self.setSortRole(SORT_ROLE)

    def accepts(self, e: QueueEntry) -> bool:
        if self.noncompliant_only and not e.noncompliant:
            return False
        if self.resubmitted_only and e.round <= 1:
            return False
        if self.documents_only and not e.documents:
            return False
        if self.text:
            hay = " ".join((e.business_name, e.uscc, e.address, *e.inspectors, *e.departments))
            return self.text.casefold() in hay.casefold()
        return True

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, QueueModel)
        return self.accepts(model.entries[row])


class QueuePage(QWidget):
    """Emits ``visit_selected`` with the task id of the visit moved to (None: none)."""

    visit_selected = Signal(object)
    counts_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-queue")
        self.model = QueueModel(self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("queue-search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Filter: business, inspector, department (Ctrl+F)"))
        self.search.textChanged.connect(self._filter_changed)
        self.noncompliant = QCheckBox(self.tr("&Non-compliant only"), self)
        self.resubmitted = QCheckBox(self.tr("&Resubmitted only"), self)
        self.with_documents = QCheckBox(self.tr("&With documents"), self)
        for box in (self.noncompliant, self.resubmitted, self.with_documents):
            box.toggled.connect(self._filter_changed)
        self.counts = QLabel(self)
        self.counts.setObjectName("queue-counts")
        self.table = QTableView(self)
        self.table.setObjectName("queue-table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The service's order (newest waiting first) until the lead clicks a header:
        # no sort at each reload, which would ask every row for its key.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        em = self.fontMetrics().horizontalAdvance("M")
        # Wide enough for the title in either language, without asking every row.
        for column, width in ((0, 16), (1, 9), (2, 8), (3, 3), (4, 5), (5, 3)):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            sample = "12-31 23:59" if column == QueueModel.SUBMITTED else title
            fits = max(self.fontMetrics().horizontalAdvance(t) for t in (title, sample)) + 2 * em
            header.resizeSection(column, max(width * em, fits))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setTabKeyNavigation(False)

        boxes = QHBoxLayout()
        for box in (self.noncompliant, self.resubmitted, self.with_documents):
            boxes.addWidget(box)
        boxes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(boxes)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        self.page_actions = self.declare_actions()
        self._show_counts()

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Queue"), self)
        a.add("queue-filter", self.tr("&Filter the queue"), "Ctrl+F", self.focus_search)
        a.add("queue-focus", self.tr("Go to the &queue"), "Ctrl+Shift+Q", self.focus_table)
        a.add(
            "queue-next",
            self.tr("N&ext visit"),
            "Ctrl+Shift+PgDown",
            lambda: self.step(1),
            separator=True,
        )
        a.add(
            "queue-previous", self.tr("P&revious visit"), "Ctrl+Shift+PgUp", lambda: self.step(-1)
        )
        return a

    # --- filling --------------------------------------------------------------------

    def set_entries(self, entries: list[QueueEntry], *, select_first: bool = True) -> None:
        """The queue as read now; the visit that was selected stays when still listed,
        else the first is selected (unless ``select_first`` is False: none then)."""
        current = self.current_task_id()
        self.table.selectionModel().blockSignals(True)
        try:
            self.model.set_entries(entries)
        finally:
            self.table.selectionModel().blockSignals(False)
        if not (current and self.select_task(current)) and select_first:
            self.select_row(0)
        self._show_counts()

    def task_ids(self) -> list[str]:
        """The visits shown, in the order shown."""
        return [str(self.proxy.index(r, 0).data(TASK_ROLE)) for r in range(self.proxy.rowCount())]

    def _show_counts(self) -> None:
        entries = self.model.entries
        bad = sum(1 for e in entries if e.noncompliant)
        again = sum(1 for e in entries if e.round > 1)
        self.counts.setText(
            self.tr(
                "{n} waiting · {shown} shown · {bad} with non-compliance · {again} resubmitted"
            ).format(n=len(entries), shown=self.proxy.rowCount(), bad=bad, again=again)
        )
        self.counts_changed.emit()

    def _filter_changed(self, *_args: object) -> None:
        current = self.current_task_id()
        self.proxy.beginFilterChange()
        self.proxy.text = self.search.text().strip()
        self.proxy.noncompliant_only = self.noncompliant.isChecked()
        self.proxy.resubmitted_only = self.resubmitted.isChecked()
        self.proxy.documents_only = self.with_documents.isChecked()
        self.proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        if not (current and self.select_task(current)):
            self.select_row(0)
        self._show_counts()

    # --- selection ------------------------------------------------------------------

    def current_task_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(TASK_ROLE)
        return None if value is None else str(value)

    def select_task(self, task_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(TASK_ROLE) == task_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        else:
            self.table.setCurrentIndex(QModelIndex())
            self.visit_selected.emit(None)

    def step(self, delta: int) -> None:
        row = self.table.currentIndex().row() + delta
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.siblingAtColumn(0).data(TASK_ROLE) if current.isValid() else None
        self.visit_selected.emit(None if value is None else str(value))
