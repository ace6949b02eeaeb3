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

A chain alone proves nothing to someone who can rewrite the database: change an
event, recompute every hash after it and the head, and it verifies. So each event
is also sealed on this laptop with the device's own key (:class:`AuditSeal`,
kept in the OS keyring or a 0600 file, never in the database):

    mac      = lowercase hex of HMAC-SHA256(key, b"event:" + hash)
    head mac = lowercase hex of HMAC-SHA256(key, b"head:<seq>:<hash>")

Without the key a rewritten event, or a cut tail with a rewritten head, cannot be
sealed again. The seal stays on the laptop (the server has no key to check it);
what reached the server is anchored there by the server's own chain check.
Checking lives in ``audit_check``.
"""

from __future__ import annotations

import hashlib
import hmac
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

# sync_state key prefix: "<seq>:<hash>[:<head mac>]" of a device's last event
HEAD_KEY = "audit_head:"


@dataclass(frozen=True, slots=True)
class AuditSeal:
    """The device's key, sealing its events from ``first_seq`` on (events before it were
    recorded before sealing began, or under a key that was lost)."""

    key: bytes
    first_seq: int

    def event_mac(self, event_hash: str) -> str:
        return hmac.new(
            self.key, b"event:" + event_hash.encode("ascii"), hashlib.sha256
        ).hexdigest()

    def head_mac(self, seq: int, head_hash: str) -> str:
        message = f"head:{seq}:{head_hash}".encode("ascii")
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def secret(self) -> str:
        """How the key is kept (keyring or file): ``<first_seq>:<hex key>``."""
        return f"{self.first_seq}:{self.key.hex()}"

    @classmethod
    def from_secret(cls, text: str) -> AuditSeal | None:
        first, _, key = text.strip().partition(":")
        try:
            return cls(bytes.fromhex(key), int(first)) if len(key) == 64 else None
        except ValueError:
            return None


def head_value(seq: int, event_hash: str, seal: AuditSeal | None) -> str:
    if seal is None:
        return f"{seq}:{event_hash}"
    return f"{seq}:{event_hash}:{seal.head_mac(seq, event_hash)}"


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


def row_fields(row: AuditEventRow) -> dict[str, Any]:
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
    seal: AuditSeal | None = None,
) -> AuditEventRow:
    """Add the device's next event, sealed when ``seal`` is given. Call inside a write
    (``BEGIN IMMEDIATE``) transaction, so no other writer can take the same seq between
    our read and our insert."""
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
    digest = event_hash(fields)
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
        hash=digest,
        mac=None if seal is None or seq < seal.first_seq else seal.event_mac(digest),
    )
    session.add(row)
    # The head is kept apart from the events, so deleting the newest events is
    # noticed too (a chain alone cannot tell that its tail is missing).
    head = sqlite_insert(SyncStateRow).values(
        key=HEAD_KEY + device_id, value=head_value(seq, digest, seal)
    )
    session.execute(
        head.on_conflict_do_update(index_elements=["key"], set_={"value": head.excluded.value})
    )
    return row
