"""Push (exactly-once, conflicts kept as siblings) and pull (a cursor that never skips).

One mutation is one write transaction: lock the change counter, look the op_id up
in the ledger, check, apply, record the op_id with its fingerprint, commit. Only
mutations that changed server state (``applied``, ``conflict``) enter the ledger;
a rejection is not remembered, so a mutation rejected for ``missing_blob`` is
applied when the client retries it with the same op_id after uploading the blob.

Conflicts (CouchDB-like): a mutation whose ``base_rev`` is older than the record's
rev, where some rev since then was made by another device, is kept as a sibling of
the record and answered ``conflict``; the record's change number moves, so both
sides see the record with its ``conflicts`` on their next pull. Revs made since by
the same device are its own edits in sequence (its outbox sent several changes on
one base), and apply normally. A mutation on the current rev whose
``data.resolves`` lists sibling op_ids removes those siblings: the person's pick.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.sync.protocol import (
    ENTITIES,
    MISSING_BLOB_PREFIX,
    REASON_FORBIDDEN,
    REASON_OP_ID_REUSED,
    Change,
    Mutation,
    MutationResult,
    PullResponse,
    blob_refs,
    fingerprint,
)
from inspector_app.sync.protocol import Sibling as SiblingWire
from inspector_server.core.db import write_session
from inspector_server.models import (
    Blob,
    BlobRef,
    OpLedger,
    Record,
    RecordRevision,
    Sibling,
    utcnow,
)
from inspector_server.services import audit_chain, authz, changes, numbers
from inspector_server.services.principal import Principal

IMMUTABLE = ("number_block", "audit_event")
NEEDS_TASK = ("item_result", "inspection", "document", "review")


class Rejected(Exception):
    pass


@dataclass(slots=True)
class _Target:
    task_id: str | None
    team_id: str | None


def push(
    factory: sessionmaker[Session], p: Principal, device_id: str, mutations: list[Mutation]
) -> list[MutationResult]:
    """Apply a batch in ONE transaction, each mutation inside its own savepoint.

    One writers' lock and one commit per batch (not per mutation) keeps a burst of
    devices from queueing for the counter row; a rejected mutation rolls back only
    its savepoint. If the commit fails, nothing of the batch is applied and the
    client, having no answers, sends the same op_ids again.
    """
    with write_session(factory) as s:
        counter = changes.lock_counter(s)
        return [_apply_one(s, counter, p, device_id, m) for m in mutations]


def apply_mutation(
    factory: sessionmaker[Session], p: Principal, device_id: str, m: Mutation
) -> MutationResult:
    return push(factory, p, device_id, [m])[0]


def _apply_one(
    s: Session, counter: Any, p: Principal, device_id: str, m: Mutation
) -> MutationResult:
    fp = fingerprint(m)
    seen = s.get(OpLedger, m.op_id)
    if seen is not None:
        if seen.fingerprint != fp:
            return MutationResult(op_id=m.op_id, status="rejected", reason=REASON_OP_ID_REUSED)
        return MutationResult(op_id=m.op_id, status="duplicate", rev=seen.rev, reason=seen.status)
    try:
        with s.begin_nested():
            result = _apply(s, counter, p, device_id, m)
            s.add(
                OpLedger(
                    op_id=m.op_id,
                    fingerprint=fp,
                    device_id=device_id,
                    user_id=p.user_id,
                    entity=m.entity,
                    record_id=m.id,
                    status=result.status,
                    rev=result.rev,
                    reason=result.reason,
                )
            )
    except Rejected as exc:
        return MutationResult(op_id=m.op_id, status="rejected", reason=str(exc))
    return result


def _target(s: Session, m: Mutation, existing: Record | None) -> _Target:
    """The task a record belongs to, and that task's team, checking the ids agree."""
    data = m.data
    if m.entity == "task":
        if existing is not None:
            return _Target(m.id, existing.team_id)
        team = data.get("team_id") if data else None
        return _Target(m.id, team if isinstance(team, str) else None)
    if m.entity not in NEEDS_TASK:
        return _Target(None, None)
    if m.entity == "item_result":
        task_id, sep, item_id = m.id.partition(":")
        if not sep or not task_id or not item_id:
            raise Rejected("item_result id must be <task_id>:<item_id>")
        if data is not None and (
            data.get("task_id", task_id) != task_id or data.get("item_id", item_id) != item_id
        ):
            raise Rejected("item_result id does not match data.task_id and data.item_id")
    elif data is not None:
        task_id = data.get("task_id")
        if not isinstance(task_id, str) or not task_id:
            raise Rejected(f"{m.entity} needs data.task_id")
        if existing is not None and existing.task_id != task_id:
            raise Rejected(f"{m.entity} cannot move to another task")
    elif existing is not None and existing.task_id is not None:
        task_id = existing.task_id
    else:
        raise Rejected(f"{m.entity} {m.id} does not exist")
    task = s.get(Record, ("task", task_id))
    if task is None or task.deleted:
        raise Rejected(f"unknown task {task_id}")
    return _Target(task_id, task.team_id)


