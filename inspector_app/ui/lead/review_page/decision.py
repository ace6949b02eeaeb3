"""The lead's decision: approve, or return with the comments; one operation off the GUI
thread. Stored, the page shows the visit again and says so; refused (here or, after a
sync, by the server), it reads the stored state again and says why.

A mixin of :class:`~inspector_app.ui.lead.review_page.page.ReviewPage`. Its strings are
translated in the page's context, ``ReviewPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.ui.i18n import error_text

if TYPE_CHECKING:
    from inspector_app.ui.lead.review_page.page import ReviewPage


class ReviewDecision:
    def approve(self: ReviewPage) -> None:
        visit = self.visit
        if visit is None or not self.approve_action.isEnabled():
            return
        comment = self.overall.toPlainText().strip()
        fn = self.access.approve
        self._decide(visit.task_id, "approved", lambda: fn(visit.task_id, comment))

    def return_visit(self: ReviewPage) -> None:
        visit = self.visit
        if visit is None or not self.return_action.isEnabled():
            return
        comment = self.overall.toPlainText().strip()
        items = self.item_comments()
        if not comment and not items:
            self.message.setText(
                QCoreApplication.translate(
                    "ReviewPage",
                    "Say what to correct: type a comment on an item (F2) or on the whole "
                    "visit (Ctrl+Shift+O), then return it.",
                )
            )
            self.focus_item_comment()
            return
        fn = self.access.return_visit
        self._decide(visit.task_id, "returned", lambda: fn(visit.task_id, comment, items))

    def _decide(self: ReviewPage, task_id: str, decision: str, call: Callable[[], Changes]) -> None:
        done = (
            QCoreApplication.translate(
                "ReviewPage", "Approved; the review goes up with the next sync."
            )
            if decision == "approved"
            else QCoreApplication.translate(
                "ReviewPage", "Returned with comments; the review goes up with the next sync."
            )
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
                self.show_visit(
                    task_id,
                    message=QCoreApplication.translate("ReviewPage", "Not saved: {why}").format(
                        why=why
                    ),
                )
            self.refused.emit(task_id)

        self.message.setText(QCoreApplication.translate("ReviewPage", "Saving…"))
        for widget in (self.approve_action, self.return_action):
            widget.setEnabled(False)
        self.ops.run(call, done=done, after=stored, failed=refused)
