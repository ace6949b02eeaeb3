"""Tasks: take them in from the server or the demo, list them, read them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

import orjson

from inspector_app.domain.entities import CreditClass, ItemResult, JointTask, TaskStatus
from inspector_app.services.changes import Changes
from inspector_app.services.errors import NotFound
from inspector_app.services.profile import Profile
from inspector_app.store.repositories import (
    get_task_row,
    item_result_entity,
    item_result_rows,
    task_entity,
    upsert_task,
)
from inspector_app.store.task_list import done_counts, task_list_rows
from inspector_app.store.types import utcnow


@dataclass(frozen=True, slots=True)
class TaskSummary:
    """One row of the task list: the few columns it shows, never the task's JSON."""

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
    # Lower-cased name, USCC and departments, what a search looks in.
    search_text: str = field(default="", repr=False, compare=False)

    @property
    def done(self) -> bool:
        return self.status in DONE_STATUSES

    def overdue(self, today: date) -> bool:
        """The window has closed and the visit is not done."""
        return self.window_end < today and not self.done and self.server_state is None


DONE_STATUSES = frozenset(
    {TaskStatus.COMPLETED, TaskStatus.SUBMITTED, TaskStatus.APPROVED, TaskStatus.PUBLISHED}
)


def import_tasks(profile: Profile, tasks: Iterable[JointTask]) -> Changes:
    """Store tasks that came from the server or the demo data: no outbox, no audit event.

    A task already held at a newer rev is left as it is; work recorded here is
    never lost (see ``store.repositories.upsert_task``).
    """
    user_id = profile.user.id if profile.user is not None else None
    now = utcnow()
    changed: set[str] = set()
    with profile.db.write() as session:
        for task in tasks:
            if upsert_task(session, task, now=now, user_id=user_id):
                changed.add(task.id)
    return Changes(tasks=frozenset(changed))


def list_tasks(
    profile: Profile,
    *,
    status: TaskStatus | None = None,
    ids: Collection[str] | None = None,
) -> list[TaskSummary]:
    """The task list's rows (all, or those of ``ids``), by window start and business name.

    Reads only the list's own index (``store.task_list``): 10,000 tasks in a few
    tens of milliseconds, never a task's JSON.
    """
    with profile.db.session() as session:
        rows = task_list_rows(session, ids)
        done = done_counts(session, ids)
    decode = _Decoder()
    out = [decode.summary(row, done.get(row[0], 0)) for row in rows]
    if status is not None:
        out = [s for s in out if s.status is status]
    return out


class _Decoder:
    """Turns stored list columns into values, decoding each distinct text once: thousands
    of tasks share a handful of department lists, windows, statuses and areas."""

    def __init__(self) -> None:
        self._lists: dict[str, tuple[str, ...]] = {}
        self._dates: dict[str, date] = {}

    def _list(self, text: str) -> tuple[str, ...]:
        value = self._lists.get(text)
        if value is None:
            value = self._lists[text] = tuple(str(v) for v in orjson.loads(text or "[]"))
        return value

    def _date(self, text: str) -> date:
        value = self._dates.get(text)
        if value is None:
            value = self._dates[text] = date.fromisoformat(text)
        return value

    def summary(self, row: tuple[object, ...], n_done: int) -> TaskSummary:
        (task_id, status, name, uscc, address, departments, codes, area, credit, positive,
         start, end, server_state, n_items) = row  # fmt: skip
        names, dept_codes = self._list(str(departments)), self._list(str(codes))
        return TaskSummary(
            id=str(task_id),
            business_name=str(name),
            uscc=str(uscc),
            address=str(address or ""),
            status=TaskStatus(status),
            window_start=self._date(str(start)),
            window_end=self._date(str(end)),
            n_items=int(n_items or 0),  # type: ignore[call-overload]
            n_done=n_done,
            departments=names,
            server_state=None if server_state is None else str(server_state),
            department_codes=dept_codes,
            area=str(area or ""),
            credit_class=CreditClass(credit or "B"),
            positive_list=bool(positive),
            search_text="\n".join((str(name), str(uscc), *names, *dept_codes)).casefold(),
        )


def _missing_task(task_id: str) -> NotFound:
    return NotFound(f"Task {task_id} is not in this profile. Sync to download your tasks.")


def get_task(profile: Profile, task_id: str) -> JointTask:
    """The whole task (business, checklist with sources, history) with its local status."""
    with profile.db.session() as session:
        row = get_task_row(session, task_id)
        if row is None:
            raise _missing_task(task_id)
        return task_entity(row)


def get_results(profile: Profile, task_id: str) -> dict[str, ItemResult]:
    """item_id -> the result recorded for it (items without one are absent)."""
    with profile.db.session() as session:
        if get_task_row(session, task_id) is None:
            raise _missing_task(task_id)
        return {row.item_id: item_result_entity(row) for row in item_result_rows(session, task_id)}