def _validate(m: Mutation) -> None:
    if m.entity not in ENTITIES:
        raise Rejected(f"unknown entity {m.entity!r}")
    if m.entity == "number_block" and (why := numbers.validate(m.data)):
        raise Rejected(why)
    if m.entity == "audit_event" and (why := audit_chain.validate(m.data)):
        raise Rejected(why)
    if m.entity == "task" and m.data is not None and m.data.get("id", m.id) != m.id:
        raise Rejected("task data.id does not match the record id")


def _apply(s: Session, counter: Any, p: Principal, device_id: str, m: Mutation) -> MutationResult:
    _validate(m)
    existing = s.get(Record, (m.entity, m.id))
    target = _target(s, m, existing)
    if not authz.can_write(
        p, m.entity, existing=existing, team_id=target.team_id, data=m.data, device_id=device_id
    ):
        raise Rejected(REASON_FORBIDDEN)
    for sha in blob_refs(m.entity, m.data):
        if s.get(Blob, sha) is None:
            raise Rejected(MISSING_BLOB_PREFIX + sha)

    if existing is None:
        if m.data is None:
            raise Rejected(f"{m.entity} {m.id} does not exist")
        if m.base_rev:
            raise Rejected(f"the server has no {m.entity} {m.id} (base_rev {m.base_rev})")
        return _write(s, counter, p, device_id, m, None, target)

    if m.entity in IMMUTABLE:
        raise Rejected(f"{m.entity} records cannot be changed")
    base = m.base_rev or 0
    if base > existing.rev:
        raise Rejected(f"base_rev {base} is ahead of the server's rev {existing.rev}")
    if base < existing.rev:
        writers = s.scalars(
            select(RecordRevision.device_id).where(
                RecordRevision.entity == m.entity,
                RecordRevision.record_id == m.id,
                RecordRevision.rev > base,
            )
        ).all()
        if any(w != device_id for w in writers):
            return _keep_sibling(s, counter, p, device_id, m, existing)
    return _write(s, counter, p, device_id, m, existing, target)


def _write(
    s: Session,
    counter: Any,
    p: Principal,
    device_id: str,
    m: Mutation,
    existing: Record | None,
    target: _Target,
) -> MutationResult:
    data = None if m.data is None else dict(m.data)
    resolves: list[str] = []
    if data is not None and m.entity not in IMMUTABLE:
        raw = data.pop("resolves", None) or []
        resolves = [r for r in raw if isinstance(r, str)] if isinstance(raw, list) else []
    reason = None
    owner = None
    if m.entity == "number_block" and data is not None:
        first, last = numbers.allocate(
            s,
            agency_code=data["agency_code"],
            kind=data["kind"],
            year=data["year"],
            size=data["size"],
        )
        data.update(device_id=device_id, user_id=p.user_id, first=first, last=last)
        owner = p.user_id
    elif m.entity == "audit_event" and data is not None:
        problems = audit_chain.check_and_extend(s, device_id, data)
        if problems:
            reason = "audit chain broken: " + "; ".join(problems)
        owner = p.user_id
    seq = changes.next_seq(counter)
    rev = 1 if existing is None else existing.rev + 1
    team_id = target.team_id
    if m.entity == "task" and data is not None:
        team_id = data.get("team_id") if isinstance(data.get("team_id"), str) else None
    if existing is None:
        existing = Record(entity=m.entity, id=m.id, owner_user_id=owner)
        s.add(existing)
    existing.rev = rev
    existing.data = data
    existing.deleted = data is None
    existing.task_id = target.task_id
    existing.team_id = team_id
    existing.device_id = device_id
    existing.user_id = p.user_id
    existing.seq = seq
    existing.updated_at = utcnow()
    s.add(
        RecordRevision(
            entity=m.entity,
            record_id=m.id,
            rev=rev,
            device_id=device_id,
            user_id=p.user_id,
            op_id=m.op_id,
        )
    )
    if resolves:
        for sib in s.scalars(
            select(Sibling).where(
                Sibling.entity == m.entity, Sibling.record_id == m.id, Sibling.op_id.in_(resolves)
            )
        ):
            s.delete(sib)
    _add_blob_refs(s, m.entity, m.id, data)
    return MutationResult(op_id=m.op_id, status="applied", rev=rev, reason=reason)


