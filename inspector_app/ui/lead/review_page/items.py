"""The review page's table of check items (result, note, photos, disposition, the
lead's comment) and the item selected in it: its details and its photo strip.

A mixin of :class:`~inspector_app.ui.lead.review_page.page.ReviewPage`. Its strings are
translated in the page's context, ``ReviewPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from inspector_app.domain.entities import Outcome
from inspector_app.ui.visit.checklist import OUTCOME_COLOURS

if TYPE_CHECKING:
    from inspector_app.services.review_queue import ReviewItem
    from inspector_app.ui.lead.review_page.page import ReviewPage

ITEM_ROLE = Qt.ItemDataRole.UserRole
COMMENT_COLOUR = QColor("#8a5a00")


class ReviewItems:
    ITEM, RESULT, NOTE, PHOTOS, DISPOSITION, COMMENT = range(6)

    def _build_items(self: ReviewPage) -> None:
        """The table of check items, its columns wide enough for their titles."""
        self.items = QTreeWidget(self)
        self.items.setObjectName("review-items")
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        self.items.setAlternatingRowColors(True)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setHeaderLabels(
            [
                QCoreApplication.translate("ReviewPage", "Check item"),
                QCoreApplication.translate("ReviewPage", "Result"),
                QCoreApplication.translate("ReviewPage", "Note"),
                QCoreApplication.translate("ReviewPage", "Photos"),
                QCoreApplication.translate("ReviewPage", "Disposition"),
                QCoreApplication.translate("ReviewPage", "Lead's comment"),
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

    def outcome_label(self: ReviewPage, outcome: Outcome | None) -> str:
        labels = {
            Outcome.COMPLIANT: QCoreApplication.translate("ReviewPage", "Compliant"),
            Outcome.NONCOMPLIANT: QCoreApplication.translate("ReviewPage", "Non-compliant"),
            Outcome.NOT_APPLICABLE: QCoreApplication.translate("ReviewPage", "Not applicable"),
            Outcome.NOT_CHECKED: QCoreApplication.translate("ReviewPage", "Not checked"),
        }
        return (
            QCoreApplication.translate("ReviewPage", "not recorded")
            if outcome is None
            else labels[outcome]
        )

    def disposition_label(self: ReviewPage, kind: str) -> str:
        labels = {
            "no_action": QCoreApplication.translate("ReviewPage", "No action"),
            "risk_reminder": QCoreApplication.translate("ReviewPage", "Risk reminder"),
            "order_to_correct": QCoreApplication.translate("ReviewPage", "Order to correct"),
            "no_penalty": QCoreApplication.translate("ReviewPage", "No penalty"),
            "summary_penalty": QCoreApplication.translate("ReviewPage", "On-site penalty"),
            "refer_case": QCoreApplication.translate("ReviewPage", "Refer for a case"),
        }
        return labels.get(kind, kind)

    def _row(self: ReviewPage, item: ReviewItem, typed: str | None) -> QTreeWidgetItem:
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
            earlier = QCoreApplication.translate("ReviewPage", "Last return: {text}").format(
                text="；".join(item.comments)
            )
            row.setToolTip(self.ITEM, earlier)
            if not comment:
                row.setText(self.COMMENT, earlier)
                row.setForeground(self.COMMENT, QBrush(QColor("gray")))
        if comment:
            row.setForeground(self.COMMENT, QBrush(COMMENT_COLOUR))
        return row

    # --- the current item -----------------------------------------------------------

    def current_item_id(self: ReviewPage) -> str | None:
        row = self.items.currentItem()
        return None if row is None else str(row.data(self.ITEM, ITEM_ROLE))

    def _current(self: ReviewPage) -> ReviewItem | None:
        item_id = self.current_item_id()
        if self.visit is None or item_id is None:
            return None
        return next((i for i in self.visit.items if i.item_id == item_id), None)

    def select_item(self: ReviewPage, item_id: str) -> bool:
        for n in range(self.items.topLevelItemCount()):
            row = self.items.topLevelItem(n)
            if row is not None and row.data(self.ITEM, ITEM_ROLE) == item_id:
                self.items.setCurrentItem(row)
                return True
        return False

    def _item_changed(self: ReviewPage) -> None:
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

    def _item_html(self: ReviewPage, item: ReviewItem) -> str:
        parts = [
            f"<b>{escape(item.code)} {escape(item.title)}</b> · "
            f"{escape(self.outcome_label(item.outcome))}"
        ]
        if item.note:
            parts.append(escape(item.note))
        if item.measurements:
            measured = "，".join(f"{k} {v}" for k, v in item.measurements.items())
            parts.append(
                escape(
                    QCoreApplication.translate("ReviewPage", "Measured: {values}").format(
                        values=measured
                    )
                )
            )
        if item.corrected_on_site:
            parts.append(escape(QCoreApplication.translate("ReviewPage", "Corrected on the spot")))
        if item.deadline is not None:
            parts.append(
                escape(
                    QCoreApplication.translate("ReviewPage", "Correct by {day}").format(
                        day=item.deadline.isoformat()
                    )
                )
            )
        waiting = sum(1 for p in item.photos if not p.on_laptop)
        if waiting:
            parts.append(
                escape(
                    QCoreApplication.translate(
                        "ReviewPage", "{n} photo(s) not on this laptop yet: sync"
                    ).format(n=waiting)
                )
            )
        if item.comments:
            asked = QCoreApplication.translate(
                "ReviewPage", "Asked in the last return: {text}"
            ).format(text="；".join(item.comments))
            parts.append(f"<span style='color:#8a5a00'>{escape(asked)}</span>")
        return " · ".join(parts)

    def step(self: ReviewPage, delta: int) -> None:
        current = self.items.currentItem()
        n = (-1 if current is None else self.items.indexOfTopLevelItem(current)) + delta
        row = self.items.topLevelItem(n) if n >= 0 else None
        if row is not None:
            self.items.setCurrentItem(row)

    def focus_items(self: ReviewPage) -> None:
        self.items.setFocus(Qt.FocusReason.ShortcutFocusReason)
