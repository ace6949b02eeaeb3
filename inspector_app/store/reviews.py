"""Reviews on the laptop: rows the lead writes, rows pull delivers, and what they say.

Plain functions over a Session, like ``repositories``. A review is never changed once
written (``protocol.ReviewData``); pull stores the server's copy over the local one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from inspector_app.store.models import OutboxRow, ReviewRow
from inspector_app.store.repositories import delete_state, get_state, set_state

#: ``sync_state`` key: JSON list of the team ids the signed-in user leads, as the server
#: said at the last sign-in (absent: an older server that does not say).
LED_TEAMS_KEY = "led_teams"


def set_led_teams(session: Session, teams: Iterable[str] | None) -> None:
    if teams is None:
        delete_state(session, LED_TEAMS_KEY)
    else:
        set_state(session, LED_TEAMS_KEY, json.dumps(sorted(set(teams))))


def led_teams(session: Session) -> frozenset[str] | None:
    """The teams this profile's user leads; None when the server never said."""
    value = get_state(session, LED_TEAMS_KEY)
    return None if value is None else frozenset(json.loads(value))


def new_review(session: Session, review_id: str, data: dict[str, Any]) -> ReviewRow:
    """A review written here: dirty until the server takes it. ``data`` is the wire JSON
    the caller validated (``protocol.ReviewData``)."""
    row = ReviewRow(id=review_id, rev=1, base_rev=None, dirty=True)
    _fill(row, data)
    session.add(row)
    return row


def copy_review(session: Session, review_id: str, data: dict[str, Any]) -> None:
    """A review another profile on this laptop wrote (on-site co-review): shown here at
    once, not sent from here (the reviewer's profile sends it), replaced by pull."""
    if session.get(ReviewRow, review_id) is None:
        row = new_review(session, review_id, data)
        row.dirty = False


def store_pulled(session: Session, review_id: str, rev: int, data: dict[str, Any] | None) -> None:
    """Store the server's version of a review (validated by the caller, who has checked
    that no local edit of it waits)."""
    row = session.get(ReviewRow, review_id)
    if data is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = ReviewRow(id=review_id)
        session.add(row)
    _fill(row, data)
    row.rev = rev
    row.base_rev = rev
    row.dirty = False


def _fill(row: ReviewRow, data: dict[str, Any]) -> None:
    row.task_id = str(data["task_id"])
    row.round = int(data["round"])
    row.decision = str(data["decision"])
    row.reviewer_id = str(data["reviewer_id"])
    reviewed_at = time_or_none(data.get("reviewed_at"))
    if reviewed_at is None:
        raise ValueError("a review needs reviewed_at with a time zone offset")
    row.reviewed_at = reviewed_at
    row.data = dict(data)


def _refused(row_id: Any) -> Any:
    return exists().where(
        and_(
            OutboxRow.entity == "review",
            OutboxRow.entity_id == row_id,
            OutboxRow.state == "rejected",
        )
    )


def task_reviews(session: Session, task_id: str) -> Sequence[ReviewRow]:
    """Every review of a task held here, oldest round first."""
    return session.scalars(
        select(ReviewRow)
        .where(ReviewRow.task_id == task_id)
        .order_by(ReviewRow.round, ReviewRow.reviewed_at, ReviewRow.id)
    ).all()


def refusals(session: Session, review_ids: Iterable[str]) -> dict[str, str]:
    """review id -> the server's reason, for reviews it refused."""
    ids = list(review_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(OutboxRow.entity_id, OutboxRow.reason).where(
            OutboxRow.entity == "review",
            OutboxRow.entity_id.in_(ids),
            OutboxRow.state == "rejected",
        )
    )
    return {rid: reason or "" for rid, reason in rows}


def returned_rounds(session: Session, task_id: str) -> int:
    """Returns of this visit the server has taken (pulled, or acknowledged after push)."""
    return int(
        session.scalar(
            select(func.count()).where(
                ReviewRow.task_id == task_id,
                ReviewRow.decision == "returned",
                ReviewRow.base_rev.is_not(None),
            )
        )
        or 0
    )


def reviewed_rounds(
    session: Session, task_ids: Iterable[str] | None = None
) -> set[tuple[str, int]]:
    """(task, round) pairs that have a review here the server has not refused."""
    query = select(ReviewRow.task_id, ReviewRow.round).where(~_refused(ReviewRow.id))
    if task_ids is not None:
        query = query.where(ReviewRow.task_id.in_(list(task_ids)))
    return {(t, r) for t, r in session.execute(query)}


def round_of(session: Session, task_id: str, server_round: int | None) -> int:
    """The submission a review is of: the server's round when pull brought one, else
    1 + the returns the server took (``protocol.ReviewData``)."""
    return max(server_round or 1, 1 + returned_rounds(session, task_id))


def time_or_none(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


__all__ = [
    "LED_TEAMS_KEY",
    "copy_review",
    "led_teams",
    "new_review",
    "refusals",
    "returned_rounds",
    "reviewed_rounds",
    "round_of",
    "set_led_teams",
    "store_pulled",
    "task_reviews",
    "time_or_none",
]
