"""Checking a device's audit chain on this laptop, and recording what was found.

Run when a profile opens and before each push (the sync engine), so a deleted tail
or an event rewritten before it reached the server is caught where it happened and
named: the first bad event, never a later one.

What is found is itself recorded, as an ``audit_chain_broken`` event at the end of
the chain, once per break: it goes to the server with everything else. Nothing is
deleted or held back because of a break; the server keeps and flags what it gets.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.audit import GENESIS_HASH
from inspector_app.store.audit import (
    HEAD_KEY,
    AuditSeal,
    append_event,
    event_hash,
    head_value,
)
from inspector_app.store.models import AuditEventRow, SyncStateRow

BREAK_ACTION = "audit_chain_broken"
#: sync_state: the last seq of this device's chain the server acknowledged (sync/push.py).
PUSHED_KEY = "audit_pushed_seq"
_BREAK_KEY = "audit_break:"  # sync_state: the last break recorded for a device


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    ok: bool
    checked: int
    first_bad_event_id: str | None = None
    reason: str | None = None
    #: The first event that is wrong or missing (a removed tail: the first removed one).
    first_bad_seq: int | None = None

    def describe(self) -> str:
        if self.ok:
            return "the audit trail is whole"
        where = f"event {self.first_bad_seq}" if self.first_bad_seq is not None else "the trail"
        return f"{where}: {self.reason}"


def verify_chain(
    session: Session,
    device_id: str | None = None,
    *,
    seal: AuditSeal | None = None,
    acknowledged: int = 0,
    from_acknowledged: bool = False,
) -> ChainVerdict:
    """Check one device's chain (or every device's, in turn); name the first bad event.

    Catches a changed event (its hash no longer matches its content), a deleted
    one (a seq gap and a broken prev_hash link), a reordered one (seq is hashed,
    so moving an event breaks its hash) and a removed tail (the recorded head).
    With the device's ``seal``, also an event rewritten with every hash after it
    recomputed, and a tail cut with the head rewritten (neither can be sealed
    again without the key). ``acknowledged`` is the last seq the server took:
    a chain ending before it lost events after they were sent.

    ``from_acknowledged`` checks only from the last event the server took: what
    reached the server is anchored there (the server checked it on arrival and
    keeps it), so the laptop's check at start-up and before a push costs what
    waits to be sent, not the whole season.
    """
    if device_id is None:
        devices = session.scalars(
            select(AuditEventRow.device_id).distinct().order_by(AuditEventRow.device_id)
        ).all()
        heads = session.scalars(
            select(SyncStateRow.key).where(SyncStateRow.key.startswith(HEAD_KEY))
        ).all()
        devices = sorted({*devices, *(k.removeprefix(HEAD_KEY) for k in heads)})
    else:
        devices = [device_id]
    checked = 0
    for device in devices:
        start = acknowledged if from_acknowledged and device == device_id else 0
        verdict = _verify_device(session, device, seal, acknowledged, start)
        checked += verdict.checked
        if not verdict.ok:
            return ChainVerdict(
                False, checked, verdict.first_bad_event_id, verdict.reason, verdict.first_bad_seq
            )
    return ChainVerdict(True, checked)


_EVENTS = (
    "SELECT id, seq, actor, action, entity, entity_id, at, payload, prev_hash, hash, mac "
    "FROM audit_events WHERE device_id = ? AND seq >= ? ORDER BY seq"
)


def _verify_device(
    session: Session, device_id: str, seal: AuditSeal | None, acknowledged: int, anchor: int
) -> ChainVerdict:
    """Walk the chain from event ``anchor`` (0: from the start) over the stored rows.

    Plain rows, not ORM objects: ``at`` and ``payload`` are read in the very forms
    the hash was computed over (the ISO text ``UtcDateTime`` writes, the JSON).
    """
    rows = iter(session.connection().exec_driver_sql(_EVENTS, (device_id, max(anchor, 1))))
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    if anchor:
        first = next(rows, None)
        if first is None or first[1] != anchor:
            return ChainVerdict(
                False,
                0,
                None,
                f"event {anchor}, the last one the server took, is missing here: events "
                "were removed after they were sent",
                anchor,
            )
        expected_seq, prev_hash = anchor + 1, first[9]
    for event_id, seq, actor, action, entity, entity_id, at, payload, prev, digest, mac in rows:
        if seq != expected_seq:
            return ChainVerdict(
                False,
                checked,
                event_id,
                f"seq {seq} where {expected_seq} was expected: an event before it is missing",
                expected_seq,
            )
        if prev != prev_hash:
            return ChainVerdict(
                False,
                checked,
                event_id,
                f"event {seq} does not link to the event before it "
                "(prev_hash mismatch): an event was removed or replaced",
                seq,
            )
        fields = {
            "id": event_id,
            "device_id": device_id,
            "seq": seq,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "at": at,
            "payload": orjson.loads(payload),
            "prev_hash": prev,
        }
        if event_hash(fields) != digest:
            return ChainVerdict(
                False,
                checked,
                event_id,
                f"event {seq} was changed after it was recorded (hash mismatch)",
                seq,
            )
        if (
            seal is not None
            and seq >= seal.first_seq
            and not (mac and hmac.compare_digest(mac, seal.event_mac(digest)))
        ):
            return ChainVerdict(
                False,
                checked,
                event_id,
                f"event {seq} was changed or added outside Field Inspector "
                "(it does not carry this laptop's seal)",
                seq,
            )
        checked += 1
        expected_seq, prev_hash = seq + 1, digest
    last = expected_seq - 1
    if last < acknowledged:
        return ChainVerdict(
            False,
            checked,
            None,
            f"events up to {acknowledged} reached the server, but this laptop's chain ends "
            f"at {last}: events were removed after they were sent",
            last + 1,
        )
    head = session.get(SyncStateRow, HEAD_KEY + device_id)
    if head is None:
        if last >= 1 and seal is not None and last >= seal.first_seq:
            return ChainVerdict(
                False, checked, None, "the recorded end of the chain was removed", last + 1
            )
        return ChainVerdict(True, checked)
    head_seq, _, rest = head.value.partition(":")
    head_hash = rest.split(":", 1)[0]
    if (head_seq, head_hash) != (str(last), prev_hash):
        return ChainVerdict(
            False,
            checked,
            None,
            f"the chain ends at event {last} but the recorded head is "
            f"{head_seq}: the newest events were removed",
            last + 1,
        )
    if (
        seal is not None
        and last >= seal.first_seq
        and head.value != head_value(last, prev_hash, seal)
    ):
        return ChainVerdict(
            False,
            checked,
            None,
            f"the recorded end of the chain (event {last}) does not carry this laptop's "
            "seal: newer events were removed and the end rewritten",
            last + 1,
        )
    return ChainVerdict(True, checked)


def record_break(
    session: Session,
    *,
    device_id: str,
    actor: str,
    verdict: ChainVerdict,
    seal: AuditSeal | None,
    at: datetime,
) -> bool:
    """Add an ``audit_chain_broken`` event saying what was found, unless this very break
    was recorded already; True when recorded now. Call in a write transaction."""
    if verdict.ok:
        return False
    signature = f"{verdict.first_bad_seq}:{verdict.first_bad_event_id}:{verdict.reason}"
    key = _BREAK_KEY + device_id
    known = session.get(SyncStateRow, key)
    if known is not None and known.value == signature:
        return False
    append_event(
        session,
        device_id=device_id,
        actor=actor,
        action=BREAK_ACTION,
        entity="audit_event",
        entity_id=verdict.first_bad_event_id or "",
        at=at,
        payload={
            "first_bad_seq": verdict.first_bad_seq,
            "first_bad_event_id": verdict.first_bad_event_id,
            "reason": verdict.reason,
            "checked": verdict.checked,
        },
        seal=seal,
    )
    session.merge(SyncStateRow(key=key, value=signature))
    return True


def last_break(session: Session, device_id: str) -> str | None:
    """The signature of the last break recorded for this device, if any."""
    row = session.get(SyncStateRow, _BREAK_KEY + device_id)
    return None if row is None else row.value


__all__ = [
    "BREAK_ACTION",
    "PUSHED_KEY",
    "ChainVerdict",
    "last_break",
    "record_break",
    "verify_chain",
]
