"""The review page of one submitted visit: what was found item by item (results, notes,
photos, dispositions), the documents issued and the rounds' reviews; the lead's comment
on each item and on the whole visit; Approve, or Return with the comments.

Nothing of the visit is editable here: a lead reads the inspectors' findings and says
what to correct; only the comments are typed. The page reads and writes through a
:class:`ReviewAccess`: the lead's own profile in the lead's window, or a co-review
unlocked on the inspector's laptop (``ui/visit/review.py``). A decision is one operation
off the GUI thread; when it is refused (here or, after a sync, by the server) the page
reads the stored state again and says why, so nothing refused stays on screen as saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import Outcome
from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.ui.actions import PageActions
from inspector_app.ui.i18n import current_language, error_text
from inspector_app.ui.operations import Operations
from inspector_app.ui.tasks.model import status_label
from inspector_app.ui.visit.checklist import OUTCOME_COLOURS
from inspector_app.ui.widgets.photos import PhotoStrip

if TYPE_CHECKING:
    from inspector_app.services import CoReview, Profile
    from inspector_app.services.review_queue import ReviewItem, VisitForReview

log = logging.getLogger(__name__)

ITEM_ROLE = Qt.ItemDataRole.UserRole
COMMENT_COLOUR = QColor("#8a5a00")


@dataclass(frozen=True)
class ReviewAccess:
    """Where the review page reads the visit and writes the decision."""

    load: Callable[[str], VisitForReview]
    approve: Callable[[str, str], Changes]
    return_visit: Callable[[str, str, list[tuple[str, str]]], Changes]
    photo: Callable[[str], bytes]
    reviewer: str  # the reviewer's display name, as the page names them


def own_access(profile: Profile) -> ReviewAccess:
    """The lead reviews on their own laptop."""
    from inspector_app import services

    return ReviewAccess(
        load=lambda task_id: services.review_visit(profile, task_id),
        approve=lambda task_id, comment: services.approve(profile, task_id, comment),
        return_visit=lambda task_id, comment, items: services.return_visit(
            profile, task_id, comment, items
        ),
        photo=lambda sha: services.read_evidence(profile, sha),
        reviewer=profile.require_user().display_name,
    )


def co_review_access(co: CoReview) -> ReviewAccess:
    """The lead reviews on the inspector's laptop, unlocked with their own password."""
    from inspector_app import services

    host = co.host
    return ReviewAccess(
        load=co.visit,
        approve=lambda task_id, comment: co.approve(task_id, comment),
        return_visit=lambda task_id, comment, items: co.return_visit(task_id, comment, items),
        photo=lambda sha: services.read_evidence(host, sha),
        reviewer=co.user.display_name,
    )


