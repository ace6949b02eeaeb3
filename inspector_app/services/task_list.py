"""The task list's rows: a few columns of every task, read with plain SQLite.

Light on purpose (no SQLAlchemy): the window shows this list before anything else
is loaded. See ``store.task_list`` for the index the rows come from.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any, NamedTuple

import orjson

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.services.profile import Profile
from inspector_app.store.task_list import done_counts, task_list_rows

DONE_STATUSES = frozenset(
    {TaskStatus.COMPLETED, TaskStatus.SUBMITTED, TaskStatus.APPROVED, TaskStatus.PUBLISHED}
)
# Enum lookups by value are slow (a call through EnumMeta); a dict is not.
_STATUS = {s.value: s for s in TaskStatus}
_CREDIT = {c.value: c for c in CreditClass}


class TaskSummary(NamedTuple):
    """One row of the task list: the few columns it shows, never the task's JSON.

    A named tuple: 10,000 of them are built at start-up, and a tuple is several
    times cheaper to build than a frozen dataclass.
    """

    id: str
    business_name: str
    uscc: str
    address: str
    status: TaskStatus
    window_start: date
    window_end: date
    n_items: int
    n_done: int  # items with a result recorded
    departments: tuple[str, ...]  # department names
    # None normally; "cancelled" or "reassigned" when the server stopped assigning
    # the task to us while this laptop may still hold work for it.
    server_state: str | None = None
    department_codes: tuple[str, ...] = ()
    area: str = ""
    credit_class: CreditClass = CreditClass.B
    positive_list: bool = False  # 无事不扰: shown to inspectors, never printed

    @property
    def search_text(self) -> str:
        """Lower-cased name, USCC and departments: what a search looks in."""
        return "\n".join(
            (self.business_name, self.uscc, *self.departments, *self.department_codes)
        ).casefold()

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    def overdue(self, today: date) -> bool:
        """The window has closed and the visit is not done."""
        return self.window_end < today and not self.done and self.server_state is None


def list_tasks(
    profile: Profile,
    *,
    status: TaskStatus | None = None,
    ids: Collection[str] | None = None,
) -> list[TaskSummary]:
    """The task list's rows (all, or those of ``ids``), by window start and business name.

    Reads only the list's own index: 10,000 tasks in a few tens of milliseconds,
    never a task's JSON.
    """
    with profile.reader.connection() as conn:
        rows = task_list_rows(conn, ids)
        done = done_counts(conn, ids)
    out = _decode(rows, done)
    if status is not None:
        out = [s for s in out if s.status is status]
    return out


def _decode(rows: list[Any], done: dict[str, int]) -> list[TaskSummary]:
    """Stored list columns to summaries, decoding each distinct text once: thousands of
    tasks share a handful of department lists, windows, statuses and areas."""
    lists: dict[str, tuple[str, ...]] = {}
    dates: dict[str, date] = {}
    make = TaskSummary._make
    out = []
    for (task_id, status, name, uscc, address, departments, codes, area, credit, positive,
         start, end, server_state, n_items) in rows:  # fmt: skip
        names = lists.get(departments)
        if names is None:
            names = lists[departments] = tuple(orjson.loads(departments or "[]"))
        dept_codes = lists.get(codes)
        if dept_codes is None:
            dept_codes = lists[codes] = tuple(orjson.loads(codes or "[]"))
        first = dates.get(start)
        if first is None:
            first = dates[start] = date.fromisoformat(start)
        last = dates.get(end)
        if last is None:
            last = dates[end] = date.fromisoformat(end)
        out.append(
            make(
                (
                    task_id,
                    name,
                    uscc,
                    address or "",
                    _STATUS[status],
                    first,
                    last,
                    n_items or 0,
                    done.get(task_id, 0),
                    names,
                    server_state,
                    dept_codes,
                    area or "",
                    _CREDIT.get(credit, CreditClass.B),
                    bool(positive),
                )
            )
        )
    return out
