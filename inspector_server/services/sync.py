"""The sync service: push (``services.push``), pull (``services.pull``) and the server's
own writes (seeding, planning), all positioned by ``services.changes``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from inspector_app.sync.protocol import Mutation, MutationResult, PullResponse
from inspector_server.models import Record, RecordRevision, utcnow
from inspector_server.services import changes, visits
from inspector_server.services.changes import Position, parse_cursor
from inspector_server.services.principal import Principal
from inspector_server.services.pull import Page, pull_page
from inspector_server.services.push import push

SERVER_DEVICE = "server"


def apply_mutation(
    factory: sessionmaker[Session], p: Principal, device_id: str, m: Mutation
) -> MutationResult:
    return push(factory, p, device_id, [m])[0]


def pull(session: Session, p: Principal, cursor: str | Position | None, limit: int) -> PullResponse:
    """One page as wire models (tests, tools); the route sends ``pull_page``'s bytes."""
    start = cursor if isinstance(cursor, Position) else parse_cursor(cursor)
    return pull_page(session, p, start, limit).parsed()


def server_put(
    s: Session,
    *,
    entity: str,
    record_id: str,
    data: dict[str, Any],
    task_id: str | None = None,
    team_id: str | None = None,
    user_id: str = "server",
) -> bool:
    """Create or update a record as the server itself (seeding, planning). Call inside a
    write transaction. Returns False when the record already holds exactly this data."""
    existing = s.get(Record, (entity, record_id))
    if existing is not None and existing.data == data and not existing.deleted:
        return False
    stamp = changes.stamps(s)[0]
    if existing is None:
        existing = Record(entity=entity, id=record_id, rev=0)
        s.add(existing)
    existing.rev = (existing.rev or 0) + 1
    existing.data = data
    existing.deleted = False
    existing.task_id = task_id
    existing.team_id = team_id
    existing.device_id = SERVER_DEVICE
    existing.user_id = user_id
    existing.txid, existing.seq = stamp.txid, stamp.seq
    existing.updated_at = utcnow()
    s.add(
        RecordRevision(
            entity=entity,
            record_id=record_id,
            rev=existing.rev,
            device_id=SERVER_DEVICE,
            user_id=user_id,
            op_id=None,
        )
    )
    if entity == "task":
        visits.note_task(s, record_id, data, team_id)
    s.flush()
    return True


__all__ = [
    "SERVER_DEVICE",
    "Page",
    "Position",
    "apply_mutation",
    "parse_cursor",
    "pull",
    "pull_page",
    "push",
    "server_put",
]
