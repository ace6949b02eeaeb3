"""The party's statement (陈述、申辩) and how it was weighed: accepted or not, and why.

行政处罚法第四十五条第一款: the facts, reasons and evidence the party gives are reviewed,
and accepted where they hold; a decision prints whether and why. The editor only
collects the entry; the task page writes it (``record_statement``) through Operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


def text_height(edit: QAbstractScrollArea, lines: int) -> int:
    """The height of a text box that shows ``lines`` lines of its font, frame included."""
    margin = 4  # QTextDocument's default document margin, above and below
    return lines * edit.fontMetrics().lineSpacing() + 2 * (margin + edit.frameWidth())


@dataclass(frozen=True, slots=True)
class StatementEntry:
    text: str
    accepted: bool | None  # None: not weighed yet
    reason: str
    waived: bool


class StatementEditor(QGroupBox):
    """Edit the party's statement; ``save_requested`` with the entry."""

    save_requested = Signal(object)  # StatementEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statement-editor")
        self.setTitle(self.tr("The party's statement and how it was weighed"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("statement-text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What the party stated and argued (陈述、申辩)"))
        # Three lines at least; a longer statement scrolls, or gets the room the user
        # drags the splitter above it to (ui/visit/disposition).
        self.text.setMinimumHeight(text_height(self.text, 3))
        self.waived = QCheckBox(self.tr("The party &waived its right to state and defend"), self)
        self.waived.setObjectName("statement-waived")
        self.not_weighed = QRadioButton(self.tr("Not weighed yet"), self)
        self.accepted = QRadioButton(self.tr("Accepted"), self)
        self.rejected = QRadioButton(self.tr("Not accepted"), self)
        for name, button in (
            ("statement-not-weighed", self.not_weighed),
            ("statement-accepted", self.accepted),
            ("statement-rejected", self.rejected),
        ):
            button.setObjectName(name)
        self.verdict = QButtonGroup(self)
        for button in (self.not_weighed, self.accepted, self.rejected):
            self.verdict.addButton(button)
        self.not_weighed.setChecked(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("statement-reason")
        self.reason.setPlaceholderText(
            self.tr("Why it was accepted or not (printed in the decision)")
        )
        self.save_button = QPushButton(self.tr("Save statement"), self)
        self.save_button.setObjectName("save-statement")
        self.save_button.clicked.connect(self.request_save)
        self.recorded = QLabel(self)
        self.recorded.setObjectName("statement-recorded")
        self.recorded.setWordWrap(True)  # may take two lines: the window fits 1366 pixels

        weigh = QHBoxLayout()
        weigh.addWidget(self.not_weighed)
        weigh.addWidget(self.accepted)
        weigh.addWidget(self.rejected)
        weigh.addWidget(self.reason, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.waived)
        bottom.addStretch(1)
        bottom.addWidget(self.recorded)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(weigh)
        layout.addLayout(bottom)

    def entry(self) -> StatementEntry:
        accepted = (
            True if self.accepted.isChecked() else False if self.rejected.isChecked() else None
        )
        return StatementEntry(
            self.text.toPlainText().strip(),
            accepted,
            self.reason.text().strip(),
            self.waived.isChecked(),
        )

    def request_save(self) -> None:
        if self.isEnabled():
            self.save_requested.emit(self.entry())

    def show_statement(self, statement: Any, *, editable: bool) -> None:
        """``statement``: a PartyStatement (or None when the visit has not started)."""
        self.text.setPlainText(statement.text if statement is not None else "")
        self.waived.setChecked(bool(statement is not None and statement.waived))
        accepted = None if statement is None else statement.accepted
        {None: self.not_weighed, True: self.accepted, False: self.rejected}[accepted].setChecked(
            True
        )
        self.reason.setText(statement.reason if statement is not None else "")
        at = statement.recorded_at if statement is not None else None
        self.recorded.setText(
            ""
            if at is None
            else self.tr("Recorded {at}").format(at=at.astimezone().strftime("%Y-%m-%d %H:%M"))
        )
        self.setEnabled(editable)
