"""The visit's opening (行政处罚法第五十五条): credentials shown, rights told, and who was
there for the party.

``OpeningFields`` is the one form of it, in the check-in dialog and in ``OpeningDialog``,
which records or corrects it afterwards (Visit > Record the opening…): the 现场笔录
prints the opening and cannot be issued without it. The dialog only collects the entry;
the task page writes it (``record_opening``) through Operations and tells the dialog
how it went, so a refusal is shown here, where the inspector typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.enforcement import Opening


class OpeningFields(QWidget):
    """The party's representative and the two steps of the scripted opening."""

    def __init__(self, opening: Opening | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opening-fields")
        self.representative = QLineEdit(self)
        self.representative.setObjectName("party-representative")
        self.representative.setPlaceholderText(self.tr("Name and position, e.g. 张三（店长）"))
        self.credentials = QCheckBox(self.tr("Cre&dentials shown (出示执法证件)"), self)
        self.credentials.setObjectName("credentials-shown")
        self.rights = QCheckBox(
            self.tr("Rights &told: to state, defend, ask for a hearing (告知陈述申辩权)"), self
        )
        self.rights.setObjectName("rights-told")
        representative_label = QLabel(self.tr("&Representative of the party"), self)
        representative_label.setBuddy(self.representative)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(representative_label, self.representative)
        form.addRow(self.credentials)
        form.addRow(self.rights)
        self.set_value(opening or Opening())

    def set_value(self, opening: Opening) -> None:
        self.representative.setText(opening.party_representative)
        self.credentials.setChecked(opening.credentials_shown)
        self.rights.setChecked(opening.rights_told)

    def value(self) -> Opening:
        return Opening(
            self.representative.text().strip(),
            self.credentials.isChecked(),
            self.rights.isChecked(),
        )


class OpeningDialog(QDialog):
    """Record or correct the opening of a visit; ``save_requested`` with the ``Opening``
    and the reason for the change (None while the visit is in progress)."""

    save_requested = Signal(object, object)  # Opening, str | None

    def __init__(
        self,
        business: str,
        opening: Opening,
        *,
        needs_reason: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opening-dialog")
        self.setWindowTitle(self.tr("The opening at {business}").format(business=business))
        intro = QLabel(
            self.tr(
                "Before checking, the officers show their credentials and tell the party its "
                "rights (行政处罚法第五十五条). The on-site record (现场笔录) prints this and "
                "cannot be issued until both are recorded."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.fields = OpeningFields(opening, self)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("opening-reason")
        reason_label = QLabel(
            self.tr("Reason for the &change (the inspection is already completed)"), self
        )
        reason_label.setBuddy(self.reason)
        reason_label.setVisible(needs_reason)
        self.reason.setVisible(needs_reason)
        self.needs_reason = needs_reason

        self.message = QLabel(self)
        self.message.setObjectName("opening-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        # Our own button, not the standard Save: a language change resets a standard
        # button's text (and its mnemonic) to Qt's.
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save-opening")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.request_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 260)
        self.fields.representative.setFocus(Qt.FocusReason.OtherFocusReason)

    def opening(self) -> Opening:
        return self.fields.value()

    def request_save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is under way
        self.message.clear()
        self.save_button.setEnabled(False)
        reason = self.reason.text().strip() or None if self.needs_reason else None
        self.save_requested.emit(self.opening(), reason)

    def saved(self) -> None:
        self.accept()

    def refused(self, text: str) -> None:
        """The save failed: say why here, and let the inspector correct and save again."""
        self.message.setText(text)
        self.save_button.setEnabled(True)
