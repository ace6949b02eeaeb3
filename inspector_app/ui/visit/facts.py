"""The facts of one non-compliance the rules weigh (the inspector's assessment): minor,
harm, corrected, no fault proven, continuing, refused to correct, and the mitigating
circumstances of 行政处罚法第三十二条 that put the fine in the 从轻 band.

Only collects; the panel records it (``record_assessment``) through Operations.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

HARMS = ("none", "minor", "serious")


class FactsDialog(QDialog):
    def __init__(self, title: str, assessment: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from inspector_app.domain.rules.discretion import MITIGATING_CIRCUMSTANCES

        self.setObjectName("facts-dialog")
        self.setWindowTitle(self.tr("Facts of {item}").format(item=title))
        self.base = assessment
        self.minor = QCheckBox(self.tr("The violation is &minor"), self)
        self.minor.setChecked(assessment.minor)
        self.harm = QComboBox(self)
        labels = {
            "none": self.tr("No harm"),
            "minor": self.tr("Slight harm"),
            "serious": self.tr("Serious harm"),
        }
        for harm in HARMS:
            self.harm.addItem(labels[harm], harm)
        self.harm.setCurrentIndex(max(self.harm.findData(assessment.harm), 0))
        self.affects_safety = QCheckBox(self.tr("It affects food &safety"), self)
        self.affects_safety.setChecked(assessment.affects_safety)
        self.corrected = QCheckBox(self.tr("&Corrected in time"), self)
        self.corrected.setChecked(bool(assessment.corrected))
        self.no_fault = QCheckBox(self.tr("The party &proved it was not at fault"), self)
        self.no_fault.setChecked(assessment.no_fault_proven)
        self.continuing = QCheckBox(self.tr("The violation is c&ontinuing"), self)
        self.continuing.setChecked(assessment.continuing)
        self.refused = QCheckBox(self.tr("The party &refused to correct after an order"), self)
        self.refused.setChecked(assessment.refused_to_correct)
        self.reduce = QCheckBox(self.tr("Reduce (减轻) rather than lighten (从轻)"), self)
        self.reduce.setChecked(assessment.reduce_penalty)
        self.mitigating: dict[str, QCheckBox] = {}
        group = QGroupBox(self.tr("Mitigating circumstances (第三十二条)"), self)
        column = QVBoxLayout(group)
        for key, text in MITIGATING_CIRCUMSTANCES.items():
            box = QCheckBox(text, group)
            box.setObjectName(f"mitigating-{key}")
            box.setChecked(key in assessment.mitigating)
            self.mitigating[key] = box
            column.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Harm:"), self.harm)
        layout = QVBoxLayout(self)
        for w in (self.minor, self.affects_safety, self.corrected, self.no_fault):
            layout.addWidget(w)
        for w in (self.continuing, self.refused):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(group)
        layout.addWidget(self.reduce)
        layout.addWidget(buttons)

    def assessment(self) -> Any:
        # Unticked: the result's "corrected on site" decides, unless it was said before.
        corrected = True if self.corrected.isChecked() else None
        if corrected is None and self.base.corrected is not None:
            corrected = False
        return replace(
            self.base,
            minor=self.minor.isChecked(),
            harm=self.harm.currentData(),
            affects_safety=self.affects_safety.isChecked(),
            corrected=corrected,
            no_fault_proven=self.no_fault.isChecked(),
            continuing=self.continuing.isChecked(),
            refused_to_correct=self.refused.isChecked(),
            reduce_penalty=self.reduce.isChecked(),
            mitigating=tuple(k for k, box in self.mitigating.items() if box.isChecked()),
        )
