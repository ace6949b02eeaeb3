"""Recording one checklist item: outcome, note, correction, deadline and photos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import ItemResult, MergedItem, Outcome

OUTCOMES = (Outcome.COMPLIANT, Outcome.NONCOMPLIANT, Outcome.NOT_APPLICABLE, Outcome.NOT_CHECKED)


@dataclass(frozen=True, slots=True)
class ItemEntry:
    """What the inspector entered for one item, ready for ``services.record_item_result``."""

    item_id: str
    outcome: Outcome
    note: str
    corrected_on_site: bool
    deadline: date | None


class ItemEditor(QWidget):
    save_requested = Signal(object)  # ItemEntry
    photo_requested = Signal(str, str)  # item id, file path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: MergedItem | None = None
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)

        labels = (
            self.tr("Compliant (Alt+1)"),
            self.tr("Non-compliant (Alt+2)"),
            self.tr("Not applicable (Alt+3)"),
            self.tr("Not checked (Alt+4)"),
        )
        self.outcome_group = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[Outcome, QRadioButton] = {}
        for n, (outcome, label) in enumerate(zip(OUTCOMES, labels, strict=True)):
            button = QRadioButton(label, self)
            self.outcome_group.addButton(button, n)
            self.outcome_buttons[outcome] = button
            outcome_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{n + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(button.click)
        outcome_row.addStretch(1)

        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("What was found, where, and which photo shows it"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.corrected = QCheckBox(self.tr("Corrected on the spot"), self)
        self.has_deadline = QCheckBox(self.tr("Correct by"), self)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.corrected)
        deadline_row.addSpacing(24)
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)

        self.evidence = QLabel(self)
        self.add_photo = QPushButton(self.tr("Add &photo…"), self)
        self.add_photo.clicked.connect(self._choose_photo)
        self.save = QPushButton(self.tr("&Save result"), self)
        self.save.setDefault(True)
        self.save.clicked.connect(self._emit_save)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._emit_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.evidence, 1)
        buttons.addWidget(self.add_photo)
        buttons.addWidget(self.save)

        form = QFormLayout()
        form.addRow(self.tr("Result"), outcome_row)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", deadline_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_item(None, None, editable=False)

    @property
    def item_id(self) -> str | None:
        return None if self._item is None else self._item.id

    def show_item(
        self, item: MergedItem | None, result: ItemResult | None, *, editable: bool
    ) -> None:
        self._item = item
        if item is None:
            # Outside the f-string: lupdate does not look inside one.
            hint = self.tr("Select a check item to record its result.")
            self.title.setText(f"<i>{escape(hint)}</i>")
        else:
            departments = "、".join(item.department_codes)
            self.title.setText(
                f"<b>{escape(item.code)} {escape(item.title)}</b> "
                f"<span style='color:gray'>({escape(departments)})</span><br>"
                f"{escape(item.content)}<br><i>{escape(item.method)}</i>"
            )
        outcome = result.outcome if result is not None else None
        self.outcome_group.setExclusive(False)
        for key, button in self.outcome_buttons.items():
            button.setChecked(key == outcome)
        self.outcome_group.setExclusive(True)
        self.note.setPlainText(result.note if result is not None else "")
        self.corrected.setChecked(bool(result and result.corrected_on_site))
        deadline = result.deadline if result is not None else None
        self.has_deadline.setChecked(deadline is not None)
        self.deadline.setDate(QDate(deadline) if deadline else QDate.currentDate().addDays(7))
        n_photos = len(result.evidence) if result is not None else 0
        self.evidence.setText(self.tr("Photos: {n}").format(n=n_photos))
        for widget in (self.note, self.corrected, self.has_deadline, self.add_photo, self.save):
            widget.setEnabled(editable and item is not None)
        for button in self.outcome_buttons.values():
            button.setEnabled(editable and item is not None)
        self.deadline.setEnabled(editable and item is not None and self.has_deadline.isChecked())

    def entry(self) -> ItemEntry | None:
        """The current input, or None when no item is shown or no outcome is chosen."""
        if self._item is None:
            return None
        chosen = self.outcome_group.checkedId()
        if chosen < 0:
            return None
        deadline = self.deadline.date().toPython() if self.has_deadline.isChecked() else None
        return ItemEntry(
            item_id=self._item.id,
            outcome=OUTCOMES[chosen],
            note=self.note.toPlainText().strip(),
            corrected_on_site=self.corrected.isChecked(),
            deadline=deadline,  # type: ignore[arg-type]
        )

    def _emit_save(self) -> None:
        if not self.save.isEnabled():
            return
        entry = self.entry()
        if entry is None:
            self.evidence.setText(self.tr("Choose a result (1–4) first."))
            return
        self.save_requested.emit(entry)

    def _choose_photo(self) -> None:
        if self._item is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if path:
            self.photo_requested.emit(self._item.id, path)
