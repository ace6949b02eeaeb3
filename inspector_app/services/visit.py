"""The visit as the task page shows it: check-in, who was there, and the business's past."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from inspector_app.domain.entities import JointTask, Observer, PriorViolation, TaskStatus
from inspector_app.services.profile import Profile
from inspector_app.services.tasks import DONE_STATUSES
from inspector_app.store.models import InspectionRow, TaskRow

#: How far back the business's history reaches (首违不罚 looks two years back too).
HISTORY_YEARS = 2


@dataclass(frozen=True, slots=True)
class Visit:
    """The inspection record of one task, as far as this laptop knows it."""

    task_id: str
    status: TaskStatus
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    present: tuple[str, ...]
    observers: tuple[Observer, ...]


def get_visit(profile: Profile, task_id: str) -> Visit | None:
    """The inspection record, or None before anyone checked in."""
    with profile.db.session() as s:
        row = s.get(InspectionRow, task_id)
        if row is None:
            return None
        return Visit(
            task_id=row.task_id,
            status=TaskStatus(row.status),
            checked_in_at=row.checked_in_at,
            checked_out_at=row.checked_out_at,
            present=tuple(row.present),
            observers=tuple(Observer.from_json(o) for o in row.observers or ()),
        )


@dataclass(frozen=True, slots=True)
class PriorVisit:
    """Another task for the same business held here, closed within the history window."""

    task_id: str
    window_start: date
    window_end: date
    status: TaskStatus
    departments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BusinessHistory:
    """What an inspector reads before checking in: past visits and violations (two years)."""

    visits: tuple[PriorVisit, ...]
    violations: tuple[PriorViolation, ...]
    related: bool  # the signed-in inspector is marked related to the business (回避)
    related_reason: str


def business_history(profile: Profile, task: JointTask, *, today: date) -> BusinessHistory:
    """The business's last two years: violations from the task's history (the server sends
    them), visits from the other tasks for the same USCC that this laptop holds.

    ``related`` is true when the task marks the signed-in inspector related to the
    business (行政处罚法第四十三条: "执法人员与案件有直接利害关系或者有其他关系可能影响公正
    执法的，应当回避。").
    """
    since = today - timedelta(days=365 * HISTORY_YEARS + 1)
    violations = tuple(
        sorted(
            (v for v in task.history if v.found_on >= since),
            key=lambda v: v.found_on,
            reverse=True,
        )
    )
    with profile.db.session() as s:
        rows = (
            s.query(
                TaskRow.id,
                TaskRow.window_start,
                TaskRow.window_end,
                TaskRow.status,
                TaskRow.departments,
            )
            .filter(
                TaskRow.business_uscc == task.business.uscc,
                TaskRow.id != task.id,
                TaskRow.window_start >= since,
                TaskRow.status.in_([st.value for st in DONE_STATUSES]),
            )
            .order_by(TaskRow.window_start.desc())
            .all()
        )
    visits = tuple(
        PriorVisit(r.id, r.window_start, r.window_end, TaskStatus(r.status), tuple(r.departments))
        for r in rows
    )
    user = profile.user
    reason = task.related.get(user.id, None) if user is not None else None
    return BusinessHistory(
        visits=visits,
        violations=violations,
        related=reason is not None,
        related_reason=reason or "",
    )
