"""The visit's documents as a Qt item model: one row per document, needed or held."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from inspector_app.domain.entities import DocumentKind

if TYPE_CHECKING:  # the services load with the task page, not at start-up
    from inspector_app.services.document_records import VisitDocument

Index = QModelIndex | QPersistentModelIndex

# States a document can be printed in (a draft, for the party to read first).
PRINTABLE = frozenset({"draft", "issued", "delivered"})
# States of an issued document (has a number, may be delivered or voided).
ISSUED = frozenset({"issued", "delivered"})
BLOCKED_COLOUR = QColor(170, 40, 30)
VOID_COLOUR = QColor(130, 130, 130)


class DocumentTableModel(QAbstractTableModel):
    """Columns: document, number, state, and what it still needs (or what became of it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[VisitDocument] = []
        self.blockers: dict[str, list[str]] = {}  # need key -> texts, in the UI's language
        self.headers = [
            self.tr("Document"),
            self.tr("Number"),
            self.tr("State"),
            self.tr("Details"),
        ]

    # --- filling --------------------------------------------------------------------

    def set_documents(self, rows: list[VisitDocument], blockers: dict[str, list[str]]) -> None:
        self.beginResetModel()
        self.rows, self.blockers = list(rows), dict(blockers)
        self.endResetModel()

    def document(self, row: int) -> VisitDocument | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, doc_id: str | None, key: str | None) -> int | None:
        for n, d in enumerate(self.rows):
            if doc_id is not None and d.id == doc_id:
                return n
        for n, d in enumerate(self.rows):
            if key is not None and d.key == key and d.state != "voided":
                return n
        return None

    def blocked_by(self, d: VisitDocument) -> list[str]:
        return self.blockers.get(d.key, []) if d.state in ("needed", "draft") else []

    # --- wording --------------------------------------------------------------------

    def kind_name(self, kind: DocumentKind) -> str:
        names = {
            DocumentKind.ONSITE_RECORD: self.tr("On-site inspection record"),
            DocumentKind.ORDER_TO_CORRECT: self.tr("Order to correct"),
            DocumentKind.RISK_REMINDER: self.tr("Risk reminder"),
            DocumentKind.NO_PENALTY_DECISION: self.tr("No-penalty decision"),
            DocumentKind.SUMMARY_PENALTY_DECISION: self.tr("Summary penalty decision"),
            DocumentKind.CREDIT_REPAIR_NOTICE: self.tr("Credit-repair notice"),
            DocumentKind.JOINT_RESULT_NOTICE: self.tr("Joint result notice"),
            DocumentKind.PROOF_OF_SERVICE: self.tr("Proof of service"),
        }
        return names[kind]

    def title(self, d: VisitDocument) -> str:
        """The legal title (Chinese, as printed) and, in English, what it is."""
        name = self.kind_name(d.kind)
        return d.title if name == d.title else f"{d.title} · {name}"

    def state_text(self, d: VisitDocument) -> str:
        if d.state == "needed":
            return self.tr("blocked") if self.blocked_by(d) else self.tr("ready to issue")
        labels = {
            "draft": self.tr("draft"),
            "issued": self.tr("issued"),
            "delivered": self.tr("delivered"),
            "voided": self.tr("voided"),
        }
        return labels.get(d.state, d.state)

    def details(self, d: VisitDocument) -> str:
        blocked = self.blocked_by(d)
        if blocked:
            return self.tr("Missing: {what}").format(what="；".join(blocked))
        if d.state == "needed":
            return d.note or self.tr("Nothing missing: it can be issued.")
        if d.state == "draft":
            return self.tr("Draft previewed; nothing missing: it can be issued.")
        if d.state == "voided":
            return self.tr("Void: {reason}").format(reason=d.void_reason)
        if d.deliveries:
            last = d.deliveries[-1]
            return self.tr("Delivered to {recipient}, {at}").format(
                recipient=last.recipient, at=last.at.astimezone().strftime("%Y-%m-%d %H:%M")
            )
        when = d.issued_at.astimezone().strftime("%Y-%m-%d %H:%M") if d.issued_at else ""
        return self.tr("Issued {at}; not delivered yet").format(at=when)

    # --- Qt -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        d = self.document(index.row())
        if d is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.title(d)
            if column == 1:
                return d.number or "—"
            if column == 2:
                return self.state_text(d)
            return self.details(d)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.details(d)
        if role == Qt.ItemDataRole.ForegroundRole:
            if d.state == "voided":
                return QBrush(VOID_COLOUR)
            if self.blocked_by(d) and column in (2, 3):
                return QBrush(BLOCKED_COLOUR)
        return None
