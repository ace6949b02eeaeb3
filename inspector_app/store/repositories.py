"""Plain functions over a Session: reading and writing rows, mapping them to entities.

Writes here add no outbox entry and no audit event: they are either data coming
down from the server, or the change half of a user action that the caller wraps
in :meth:`Database.action`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from inspector_app.domain.entities import (
    ItemResult,
    JointTask,
    Outcome,
    TaskStatus,
)
from inspector_app.store.codec import task_from_json, task_to_json
from inspector_app.store.models import (
    InspectionRow,
    ItemResultRow,
    MergedItemRow,
    OutboxRow,
    SyncStateRow,
    TaskRow,
)

CANCELLED = "cancelled"
REASSIGNED = "reassigned"


# -- small key/value facts -------------------------------------------------------------


def get_state(session: Session, key: str) -> str | None:
    row = session.get(SyncStateRow, key)
    return None if row is None else row.value


def set_state(session: Session, key: str, value: str) -> None:
    session.merge(SyncStateRow(key=key, value=value))


def delete_state(session: Session, key: str) -> None:
    session.execute(delete(SyncStateRow).where(SyncStateRow.key == key))


# -- tasks ----------------------------------------------------------------------------------


def _has_local_work(session: Session, task_id: str) -> bool:
    if session.get(InspectionRow, task_id) is not None:
        return True
    return (
        session.scalar(select(ItemResultRow.id).where(ItemResultRow.task_id == task_id).limit(1))
        is not None
    )


def upsert_task(
    session: Session, task: JointTask, *, now: datetime, user_id: str | None = None
) -> bool:
    """Store a task as the server (or the demo) sent it; False if we already hold a newer rev.

    ``user_id`` (the profile's user) lets a task that was ours and now names other
    inspectors be flagged ``reassigned``.

    A visit recorded here is never moved back by a task coming in, whether a stale
    download, a reload at the same rev or the demo loader: while the profile holds
    an inspection record for the task, the local status follows that record (see
    :func:`visit_status`). A task the server cancelled or gave to someone else
    keeps the work done on it here: it is only flagged in ``server_state``.
    """
    row = session.get(TaskRow, task.id)
    if row is not None and task.rev < row.rev:
        return False
    local_work = row is not None and _has_local_work(session, task.id)
    server_state: str | None = None
    if task.status is TaskStatus.CANCELLED:
        server_state = CANCELLED
    elif row is not None and user_id is not None and user_id not in task.inspector_ids:
        # Reassigned = it was ours and no longer is. A task that never named us
        # (a lead's view of the team, demo data) is not flagged.
        was_ours = user_id in row.data.get("inspector_ids", ())
        if was_ours or row.server_state == REASSIGNED:
            server_state = REASSIGNED

    if row is None:
        status = task.status.value
    else:
        inspection = session.get(InspectionRow, task.id)
        if inspection is not None:
            status = visit_status(
                recorded=inspection.status,
                held=row.status,
                incoming=task.status.value,
                newer=task.rev > row.rev,
            )
        elif server_state is not None and local_work:
            status = row.status
        else:
            status = task.status.value

    values: dict[str, Any] = {
        "rev": task.rev,
        "status": status,
        "business_name": task.business.name,
        "business_uscc": task.business.uscc,
        "business_address": task.business.address,
        "departments": [d.name for d in task.departments],
        "window_start": task.window_start,
        "window_end": task.window_end,
        "data": task_to_json(task),
        "server_state": server_state,
        "received_at": now,
        "credit_class": task.business.credit_class.value,
        "positive_list": task.business.positive_list,
        "area": task.business.area,
        "department_codes": [d.code for d in task.departments],
        "n_items": len(task.checklist),
        "team_id": task.team_id,
        "inspector_ids": list(task.inspector_ids),
    }
    if row is None:
        session.add(TaskRow(id=task.id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.execute(delete(MergedItemRow).where(MergedItemRow.task_id == task.id))
    session.add_all(
        MergedItemRow(
            task_id=task.id,
            item_id=item.id,
            position=n,
            code=item.code,
            title=item.title,
            severity=item.severity.value,
        )
        for n, item in enumerate(task.checklist)
    )
    return True


#: Where each status stands in a visit (DESIGN.md, "Task lifecycle"). A lead's decision
#: (returned, approved) comes after the submission it decides on.
_STAGE = {
    TaskStatus.ASSIGNED.value: 0,
    TaskStatus.IN_PROGRESS.value: 1,
    TaskStatus.COMPLETED.value: 2,
    TaskStatus.SUBMITTED.value: 3,
    TaskStatus.RETURNED.value: 4,
    TaskStatus.APPROVED.value: 4,
    TaskStatus.PUBLISHED.value: 5,
}
#: What only the server (the lead, the publication) moves a visit to.
_DECIDED = frozenset(
    {TaskStatus.RETURNED.value, TaskStatus.APPROVED.value, TaskStatus.PUBLISHED.value}
)
#: What a lead's decision can follow: the inspector has finished the visit.
_FINISHED = frozenset(
    {TaskStatus.COMPLETED.value, TaskStatus.SUBMITTED.value, TaskStatus.APPROVED.value}
)


def visit_status(*, recorded: str, held: str, incoming: str, newer: bool) -> str:
    """The local status of a task whose visit is recorded here (an inspection record).

    ``recorded`` is the inspection record's status, ``held`` the task's local status,
    ``incoming`` the status in the task coming in and ``newer`` whether it is a newer
    rev than the one held. The visit follows its record, never going back to
    "assigned" or "in progress" because a task was loaded again. Only a lead's
    decision on a finished visit moves it on: a newer task saying returned (the
    inspector may then check in again), approved or published; such a decision
    stands until the inspector acts on it (checks in again after a return).
    """
    stage = _STAGE.get
    if recorded not in _FINISHED:
        return recorded
    if newer and incoming in _DECIDED and stage(incoming, 0) > stage(recorded, 0):
        return incoming
    if held in _DECIDED and stage(held, 0) > stage(recorded, 0):
        return held
    return recorded


def task_entity(
    row: TaskRow, parsed: Callable[[Hashable, Callable[[], JointTask]], JointTask] | None = None
) -> JointTask:
    """The task as the server sent it, with the local lifecycle status.

    ``parsed(version, parse)`` may hand back the task already parsed for that version
    of the row (``Profile.parsed_task``): then the large ``data`` column is not read.
    """
    if parsed is None:
        task = task_from_json(row.data)
    else:
        task = parsed((row.id, row.rev, row.received_at), lambda: task_from_json(row.data))
    return replace(task, status=TaskStatus(row.status), rev=row.rev)


def get_task_row(session: Session, task_id: str) -> TaskRow | None:
    return session.get(TaskRow, task_id)


def merged_item_row(session: Session, task_id: str, item_id: str) -> MergedItemRow | None:
    return session.get(MergedItemRow, (task_id, item_id))


def merged_item_rows(session: Session, task_id: str) -> Sequence[MergedItemRow]:
    return session.scalars(
        select(MergedItemRow)
        .where(MergedItemRow.task_id == task_id)
        .order_by(MergedItemRow.position)
    ).all()


# -- item results ---------------------------------------------------------------------------


def item_result_entity(row: ItemResultRow) -> ItemResult:
    return ItemResult(
        task_id=row.task_id,
        item_id=row.item_id,
        outcome=Outcome(row.outcome),
        note=row.note,
        measurements=dict(row.measurements),
        evidence=tuple(row.evidence),
        corrected_on_site=row.corrected_on_site,
        deadline=row.deadline,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
    )


def item_result_rows(session: Session, task_id: str) -> Sequence[ItemResultRow]:
    return session.scalars(
        select(ItemResultRow).where(ItemResultRow.task_id == task_id).order_by(ItemResultRow.id)
    ).all()


def item_result_row(session: Session, result_id: str) -> ItemResultRow | None:
    return session.get(ItemResultRow, result_id)


# -- outbox ---------------------------------------------------------------------------------


def outbox_rows(session: Session, state: str | None = None) -> Sequence[OutboxRow]:
    query = select(OutboxRow).order_by(OutboxRow.seq)
    if state is not None:
        query = query.where(OutboxRow.state == state)
    return session.scalars(query).all()


def pending_outbox_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(OutboxRow.state == "pending")) or 0)