def _keep_sibling(
    s: Session, counter: Any, p: Principal, device_id: str, m: Mutation, existing: Record
) -> MutationResult:
    s.add(
        Sibling(
            op_id=m.op_id,
            entity=m.entity,
            record_id=m.id,
            device_id=device_id,
            user_id=p.user_id,
            base_rev=m.base_rev,
            data=m.data,
            recorded_at=m.recorded_at,
        )
    )
    # A new change number, so every device holding the record sees the conflict.
    existing.seq = changes.next_seq(counter)
    existing.updated_at = utcnow()
    _add_blob_refs(s, m.entity, m.id, m.data)
    return MutationResult(
        op_id=m.op_id,
        status="conflict",
        rev=existing.rev,
        reason=f"{m.entity} {m.id} was changed by another device since rev {m.base_rev}; "
        "both versions are kept until someone picks one",
    )


def _add_blob_refs(s: Session, entity: str, record_id: str, data: dict[str, Any] | None) -> None:
    for sha in blob_refs(entity, data):
        if s.get(BlobRef, (sha, entity, record_id)) is None:
            s.add(BlobRef(sha256=sha, entity=entity, record_id=record_id))


def parse_cursor(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if not cursor.isdigit() or len(cursor) > 18:
        raise ValueError("cursor must be a value returned by an earlier pull")
    return int(cursor)


def pull(session: Session, p: Principal, cursor: int, limit: int) -> PullResponse:
    # Read the high-water mark first: everything at or below it is committed, and
    # anything committing later gets a larger number (see services.changes).
    high = changes.committed_high_water(session)
    rows = list(
        session.scalars(
            select(Record)
            .where(Record.seq > cursor, Record.seq <= high, authz.visible_clause(p))
            .order_by(Record.seq)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    siblings: dict[tuple[str, str], list[SiblingWire]] = defaultdict(list)
    if rows:
        keys = {(r.entity, r.id) for r in rows}
        ids = sorted({r.id for r in rows})
        for sib in session.scalars(
            select(Sibling).where(Sibling.record_id.in_(ids)).order_by(Sibling.created_at)
        ):
            if (sib.entity, sib.record_id) in keys:
                siblings[(sib.entity, sib.record_id)].append(
                    SiblingWire(
                        op_id=sib.op_id,
                        device_id=sib.device_id,
                        user_id=sib.user_id,
                        base_rev=sib.base_rev,
                        data=sib.data,
                        recorded_at=sib.recorded_at,
                    )
                )
    out = [
        Change(
            entity=r.entity,
            id=r.id,
            op="delete" if r.deleted else "upsert",
            rev=r.rev,
            data=r.data,
            conflicts=siblings.get((r.entity, r.id), []),
        )
        for r in rows
    ]
    next_cursor = rows[-1].seq if more else max(high, cursor)
    return PullResponse(changes=out, cursor=str(next_cursor), more=more)


SERVER_DEVICE = "server"


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
    counter = changes.lock_counter(s)
    existing = s.get(Record, (entity, record_id))
    if existing is not None and existing.data == data and not existing.deleted:
        return False
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
    existing.seq = changes.next_seq(counter)
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
    s.flush()
    return True
