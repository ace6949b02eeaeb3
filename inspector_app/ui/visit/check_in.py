"""Check-in: who is present besides the inspectors, and which public observers watch.

The on-site record lists them: the party's representative and witnesses ("people
present"), and observers invited to supervise (人大代表, 政协委员, 社会监督员, media).
When the task marks the signed-in inspector related to the business, the dialog says
so first: 行政处罚法第四十三条 asks them to step aside.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.enforcement import Opening
from inspector_app.domain.entities import Observer, ObserverKind
from inspector_app.ui.visit.opening import OpeningFields


class CheckInDialog(QDialog):
    def __init__(
        self,
        business: str,
        *,
        suggested_present: list[str],
        related_reason: str | None = None,
        representative: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("check-in-dialog")
        self.setWindowTitle(self.tr("Check in at {business}").format(business=business))
        self.kind_labels = {
            ObserverKind.NPC_DEPUTY: self.tr("People's Congress deputy (人大代表)"),
            ObserverKind.CPPCC_MEMBER: self.tr("CPPCC member (政协委员)"),
            ObserverKind.SOCIAL_SUPERVISOR: self.tr("Social supervisor (社会监督员)"),
            ObserverKind.MEDIA: self.tr("Media"),
            ObserverKind.OTHER: self.tr("Other observer"),
        }

        self.recusal = QLabel(self)
        self.recusal.setObjectName("recusal-warning")
        self.recusal.setWordWrap(True)
        self.recusal.setStyleSheet("background: #fdecea; color: #b71c1c; padding: 6px;")
        if related_reason is not None:
            reason = related_reason or self.tr("no reason given")
            self.recusal.setText(
                self.tr(
                    "You are marked related to this business ({reason}). The law asks you to "
                    "step aside (行政处罚法第四十三条); tell your team lead before you check in."
                ).format(reason=reason)
            )
        else:
            self.recusal.hide()

        present_label = QLabel(self.tr("&People present (one per line: name and role)"), self)
        self.present = QPlainTextEdit(self)
        self.present.setObjectName("present")
        self.present.setTabChangesFocus(True)
        self.present.setPlainText("\n".join(suggested_present))
        present_label.setBuddy(self.present)

        # The scripted opening (行政处罚法第五十五条), which the on-site record needs; the
        # same fields record or correct it later (ui/visit/opening).
        self.opening_fields = OpeningFields(Opening(representative), self)
        self.representative = self.opening_fields.representative
        self.credentials = self.opening_fields.credentials
        self.rights = self.opening_fields.rights

        observers_label = QLabel(self.tr("Public &observers"), self)
        self.observers = QTableWidget(0, 3, self)
        self.observers.setObjectName("observers")
        self.observers.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Name"), self.tr("Organisation")]
        )
        self.observers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.observers.verticalHeader().hide()
        self.observers.setTabKeyNavigation(False)
        self.observers.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        observers_label.setBuddy(self.observers)
        self.add_observer = QPushButton(self.tr("&Add observer"), self)
        self.add_observer.clicked.connect(lambda: self.append_observer(ObserverKind.NPC_DEPUTY))
        self.remove_observer = QPushButton(self.tr("Remo&ve"), self)
        self.remove_observer.clicked.connect(self._remove_observer)

        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check &in"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        observer_buttons = QHBoxLayout()
        observer_buttons.addWidget(self.add_observer)
        observer_buttons.addWidget(self.remove_observer)
        observer_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recusal)
        layout.addWidget(present_label)
        layout.addWidget(self.present)
        layout.addWidget(self.opening_fields)
        layout.addWidget(observers_label)
        layout.addWidget(self.observers)
        layout.addLayout(observer_buttons)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(620, 540)
        self.present.setFocus(Qt.FocusReason.OtherFocusReason)

    def append_observer(self, kind: ObserverKind, name: str = "", organisation: str = "") -> None:
        row = self.observers.rowCount()
        self.observers.insertRow(row)
        combo = QComboBox(self.observers)
        for k, label in self.kind_labels.items():
            combo.addItem(label, k.value)
        combo.setCurrentIndex(combo.findData(kind.value))
        self.observers.setCellWidget(row, 0, combo)
        self.observers.setItem(row, 1, QTableWidgetItem(name))
        self.observers.setItem(row, 2, QTableWidgetItem(organisation))
        self.observers.setCurrentCell(row, 1)

    def _remove_observer(self) -> None:
        row = self.observers.currentRow()
        if row >= 0:
            self.observers.removeRow(row)

    def people_present(self) -> list[str]:
        return [line.strip() for line in self.present.toPlainText().splitlines() if line.strip()]

    def opening(self) -> Opening | None:
        """The opening as recorded here; None when nothing of it was given."""
        value = self.opening_fields.value()
        return value if value != Opening() else None

    def observer_list(self) -> list[Observer]:
        out = []
        for row in range(self.observers.rowCount()):
            combo = self.observers.cellWidget(row, 0)
            kind = ObserverKind(combo.currentData()) if isinstance(combo, QComboBox) else None
            name_item, org_item = self.observers.item(row, 1), self.observers.item(row, 2)
            name = name_item.text().strip() if name_item is not None else ""
            org = org_item.text().strip() if org_item is not None else ""
            if kind is None or (not name and not org):
                continue
            out.append(Observer(kind, name, org))
        return out

    def _accept(self) -> None:
        if any(not o.name for o in self.observer_list()):
            self.message.setText(self.tr("Every observer needs a name."))
            return
        self.accept()
