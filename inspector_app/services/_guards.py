"""Checks shared by the inspection services: find the task, refuse what its state forbids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from inspector_app.domain.entities import TaskStatus
from inspector_app.domain.text import find_bad_text
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.store.models import MergedItemRow, TaskRow
from inspector_app.store.repositories import get_task_row, merged_item_row

# Recording here needs a reason: the inspection was already closed (DOMAIN.md,
# "Full-process record": an edit after completion needs a reason and keeps the
# earlier version).
AFTER_COMPLETION = frozenset({TaskStatus.COMPLETED, TaskStatus.SUBMITTED})


def task_row(session: Session, task_id: str) -> TaskRow:
    row = get_task_row(session, task_id)
    if row is None:
        raise NotFound(f"Task {task_id} is not in this profile. Sync to download your tasks.")
    return row


def item_row(session: Session, task: TaskRow, item_id: str) -> MergedItemRow:
    item = merged_item_row(session, task.id, item_id)
    if item is None:
        raise NotFound(
            f"Item {item_id} is not on the checklist of the task for {task.business_name}. "
            "Sync to get the current checklist."
        )
    return item


def aware(at: datetime | None, what: str = "time") -> datetime | None:
    """``at`` unchanged if it carries a time zone; naive times are refused."""
    if at is None:
        return None
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInput(f"The {what} {at.isoformat()} has no time zone; give it with one.")
    return at


def check_text(value: object, what: str) -> None:
    """Refuse user text holding a character that is not text (a lone surrogate from a bad
    paste, a NUL): nothing could store, send or print it. ``what`` names the field."""
    bad = find_bad_text(value)
    if bad is not None:
        raise InvalidInput(bad.describe(what))


def check_editable(task: TaskRow, reason: str | None) -> str | None:
    """Refuse changes to findings where the lifecycle forbids them; return the clean reason.

    In progress: allowed. Completed or submitted: allowed with a reason. Anything
    else (not checked in yet, under review, published): refused.
    """
    status = TaskStatus(task.status)
    check_text(reason, "The reason")
    clean = (reason or "").strip() or None
    if status is TaskStatus.IN_PROGRESS:
        return clean
    if status in AFTER_COMPLETION:
        if clean is None:
            raise InvalidInput(
                f"The inspection of {task.business_name} is already {status.value}. "
                "Give a reason for changing a finding after completion."
            )
        return clean
    if status in (TaskStatus.ASSIGNED, TaskStatus.RETURNED):
        raise InvalidState(
            f"The inspection of {task.business_name} has not started. Check in first."
        )
    raise InvalidState(
        f"The task for {task.business_name} is {status.value}; its findings can no longer "
        "be changed on this device."
    )
