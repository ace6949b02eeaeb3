"""The review on the inspector's side of the task page: Submit for review, a returned
visit shown with the lead's comments (the overall one above the checklist, each item's
beside it in the checklist and above its fields), and the on-site co-review: the lead
reviews on this laptop with their own password (``services.unlock_co_review``), the
decision kept in their own co-review profile and sent with the next sync.

One object the page makes (``VisitPage.review``); it adds its actions to the page's
Visit menu and its widgets to the page, and the page calls :meth:`refresh` when the
task or its lifecycle changes and :meth:`show_item` when another item is shown.
"""

from __future__ import annotations

import logging
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import TaskStatus
from inspector_app.services.errors import ServiceError
from inspector_app.ui.actions import build_menu, install
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import OperationRunner

if TYPE_CHECKING:
    from inspector_app.services import CoReview, Profile
    from inspector_app.services.review import ReturnComments
    from inspector_app.ui.visit.page import VisitPage

log = logging.getLogger(__name__)

# The lead's comments of a return are shown while the inspectors correct the visit.
CORRECTING = frozenset({TaskStatus.RETURNED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED})
SUBMIT_KEYS = "Ctrl+Shift+S"
CO_REVIEW_KEYS = "Ctrl+Alt+Shift+R"  # Ctrl+Alt+R records a delivery (ui/documents)


class VisitReview(QObject):
    def __init__(self, page: VisitPage) -> None:
        super().__init__(page)
        self.page = page
        self.returned: ReturnComments | None = None
        self.unconfirmed = False  # returned here (co-review), the server not told yet
        self.banner = QLabel(page)
        self.banner.setObjectName("returned-banner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "#returned-banner { background: #fff3cd; border: 1px solid #e0c36b; padding: 4px; }"
        )
        self.banner.hide()
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.banner)
        self.item_comment = QLabel(page.editor)
        self.item_comment.setObjectName("lead-item-comment")
        self.item_comment.setWordWrap(True)
        self.item_comment.setStyleSheet("color: #8a5a00; background: #fff3cd; padding: 2px;")
        self.item_comment.hide()
        editor_layout = page.editor.layout()
        assert isinstance(editor_layout, QVBoxLayout)
        editor_layout.insertWidget(1, self.item_comment)

        a = page.visit_actions
        self.submit_action = a.add(
            "submit",
            self.tr("Su&bmit for review"),
            SUBMIT_KEYS,
            self.submit,
            toolbar=True,
            separator=True,
        )
        self.co_review_action = a.add(
            "co-review", self.tr("Co-&review on this laptop…"), CO_REVIEW_KEYS, self.co_review
        )

    # --- showing --------------------------------------------------------------------

    def update_actions(self) -> None:
        page = self.page
        shown = page.task is not None and page.server_state is None
        self.submit_action.setEnabled(shown and page.status is TaskStatus.COMPLETED)
        self.co_review_action.setEnabled(shown and page.status is TaskStatus.SUBMITTED)

    def refresh(self) -> None:
        """The task shown, or its lifecycle, changed: read the lead's last return."""
        page = self.page
        self.returned = None
        self.unconfirmed = False
        if page.task is not None and page.status in CORRECTING | {TaskStatus.SUBMITTED}:
            from inspector_app.services import returned_comments, review_history

            try:
                if page.status is TaskStatus.SUBMITTED:
                    # Returned in a co-review here: shown at once, before the server's word.
                    self.unconfirmed = any(
                        r.decision == "returned" and r.state == "waiting"
                        for r in review_history(page.profile, page.task.id)
                    )
                if page.status is not TaskStatus.SUBMITTED or self.unconfirmed:
                    self.returned = returned_comments(page.profile, page.task.id)
            except ServiceError as exc:
                log.warning("comments of %s not read: %s", page.task.id, exc)
        self._show_banner()
        notes = {} if self.returned is None else self._notes(self.returned)
        page.checklist.mark_items(notes)
        self.show_item(page.editor.item_id)
        self.update_actions()

    @staticmethod
    def _notes(returned: ReturnComments) -> dict[str, str]:
        return {item: "；".join(texts) for item, texts in returned.items.items() if texts}

    def _show_banner(self) -> None:
        r = self.returned
        if r is None:
            self.banner.hide()
            self.banner.clear()
            return
        from inspector_app.services.review_queue import officer_names

        lead = officer_names(self.page.profile).get(r.reviewer_id, r.reviewer_id)
        head = self.tr("Returned by {lead} on {day} (round {round})").format(
            lead=lead, day=r.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M"), round=r.round
        )
        steps = self.tr(
            "{n} item(s) marked in the checklist have comments. Check in again (Ctrl+K), "
            "correct them, complete (Ctrl+Shift+K) and submit ({keys})."
        ).format(n=len(self._notes(r)), keys=SUBMIT_KEYS)
        if self.unconfirmed:
            steps = self.tr(
                "Returned in a co-review on this laptop: the server confirms the return at "
                "the next sync (F9); then check in again (Ctrl+K) and correct the marked items."
            )
        comment = f": {escape(r.comment)}" if r.comment else ""
        self.banner.setText(
            f"<b>{escape(head)}</b>{comment}<br><span style='color:gray'>{escape(steps)}</span>"
        )
        self.banner.show()

    def show_item(self, item_id: str | None) -> None:
        texts = () if self.returned is None or item_id is None else self.returned.for_item(item_id)
        if not texts:
            self.item_comment.hide()
            self.item_comment.clear()
            return
        self.item_comment.setText(self.tr("Lead's comment: {text}").format(text="；".join(texts)))
        self.item_comment.show()

    # --- submitting -----------------------------------------------------------------

    def submit(self) -> None:
        page = self.page
        task = page.task
        if task is None or not self.submit_action.isEnabled():
            return
        from inspector_app.services import submit_inspection

        profile = page.profile
        page.ops.run(
            lambda: submit_inspection(profile, task.id),
            done=self.tr("Submitted for review; it goes to the lead with the next sync."),
        )

    # --- co-review ------------------------------------------------------------------

    def co_review(self) -> None:
        """The lead's own unlock on this laptop, then the review page as the lead."""
        page = self.page
        task = page.task
        if task is None or not self.co_review_action.isEnabled():
            return
        from inspector_app import services

        profile = page.profile
        ask = CoReviewSignIn(profile, services.co_reviewers(profile), page)
        if not ask.exec() or ask.co is None:
            return
        co: CoReview = ask.co
        try:
            CoReviewDialog(co, task.id, page).exec()
        finally:
            page.ops.wait()
            co.lock()
            page.ops.status.emit(
                self.tr("Co-review locked; the laptop is {name}'s again.").format(
                    name=profile.user.display_name if profile.user else ""
                ),
                5000,
            )


