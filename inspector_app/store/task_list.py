"""The task list's reads: the light columns of many tasks, straight from one index.

A profile holds 10,000 tasks whose rows carry large JSON; the list shows a dozen
short columns of each. ``ix_tasks_list`` (see ``models.TaskRow``) holds exactly
those, so these queries read the index and never the rows. Rows come back as
plain tuples in the stored forms (ISO dates, JSON text): the caller decodes what
it shows, once per distinct value.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from inspector_app.domain.entities import TaskStatus
from inspector_app.domain.serialization import json_text
from inspector_app.store.models import ConflictRow, OutboxRow, TaskRow

Predicate = ColumnElement[bool]
DONE = [
    TaskStatus.COMPLETED.value,
    TaskStatus.SUBMITTED.value,
    TaskStatus.APPROVED.value,
    TaskStatus.PUBLISHED.value,
]

#: The columns of :func:`task_list_rows`, in order.
LIST_COLUMNS = (
    "id",
    "status",
    "business_name",
    "business_uscc",
    "business_address",
    "departments",
    "department_codes",
    "area",
    "credit_class",
    "positive_list",
    "window_start",
    "window_end",
    "server_state",
    "n_items",
)
_SELECT = f"SELECT {', '.join(LIST_COLUMNS)} FROM tasks"
_ORDER = " ORDER BY window_start, business_name, id"


def task_list_rows(session: Session, ids: Collection[str] | None = None) -> Sequence[Any]:
    """Every task's list columns (or those of ``ids``), by window start and name."""
    conn = session.connection()
    if ids is None:
        return conn.exec_driver_sql(_SELECT + " INDEXED BY ix_tasks_list" + _ORDER).all()
    if not ids:
        return []
    where = " WHERE id IN (SELECT value FROM json_each(?))"
    return conn.exec_driver_sql(_SELECT + where + _ORDER, (json_text(sorted(ids)),)).all()


def done_counts(session: Session, ids: Collection[str] | None = None) -> dict[str, int]:
    """task_id -> items with a result (from the (task_id, item_id) unique index)."""
    conn = session.connection()
    sql = "SELECT task_id, count(*) FROM item_results"
    if ids is None:
        rows = conn.exec_driver_sql(sql + " GROUP BY task_id").all()
    elif not ids:
        return {}
    else:
        where = " WHERE task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id"
        rows = conn.exec_driver_sql(sql + where, (json_text(sorted(ids)),)).all()
    return {str(task_id): int(n) for task_id, n in rows}


def _task_of(entity: str, entity_id: str, data: Any) -> str | None:
    """The task a record belongs to: item results are ``<task>:<item>``, inspections and
    tasks are the task's id, anything else names its task in its data."""
    if entity in ("task", "inspection"):
        return entity_id
    if entity == "item_result":
        return entity_id.split(":", 1)[0]
    if isinstance(data, dict):
        inner = data.get("data") if isinstance(data.get("data"), dict) else data
        task_id = inner.get("task_id")
        return str(task_id) if task_id else None
    return None


def tasks_with_open_conflicts(session: Session) -> set[str]:
    rows = session.execute(
        select(ConflictRow.entity, ConflictRow.entity_id, ConflictRow.local).where(
            ConflictRow.resolved.is_(False)
        )
    )
    return {t for e, i, d in rows if (t := _task_of(e, i, d)) is not None}


def tasks_with_rejected_changes(session: Session) -> set[str]:
    rows = session.execute(
        select(OutboxRow.entity, OutboxRow.entity_id, OutboxRow.data).where(
            OutboxRow.state == "rejected"
        )
    )
    return {t for e, i, d in rows if (t := _task_of(e, i, d)) is not None}


def count_where(session: Session, predicates: Sequence[ColumnElement[bool]]) -> list[int]:
    """How many tasks satisfy each predicate, in one pass over the list index."""
    if not predicates:
        return []
    columns = [func.coalesce(func.sum(case((p, 1), else_=0)), 0) for p in predicates]
    row = session.execute(select(*columns).select_from(TaskRow)).one()
    return [int(n) for n in row]


def ids_where(session: Session, predicate: ColumnElement[bool]) -> set[str]:
    return set(session.scalars(select(TaskRow.id).where(predicate)))


# -- the views' predicates (services.task_views names them) -------------------------------


@dataclass(frozen=True, slots=True)
class ViewContext:
    """What a view's predicate may depend on besides the task's own columns."""

    today: date
    attention: frozenset[str]  # tasks with an open conflict or a rejected change


def _active() -> ColumnElement[bool]:
    return TaskRow.server_state.is_(None)


def due_today(ctx: ViewContext) -> ColumnElement[bool]:
    """Checked in, or assigned (or returned) with a window already open, overdue included."""
    return and_(
        _active(),
        or_(
            TaskRow.status == TaskStatus.IN_PROGRESS.value,
            and_(
                TaskRow.status.in_([TaskStatus.ASSIGNED.value, TaskStatus.RETURNED.value]),
                TaskRow.window_start <= ctx.today,
            ),
        ),
    )


def upcoming(ctx: ViewContext) -> ColumnElement[bool]:
    return and_(
        _active(),
        TaskRow.status == TaskStatus.ASSIGNED.value,
        TaskRow.window_start > ctx.today,
    )


def nothing(ctx: ViewContext) -> ColumnElement[bool]:
    """No task: the predicate of a view whose use case has not landed yet."""
    return false()


def done(ctx: ViewContext) -> ColumnElement[bool]:
    return TaskRow.status.in_(DONE)


def needs_attention(ctx: ViewContext) -> ColumnElement[bool]:
    """Returned by the lead, cancelled or reassigned on the server while work is held here,
    or with a change in conflict or rejected by the server."""
    reasons = [
        TaskRow.status == TaskStatus.RETURNED.value,
        TaskRow.server_state.is_not(None),
    ]
    if ctx.attention:
        reasons.append(TaskRow.id.in_(_ids(ctx.attention)))
    return or_(*reasons)


def _ids(ids: Collection[str]) -> Select[tuple[str]]:
    """``ids`` as one bound JSON array: no limit on how many, one statement shape."""
    return select(literal_column("value", String)).select_from(
        func.json_each(json_text(sorted(ids)))
    )


def all_tasks(ctx: ViewContext) -> ColumnElement[bool]:
    return true()


def in_ids(predicate: ColumnElement[bool], ids: Collection[str]) -> ColumnElement[bool]:
    return and_(predicate, TaskRow.id.in_(_ids(ids)))
