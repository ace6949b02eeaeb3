"""The audit chain (执法全过程记录, 行政处罚法第47条): each device's events, hashed in a chain.

The hash of an event, exactly:

    canonical = UTF-8 bytes of json.dumps(fields, sort_keys=True, separators=(",", ":"),
                ensure_ascii=False)
    hash      = lowercase hex of SHA-256(prev_hash.encode("ascii") + canonical)

where ``fields`` is the event as a JSON object with every field except ``hash``:
``id, device_id, seq, actor, action, entity, entity_id, at, payload, prev_hash``;
``at`` is ISO 8601 in UTC with microseconds (``2026-05-09T07:35:25.000000+00:00``),
and ``prev_hash`` is the 64 hex characters of the previous event's hash (64 zeros
for a device's first event, seq 1). ``prev_hash`` is thus both the prefix and part
of the JSON; that is deliberate redundancy, not a mistake.

The server recomputes the same bytes, so these functions must stay pure and
stable: changing them changes every hash ever written.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from inspector_app.domain.audit import GENESIS_HASH, canonical_json, chain_hash
from inspector_app.domain.entities import AuditEvent
from inspector_app.store.models import AuditEventRow, SyncStateRow
from inspector_app.store.types import iso_utc

_HEAD_KEY = "audit_head:"  # sync_state key prefix: "<seq>:<hash>" of a device's last event


def event_fields(
    *,
    id: str,
    device_id: str,
    seq: int,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    at: datetime,
    payload: dict[str, Any],
    prev_hash: str,
) -> dict[str, Any]:
    """The hashed fields of an event, as the JSON object that is hashed."""
    return {
        "id": id,
        "device_id": device_id,
        "seq": seq,
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "at": iso_utc(at),
        "payload": payload,
        "prev_hash": prev_hash,
    }


def event_hash(fields: dict[str, Any]) -> str:
    return chain_hash(fields)


def _row_fields(row: AuditEventRow) -> dict[str, Any]:
    return event_fields(
        id=row.id,
        device_id=row.device_id,
        seq=row.seq,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        at=row.at,
        payload=row.payload,
        prev_hash=row.prev_hash,
    )


def to_entity(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        id=row.id,
        device_id=row.device_id,
        seq=row.seq,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        at=row.at,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def append_event(
    session: Session,
    *,
    device_id: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    at: datetime,
    payload: dict[str, Any],
) -> AuditEventRow:
    """Add the device's next event. Call inside a write (``BEGIN IMMEDIATE``) transaction,
    so no other writer can take the same seq between our read and our insert."""
    last = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.device_id == device_id)
        .order_by(AuditEventRow.seq.desc())
        .limit(1)
    ).first()
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS_HASH if last is None else last.hash
    # Round-trip the payload through JSON now, so what is hashed is exactly what
    # is stored and read back (tuples become lists, dates must already be strings).
    payload = json.loads(canonical_json(payload))
    fields = event_fields(
        id=str(uuid.uuid4()),
        device_id=device_id,
        seq=seq,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        at=at,
        payload=payload,
        prev_hash=prev_hash,
    )
    row = AuditEventRow(
        id=fields["id"],
        device_id=device_id,
        seq=seq,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        at=at,
        payload=payload,
        prev_hash=prev_hash,
        hash=event_hash(fields),
    )
    session.add(row)
    # The head is kept apart from the events, so deleting the newest events is
    # noticed too (a chain alone cannot tell that its tail is missing).
    head = sqlite_insert(SyncStateRow).values(key=_HEAD_KEY + device_id, value=f"{seq}:{row.hash}")
    session.execute(
        head.on_conflict_do_update(index_elements=["key"], set_={"value": head.excluded.value})
    )
    return row


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    ok: bool
    checked: int
    first_bad_event_id: str | None = None
    reason: str | None = None


def verify_chain(session: Session, device_id: str | None = None) -> ChainVerdict:
    """Check one device's chain (or every device's, in turn); name the first bad event.

    Catches a changed event (its hash no longer matches its content), a deleted
    one (a seq gap and a broken prev_hash link), a reordered one (seq is hashed,
    so moving an event breaks its hash) and a removed tail (the recorded head).
    """
    if device_id is None:
        devices = session.scalars(
            select(AuditEventRow.device_id).distinct().order_by(AuditEventRow.device_id)
        ).all()
        heads = session.scalars(
            select(SyncStateRow.key).where(SyncStateRow.key.startswith(_HEAD_KEY))
        ).all()
        devices = sorted({*devices, *(k.removeprefix(_HEAD_KEY) for k in heads)})
    else:
        devices = [device_id]
    checked = 0
    for device in devices:
        verdict = _verify_device(session, device)
        checked += verdict.checked
        if not verdict.ok:
            return ChainVerdict(False, checked, verdict.first_bad_event_id, verdict.reason)
    return ChainVerdict(True, checked)


def _verify_device(session: Session, device_id: str) -> ChainVerdict:
    rows = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.device_id == device_id)
        .order_by(AuditEventRow.seq)
        .execution_options(yield_per=500)
    )
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    for row in rows:
        if row.seq != expected_seq:
            return ChainVerdict(
                False,
                checked,
                row.id,
                f"seq {row.seq} where {expected_seq} was expected: an event before it is missing",
            )
        if row.prev_hash != prev_hash:
            return ChainVerdict(
                False,
                checked,
                row.id,
                f"event {row.seq} does not link to the event before it "
                "(prev_hash mismatch): an event was removed or replaced",
            )
        if event_hash(_row_fields(row)) != row.hash:
            return ChainVerdict(
                False,
                checked,
                row.id,
                f"event {row.seq} was changed after it was recorded (hash mismatch)",
            )
        checked += 1
        expected_seq, prev_hash = row.seq + 1, row.hash
    head = session.get(SyncStateRow, _HEAD_KEY + device_id)
    if head is not None and head.value != f"{expected_seq - 1}:{prev_hash}":
        return ChainVerdict(
            False,
            checked,
            None,
            f"the chain ends at event {expected_seq - 1} but the recorded head is "
            f"{head.value.split(':', 1)[0]}: the newest events were removed",
        )
    return ChainVerdict(True, checked)
