"""The review page of one submitted visit: what was found item by item (results, notes,
photos, dispositions), the documents issued and the rounds' reviews; the lead's comment
on each item and on the whole visit; Approve, or Return with the comments.

Nothing of the visit is editable here: a lead reads the inspectors' findings and says
what to correct; only the comments are typed. The page reads and writes through a
:class:`ReviewAccess`: the lead's own profile in the lead's window, or a co-review
unlocked on the inspector's laptop (``ui/visit/review.py``). A decision is one operation
off the GUI thread; when it is refused (here or, after a sync, by the server) the page
reads the stored state again and says why, so nothing refused stays on screen as saved.

This module builds the page (its widgets, layout and actions) and shows a visit; the
item table, the summary, the comments and the decision are mixins beside it.
"""

from __future__ import annotations

import logging
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.errors import ServiceError
from inspector_app.ui.actions import PageActions
from inspector_app.ui.i18n import current_language, error_text
from inspector_app.ui.lead.review_page.access import ReviewAccess
from inspector_app.ui.lead.review_page.comments import ReviewComments
from inspector_app.ui.lead.review_page.decision import ReviewDecision
from inspector_app.ui.lead.review_page.items import ReviewItems
from inspector_app.ui.lead.review_page.summary import ReviewSummary
from inspector_app.ui.operations import Operations
from inspector_app.ui.widgets.photos import PhotoStrip

if TYPE_CHECKING:
    from inspector_app.services.review_queue import VisitForReview

log = logging.getLogger(__name__)


class ReviewPage(ReviewItems, ReviewSummary, ReviewComments, ReviewDecision, QWidget):
    """Shows one visit for review; emits ``decided(task_id, decision)`` after a decision
    was stored ("approved" or "returned")."""

    decided = Signal(str, str)
    refused = Signal(str)  # task id: a decision was refused; what is stored is shown

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
        self._build_items()

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
