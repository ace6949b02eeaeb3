"""Measurements of one item: a typed field for each thing the checklist says to measure,
and free key/value rows for anything else the inspector measured."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import MeasurementKind, MeasurementSpec

NUMBER_LIMIT = 1e9


class MeasurementEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.typed = QFormLayout()
        self.typed.setContentsMargins(0, 0, 0, 0)
        self.free = QTableWidget(0, 2, self)
        self.free.setObjectName("free-measurements")
        self.free.setHorizontalHeaderLabels([self.tr("Measured"), self.tr("Value")])
        self.free.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.free.verticalHeader().hide()
        self.free.setTabKeyNavigation(False)
        self.free.setMaximumHeight(84)
        self.free.hide()  # shown once there is a free measurement
        self.free.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.free.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_row = QPushButton(self.tr("Add a measurement"), self)
        self.add_row.setObjectName("add-measurement")
        self.add_row.clicked.connect(self.add_free_row)
        free_row = QHBoxLayout()
        free_row.addWidget(self.free, 1)
        free_row.addWidget(self.add_row, 0)
        free_row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.typed)
        layout.addLayout(free_row)
        self._specs: tuple[MeasurementSpec, ...] = ()
        self._fields: dict[str, QWidget] = {}

    def show_specs(self, specs: tuple[MeasurementSpec, ...], values: dict[str, Any]) -> None:
        while self.typed.rowCount():
            self.typed.removeRow(0)
        self._fields = {}
        self._specs = specs
        for spec in specs:
            field = self._field(spec, values.get(spec.key))
            self._fields[spec.key] = field
            label = f"{spec.label} ({spec.unit})" if spec.unit else spec.label
            self.typed.addRow(label, field)
        self.free.blockSignals(True)
        self.free.setRowCount(0)
        self.free.hide()
        for key, value in values.items():
            if key not in self._fields:
                self._append(key, "" if value is None else str(value))
        self.free.blockSignals(False)

    def _field(self, spec: MeasurementSpec, value: Any) -> QWidget:
        if spec.kind is MeasurementKind.NUMBER:
            box = QDoubleSpinBox(self)
            box.setDecimals(2)
            box.setRange(-NUMBER_LIMIT, NUMBER_LIMIT)
            box.setSpecialValueText(self.tr("not measured"))
            box.setMinimum(-NUMBER_LIMIT)
            box.setValue(float(value) if isinstance(value, int | float) else -NUMBER_LIMIT)
            if spec.unit:
                box.setSuffix(f" {spec.unit}")
            if spec.minimum is not None or spec.maximum is not None:
                box.setToolTip(
                    self.tr("Compliant range: {low} – {high}").format(
                        low="" if spec.minimum is None else spec.minimum,
                        high="" if spec.maximum is None else spec.maximum,
                    )
                )
            box.valueChanged.connect(lambda _v: self.changed.emit())
            return box
        if spec.kind is MeasurementKind.YES_NO:
            check = QCheckBox(self)
            check.setChecked(bool(value))
            check.toggled.connect(lambda _v: self.changed.emit())
            return check
        line = QLineEdit("" if value is None else str(value), self)
        line.textChanged.connect(lambda _t: self.changed.emit())
        return line

    def add_free_row(self) -> None:
        self._append("", "")
        row = self.free.rowCount() - 1
        self.free.setCurrentCell(row, 0)
        self.free.setFocus(Qt.FocusReason.OtherFocusReason)
        # The table was just shown: edit once it is laid out, or Qt refuses the edit.
        QTimer.singleShot(
            0, lambda: self.free.isVisible() and self.free.editItem(self.free.item(row, 0))
        )

    def _append(self, key: str, value: str) -> None:
        self.free.show()
        row = self.free.rowCount()
        self.free.insertRow(row)
        self.free.setItem(row, 0, QTableWidgetItem(key))
        self.free.setItem(row, 1, QTableWidgetItem(value))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self._specs:
            field = self._fields[spec.key]
            if isinstance(field, QDoubleSpinBox):
                if field.value() > field.minimum():
                    number = field.value()
                    out[spec.key] = int(number) if number.is_integer() else number
            elif isinstance(field, QCheckBox):
                out[spec.key] = field.isChecked()
            elif isinstance(field, QLineEdit) and field.text().strip():
                out[spec.key] = field.text().strip()
        for row in range(self.free.rowCount()):
            key_item, value_item = self.free.item(row, 0), self.free.item(row, 1)
            key = key_item.text().strip() if key_item is not None else ""
            value = value_item.text().strip() if value_item is not None else ""
            if key:
                out[key] = _number_or_text(value)
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        self.show_specs(self._specs, values)


def _number_or_text(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):  # "nan", "inf": words, not measurements
        return text
    return int(number) if number.is_integer() and "." not in text else number
