"""The selected task: the business, the team's departments, and the merged checklist."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from inspector_app.domain.entities import ItemResult, JointTask, Severity


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.checklist, 1)
        self.show_task(None, {})

    def show_task(self, task: JointTask | None, results: dict[str, ItemResult]) -> None:
        self.checklist.clear()
        if task is None:
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
            f"{escape(merged.format(before=before, after=after))}</p>"
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
            self.checklist.addTopLevelItem(row)

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
