"""Recording one checklist item: outcome, note, measurements, photos, correction, deadline.

What the inspector types is theirs until saved: a photo attached meanwhile, or a
teammate's result arriving by sync, updates the photos and leaves the typed fields
alone (``dirty``). Every edit is offered to the draft keeper, so a crash or a close
loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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
from inspector_app.ui.widgets.measurements import MeasurementEditor
from inspector_app.ui.widgets.photos import Loader, PhotoStrip
from inspector_app.ui.widgets.workdays import DeadlineEdit

OUTCOMES = (Outcome.COMPLIANT, Outcome.NONCOMPLIANT, Outcome.NOT_APPLICABLE, Outcome.NOT_CHECKED)
DEFAULT_DEADLINE_DAYS = 7


@dataclass(frozen=True, slots=True)
class ItemEntry:
    """What the inspector entered for one item, ready for ``services.record_item_result``."""

    item_id: str
    outcome: Outcome
    note: str
    corrected_on_site: bool
    deadline: date | None
    measurements: dict[str, Any] = field(default_factory=dict)


class ItemEditor(QWidget):
    save_requested = Signal(object)  # ItemEntry
    photos_requested = Signal(str, list)  # item id, [file path]
    edited = Signal()  # something was typed (the draft keeper listens)
    draft_restore_requested = Signal()
    draft_discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item-editor")
        self._item: MergedItem | None = None
        self._editable = False
        self._loading = False
        self.dirty = False

        self.title = QLabel(self)
        self.title.setObjectName("item-title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.draft_banner = QWidget(self)
        self.draft_banner.setObjectName("draft-banner")
        self.draft_text = QLabel(self.draft_banner)
        self.draft_restore = QPushButton(self.tr("Restore (Ctrl+Shift+R)"), self.draft_banner)
        self.draft_discard = QPushButton(self.tr("Discard"), self.draft_banner)
        self.draft_restore.clicked.connect(self.draft_restore_requested)
        self.draft_discard.clicked.connect(self.draft_discard_requested)
        banner = QHBoxLayout(self.draft_banner)
        banner.setContentsMargins(6, 2, 6, 2)
        banner.addWidget(self.draft_text, 1)
        banner.addWidget(self.draft_restore)
        banner.addWidget(self.draft_discard)
        self.draft_banner.setStyleSheet("#draft-banner { background: #fff3cd; }")
        self.draft_banner.hide()

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
            button.setObjectName(f"outcome-{outcome.value}")
            self.outcome_group.addButton(button, n)
            self.outcome_buttons[outcome] = button
            outcome_row.addWidget(button)
        outcome_row.addStretch(1)
        self.outcome_group.idToggled.connect(self._outcome_toggled)

        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("What was found, where, and which photo shows it"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(58)
        self.note.textChanged.connect(self._edited)

        self.measurements = MeasurementEditor(self)
        self.measurements.changed.connect(self._edited)

        self.photos = PhotoStrip(self)
        self.photos.files_dropped.connect(self._dropped)
        self.add_photo = QPushButton(self.tr("Add &photo…"), self)
        self.add_photo.setObjectName("add-photo")
        self.add_photo.clicked.connect(self.choose_photos)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photos, 1)
        photo_row.addWidget(self.add_photo, 0, Qt.AlignmentFlag.AlignTop)

        self.corrected = QCheckBox(self.tr("&Corrected on the spot"), self)
        self.corrected.setObjectName("corrected")
        self.corrected.toggled.connect(self._edited)
        self.has_deadline = QCheckBox(self.tr("Correct &by"), self)
        self.has_deadline.setObjectName("has-deadline")
        self.deadline = DeadlineEdit(self)
        self.has_deadline.toggled.connect(self._deadline_toggled)
        self.deadline.changed.connect(self._edited)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.corrected)
        deadline_row.addSpacing(24)
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)

        self.message = QLabel(self)
        self.message.setObjectName("editor-message")
        self.message.setWordWrap(True)
        self.save = QPushButton(self.tr("&Save result (Ctrl+Enter)"), self)
        self.save.setObjectName("save-result")
        self.save.clicked.connect(self.request_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save)

        form = QFormLayout()
        form.addRow(self.tr("Result"), outcome_row)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Measured"), self.measurements)
        form.addRow(self.tr("Photos"), photo_row)
        form.addRow("", deadline_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.draft_banner)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_item(None, None, editable=False)

    # --- showing --------------------------------------------------------------------

    @property
    def item_id(self) -> str | None:
        return None if self._item is None else self._item.id

    @property
    def item(self) -> MergedItem | None:
        return self._item

    def show_item(
        self,
        item: MergedItem | None,
        result: ItemResult | None,
        *,
        editable: bool,
        photos: Loader | None = None,
    ) -> None:
        """Show an item and its saved result; whatever was typed before is replaced."""
        self._item = item
        self._loading = True
        try:
            self._show_title(item)
            self._load_fields(item, result)
            self.photos.set_photos(list(result.evidence) if result else [], photos)
            self.message.clear()
            self.draft_banner.hide()
            self.set_editable(editable)
        finally:
            self._loading = False
        self.dirty = False

    def set_editable(self, editable: bool) -> None:
        """Whether the fields take input (the task's lifecycle decides); keeps their values."""
        self._editable = editable and self._item is not None
        for widget in (
            self.note,
            self.measurements,
            self.photos,
            self.add_photo,
            self.corrected,
            self.has_deadline,
            self.save,
            *self.outcome_buttons.values(),
        ):
            widget.setEnabled(self._editable)
        self.deadline.setEnabled(self._editable and self.has_deadline.isChecked())

    def _show_title(self, item: MergedItem | None) -> None:
        if item is None:
            # Outside the f-string: lupdate does not look inside one.
            hint = self.tr("Select a check item to record its result.")
            self.title.setText(f"<i>{escape(hint)}</i>")
            return
        departments = "、".join(item.department_codes)
        basis = "；".join(item.legal_basis)
        law_hint = self.tr("Ctrl+Shift+L: the provision's full text")
        self.title.setText(
            f"<b>{escape(item.code)} {escape(item.title)}</b> "
            f"<span style='color:gray'>({escape(departments)})</span><br>"
            f"{escape(item.content)}<br><i>{escape(item.method)}</i><br>"
            f"<span style='color:#1565c0'>{escape(basis)}</span> "
            f"<span style='color:gray'>· {escape(law_hint)}</span>"
        )

    def _load_fields(self, item: MergedItem | None, result: ItemResult | None) -> None:
        outcome = result.outcome if result is not None else None
        self.outcome_group.setExclusive(False)
        for key, button in self.outcome_buttons.items():
            button.setChecked(key == outcome)
        self.outcome_group.setExclusive(True)
        self.note.setPlainText(result.note if result is not None else "")
        self.measurements.show_specs(
            item.measurements if item is not None else (),
            dict(result.measurements) if result is not None else {},
        )
        self.corrected.setChecked(bool(result and result.corrected_on_site))
        deadline = result.deadline if result is not None else None
        self.has_deadline.setChecked(deadline is not None)
        self.deadline.set_date(deadline or date.today() + timedelta(days=DEFAULT_DEADLINE_DAYS))

    def refresh_saved(self, result: ItemResult | None, photos: Loader | None) -> None:
        """The stored result changed (a photo attached, a sync): photos follow it; the
        typed fields follow it only when nothing unsaved was typed."""
        self.photos.set_photos(list(result.evidence) if result else [], photos)
        if not self.dirty:
            self._loading = True
            try:
                self._load_fields(self._item, result)
            finally:
                self._loading = False

    def mark_saved(self) -> None:
        self.dirty = False
        self.message.clear()

    # --- typing ---------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self.message.clear()
        self.edited.emit()

    def _outcome_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._edited()

    def _deadline_toggled(self, on: bool) -> None:
        self.deadline.setEnabled(on and self._editable)
        self._edited()

    def choose_outcome(self, outcome: Outcome) -> None:
        button = self.outcome_buttons[outcome]
        if button.isEnabled():
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_first_field(self) -> None:
        """The outcome: the chosen one, else the first (arrow keys move between them)."""
        checked = self.outcome_group.checkedButton()
        target = checked or self.outcome_buttons[OUTCOMES[0]]
        if target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def entry(self) -> ItemEntry | None:
        """The current input, or None when no item is shown or no outcome is chosen."""
        if self._item is None:
            return None
        chosen = self.outcome_group.checkedId()
        if chosen < 0:
            return None
        return ItemEntry(
            item_id=self._item.id,
            outcome=OUTCOMES[chosen],
            note=self.note.toPlainText().strip(),
            corrected_on_site=self.corrected.isChecked(),
            deadline=self.deadline.date() if self.has_deadline.isChecked() else None,
            measurements=self.measurements.values(),
        )

    def request_save(self) -> None:
        if not self.save.isEnabled():
            return
        entry = self.entry()
        if entry is None:
            self.message.setText(self.tr("Choose a result (Alt+1–4) first."))
            self.focus_first_field()
            return
        self.save_requested.emit(entry)

    # --- photos ---------------------------------------------------------------------

    def choose_photos(self) -> None:
        if self._item is None or not self.add_photo.isEnabled():
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if paths:
            self.photos_requested.emit(self._item.id, list(paths))

    def _dropped(self, paths: list[str]) -> None:
        if self._item is not None and self._editable:
            self.photos_requested.emit(self._item.id, paths)

    # --- drafts ---------------------------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        """What was typed, as plain JSON values (kept until it is saved)."""
        chosen = self.outcome_group.checkedId()
        return {
            "item_id": self.item_id,
            "outcome": OUTCOMES[chosen].value if chosen >= 0 else None,
            "note": self.note.toPlainText(),
            "measurements": self.measurements.values(),
            "corrected_on_site": self.corrected.isChecked(),
            "deadline": self.deadline.date().isoformat() if self.has_deadline.isChecked() else None,
        }

    def apply_draft(self, draft: dict[str, Any]) -> None:
        """Put a kept draft back into the fields; it counts as typed, not saved."""
        self._loading = True
        try:
            outcome = draft.get("outcome")
            self.outcome_group.setExclusive(False)
            for key, button in self.outcome_buttons.items():
                button.setChecked(key.value == outcome)
            self.outcome_group.setExclusive(True)
            self.note.setPlainText(str(draft.get("note") or ""))
            self.measurements.set_values(dict(draft.get("measurements") or {}))
            self.corrected.setChecked(bool(draft.get("corrected_on_site")))
            deadline = draft.get("deadline")
            self.has_deadline.setChecked(bool(deadline))
            if deadline:
                self.deadline.set_date(date.fromisoformat(str(deadline)))
            self.deadline.setEnabled(self._editable and bool(deadline))
        finally:
            self._loading = False
        self.draft_banner.hide()
        self.dirty = True
        self.edited.emit()

    def offer_draft(self, saved_at: str) -> None:
        self.draft_text.setText(
            self.tr("An unsaved entry for this item from {time} was kept.").format(time=saved_at)
        )
        self.draft_banner.show()
