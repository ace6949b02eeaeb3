"""The merged checklist as a tree: department, category, item; one row per item.

Each item row shows the departments it serves, its severity, its result and its
legal basis. A saved result updates that one row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from inspector_app.domain.checklist_groups import display_order, group_checklist
from inspector_app.domain.entities import ItemResult, JointTask, MergedItem, Outcome, Severity

ITEM_ROLE = Qt.ItemDataRole.UserRole  # the item id, on item rows only
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # a note shown beside the item (mark_items)
COMMENT_TINT = QColor("#fff3cd")
OUTCOME_COLOURS = {
    Outcome.COMPLIANT: QColor("#2e7d32"),
    Outcome.NONCOMPLIANT: QColor("#c62828"),
    Outcome.NOT_APPLICABLE: QColor("#616161"),
    Outcome.NOT_CHECKED: QColor("#ef6c00"),
}


class ChecklistView(QTreeView):
    """Emits ``item_selected`` with the id of the item the user moved to (None on a group)."""

    item_selected = Signal(object)
    ITEM, DEPARTMENTS, SEVERITY, RESULT, BASIS = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.model_ = QStandardItemModel(0, 5, self)
        self.model_.setHorizontalHeaderLabels(
            [
                self.tr("Check item"),
                self.tr("Departments"),
                self.tr("Severity"),
                self.tr("Result"),
                self.tr("Legal basis"),
            ]
        )
        self.setModel(self.model_)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((0, 26), (1, 8), (2, 6), (3, 7)):
            header.resizeSection(column, width * em)
        self._rows: dict[str, QStandardItem] = {}  # item id -> its first cell
        self._marked: set[str] = set()  # items with a note beside them (mark_items)
        self._order: list[str] = []
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def show_task(self, task: JointTask | None, results: dict[str, ItemResult]) -> None:
        self.model_.removeRows(0, self.model_.rowCount())
        self._rows = {}
        self._marked = set()
        self._order = []
        if task is None:
            return
        labels = {Severity.KEY: self.tr("Key"), Severity.GENERAL: self.tr("General")}
        no_law = self.tr("Other")
        root = self.model_.invisibleRootItem()
        for dept in group_checklist(task):
            n_items = sum(len(c.items) for c in dept.categories)
            dept_row = self._group(f"{dept.department_name}（{n_items}）", dept.department_code)
            root.appendRow(dept_row)
            for cat in dept.categories:
                cat_row = self._group(cat.category or no_law, cat.category)
                dept_row[0].appendRow(cat_row)
                for item in cat.items:
                    cells = self._item_cells(item, labels[item.severity], results.get(item.id))
                    cat_row[0].appendRow(cells)
                    self._rows[item.id] = cells[0]
        self._order = [i.id for i in display_order(task)]
        self.expandAll()

    def _group(self, text: str, tip: str) -> list[QStandardItem]:
        cell = QStandardItem(text)
        cell.setFont(self._bold)
        cell.setToolTip(tip)
        cell.setSelectable(True)
        return [cell] + [QStandardItem("") for _ in range(4)]

    def _item_cells(
        self, item: MergedItem, severity: str, result: ItemResult | None
    ) -> list[QStandardItem]:
        first = QStandardItem(f"{item.code}  {item.title}")
        first.setData(item.id, ITEM_ROLE)
        first.setToolTip(
            "\n".join(
                [item.content, *(f"{s.department_code} · {s.code} {s.title}" for s in item.sources)]
            )
        )
        departments = QStandardItem("、".join(item.department_codes))
        departments.setToolTip("\n".join(f"{s.department_code} · {s.code}" for s in item.sources))
        sev = QStandardItem(severity)
        if item.severity is Severity.KEY:
            sev.setForeground(QBrush(QColor("#c62828")))
        outcome = QStandardItem("")
        basis = QStandardItem("；".join(item.legal_basis))
        basis.setToolTip("\n".join(item.legal_basis))
        cells = [first, departments, sev, outcome, basis]
        self._set_outcome(outcome, result)
        return cells

    def _set_outcome(self, cell: QStandardItem, result: ItemResult | None) -> None:
        if result is None:
            cell.setText("")
            cell.setData(None, Qt.ItemDataRole.ForegroundRole)
            return
        cell.setText(self.outcome_label(result.outcome))
        cell.setForeground(QBrush(OUTCOME_COLOURS[result.outcome]))

    def set_result(self, item_id: str, result: ItemResult | None) -> None:
        """A saved result: only its row changes."""
        first = self._rows.get(item_id)
        if first is None:
            return
        parent = first.parent()
        cell = parent.child(first.row(), self.RESULT) if parent is not None else None
        if cell is not None:
            self._set_outcome(cell, result)

    def mark_items(self, notes: dict[str, str]) -> None:
        """Mark the items with a note beside them (the lead's comments of a return): a
        tinted row with a flag, the note in its tool tip; other items unmarked."""
        flag = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        # Only the rows marked before or now: a long checklist without notes costs nothing.
        for item_id in (set(notes) | self._marked) & set(self._rows):
            first = self._rows[item_id]
            parent = first.parent()
            if parent is None:
                continue
            note = notes.get(item_id)
            for column in range(self.model_.columnCount()):
                cell = parent.child(first.row(), column)
                if cell is not None:
                    cell.setBackground(QBrush(COMMENT_TINT) if note else QBrush())
            first.setIcon(flag if note else QIcon())
            first.setData(note, NOTE_ROLE)
        self._marked = set(notes) & set(self._rows)

    def item_note(self, item_id: str) -> str | None:
        first = self._rows.get(item_id)
        value = None if first is None else first.data(NOTE_ROLE)
        return None if value is None else str(value)

    # --- navigation -----------------------------------------------------------------

    def item_order(self) -> list[str]:
        return list(self._order)

    def current_item_id(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(ITEM_ROLE)
        return None if value is None else str(value)

    def select_item(self, item_id: str) -> bool:
        first = self._rows.get(item_id)
        if first is None:
            return False
        index = first.index()
        self.setCurrentIndex(index)
        if self._order and item_id == self._order[0]:
            self.scrollToTop()  # the first item: show its department and category above it
        else:
            self.scrollTo(index)
        return True

    def step(self, delta: int) -> str | None:
        """Move to the next (or previous) item, skipping group rows; returns its id."""
        if not self._order:
            return None
        current = self.current_item_id()
        if current is None or current not in self._order:
            target = self._order[0 if delta > 0 else -1]
        else:
            n = self._order.index(current) + delta
            if not 0 <= n < len(self._order):
                return None
            target = self._order[n]
        self.select_item(target)
        return target

    def outcome_label(self, outcome: Outcome) -> str:
        labels = {
            Outcome.COMPLIANT: self.tr("Compliant"),
            Outcome.NONCOMPLIANT: self.tr("Non-compliant"),
            Outcome.NOT_APPLICABLE: self.tr("Not applicable"),
            Outcome.NOT_CHECKED: self.tr("Not checked"),
        }
        return labels[outcome]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.siblingAtColumn(0).data(ITEM_ROLE) if current.isValid() else None
        self.item_selected.emit(None if value is None else str(value))
