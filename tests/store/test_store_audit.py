"""The audit chain: the hash is what audit.py documents, and tampering is located."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from sqlalchemy import select, text

from inspector_app.store import AuditSeal, Database, verify_chain
from inspector_app.store.audit import GENESIS_HASH, HEAD_KEY, event_hash, row_fields
from inspector_app.store.audit_check import BREAK_ACTION, record_break
from inspector_app.store.models import AuditEventRow, SyncStateRow

DEVICE = "5f0c2d7e-0000-4000-8000-000000000001"
NOW = datetime(2026, 5, 9, 8, 0, tzinfo=UTC)


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


# -- the device's seal: what rewriting the database alone cannot hide --------------------

SEAL = AuditSeal(bytes(range(32)), first_seq=1)


def _sealed(db: Database, n: int) -> list[AuditEventRow]:
    db.audit_seal = SEAL
    return _record_events(db, n)


def _rewrite_from(db: Database, seq: int, text_: str) -> None:
    """What someone with the database but not the key can do: change event ``seq`` and
    recompute every hash after it and the recorded head, so the chain verifies."""
    with db.write() as s:
        rows = list(
            s.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.device_id == DEVICE, AuditEventRow.seq >= seq)
                .order_by(AuditEventRow.seq)
            )
        )
        prev = rows[0].prev_hash
        for row in rows:
            if row.seq == seq:
                row.payload = {"k": seq, "text": text_}
            row.prev_hash = prev
            row.hash = event_hash(row_fields(row))
            prev = row.hash
        s.merge(SyncStateRow(key=HEAD_KEY + DEVICE, value=f"{rows[-1].seq}:{prev}"))


def test_every_event_and_the_head_carry_the_devices_seal(db: Database) -> None:
    events = _sealed(db, 3)
    assert [e.mac for e in events] == [SEAL.event_mac(e.hash) for e in events]
    with db.session() as s:
        head = s.get(SyncStateRow, HEAD_KEY + DEVICE)
        assert head is not None
        assert head.value == f"3:{events[2].hash}:{SEAL.head_mac(3, events[2].hash)}"
        assert verify_chain(s, DEVICE, seal=SEAL).ok


def test_a_rewritten_unpushed_event_is_caught_by_its_seal(db: Database) -> None:
    events = _sealed(db, 5)
    _rewrite_from(db, 3, "改过了")
    with db.session() as s:
        assert verify_chain(s, DEVICE).ok  # the chain alone cannot tell
        verdict = verify_chain(s, DEVICE, seal=SEAL)
    assert not verdict.ok
    assert (verdict.first_bad_event_id, verdict.first_bad_seq) == (events[2].id, 3)
    assert "seal" in (verdict.reason or "")


def test_a_cut_tail_with_a_rewritten_head_is_caught(db: Database) -> None:
    events = _sealed(db, 5)
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq >= 4"))
        # The head rewritten to the new end, even borrowing event 3's own seal.
        s.merge(SyncStateRow(key=HEAD_KEY + DEVICE, value=f"3:{events[2].hash}:{events[2].mac}"))
    with db.session() as s:
        assert verify_chain(s, DEVICE).ok
        verdict = verify_chain(s, DEVICE, seal=SEAL)
    assert not verdict.ok and verdict.first_bad_seq == 4
    assert "removed" in (verdict.reason or "")


def test_events_the_server_took_must_still_be_here(db: Database) -> None:
    _sealed(db, 3)
    with db.session() as s:
        verdict = verify_chain(s, DEVICE, seal=SEAL, acknowledged=5)
    assert not verdict.ok and verdict.first_bad_seq == 4
    assert "reached the server" in (verdict.reason or "")


def test_the_first_broken_event_is_named_not_a_later_one(db: Database) -> None:
    events = _sealed(db, 6)
    with db.write() as s:
        for victim in (events[4], events[1]):  # the later one changed first
            s.execute(
                text("UPDATE audit_events SET payload = :p WHERE id = :id"),
                {"p": json.dumps({"k": victim.seq, "text": "改过了"}), "id": victim.id},
            )
    with db.session() as s:
        verdict = verify_chain(s, DEVICE, seal=SEAL)
    assert verdict.first_bad_event_id == events[1].id and verdict.first_bad_seq == 2


def test_a_break_is_recorded_once_at_the_end_of_the_chain(db: Database) -> None:
    _sealed(db, 4)
    _rewrite_from(db, 2, "改过了")
    for _ in range(2):
        with db.write() as s:
            verdict = verify_chain(s, DEVICE, seal=SEAL)
            record_break(s, device_id=DEVICE, actor="u-alice", verdict=verdict, seal=SEAL, at=NOW)
    with db.session() as s:
        breaks = s.scalars(select(AuditEventRow).where(AuditEventRow.action == BREAK_ACTION)).all()
    assert len(breaks) == 1
    assert breaks[0].seq == 5 and breaks[0].payload["first_bad_seq"] == 2
    assert breaks[0].mac == SEAL.event_mac(breaks[0].hash)


def test_the_check_from_the_last_event_the_server_took(db: Database) -> None:
    events = _sealed(db, 6)
    with db.session() as s:
        quick = verify_chain(s, DEVICE, seal=SEAL, acknowledged=3, from_acknowledged=True)
    assert quick.ok and quick.checked == 3  # events 4..6, linked on from event 3
    _rewrite_from(db, 5, "改过了")
    with db.session() as s:
        verdict = verify_chain(s, DEVICE, seal=SEAL, acknowledged=3, from_acknowledged=True)
    assert verdict.first_bad_event_id == events[4].id
    with db.write() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    with db.session() as s:
        verdict = verify_chain(s, DEVICE, seal=SEAL, acknowledged=3, from_acknowledged=True)
    assert not verdict.ok and verdict.first_bad_seq == 3
    assert "the last one the server took" in (verdict.reason or "")
