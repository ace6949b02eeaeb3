"""One user action = the change + one outbox row + one audit event, or nothing at all."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from inspector_app.store import Database, verify_chain
from inspector_app.store.models import AuditEventRow, OutboxRow, SyncStateRow

DEVICE = "device-1"


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_record_writes_one_outbox_row_and_one_audit_event(db: Database) -> None:
    with db.action(actor="u-alice", device_id=DEVICE) as act:
        act.session.add(SyncStateRow(key="probe", value="1"))
        done = act.record(
            "item_result", "t-1:i-1", None, {"outcome": "compliant"}, action="record_item_result"
        )
    assert uuid.UUID(done.op_id).version == 4
    with db.session() as s:
        (outbox,) = s.scalars(select(OutboxRow)).all()
        (event,) = s.scalars(select(AuditEventRow)).all()
        assert s.get(SyncStateRow, "probe") is not None
    assert (outbox.op_id, outbox.entity, outbox.entity_id) == (done.op_id, "item_result", "t-1:i-1")
    assert outbox.state == "pending" and outbox.base_rev is None and outbox.attempts == 0
    assert outbox.data == {"outcome": "compliant"}
    assert outbox.recorded_at.tzinfo is not None
    assert (event.action, event.entity_id, event.actor, event.device_id) == (
        "record_item_result",
        "t-1:i-1",
        "u-alice",
        DEVICE,
    )
    assert event.payload["op_id"] == done.op_id
    assert event.payload["data"] == {"outcome": "compliant"}


def test_an_exception_inside_the_action_leaves_nothing(db: Database) -> None:
    with db.action(actor="u-alice", device_id=DEVICE) as act:  # one good action first
        act.record("inspection", "t-1", None, {"status": "in_progress"}, action="check_in")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.action(actor="u-alice", device_id=DEVICE) as act:
        act.session.add(SyncStateRow(key="half-done", value="1"))
        act.record("item_result", "t-1:i-1", None, {"outcome": "compliant"}, action="record")
        raise Boom

    assert _count(db, OutboxRow) == 1
    assert _count(db, AuditEventRow) == 1
    with db.session() as s:
        assert s.get(SyncStateRow, "half-done") is None
        assert verify_chain(s).ok  # the audit head was rolled back with the event


def test_op_ids_are_unique_and_outbox_keeps_commit_order(db: Database) -> None:
    for n in range(20):
        with db.action(actor="u-alice", device_id=DEVICE) as act:
            act.record("item_result", f"t-1:i-{n}", None, {"n": n}, action="record")
    with db.session() as s:
        rows = s.scalars(select(OutboxRow).order_by(OutboxRow.seq)).all()
    assert len({r.op_id for r in rows}) == 20
    assert [r.data["n"] for r in rows] == list(range(20))


def test_times_are_stored_as_iso_text_in_utc(db: Database) -> None:
    with db.action(actor="u-alice", device_id=DEVICE) as act:
        act.record("inspection", "t-1", 3, {}, action="check_in")
    with db.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT recorded_at, base_rev FROM outbox").one()
    assert raw[0].endswith("+00:00") and "T" in raw[0]
    assert datetime.fromisoformat(raw[0]) <= datetime.now(UTC)
    assert raw[1] == 3
