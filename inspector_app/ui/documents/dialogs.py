"""The documents page's two forms: record a delivery (送达), void with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class DeliveryEntry:
    """What the inspector typed about a delivery; the service checks it."""

    method: str  # wire name: direct, left, post, …
    recipient: str
    at: datetime
    place: str = ""
    witness: str = ""
    reference: str = ""
    proxy_relationship: str = ""
    proxy_reason: str = ""


class DeliveryDialog(QDialog):
    """送达: how, to whom, when and where a document was delivered."""

    def __init__(self, title: str, recipient: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delivery-dialog")
        self.setMinimumWidth(460)
        self.setWindowTitle(self.tr("Record delivery"))
        self.method = QComboBox(self)
        names = self.method_names()
        # Here, not at import: the services load with the task page, not at start-up.
        from inspector_app.services.visit_documents import DELIVERY_METHODS

        for wire in DELIVERY_METHODS:
            self.method.addItem(names.get(wire, DELIVERY_METHODS[wire]), wire)
        self.recipient = QLineEdit(recipient, self)
        self.recipient.setPlaceholderText(self.tr("Name of the person who received it"))
        self.at = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.place = QLineEdit(self)
        self.witness = QLineEdit(self)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("Postal tracking number, e-mail address, …"))
        self.relationship = QLineEdit(self)
        self.relationship.setPlaceholderText(
            self.tr("When someone else received it for the party: their relationship")
        )
        self.proxy_reason = QLineEdit(self)
        form = QFormLayout()
        form.addRow(self.tr("&How"), self.method)
        form.addRow(self.tr("&Received by"), self.recipient)
        form.addRow(self.tr("&When"), self.at)
        form.addRow(self.tr("&Place"), self.place)
        form.addRow(self.tr("Wi&tness"), self.witness)
        form.addRow(self.tr("Re&ference"), self.reference)
        form.addRow(self.tr("Relations&hip"), self.relationship)
        form.addRow(self.tr("Reason for a pro&xy"), self.proxy_reason)
        heading = QLabel(self)
        heading.setText(title)  # plain text: the title and number are not markup
        heading.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.recipient.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def method_names(self) -> dict[str, str]:
        return {
            "direct": self.tr("In person (直接送达)"),
            "left": self.tr("Left at the premises (留置送达)"),
            "post": self.tr("By post (邮寄送达)"),
            "entrusted": self.tr("Entrusted to another agency (委托送达)"),
            "transferred": self.tr("Transferred (转交送达)"),
            "electronic": self.tr("Electronic (电子送达)"),
            "public": self.tr("Public announcement (公告送达)"),
        }

    def _update(self) -> None:
        ok = bool(self.recipient.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def entry(self) -> DeliveryEntry:
        return DeliveryEntry(
            method=str(self.method.currentData()),
            recipient=self.recipient.text().strip(),
            at=self.at.dateTime().toPython().astimezone(),
            place=self.place.text().strip(),
            witness=self.witness.text().strip(),
            reference=self.reference.text().strip(),
            proxy_relationship=self.relationship.text().strip(),
            proxy_reason=self.proxy_reason.text().strip(),
        )


class VoidDialog(QDialog):
    """Void an issued document: the reason is required (its number is never reused)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("void-dialog")
        self.setWindowTitle(self.tr("Void document"))
        explain = QLabel(self)
        explain.setWordWrap(True)
        explain.setText(
            self.tr(
                "Void {title}? An issued document is never changed: it is voided with a reason, "
                "its number is recorded void and never used again; then issue a new one."
            ).format(title=title)
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Why is it voided? (e.g. a wrong fact, a spoiled printout)")
        )
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Void"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        label = QLabel(self.tr("&Reason (required)"), self)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def accept(self) -> None:
        if self.reason.toPlainText().strip():  # never without a reason, even by Enter
            super().accept()

    def text(self) -> str:
        return self.reason.toPlainText().strip()
