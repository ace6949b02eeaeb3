"""What the review page says of the visit as a whole: the header (the business, the
round, who inspected, when, who was present, what the party said) and a line per
earlier review round.

A mixin of :class:`~inspector_app.ui.lead.review_page.page.ReviewPage`. Its strings are
translated in the page's context, ``ReviewPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from inspector_app.ui.tasks.model import status_label

if TYPE_CHECKING:
    from inspector_app.services.review_queue import VisitForReview
    from inspector_app.ui.lead.review_page.page import ReviewPage


def _when(value: datetime | None) -> str:
    return "-" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class ReviewSummary:
    def _header_html(self: ReviewPage, visit: VisitForReview) -> str:
        status = status_label(visit.status)
        head = QCoreApplication.translate(
            "ReviewPage", "Round {round} · {status} · submitted {at}"
        ).format(round=visit.round, status=status, at=_when(visit.submitted_at))
        team = QCoreApplication.translate("ReviewPage", "Inspectors: {names}").format(
            names="、".join(visit.inspectors)
        )
        times = QCoreApplication.translate(
            "ReviewPage", "Checked in {start}, out {end} · {bad} non-compliant"
        ).format(
            start=_when(visit.checked_in_at),
            end=_when(visit.checked_out_at),
            bad=visit.noncompliant,
        )
        present = QCoreApplication.translate("ReviewPage", "Present: {people}").format(
            people="、".join(visit.present) or "-"
        )
        lines = [
            f"<b style='font-size:14pt'>{escape(visit.business_name)}</b> "
            f"<span style='color:gray'>{escape(visit.uscc)} · {escape(visit.address)}</span>",
            escape(head),
            f"{escape(team)} · {escape('、'.join(visit.departments))}",
            f"{escape(times)} · {escape(present)}",
        ]
        if visit.party_statement:
            said = QCoreApplication.translate("ReviewPage", "The party said: {text}").format(
                text=visit.party_statement
            )
            lines.append(f"<i>{escape(said)}</i>")
        return "<br>".join(lines)

    def _history_line(self: ReviewPage, review: Any) -> str:
        decision = (
            QCoreApplication.translate("ReviewPage", "approved")
            if review.decision == "approved"
            else QCoreApplication.translate("ReviewPage", "returned")
        )
        states = {
            "sent": QCoreApplication.translate("ReviewPage", "on the server"),
            "waiting": QCoreApplication.translate("ReviewPage", "waiting for sync"),
            "refused": QCoreApplication.translate("ReviewPage", "refused by the server"),
        }
        line = QCoreApplication.translate(
            "ReviewPage", "Round {round}: {decision} {at} ({state})"
        ).format(
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