class CoReviewSignIn(QDialog):
    """The lead's user name and own password, checked on this laptop. A lead who never
    signed in here for co-review is signed in once, online, with the same password."""

    def __init__(self, profile: Profile, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Co-review on this laptop"))
        self.profile = profile
        self.co: CoReview | None = None
        self.runner = OperationRunner(self)
        self.note = QLabel(
            self.tr(
                "The team lead reviews this visit here with their own password; the review "
                "is theirs and goes to the server with this laptop's next sync."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.username = QComboBox(self)
        self.username.setEditable(True)
        self.username.addItems(known)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._submit)
        self.message = QLabel(self)
        self.message.setObjectName("co-review-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Unlock"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.note)
        form.addRow(self.tr("Team lead's &user name"), self.username)
        form.addRow(self.tr("Their &password"), self.password)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        (self.password if known else self.username).setFocus()

    def _submit(self) -> None:
        username = self.username.currentText().strip()
        password = self.password.text()
        if not username or not password:
            self.message.setText(self.tr("Enter the team lead's user name and password."))
            return
        profile = self.profile
        from inspector_app import services

        unlock, login = services.unlock_co_review, services.co_review_login
        never = services.SignInRequired

        def attempt() -> Any:
            try:
                return unlock(profile, username, password)
            except never:
                # Never signed in here for co-review (or its sign-in did not finish): once,
                # online, with this password; offline, the refusal says to connect.
                login(profile, username, password)
                return unlock(profile, username, password)

        self._busy(True)
        self.message.setText(self.tr("Checking…"))
        self.runner.run(attempt, on_success=self._unlocked, on_failure=self._refused)

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _unlocked(self, co: CoReview) -> None:
        self._busy(False)
        self.co = co
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ServiceError):
            self.message.setText(error_text(exc))
        else:
            log.error("co-review unlock failed", exc_info=exc)
            self.message.setText(self.tr("Unlocking failed ({error}).").format(error=exc))
        self.password.clear()
        self.password.setFocus()

    def reject(self) -> None:
        self.runner.wait()
        super().reject()


class CoReviewDialog(QDialog):
    """The review page of one visit, as the lead unlocked on this laptop; Esc locks."""

    def __init__(self, co: CoReview, task_id: str, page: VisitPage) -> None:
        super().__init__(page)
        from inspector_app.ui.lead.review_page import ReviewPage, co_review_access

        self.setObjectName("co-review-dialog")
        self.setWindowTitle(
            self.tr("Co-review by {lead} on this laptop").format(lead=co.user.display_name)
        )
        self.co = co
        self.review = ReviewPage(co_review_access(co), page.ops, self)
        self.review.show_visit(task_id)
        page.ops.data_changed.connect(self._changed)
        self.note = QLabel(
            self.tr(
                "Reviewing as {lead}. Esc locks the co-review; the decision goes up with the "
                "next sync."
            ).format(lead=co.user.display_name),
            self,
        )
        self.note.setStyleSheet("color: gray;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            self.tr("&Lock and close")
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        bar = QMenuBar(self)
        build_menu(bar, self.review.page_actions)
        layout.setMenuBar(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.buttons)
        install(self, [self.review.page_actions])
        window = page.window()
        self.resize(int(window.width() * 0.9) or 1200, int(window.height() * 0.9) or 800)

    def _changed(self, _changes: object) -> None:
        if self.review.task_id is not None and not self.co.locked:
            self.review.show_visit(self.review.task_id, message=self.review.message.text())

    def done(self, result: int) -> None:
        try:
            self.review.ops.data_changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
