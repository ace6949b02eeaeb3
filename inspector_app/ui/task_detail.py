"""The selected task: the business, the team's departments, and the merged checklist."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from inspector_app.domain.entities import ItemResult, JointTask, Severity, TaskStatus
from inspector_app.ui.item_editor import ItemEditor

EDITABLE = {TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, TaskStatus.SUBMITTED}


class TaskDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checklist = QTreeWidget(self)
        self.checklist.setColumnCount(4)
        self.checklist.setHeaderLabels(
            [self.tr("Check item"), self.tr("Severity"), self.tr("Result"), self.tr("Legal basis")]
        )
        self.checklist.setAlternatingRowColors(True)
        self.checklist.setColumnWidth(0, 340)
        self.checklist.currentItemChanged.connect(self._current_changed)
        self.editor = ItemEditor(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.checklist)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        self.task: JointTask | None = None
        self.results: dict[str, ItemResult] = {}
        self.show_task(None, {})

    def show_task(self, task: JointTask | None, results: dict[str, ItemResult]) -> None:
        """Show a task; the item that was selected stays selected when it is the same task."""
        keep = self.editor.item_id if task and self.task and task.id == self.task.id else None
        self.task, self.results = task, results
        self.checklist.clear()
        if task is None:
            self.editor.show_item(None, None, editable=False)
            hint = self.tr("Select a task to see its checklist.")
            self.header.setText(f"<i>{escape(hint)}</i>")
            return
        b = task.business
        before = sum(len(item.sources) for item in task.checklist)
        after = len(task.checklist)
        departments = "、".join(d.name for d in task.departments)
        labels = {
            "uscc": self.tr("USCC"),
            "rep": self.tr("Legal representative"),
            "address": self.tr("Address"),
            "departments": self.tr("Departments"),
            "checklist": self.tr("Checklist"),
            "status": self.tr("Status"),
        }
        merged = self.tr("{before} departmental items merged into {after}")
        # Everything from data is escaped: names and notes are user text.
        self.header.setText(
            f"<h2>{escape(b.name)}</h2>"
            f"<p>{escape(labels['uscc'])}: {escape(b.uscc)}　"
            f"{escape(labels['rep'])}: {escape(b.legal_rep)}<br>"
            f"{escape(labels['address'])}: {escape(b.address)}<br>"
            f"{escape(labels['departments'])}: {escape(departments)}<br>"
            f"{escape(labels['checklist'])}: "
            f"{escape(merged.format(before=before, after=after))}　"
            f"{escape(labels['status'])}: {escape(self.status_label(task.status))}</p>"
        )
        key_label, general_label = self.tr("Key"), self.tr("General")
        for item in task.checklist:
            result = results.get(item.id)
            row = QTreeWidgetItem(
                [
                    f"{item.code}  {item.title}",
                    key_label if item.severity == Severity.KEY else general_label,
                    self._outcome_label(result),
                    "；".join(item.legal_basis),
                ]
            )
            row.setToolTip(0, item.content)
            row.setToolTip(3, "\n".join(item.legal_basis))
            for source in item.sources:
                child = QTreeWidgetItem(
                    [f"{source.department_code} · {source.code}  {source.title}", "", "", ""]
                )
                child.setForeground(0, self.palette().placeholderText())
                row.addChild(child)
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            self.checklist.addTopLevelItem(row)
            if item.id == keep:
                self.checklist.setCurrentItem(row)
        if keep is None:
            self.editor.show_item(None, None, editable=False)

    def status_label(self, status: TaskStatus) -> str:
        labels = {
            TaskStatus.ASSIGNED: self.tr("assigned, not checked in"),
            TaskStatus.IN_PROGRESS: self.tr("in progress"),
            TaskStatus.COMPLETED: self.tr("completed"),
            TaskStatus.SUBMITTED: self.tr("submitted"),
            TaskStatus.APPROVED: self.tr("approved"),
            TaskStatus.RETURNED: self.tr("returned"),
            TaskStatus.PUBLISHED: self.tr("published"),
            TaskStatus.CANCELLED: self.tr("cancelled"),
        }
        return labels.get(status, str(status))

    def select_item(self, item_id: str) -> None:
        for n in range(self.checklist.topLevelItemCount()):
            row = self.checklist.topLevelItem(n)
            if row.data(0, Qt.ItemDataRole.UserRole) == item_id:
                self.checklist.setCurrentItem(row)
                return

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if self.task is None or current is None:
            self.editor.show_item(None, None, editable=False)
            return
        while current.parent() is not None:  # a source row belongs to its merged item
            current = current.parent()
        item_id = current.data(0, Qt.ItemDataRole.UserRole)
        item = next((i for i in self.task.checklist if i.id == item_id), None)
        self.editor.show_item(
            item, self.results.get(item_id), editable=self.task.status in EDITABLE
        )

    def _outcome_label(self, result: ItemResult | None) -> str:
        if result is None:
            return ""
        labels = {
            "compliant": self.tr("Compliant"),
            "noncompliant": self.tr("Non-compliant"),
            "not_applicable": self.tr("Not applicable"),
            "not_checked": self.tr("Not checked"),
        }
        return labels.get(str(result.outcome), str(result.outcome))
