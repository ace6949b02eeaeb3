"""Tasks: take them in from the server or the demo, list them, read them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inspector_app.domain.entities import ItemResult, JointTask
from inspector_app.services._guards import TASK_MISSING
from inspector_app.services.changes import Changes
from inspector_app.services.errors import NotFound
from inspector_app.services.profile import Profile
from inspector_app.services.task_list import DONE_STATUSES, TaskSummary, list_tasks
from inspector_app.store.repositories import (
    get_task_row,
    item_result_entity,
    item_result_rows,
    merged_item_rows,
    task_entity,
    upsert_task,
)
from inspector_app.store.types import utcnow

__all__ = [
    "DONE_STATUSES",
    "Seen",
    "TaskSummary",
    "get_results",
    "get_results_seen",
    "get_task",
    "import_tasks",
    "list_tasks",
]


@dataclass(frozen=True, slots=True)
class Seen:
    """Which server version of an item's result a person was shown: the rev it was
    based on (None: no server version, or no result at all).

    A window passes it back with the edit (``record_item_result(seen=...)``), so a
    version that a sync brought in meanwhile (another process of this profile, say
    a scheduled ``inspector-app sync``) is not silently written over: the edit is
    sent on the version the person saw, and the server keeps both.
    """

    base_rev: int | None


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


def _missing_task(task_id: str) -> NotFound:
    return NotFound(TASK_MISSING, task_id=task_id)


def get_task(profile: Profile, task_id: str) -> JointTask:
    """The whole task (business, checklist with sources, history) with its local status."""
    with profile.db.session() as session:
        row = get_task_row(session, task_id)
        if row is None:
            raise _missing_task(task_id)
        return task_entity(row, profile.parsed_task)


def get_results(profile: Profile, task_id: str) -> dict[str, ItemResult]:
    """item_id -> the result recorded for it (items without one are absent)."""
    with profile.db.session() as session:
        if get_task_row(session, task_id) is None:
            raise _missing_task(task_id)
        return {row.item_id: item_result_entity(row) for row in item_result_rows(session, task_id)}


def get_results_seen(
    profile: Profile, task_id: str
) -> tuple[dict[str, ItemResult], dict[str, Seen]]:
    """``get_results`` and, for every item of the checklist, the :class:`Seen` to save
    an edit of what is shown with (read together, so they describe the same state)."""
    with profile.db.session() as session:
        if get_task_row(session, task_id) is None:
            raise _missing_task(task_id)
        rows = {row.item_id: row for row in item_result_rows(session, task_id)}
        seen = {item.item_id: Seen(None) for item in merged_item_rows(session, task_id)}
        seen.update((item_id, Seen(row.base_rev)) for item_id, row in rows.items())
        return {item_id: item_result_entity(row) for item_id, row in rows.items()}, seen
