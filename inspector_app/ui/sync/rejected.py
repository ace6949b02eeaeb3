"""The changes the server refused, with its reasons in the user's language. They stay in
the profile (nothing is dropped); the list says what to do about them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services import Profile
from inspector_app.services.sync_status import RejectedChange, list_rejected
from inspector_app.services.sync_text import reason_text
from inspector_app.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex


class RejectedModel(QAbstractTableModel):
    def __init__(self, rows: list[RejectedChange], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.lang = current_language()
        self.headers = (self.tr("Recorded"), self.tr("Business"), self.tr("What"), self.tr("Why"))
        self.kinds = {
            "item_result": self.tr("Finding"),
            "inspection": self.tr("Check-in or check-out"),
            "document": self.tr("Document"),
            "review": self.tr("Review"),
            "number_block": self.tr("Document numbers"),
            "task": self.tr("Task"),
        }

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                row.business,
                " ".join(x for x in (self.kinds.get(row.entity, row.entity), row.item) if x),
                reason_text(row.reason, self.lang),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.entity} {row.entity_id}\n{row.reason}"
        return None


class RejectedDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes the server refused"))
        self.model = RejectedModel(list_rejected(profile), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        explain = QLabel(
            self.tr(
                "The server did not accept these changes. They are kept on this laptop and are "
                "not sent again. Ask your team lead when a change you need was refused."
            ),
            self,
        )
        explain.setWordWrap(True)
        if not self.model.rows:
            explain.setText(self.tr("The server has refused nothing."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 380)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the reasons wrap in the width they got
