"""The audit chain: the hash is what audit.py documents, and tampering is located."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select, text

from inspector_app.store import Database, verify_chain
from inspector_app.store.audit import GENESIS_HASH
from inspector_app.store.models import AuditEventRow

DEVICE = "5f0c2d7e-0000-4000-8000-000000000001"


def _record_events(db: Database, n: int, device_id: str = DEVICE) -> list[AuditEventRow]:
    for k in range(1, n + 1):
        with db.action(actor="u-alice", device_id=device_id) as act:
            act.audit("note", "task", f"t-{k}", {"k": k, "text": "现场检查"})
    with db.session() as s:
        return list(
            s.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.device_id == device_id)
                .order_by(AuditEventRow.seq)
            )
        )


def test_the_hash_is_sha256_of_prev_hash_and_canonical_json(db: Database) -> None:
    first, second = _record_events(db, 2)
    assert first.prev_hash == GENESIS_HASH == "0" * 64
    assert second.prev_hash == first.hash
    fields = {
        "id": second.id,
        "device_id": DEVICE,
        "seq": 2,
        "actor": "u-alice",
        "action": "note",
        "entity": "task",
        "entity_id": "t-2",
        "at": second.at.isoformat(timespec="microseconds"),
        "payload": {"k": 2, "text": "现场检查"},
        "prev_hash": first.hash,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "现场检查" in canonical and "+00:00" in canonical
    expected = hashlib.sha256(first.hash.encode() + canonical.encode("utf-8")).hexdigest()
    assert second.hash == expected


def test_an_intact_chain_verifies(db: Database) -> None:
    _record_events(db, 5)
    with db.session() as s:
        assert verify_chain(s, DEVICE).ok
        verdict = verify_chain(s)
    assert verdict.ok and verdict.checked == 5
    assert verdict.first_bad_event_id is None and verdict.reason is None


def test_a_changed_payload_is_named(db: Database) -> None:
    events = _record_events(db, 5)
    with db.write() as s:
        s.execute(
            text("UPDATE audit_events SET payload = :p WHERE id = :id"),
            {"p": json.dumps({"k": 3, "text": "改过了"}), "id": events[2].id},
        )
    with db.session() as s:
        verdict = verify_chain(s, DEVICE)
    assert not verdict.ok
    assert verdict.first_bad_event_id == events[2].id
    assert verdict.checked == 2
    assert "changed" in (verdict.reason or "")


def test_a_deleted_event_is_named_by_the_one_after_the_gap(db: Database) -> None:
    events = _record_events(db, 5)
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": events[2].id})
    with db.session() as s:
        verdict = verify_chain(s, DEVICE)
    assert not verdict.ok
    assert verdict.first_bad_event_id == events[3].id
    assert "missing" in (verdict.reason or "")


def test_deleting_the_gap_and_renumbering_still_breaks_the_link(db: Database) -> None:
    events = _record_events(db, 4)
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": events[1].id})
        s.execute(text("UPDATE audit_events SET seq = seq - 1 WHERE seq > 2"))
    with db.session() as s:
        verdict = verify_chain(s, DEVICE)
    assert not verdict.ok and verdict.first_bad_event_id == events[2].id
    assert "prev_hash" in (verdict.reason or "")


def test_reordered_events_are_named(db: Database) -> None:
    events = _record_events(db, 5)
    with db.write() as s:  # swap events 2 and 3
        s.execute(text("UPDATE audit_events SET seq = -1 WHERE id = :id"), {"id": events[1].id})
        s.execute(text("UPDATE audit_events SET seq = 2 WHERE id = :id"), {"id": events[2].id})
        s.execute(text("UPDATE audit_events SET seq = 3 WHERE id = :id"), {"id": events[1].id})
    with db.session() as s:
        verdict = verify_chain(s, DEVICE)
    assert not verdict.ok
    assert verdict.first_bad_event_id == events[2].id  # now in second place


def test_removing_the_newest_events_is_noticed(db: Database) -> None:
    events = _record_events(db, 4)
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq >= 3"))
    with db.session() as s:
        verdict = verify_chain(s, DEVICE)
    assert not verdict.ok and verdict.checked == 2
    assert "newest events were removed" in (verdict.reason or "")
    assert events  # the chain before the cut is still intact


def test_each_device_has_its_own_chain(db: Database) -> None:
    other = "5f0c2d7e-0000-4000-8000-000000000002"
    _record_events(db, 2)
    theirs = _record_events(db, 3, device_id=other)
    assert [e.seq for e in theirs] == [1, 2, 3]
    assert theirs[0].prev_hash == GENESIS_HASH
    with db.write() as s:
        s.execute(text("UPDATE audit_events SET actor = 'x' WHERE id = :id"), {"id": theirs[1].id})
    with db.session() as s:
        assert verify_chain(s, DEVICE).ok
        verdict = verify_chain(s)
    assert verdict.first_bad_event_id == theirs[1].id
