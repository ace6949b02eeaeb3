"""The task list's reads: the light columns of many tasks, straight from one index.

A profile holds 10,000 tasks whose rows carry large JSON; the list shows a dozen
short columns of each. ``ix_tasks_list`` (see ``models.TaskRow``) holds exactly
those, so these queries read the index and never the rows. Rows come back as
plain tuples in the stored forms (ISO dates, JSON text): the caller decodes what
it shows, once per distinct value.

Plain sqlite3 on a :class:`~inspector_app.store.reader.Reader` connection: the
window reads its list before SQLAlchemy is even imported.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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
_IN_IDS = "id IN (SELECT value FROM json_each(:ids))"


def _ids(ids: Collection[str]) -> str:
    return json.dumps(sorted(ids), ensure_ascii=False)


def task_list_rows(conn: sqlite3.Connection, ids: Collection[str] | None = None) -> list[Any]:
    """Every task's list columns (or those of ``ids``), by window start and name."""
    if ids is None:
        return conn.execute(_SELECT + " INDEXED BY ix_tasks_list" + _ORDER).fetchall()
    if not ids:
        return []
    return conn.execute(f"{_SELECT} WHERE {_IN_IDS}{_ORDER}", {"ids": _ids(ids)}).fetchall()


def done_counts(conn: sqlite3.Connection, ids: Collection[str] | None = None) -> dict[str, int]:
    """task_id -> items with a result (from the (task_id, item_id) unique index)."""
    sql = "SELECT task_id, count(*) FROM item_results"
    if ids is None:
        rows = conn.execute(sql + " GROUP BY task_id").fetchall()
    elif not ids:
        return {}
    else:
        where = " WHERE task_id IN (SELECT value FROM json_each(:ids)) GROUP BY task_id"
        rows = conn.execute(sql + where, {"ids": _ids(ids)}).fetchall()
    return {str(task_id): int(n) for task_id, n in rows}


def _task_of(entity: str, entity_id: str, data: str | None) -> str | None:
    """The task a record belongs to: item results are ``<task>:<item>``, inspections and
    tasks are the task's id, anything else names its task in its data."""
    if entity in ("task", "inspection"):
        return entity_id
    if entity == "item_result":
        return entity_id.split(":", 1)[0]
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return None
    if isinstance(value, dict):
        data = value.get("data")
        inner = data if isinstance(data, dict) else value
        task_id = inner.get("task_id")
        return str(task_id) if task_id else None
    return None


def tasks_needing_attention(conn: sqlite3.Connection) -> set[str]:
    """Tasks with an open conflict or a change the server rejected."""
    rows = conn.execute(
        "SELECT entity, entity_id, local FROM conflicts WHERE resolved = 0"
        " UNION ALL SELECT entity, entity_id, data FROM outbox WHERE state = 'rejected'"
    ).fetchall()
    return {t for e, i, d in rows if (t := _task_of(e, i, d)) is not None}


# -- the views' predicates (services.task_views names them) -------------------------------


@dataclass(frozen=True, slots=True)
class ViewContext:
    """What a view's predicate may depend on besides the task's own columns."""

    today: date
    attention: frozenset[str]  # tasks with an open conflict or a rejected change

    def params(self) -> dict[str, str]:
        return {"today": self.today.isoformat(), "attention": _ids(self.attention)}


#: A view's predicate: SQL over the list index's columns, with :today and :attention.
Predicate = str

_ACTIVE = "server_state IS NULL"
DUE_TODAY: Predicate = (
    f"({_ACTIVE} AND (status = 'in_progress'"
    " OR (status IN ('assigned', 'returned') AND window_start <= :today)))"
)
UPCOMING: Predicate = f"({_ACTIVE} AND status = 'assigned' AND window_start > :today)"
DONE: Predicate = "(status IN ('completed', 'submitted', 'approved', 'published'))"
NEEDS_ATTENTION: Predicate = (
    "(status = 'returned' OR server_state IS NOT NULL"
    " OR id IN (SELECT value FROM json_each(:attention)))"
)
NOTHING: Predicate = "(0)"
ALL_TASKS: Predicate = "(1)"


def count_where(
    conn: sqlite3.Connection, predicates: Sequence[Predicate], ctx: ViewContext
) -> list[int]:
    """How many tasks satisfy each predicate, in one pass over the list index."""
    if not predicates:
        return []
    sums = ", ".join(f"coalesce(sum(CASE WHEN {p} THEN 1 ELSE 0 END), 0)" for p in predicates)
    row = conn.execute(
        f"SELECT {sums} FROM tasks INDEXED BY ix_tasks_list", ctx.params()
    ).fetchone()
    return [int(n) for n in row]


def ids_where(
    conn: sqlite3.Connection,
    predicate: Predicate,
    ctx: ViewContext,
    among: Collection[str] | None = None,
) -> set[str]:
    params: dict[str, str] = ctx.params()
    sql = f"SELECT id FROM tasks WHERE {predicate}"
    if among is not None:
        if not among:
            return set()
        sql += f" AND {_IN_IDS}"
        params["ids"] = _ids(among)
    return {task_id for (task_id,) in conn.execute(sql, params)}
