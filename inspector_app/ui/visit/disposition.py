"""The disposition panel: for each non-compliant item of the open task the proposal, its
reasoning and every rule's verdict, the discretion benchmark; accept it, or override it
with a kind and a written reason; and the party's statement and how it was weighed.

Reads happen on the GUI thread (small); decisions go through ``Operations`` off it, and
the panel refreshes from the window's ``data_changed`` (via the task page), lazily: a
change while the panel is hidden only marks it stale, so saving results stays fast.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import DispositionKind
from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.ui.i18n import error_text, text
from inspector_app.ui.operations import Operations
from inspector_app.ui.visit.proposal_text import ProposalText
from inspector_app.ui.visit.statement import StatementEditor, StatementEntry, text_height

log = logging.getLogger(__name__)

ITEM_ID = Qt.ItemDataRole.UserRole
MARKS = {"confirmed": "✔", "proposed": "●", "stale": "⚠", "withdrawn": "○"}

#: Asks, when the visit is already completed, why a decision is changed: (go on, reason).
AskReason = Callable[[], tuple[bool, str | None]]


class DispositionPanel(QWidget):
    def __init__(
        self, profile: Any, ops: Operations, ask_reason: AskReason, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disposition-panel")
        self.profile, self.ops, self.ask_reason = profile, ops, ask_reason
        self.words = ProposalText(self)
        self.task_id: str | None = None
        self.editable = False
        self.views: dict[str, Any] = {}  # item id -> ItemDisposition
        self.stale = False

        self.items = QListWidget(self)
        self.items.setObjectName("disposition-list")
        self.items.setAccessibleName(self.tr("Non-compliant items"))
        self.items.currentItemChanged.connect(lambda *_: self._show_current())
        self.items.setMinimumWidth(180)
        self.empty = QLabel(self.tr("No non-compliant item in this visit."), self)
        self.empty.setObjectName("disposition-empty")
        self.view = QTextBrowser(self)
        self.view.setObjectName("proposal-view")
        self.view.setOpenLinks(False)

        self.accept_button = QPushButton(self.tr("Accept the proposal"), self)
        self.accept_button.setObjectName("accept-proposal")
        self.accept_button.clicked.connect(self.accept_current)
        self.fine = QSpinBox(self)
        self.fine.setObjectName("decision-fine")
        self.fine.setRange(0, 100_000_000)
        self.fine.setSingleStep(100)
        self.fine.setSpecialValueText(self.tr("no fine"))
        self.fine.setSuffix(self.tr(" yuan"))
        self.warning = QCheckBox(self.tr("Warning"), self)
        self.warning.setObjectName("decision-warning")
        self.kind = QComboBox(self)
        self.kind.setObjectName("override-kind")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("override-reason")
        self.reason.setPlaceholderText(self.tr("Why you decide otherwise (required)"))
        self.law_statement = QLineEdit(self)
        self.law_statement.setObjectName("override-statement")
        self.law_statement.setPlaceholderText(
            self.tr("Why the rule the law makes mandatory does not apply")
        )
        self.facts_button = QPushButton(self.tr("Facts…"), self)
        self.facts_button.setObjectName("edit-facts")
        self.facts_button.clicked.connect(self.edit_facts)
        self.override_button = QPushButton(self.tr("Override"), self)
        self.override_button.setObjectName("override-proposal")
        self.override_button.clicked.connect(self.override_current)
        self.message = QLabel(self)
        self.message.setObjectName("disposition-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        decision = QGroupBox(self.tr("Decision"), self)
        form = QFormLayout(decision)
        # Accept on a row of its own: beside the fine and the facts it made the window
        # wider than a 1366-pixel laptop screen in English.
        accept = QHBoxLayout()
        accept.addWidget(self.accept_button)
        accept.addStretch(1)
        form.addRow(accept)
        penalty = QHBoxLayout()
        penalty.addWidget(QLabel(self.tr("Fine:"), decision))
        penalty.addWidget(self.fine)
        penalty.addWidget(self.warning)
        penalty.addStretch(1)
        penalty.addWidget(self.facts_button)
        form.addRow(penalty)
        override = QHBoxLayout()
        override.addWidget(self.kind)
        override.addWidget(self.reason, 1)
        override.addWidget(self.override_button)
        form.addRow(self.tr("Override with:"), override)
        form.addRow(self.tr("Mandatory rule:"), self.law_statement)
        form.addRow(self.message)

        self.statement = StatementEditor(self)
        self.statement.save_requested.connect(self.save_statement)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(decision)
        left = QWidget(self)
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.items, 1)
        side.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        # The statement below, on a splitter: the proposal's text can take the room.
        self.rows = QSplitter(Qt.Orientation.Vertical, self)
        self.rows.addWidget(self.splitter)
        self.rows.addWidget(self.statement)
        self.rows.setStretchFactor(0, 3)
        self.rows.setStretchFactor(1, 1)
        self.rows.setChildrenCollapsible(False)
        self.rows.setSizes([10_000, 1])  # the statement at its smallest to begin with
        # The proposal keeps room for its heading, state and first reasons whatever the
        # statement's length; on a short screen the panel scrolls rather than crush it.
        self.view.setMinimumHeight(text_height(self.view, 5))
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("disposition-scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.scroll, 1)
        self._show_current()

    # --- showing --------------------------------------------------------------------

    def show_task(self, task_id: str | None, *, editable: bool) -> None:
        changed = task_id != self.task_id
        self.task_id, self.editable = task_id, editable
        if changed:
            self.views = {}
            self.items.clear()
            self.message.clear()
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
        """Re-read when a change touches the task on show (a sync names nothing: re-read)."""
        if self.task_id is None:
            return
        tid = self.task_id
        named = (
            changes.tasks
            | changes.inspections
            | {r.split(":", 1)[0] for r in changes.item_results | changes.dispositions}
        )
        nothing = not (changes.tasks or changes.item_results or changes.inspections)
        if tid in named or (nothing and not changes.dispositions and not changes.signatures):
            self._mark_stale()

    def refresh(self) -> None:
        """Read the task's dispositions and statement; the selected item stays."""
        self.stale = False
        if self.task_id is None:
            self.views = {}
            self.items.clear()
            self.statement.show_statement(None, editable=False)
            self._show_current()
            return
        from inspector_app.services.dispositions import list_dispositions
        from inspector_app.services.reference_data import benchmark
        from inspector_app.services.visit_record import get_statement

        try:
            found = list_dispositions(self.profile, self.task_id)
            statement = get_statement(self.profile, self.task_id)
            self.bench = benchmark(self.profile)
        except ServiceError as exc:
            log.warning("dispositions of %s not shown: %s", self.task_id, exc)
            self.message.setText(error_text(exc))
            return
        keep = self.current_item_id()
        self.views = {d.item_id: d for d in found}
        self.items.blockSignals(True)
        self.items.clear()
        for d in found:
            row = QListWidgetItem(f"{MARKS.get(d.state, '')} {d.item.code} {d.item.title}")
            row.setData(ITEM_ID, d.item_id)
            row.setToolTip(f"{d.item.code} {d.item.title}\n{self.words.state(d.state)}")
            self.items.addItem(row)
        self.items.blockSignals(False)
        self.empty.setVisible(not found)
        self.select_item(keep if keep in self.views else self._first_undecided())
        self.statement.show_statement(statement, editable=self.editable)

    def _first_undecided(self) -> str | None:
        for item_id, d in self.views.items():
            if d.state != "confirmed":
                return item_id
        return next(iter(self.views), None)

    def current_item_id(self) -> str | None:
        row = self.items.currentItem()
        return None if row is None else row.data(ITEM_ID)

    def current(self) -> Any:
        return self.views.get(self.current_item_id() or "")

    def select_item(self, item_id: str | None) -> None:
        for n in range(self.items.count()):
            if self.items.item(n).data(ITEM_ID) == item_id:
                self.items.setCurrentRow(n)
                break
        else:
            self.items.setCurrentRow(-1)
        self._show_current()

    def _show_current(self) -> None:
        view = self.current()
        if view is None:
            self.view.setHtml("")
        else:
            self.view.setHtml(self.words.html(view, getattr(self, "bench", None)))
        proposal = view.proposal if view is not None else None
        can = self.editable and proposal is not None
        widgets = (self.accept_button, self.fine, self.warning, self.kind, self.reason)
        for w in (*widgets, self.facts_button):
            w.setEnabled(can)
        self.override_button.setEnabled(can)
        self.law_statement.setEnabled(can and proposal.disposition.mandatory)  # type: ignore[union-attr]
        self.kind.clear()
        if proposal is None:
            return
        d = proposal.disposition
        for kind, label in self.words.kind_labels().items():
            if kind is not d.kind:
                self.kind.addItem(label, kind.value)
        shown = view.confirmed or d
        self.fine.setValue(shown.proposed_fine or 0)
        self.warning.setChecked(shown.warning)

    # --- deciding -------------------------------------------------------------------

    def _fine(self) -> int | None:
        return self.fine.value() or None

    def accept_current(self) -> None:
        view = self.current()
        if view is None or view.proposal is None or not self.accept_button.isEnabled():
            return
        self._decide(view, accept=True)

    def override_current(self) -> None:
        """Override with the kind chosen and the reason written; no reason, no override."""
        view = self.current()
        if view is None or view.proposal is None or not self.override_button.isEnabled():
            return
        if not self.reason.text().strip():
            from inspector_app.services.dispositions import REASON_REQUIRED

            self.message.setText(text(REASON_REQUIRED))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        kind = DispositionKind(self.kind.currentData())
        self._decide(view, accept=False, kind=kind)

    def focus_override(self) -> None:
        self.kind.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _decide(self, view: Any, *, accept: bool, kind: DispositionKind | None = None) -> None:
        go, edit_reason = self.ask_reason()
        if not go:
            return
        from inspector_app.services.dispositions import decide

        profile, task_id, item_id = self.profile, view.task_id, view.item_id
        fine, warning = self._fine(), self.warning.isChecked()
        reason, statement = self.reason.text().strip(), self.law_statement.text().strip()
        self.message.clear()

        def run() -> Changes:
            if accept:
                return decide(
                    profile,
                    task_id,
                    item_id,
                    accept=True,
                    fine=fine,
                    warning=warning,
                    edit_reason=edit_reason,
                )
            return decide(
                profile,
                task_id,
                item_id,
                kind=kind,
                reason=reason,
                statement=statement,
                fine=fine,
                warning=warning,
                edit_reason=edit_reason,
            )

        def done(_result: object) -> None:
            if self.task_id != task_id:
                return
            self.reason.clear()
            self.law_statement.clear()
            if self.stale:
                self.refresh()
            following = self._first_undecided()
            if following is not None and self.views[following].state != "confirmed":
                self.select_item(following)

        self.ops.run(
            run,
            done=self.tr("Disposition decided"),
            after=done,
            failed=lambda exc: self.message.setText(error_text(exc)),
        )

    def edit_facts(self) -> None:
        """The facts the rules weigh for this item; the proposal is made again on them."""
        view = self.current()
        if view is None or view.proposal is None or not self.facts_button.isEnabled():
            return
        from inspector_app.ui.visit.facts import FactsDialog

        dialog = FactsDialog(f"{view.item.code} {view.item.title}", view.assessment, self)
        if not dialog.exec():
            return
        assessment = dialog.assessment()
        go, edit_reason = self.ask_reason()
        if not go:
            return
        from inspector_app.services.dispositions import record_assessment

        profile, task_id, item_id = self.profile, view.task_id, view.item_id
        department = view.record.department_code if view.record is not None else None
        self.message.clear()
        self.ops.run(
            lambda: record_assessment(
                profile,
                task_id,
                item_id,
                assessment,
                department_code=department,
                reason=edit_reason,
            ),
            done=self.tr("Facts recorded; the proposal is made again on them"),
            failed=lambda exc: self.message.setText(error_text(exc)),
        )

    # --- the party's statement --------------------------------------------------------

    def save_statement(self, entry: StatementEntry) -> None:
        if self.task_id is None or not self.editable:
            return
        go, edit_reason = self.ask_reason()
        if not go:
            return
        from inspector_app.services.visit_record import record_statement

        profile, task_id = self.profile, self.task_id
        self.message.clear()
        self.ops.run(
            lambda: record_statement(
                profile,
                task_id,
                text=entry.text,
                accepted=entry.accepted,
                reason=entry.reason,
                waived=entry.waived,
                edit_reason=edit_reason,
            ),
            done=self.tr("Statement saved"),
            failed=lambda exc: self.message.setText(error_text(exc)),
        )
