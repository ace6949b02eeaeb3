"""What the lead types: a comment on each item (kept per visit until a decision is
stored) and one on the whole visit; F2 and Enter move through the items.

A mixin of :class:`~inspector_app.ui.lead.review_page.page.ReviewPage`. Its strings are
translated in the page's context, ``ReviewPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from inspector_app.ui.lead.review_page.items import COMMENT_COLOUR

if TYPE_CHECKING:
    from inspector_app.ui.lead.review_page.page import ReviewPage


class ReviewComments:
    def _item_comment_typed(self: ReviewPage, text: str) -> None:
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

    def _overall_typed(self: ReviewPage) -> None:
        if self._loading or self.visit is None:
            return
        self._typed_overall[self.visit.task_id] = self.overall.toPlainText()

    def set_item_comment(self: ReviewPage, item_id: str, text: str) -> None:
        """Type ``text`` as the comment on ``item_id`` (what F2 and typing do)."""
        if self.select_item(item_id):
            self.item_comment.setText(text)
            self._item_comment_typed(text)

    def item_comments(self: ReviewPage) -> list[tuple[str, str]]:
        if self.visit is None:
            return []
        typed = self._typed.get(self.visit.task_id, {})
        order = [i.item_id for i in self.visit.items]
        return [(i, typed[i].strip()) for i in order if typed.get(i, "").strip()]

    def _comment_next(self: ReviewPage) -> None:
        self.step(1)
        self.item_comment.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_item_comment(self: ReviewPage) -> None:
        if self.item_comment.isEnabled():
            self.item_comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.item_comment.selectAll()

    def focus_overall(self: ReviewPage) -> None:
        self.overall.setFocus(Qt.FocusReason.ShortcutFocusReason)
