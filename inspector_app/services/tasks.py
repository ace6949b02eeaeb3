"""Tasks: take them in from the server or the demo, list them, read them."""

from __future__ import annotations

from collections.abc import Iterable

from inspector_app.domain.entities import ItemResult, JointTask
from inspector_app.services.changes import Changes
from inspector_app.services.errors import NotFound
from inspector_app.services.profile import Profile
from inspector_app.services.task_list import DONE_STATUSES, TaskSummary, list_tasks
from inspector_app.store.repositories import (
    get_task_row,
    item_result_entity,
    item_result_rows,
    task_entity,
    upsert_task,
)
from inspector_app.store.types import utcnow

__all__ = [
    "DONE_STATUSES",
    "TaskSummary",
    "get_results",
    "get_task",
    "import_tasks",
    "list_tasks",
]


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
