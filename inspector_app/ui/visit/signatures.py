"""The visit's signatures: each inspector of the task, the party and a witness sign on the
pad; the party's refusal to sign is recorded with a witness or a recording
(行政强制法第十八条第（八）项: "当事人拒绝的，在笔录中予以注明").

The panel collects; ``sign`` (services/visit_record) checks the image and records it,
run through ``Operations``; the list refreshes from ``data_changed`` via the task page.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import Operations
from inspector_app.ui.visit.disposition import AskReason
from inspector_app.ui.widgets.signature_pad import SignaturePad

log = logging.getLogger(__name__)

PARTY = "party"
WITNESS = "witness"


class SignaturesPanel(QWidget):
    def __init__(
        self, profile: Any, ops: Operations, ask_reason: AskReason, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signatures-panel")
        self.profile, self.ops, self.ask_reason = profile, ops, ask_reason
        self.task: Any = None
        self._signers_of: str | None = None  # the task whose signers the box lists
        self.editable = False
        self.stale = False
        self.signed: dict[str, Any] = {}

        self.signer = QComboBox(self)
        self.signer.setObjectName("signer")
        self.signer.currentIndexChanged.connect(lambda _n: self._signer_changed())
        self.name = QLineEdit(self)
        self.name.setObjectName("signer-name")
        self.pad = SignaturePad(self)
        self.pad.changed.connect(self._update_buttons)
        self.undo_button = QPushButton(self.tr("Undo stroke"), self)
        self.undo_button.setObjectName("pad-undo")
        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("pad-clear")
        self.clear_button.clicked.connect(self.pad.clear)
        self.sign_button = QPushButton(self.tr("Record signature"), self)
        self.sign_button.setObjectName("record-signature")
        self.sign_button.clicked.connect(self.sign)

        self.refusal_witness = QLineEdit(self)
        self.refusal_witness.setObjectName("refusal-witness")
        self.refusal_witness.setPlaceholderText(self.tr("Witness's name and unit"))
        self.refusal_recording = QLineEdit(self)
        self.refusal_recording.setObjectName("refusal-recording")
        self.refusal_recording.setPlaceholderText(self.tr("Body camera file or other recording"))
        self.refuse_button = QPushButton(self.tr("Record the party's refusal to sign"), self)
        self.refuse_button.setObjectName("record-refusal")
        self.refuse_button.clicked.connect(self.record_refusal)

        self.list = QListWidget(self)
        self.list.setObjectName("signature-list")
        self.list.setAccessibleName(self.tr("Signatures recorded"))
        self.list.setIconSize(QPixmap(120, 40).size())
        self.list.setMinimumWidth(220)
        self.list.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("signature-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        who = QFormLayout()
        who.addRow(self.tr("Signer:"), self.signer)
        who.addRow(self.tr("Name:"), self.name)
        # Two rows: the three buttons with their shortcuts side by side made the window
        # wider than a 1366-pixel laptop screen in English.
        pad_buttons = QHBoxLayout()
        pad_buttons.addWidget(self.undo_button)
        pad_buttons.addWidget(self.clear_button)
        pad_buttons.addStretch(1)
        sign_row = QHBoxLayout()
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign_button)
        buttons = QVBoxLayout()
        buttons.addLayout(pad_buttons)
        buttons.addLayout(sign_row)
        refusal = QGroupBox(self.tr("The party refuses to sign"), self)
        refusal_form = QFormLayout(refusal)
        refusal_form.addRow(self.tr("Witness:"), self.refusal_witness)
        refusal_form.addRow(self.tr("Recording:"), self.refusal_recording)
        refusal_form.addRow(self.refuse_button)
        left = QVBoxLayout()
        left.addLayout(who)
        left.addWidget(self.pad, 1)
        left.addLayout(buttons)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Recorded:"), self))
        right.addWidget(self.list, 1)
        right.addWidget(refusal)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self._update_buttons()

    # --- showing --------------------------------------------------------------------

    def show_task(self, task: Any, *, editable: bool) -> None:
        """``task``: the JointTask on show (None: nothing)."""
        if task is None or self.task is None or task.id != self.task.id:
            self.pad.clear()
            self.message.clear()
        self.task, self.editable = task, editable
        self._signers_of = None  # filled when shown (the roster is a read)
        self._mark_stale()

    def _mark_stale(self) -> None:
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        if self.task is None:
            return
        tid = self.task.id
        mine = {s.split(":", 1)[0] for s in changes.signatures} | changes.tasks
        nothing = not (changes.tasks or changes.item_results or changes.inspections)
        if tid in mine or (nothing and not changes.dispositions and not changes.signatures):
            self._mark_stale()

    def _fill_signers(self) -> None:
        self._signers_of = None if self.task is None else self.task.id
        keep = self.signer.currentData()
        self.signer.blockSignals(True)
        self.signer.clear()
        if self.task is not None:
            from inspector_app.services.reference_data import roster

            officers = roster(self.profile)
            for officer_id in self.task.inspector_ids:
                officer = officers.get(officer_id)
                name = officer.display_name if officer is not None else officer_id
                self.signer.addItem(self.tr("{name} (inspector)").format(name=name), officer_id)
            self.signer.addItem(self.tr("The party"), PARTY)
            self.signer.addItem(self.tr("A witness"), WITNESS)
        index = self.signer.findData(keep)
        self.signer.setCurrentIndex(max(index, 0))
        self.signer.blockSignals(False)
        self._signer_changed()

    def _signer_changed(self) -> None:
        key = self.signer.currentData()
        named = key in (PARTY, WITNESS)
        self.name.setEnabled(named and self.editable)
        self.name.setPlaceholderText(
            self.tr("The witness's name and unit (required)")
            if key == WITNESS
            else self.tr("Who signs for the party (default: the representative at check-in)")
            if key == PARTY
            else ""
        )
        if not named:
            self.name.clear()

    def refresh(self) -> None:
        self.stale = False
        if self._signers_of != (None if self.task is None else self.task.id):
            self._fill_signers()
        self._signer_changed()
        self.list.clear()
        self.signed = {}
        if self.task is None:
            self._update_buttons()
            return
        from inspector_app.services.visit_record import signature_image, signatures

        try:
            self.signed = signatures(self.profile, self.task.id)
        except ServiceError as exc:
            self.message.setText(error_text(exc))
            return
        order = [self.signer.itemData(n) for n in range(self.signer.count())]
        for key in sorted(self.signed, key=lambda k: order.index(k) if k in order else 99):
            sig = self.signed[key]
            label = self._label(key)
            at = "" if sig.signed_at is None else sig.signed_at.astimezone().strftime("%H:%M")
            if sig.refused:
                proof = sig.witness or sig.av_reference
                line = self.tr("{who}: refused to sign ({at}); witness: {proof}").format(
                    who=label, at=at, proof=proof
                )
            else:
                line = self.tr("{who}: signed {at}").format(who=label, at=at)
            if key in (PARTY, WITNESS) and sig.name:
                line += f" · {sig.name}"
            row = QListWidgetItem(line)
            row.setData(Qt.ItemDataRole.UserRole, key)
            png = None if sig.refused else signature_image(self.profile, sig)
            if png:
                image = QImage.fromData(png, "PNG")
                row.setIcon(QIcon(QPixmap.fromImage(image)))
            self.list.addItem(row)
        self._update_buttons()

    def _label(self, key: str) -> str:
        index = self.signer.findData(key)
        return self.signer.itemText(index) if index >= 0 else key

    def _update_buttons(self) -> None:
        on = self.editable and self.task is not None
        self.pad.setEnabled(on)
        self.undo_button.setEnabled(on and not self.pad.is_empty())
        self.clear_button.setEnabled(on and not self.pad.is_empty())
        self.sign_button.setEnabled(on and not self.pad.is_empty())
        self.signer.setEnabled(on)
        for w in (self.refusal_witness, self.refusal_recording, self.refuse_button):
            w.setEnabled(on)

    # --- writing --------------------------------------------------------------------

    def sign(self) -> None:
        """Record what is on the pad as the chosen signer's signature."""
        if self.task is None or not self.sign_button.isEnabled():
            return
        from inspector_app.services.visit_record import check_signature_image, sign

        key, name = self.signer.currentData(), self.name.text().strip()
        image = self.pad.to_png()
        try:  # said at once, before anything is written
            check_signature_image(image, who=name or self.signer.currentText())
        except ServiceError as exc:
            self.message.setText(error_text(exc))
            return
        go, reason = self.ask_reason()
        if not go:
            return
        profile, task_id = self.profile, self.task.id
        self.message.clear()

        def signed(_result: object) -> None:
            if self.task is not None and self.task.id == task_id:
                self.pad.clear()
                self.name.clear()
                self._next_signer()

        self.ops.run(
            lambda: sign(profile, task_id, signer=key, image=image, name=name, reason=reason),
            done=self.tr("Signature recorded"),
            after=signed,
            failed=lambda exc: self.message.setText(error_text(exc)),
        )

    def _next_signer(self) -> None:
        """The next signer who has not signed yet, so signing round the table is quick."""
        for n in range(self.signer.count()):
            if self.signer.itemData(n) not in self.signed and n != self.signer.currentIndex():
                self.signer.setCurrentIndex(n)
                return

    def record_refusal(self) -> None:
        if self.task is None or not self.refuse_button.isEnabled():
            return
        from inspector_app.services.visit_record import sign

        go, reason = self.ask_reason()
        if not go:
            return
        profile, task_id = self.profile, self.task.id
        witness, recording = self.refusal_witness.text(), self.refusal_recording.text()
        self.message.clear()

        def recorded(_result: object) -> None:
            self.refusal_witness.clear()
            self.refusal_recording.clear()

        self.ops.run(
            lambda: sign(
                profile,
                task_id,
                signer=PARTY,
                refused=True,
                witness=witness,
                av_reference=recording,
                reason=reason,
            ),
            done=self.tr("Refusal to sign recorded"),
            after=recorded,
            failed=lambda exc: self.message.setText(error_text(exc)),
        )

    def focus_pad(self) -> None:
        self.pad.setFocus(Qt.FocusReason.ShortcutFocusReason)
