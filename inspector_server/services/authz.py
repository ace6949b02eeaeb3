"""Who may read and write which records (DESIGN.md "Pull", issue 3 part 5).

* admin: everything.
* a team member (inspector): the tasks of their teams and the records hanging off
  them (item_result, inspection, document, disposition, signature); may update a
  task of their team but not move it to another team, nor create or delete tasks.
* a team lead: reads everything of the teams they lead (the submissions) and
  writes ``review`` records for them.
* ``reference`` records: everyone reads, admin writes.
* ``number_block``: the requesting user only. ``audit_event``: admin reads; each
  device writes its own chain.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, false, or_, true

from inspector_server.models import Record
from inspector_server.services.principal import Principal

TASK_SCOPED = (
    "task",
    "item_result",
    "inspection",
    "document",
    "review",
    "disposition",
    "signature",
)
MEMBER_WRITES = ("item_result", "inspection", "document", "disposition", "signature")
LEAD_PICKS = ("item_result", "inspection")


def visible_clause(p: Principal) -> ColumnElement[bool]:
    """SQL condition: the records this caller may see on pull."""
    if p.is_admin:
        return true()
    parts: list[ColumnElement[bool]] = [
        Record.entity == "reference",
        and_(Record.entity == "number_block", Record.owner_user_id == p.user_id),
    ]
    if p.visible_teams:
        parts.append(
            and_(Record.entity.in_(TASK_SCOPED), Record.team_id.in_(sorted(p.visible_teams)))
        )
    return or_(*parts) if parts else false()


class Held(Protocol):
    """A record as stored: a ``models.Record`` or the push's in-memory copy of one."""

    team_id: str | None


def can_read(p: Principal, record: Record) -> bool:
    if p.is_admin or record.entity == "reference":
        return True
    if record.entity == "number_block":
        return record.owner_user_id == p.user_id
    if record.entity in TASK_SCOPED:
        return record.team_id is not None and record.team_id in p.visible_teams
    return False


def can_write(
    p: Principal,
    entity: str,
    *,
    existing: Held | None,
    team_id: str | None,
    data: dict[str, Any] | None,
    device_id: str,
) -> bool:
    """``team_id`` is the team of the task the record belongs to (for a task: its current
    team, or the new one when it is created)."""
    if entity == "audit_event":
        return data is not None and data.get("device_id") == device_id
    if p.is_admin:
        return True
    if entity == "number_block":
        return True
    if entity == "reference":
        return False
    if entity == "task":
        if existing is None or data is None:
            return False  # only admin creates or deletes tasks
        return team_id in p.member_teams and data.get("team_id") == existing.team_id
    if entity in MEMBER_WRITES:
        if team_id is not None and team_id in p.member_teams:
            return True
        # A lead's pick of a conflict kept on an approved visit; services.visit_rules
        # allows it only there.
        return (
            entity in LEAD_PICKS
            and team_id is not None
            and team_id in p.led_teams
            and bool(data and data.get("resolves"))
        )
    if entity == "review":
        return team_id is not None and team_id in p.led_teams
    return False