def _when(value: datetime | None) -> str:
    return "-" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class ReviewPage(QWidget):
    """Shows one visit for review; emits ``decided(task_id, decision)`` after a decision
    was stored ("approved" or "returned")."""

    decided = Signal(str, str)
    refused = Signal(str)  # task id: a decision was refused; what is stored is shown

    ITEM, RESULT, NOTE, PHOTOS, DISPOSITION, COMMENT = range(6)

    def __init__(
        self, access: ReviewAccess, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review-page")
        self.access = access
        self.ops = ops
        self.visit: VisitForReview | None = None
        # What the lead typed, per visit, until the decision is stored: item -> comment.
        self._typed: dict[str, dict[str, str]] = {}
        self._typed_overall: dict[str, str] = {}
        self._loading = False

        self.header = QLabel(self)
        self.header.setObjectName("review-header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("review-refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.message = QLabel(self)
        self.message.setObjectName("review-message")
        self.message.setWordWrap(True)

        self.items = QTreeWidget(self)
        self.items.setObjectName("review-items")
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        self.items.setAlternatingRowColors(True)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setHeaderLabels(
            [
                self.tr("Check item"),
                self.tr("Result"),
                self.tr("Note"),
                self.tr("Photos"),
                self.tr("Disposition"),
                self.tr("Lead's comment"),
            ]
        )
        header = self.items.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((0, 22), (1, 9), (2, 16), (3, 4), (4, 9)):
            title = self.items.headerItem().text(column)
            if column == self.RESULT:  # the longest result word, in this language
                title = self.outcome_label(Outcome.NONCOMPLIANT)
            header.resizeSection(
                column, max(width * em, self.fontMetrics().horizontalAdvance(title) + em)
            )
        self.items.currentItemChanged.connect(lambda *_: self._item_changed())

        self.item_title = QLabel(self)
        self.item_title.setObjectName("review-item-title")
        self.item_title.setWordWrap(True)
        self.item_title.setTextFormat(Qt.TextFormat.RichText)
        self.photos = PhotoStrip(self)
        self.photos.setAcceptDrops(False)
        self.photos.viewport().setAcceptDrops(False)
        self.photos.placeholder = self.tr("No photos for this item")
        self.photos.setToolTip(self.tr("Enter or Ctrl+Shift+V: the full view"))
        self.item_comment = QLineEdit(self)
        self.item_comment.setObjectName("item-comment")
        self.item_comment.setPlaceholderText(
            self.tr("What to correct in this item (F2; Enter goes to the next item)")
        )
        self.item_comment.textEdited.connect(self._item_comment_typed)
        self.item_comment.returnPressed.connect(self._comment_next)

        self.documents = QListWidget(self)
        self.documents.setObjectName("review-documents")
        self.history = QListWidget(self)
        self.history.setObjectName("review-history")
        for listing in (self.documents, self.history):
            listing.setWordWrap(True)
            listing.setMaximumHeight(6 * (self.fontMetrics().height() + 6))

        self.overall = QPlainTextEdit(self)
        self.overall.setObjectName("overall-comment")
        self.overall.setTabChangesFocus(True)
        self.overall.setPlaceholderText(
            self.tr("Comment on the whole visit (Ctrl+Shift+O); a return needs a comment")
        )
        self.overall.setFixedHeight(56)
        self.overall.textChanged.connect(self._overall_typed)
        self.approve_button = QPushButton(self.tr("&Approve (Ctrl+Shift+A)"), self)
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self.tr("Re&turn with comments (Ctrl+Shift+Y)"), self)
        self.return_button.setObjectName("return")
        self.return_button.clicked.connect(self.return_visit)

        detail = QWidget(self)
        d = QVBoxLayout(detail)
        d.setContentsMargins(0, 0, 0, 0)
        d.addWidget(self.item_title)
        d.addWidget(self.photos)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Comment on the item"), self))
        row.addWidget(self.item_comment, 1)
        d.addLayout(row)
        lists = QHBoxLayout()
        docs = QVBoxLayout()
        docs.addWidget(QLabel(self.tr("Documents"), self))
        docs.addWidget(self.documents)
        rounds = QVBoxLayout()
        rounds.addWidget(QLabel(self.tr("Reviews"), self))
        rounds.addWidget(self.history)
        lists.addLayout(docs, 1)
        lists.addLayout(rounds, 1)
        d.addLayout(lists)
        d.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("review-splitter")
        self.splitter.addWidget(self.items)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 300])

        buttons = QHBoxLayout()
        buttons.addWidget(self.overall, 1)
        decide = QVBoxLayout()
        decide.addWidget(self.approve_button)
        decide.addWidget(self.return_button)
        buttons.addLayout(decide)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.refusal)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.page_actions = self.declare_actions()
        self.show_visit(None)

    # --- actions --------------------------------------------------------------------

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Review"), self)
        self.approve_action = a.add(
            "approve", self.tr("&Approve"), "Ctrl+Shift+A", self.approve, toolbar=True
        )
        self.return_action = a.add(
            "return-visit",
            self.tr("Re&turn with comments"),
            "Ctrl+Shift+Y",
            self.return_visit,
            toolbar=True,
        )
        a.add(
            "comment-item",
            self.tr("&Comment on the item"),
            "F2",
            self.focus_item_comment,
            separator=True,
        )
        a.add(
            "comment-visit",
            self.tr("Comment on the &whole visit"),
            "Ctrl+Shift+O",
            self.focus_overall,
        )
        a.add("review-next-item", self.tr("&Next item"), "Ctrl+PgDown", lambda: self.step(1))
        a.add("review-previous-item", self.tr("&Previous item"), "Ctrl+PgUp", lambda: self.step(-1))
        a.add("review-items", self.tr("Go to the &items"), "Ctrl+J", self.focus_items)
        a.add("review-photos", self.tr("&View photos"), "Ctrl+Shift+V", self.photos.open_viewer)
        return a

    def _update_actions(self) -> None:
        visit = self.visit
        may = visit is not None and visit.refusal is None and not self.ops.busy
        for control in (self.approve_action, self.approve_button):
            control.setEnabled(may)
        for control in (self.return_action, self.return_button):
            control.setEnabled(may)
        self.item_comment.setReadOnly(not may)
        self.overall.setReadOnly(not may)
        self.item_comment.setEnabled(may and self.current_item_id() is not None)

    # --- showing --------------------------------------------------------------------

    @property
    def task_id(self) -> str | None:
        return None if self.visit is None else self.visit.task_id

    def show_visit(self, task_id: str | None, *, message: str = "") -> None:
        """Show this visit as stored now (None: nothing). What was typed for it stays."""
        keep_item = self.current_item_id() if task_id == self.task_id else None
        visit = None
        if task_id is not None:
            try:
                visit = self.access.load(task_id)
            except ServiceError as exc:
                log.warning("visit %s not shown for review: %s", task_id, exc)
                message = message or error_text(exc)
        self.visit = visit
        self.message.setText(message)
        self._loading = True
        try:
            self._fill(visit)
        finally:
            self._loading = False
        if visit is not None and visit.items:
            target = keep_item if keep_item in {i.item_id for i in visit.items} else None
            self.select_item(target or visit.items[0].item_id)
        self._item_changed()
        self._update_actions()

    def _fill(self, visit: VisitForReview | None) -> None:
        self.items.clear()
        self.documents.clear()
        self.history.clear()
        if visit is None:
            hint = self.tr("Select a submitted visit in the queue to review it.")
            self.header.setText(f"<i>{escape(hint)}</i>")
            self.refusal.clear()
            self.refusal.hide()
            self.overall.setPlainText("")
            return
        self.header.setText(self._header_html(visit))
        if visit.refusal is not None:
            self.refusal.setText(visit.refusal.render(current_language()))
            self.refusal.show()
        else:
            self.refusal.clear()
            self.refusal.hide()
        typed = self._typed.get(visit.task_id, {})
        for item in visit.items:
            self.items.addTopLevelItem(self._row(item, typed.get(item.item_id)))
        for doc in visit.documents:
            states = {
                "draft": self.tr("draft"),
                "final": self.tr("issued"),
                "void": self.tr("voided"),
            }
            number = doc.number or self.tr("no number yet")
            self.documents.addItem(f"{doc.title}  {number}  · {states.get(doc.status, doc.status)}")
        if not visit.documents:
            self.documents.addItem(self.tr("No document issued"))
        for review in visit.reviews:
            self.history.addItem(self._history_line(review))
        if not visit.reviews:
            self.history.addItem(self.tr("First submission: not reviewed yet"))
        self.overall.setPlainText(self._typed_overall.get(visit.task_id, ""))

    def _header_html(self, visit: VisitForReview) -> str:
        status = status_label(visit.status)
        head = self.tr("Round {round} · {status} · submitted {at}").format(
            round=visit.round, status=status, at=_when(visit.submitted_at)
        )
        team = self.tr("Inspectors: {names}").format(names="、".join(visit.inspectors))
        times = self.tr("Checked in {start}, out {end} · {bad} non-compliant").format(
            start=_when(visit.checked_in_at),
            end=_when(visit.checked_out_at),
            bad=visit.noncompliant,
        )
        present = self.tr("Present: {people}").format(people="、".join(visit.present) or "-")
        lines = [
            f"<b style='font-size:14pt'>{escape(visit.business_name)}</b> "
            f"<span style='color:gray'>{escape(visit.uscc)} · {escape(visit.address)}</span>",
            escape(head),
            f"{escape(team)} · {escape('、'.join(visit.departments))}",
            f"{escape(times)} · {escape(present)}",
        ]
        if visit.party_statement:
            said = self.tr("The party said: {text}").format(text=visit.party_statement)
            lines.append(f"<i>{escape(said)}</i>")
        return "<br>".join(lines)

    def _history_line(self, review: Any) -> str:
        decision = self.tr("approved") if review.decision == "approved" else self.tr("returned")
        states = {
            "sent": self.tr("on the server"),
            "waiting": self.tr("waiting for sync"),
            "refused": self.tr("refused by the server"),
        }
        line = self.tr("Round {round}: {decision} {at} ({state})").format(
            round=review.round,
            decision=decision,
            at=_when(review.reviewed_at),
            state=states.get(review.state, review.state),
        )
        if review.comment:
            line += f" — {review.comment}"
        if review.refused_reason:
            line += f" [{review.refused_reason}]"
        return line

    def outcome_label(self, outcome: Outcome | None) -> str:
        labels = {
            Outcome.COMPLIANT: self.tr("Compliant"),
            Outcome.NONCOMPLIANT: self.tr("Non-compliant"),
            Outcome.NOT_APPLICABLE: self.tr("Not applicable"),
            Outcome.NOT_CHECKED: self.tr("Not checked"),
        }
        return self.tr("not recorded") if outcome is None else labels[outcome]

    def disposition_label(self, kind: str) -> str:
        labels = {
            "no_action": self.tr("No action"),
            "risk_reminder": self.tr("Risk reminder"),
            "order_to_correct": self.tr("Order to correct"),
            "no_penalty": self.tr("No penalty"),
            "summary_penalty": self.tr("On-site penalty"),
            "refer_case": self.tr("Refer for a case"),
        }
        return labels.get(kind, kind)

    def _row(self, item: ReviewItem, typed: str | None) -> QTreeWidgetItem:
        disposition = ""
        if item.disposition:
            kind = str(item.disposition.get("kind") or "")
            disposition = self.disposition_label(kind)
        comment = typed if typed is not None else ""
        row = QTreeWidgetItem(
            [
                f"{item.code}  {item.title}",
                self.outcome_label(item.outcome),
                item.note,
                str(len(item.photos)) if item.photos else "",
                disposition,
                comment,
            ]
        )
        row.setData(self.ITEM, ITEM_ROLE, item.item_id)
        row.setToolTip(self.NOTE, item.note)
        if item.outcome is not None:
            row.setForeground(self.RESULT, QBrush(OUTCOME_COLOURS[item.outcome]))
        if item.comments:  # what the last return asked about this item
            earlier = self.tr("Last return: {text}").format(text="；".join(item.comments))
            row.setToolTip(self.ITEM, earlier)
            if not comment:
                row.setText(self.COMMENT, earlier)
                row.setForeground(self.COMMENT, QBrush(QColor("gray")))
        if comment:
            row.setForeground(self.COMMENT, QBrush(COMMENT_COLOUR))
        return row

    # --- the current item -----------------------------------------------------------

    def current_item_id(self) -> str | None:
        row = self.items.currentItem()
        return None if row is None else str(row.data(self.ITEM, ITEM_ROLE))

    def _current(self) -> ReviewItem | None:
        item_id = self.current_item_id()
        if self.visit is None or item_id is None:
            return None
        return next((i for i in self.visit.items if i.item_id == item_id), None)

    def select_item(self, item_id: str) -> bool:
        for n in range(self.items.topLevelItemCount()):
            row = self.items.topLevelItem(n)
            if row is not None and row.data(self.ITEM, ITEM_ROLE) == item_id:
                self.items.setCurrentItem(row)
                return True
        return False

    def _item_changed(self) -> None:
        item = self._current()
        self._loading = True
        try:
            if item is None:
                self.item_title.setText("")
                self.photos.set_photos([], None)
                self.item_comment.setText("")
            else:
                self.item_title.setText(self._item_html(item))
                shas = [p.sha256 for p in item.photos if p.on_laptop]
                self.photos.set_photos(shas, self.access.photo)
                assert self.visit is not None
                typed = self._typed.get(self.visit.task_id, {})
                self.item_comment.setText(typed.get(item.item_id, ""))
        finally:
            self._loading = False
        self.item_comment.setEnabled(
            item is not None and self.visit is not None and self.visit.refusal is None
        )

    def _item_html(self, item: ReviewItem) -> str:
        parts = [
            f"<b>{escape(item.code)} {escape(item.title)}</b> · "
            f"{escape(self.outcome_label(item.outcome))}"
        ]
        if item.note:
            parts.append(escape(item.note))
        if item.measurements:
            measured = "，".join(f"{k} {v}" for k, v in item.measurements.items())
            parts.append(escape(self.tr("Measured: {values}").format(values=measured)))
        if item.corrected_on_site:
            parts.append(escape(self.tr("Corrected on the spot")))
        if item.deadline is not None:
            parts.append(escape(self.tr("Correct by {day}").format(day=item.deadline.isoformat())))
        waiting = sum(1 for p in item.photos if not p.on_laptop)
        if waiting:
            parts.append(
                escape(self.tr("{n} photo(s) not on this laptop yet: sync").format(n=waiting))
            )
        if item.comments:
            asked = self.tr("Asked in the last return: {text}").format(
                text="；".join(item.comments)
            )
            parts.append(f"<span style='color:#8a5a00'>{escape(asked)}</span>")
        return " · ".join(parts)

    # --- typing the comments --------------------------------------------------------

    def _item_comment_typed(self, text: str) -> None:
        if self._loading or self.visit is None:
            return
        item_id = self.current_item_id()
        if item_id is None:
            return
        typed = self._typed.setdefault(self.visit.task_id, {})
        if text.strip():
            typed[item_id] = text
        else:
            typed.pop(item_id, None)
        row = self.items.currentItem()
        if row is not None:
            row.setText(self.COMMENT, text)
            row.setForeground(self.COMMENT, QBrush(COMMENT_COLOUR))

    def _overall_typed(self) -> None:
        if self._loading or self.visit is None:
            return
        self._typed_overall[self.visit.task_id] = self.overall.toPlainText()

    def set_item_comment(self, item_id: str, text: str) -> None:
        """Type ``text`` as the comment on ``item_id`` (what F2 and typing do)."""
        if self.select_item(item_id):
            self.item_comment.setText(text)
            self._item_comment_typed(text)

    def item_comments(self) -> list[tuple[str, str]]:
        if self.visit is None:
            return []
        typed = self._typed.get(self.visit.task_id, {})
        order = [i.item_id for i in self.visit.items]
        return [(i, typed[i].strip()) for i in order if typed.get(i, "").strip()]

    # --- navigation -----------------------------------------------------------------

    def step(self, delta: int) -> None:
        current = self.items.currentItem()
        n = (-1 if current is None else self.items.indexOfTopLevelItem(current)) + delta
        row = self.items.topLevelItem(n) if n >= 0 else None
        if row is not None:
            self.items.setCurrentItem(row)

    def _comment_next(self) -> None:
        self.step(1)
        self.item_comment.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_items(self) -> None:
        self.items.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_item_comment(self) -> None:
        if self.item_comment.isEnabled():
            self.item_comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.item_comment.selectAll()

    def focus_overall(self) -> None:
        self.overall.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- deciding -------------------------------------------------------------------

    def approve(self) -> None:
        visit = self.visit
        if visit is None or not self.approve_action.isEnabled():
            return
        comment = self.overall.toPlainText().strip()
        fn = self.access.approve
        self._decide(visit.task_id, "approved", lambda: fn(visit.task_id, comment))

    def return_visit(self) -> None:
        visit = self.visit
        if visit is None or not self.return_action.isEnabled():
            return
        comment = self.overall.toPlainText().strip()
        items = self.item_comments()
        if not comment and not items:
            self.message.setText(
                self.tr(
                    "Say what to correct: type a comment on an item (F2) or on the whole "
                    "visit (Ctrl+Shift+O), then return it."
                )
            )
            self.focus_item_comment()
            return
        fn = self.access.return_visit
        self._decide(visit.task_id, "returned", lambda: fn(visit.task_id, comment, items))

    def _decide(self, task_id: str, decision: str, call: Callable[[], Changes]) -> None:
        done = (
            self.tr("Approved; the review goes up with the next sync.")
            if decision == "approved"
            else self.tr("Returned with comments; the review goes up with the next sync.")
        )

        def stored(_changes: object) -> None:
            self._typed.pop(task_id, None)
            self._typed_overall.pop(task_id, None)
            if self.task_id == task_id:
                self.show_visit(task_id, message=done)
            self.decided.emit(task_id, decision)

        def refused(exc: BaseException) -> None:
            # Whatever was refused is not shown as saved: read the stored state again.
            why = error_text(exc) if isinstance(exc, ServiceError) else str(exc)
            if self.task_id == task_id:
                self.show_visit(task_id, message=self.tr("Not saved: {why}").format(why=why))
            self.refused.emit(task_id)

        self.message.setText(self.tr("Saving…"))
        for widget in (self.approve_action, self.return_action):
            widget.setEnabled(False)
        self.ops.run(call, done=done, after=stored, failed=refused)
