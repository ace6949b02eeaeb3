"""The audit trail's edges on a real profile and a real server: a tail deleted or an
event rewritten before it was pushed is found (when the profile opens, before each
push), recorded in the trail and sent with everything else; the first broken event is
the one named."""

from __future__ import annotations

import json

from sqlalchemy import func, select, text

from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    get_task,
    list_tasks,
    open_profile,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.store.audit import HEAD_KEY, event_hash, row_fields
from inspector_app.store.audit_check import BREAK_ACTION
from inspector_app.store.models import AuditEventRow, SyncStateRow
from inspector_server.models import AuditChain, Record


def _work(profile, n: int) -> list[AuditEventRow]:  # type: ignore[no-untyped-def]
    """Check in and record ``n`` results on a task of the profile; the events this work
    wrote, in order (events written before it, such as a sign-in's, are not among them)."""
    task = sorted(t.id for t in list_tasks(profile) if t.status.value == "assigned")[0]
    with profile.db.session() as s:
        before = s.scalar(select(func.max(AuditEventRow.seq))) or 0
    start_inspection(profile, task)
    for k, item in enumerate(get_task(profile, task).checklist[:n]):
        record_item_result(profile, task, item.id, outcome=Outcome.COMPLIANT, note=f"第{k}项")
    with profile.db.session() as s:
        return list(
            s.scalars(
                select(AuditEventRow).where(AuditEventRow.seq > before).order_by(AuditEventRow.seq)
            )
        )


def _breaks_on_server(server, device_id: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with server.factory() as s:
        return [
            r.data
            for r in s.scalars(select(Record).where(Record.entity == "audit_event"))
            if r.data and r.data["device_id"] == device_id and r.data["action"] == BREAK_ACTION
        ]


def test_a_tail_deleted_before_a_push_is_found_recorded_and_sent(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "tail")
    assert sync(one).exit_code == 0
    events = _work(one, 4)
    keep = events[-3]
    with one.db.write() as s:  # the last two go, and the head is made to match
        s.execute(text("DELETE FROM audit_events WHERE seq > :seq"), {"seq": keep.seq})
        s.merge(SyncStateRow(key=HEAD_KEY + one.device_id, value=f"{keep.seq}:{keep.hash}"))

    report = sync(one)
    assert report.local_audit_verdict is not None
    assert f"event {keep.seq + 1}" in report.local_audit_verdict
    assert "removed" in report.local_audit_verdict
    assert report.exit_code == 1 and "audit trail is damaged" in report.summary()
    assert report.pending == 0 and report.applied == 5  # the field data went up all the same
    (found,) = _breaks_on_server(server, one.device_id)
    assert found["payload"]["first_bad_seq"] == keep.seq + 1
    assert sync(one).exit_code == 0  # recorded once; the trail goes on from its record


def test_a_rewritten_event_is_found_when_the_profile_opens(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "rewrite")
    assert sync(one).exit_code == 0
    events = _work(one, 3)
    victim = events[1]
    folder = one.folder
    one.close()
    # Someone with the database but not the key: change an event, recompute every hash.
    with open_profile(folder) as profile, profile.db.write() as s:
        rows = list(
            s.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.seq >= victim.seq)
                .order_by(AuditEventRow.seq)
            )
        )
        prev = rows[0].prev_hash
        for row in rows:
            if row.id == victim.id:
                row.payload = {**row.payload, "data": {**row.payload["data"], "note": "改"}}
            row.prev_hash, row.hash = prev, ""
            row.hash = prev = event_hash(row_fields(row))
        s.merge(SyncStateRow(key=HEAD_KEY + profile.device_id, value=f"{rows[-1].seq}:{prev}"))

    with open_profile(folder) as profile:
        verdict = profile.audit_verdict
        assert not verdict.ok and verdict.first_bad_event_id == victim.id
        assert "seal" in (verdict.reason or "")
    with open_profile(folder) as profile:  # found again, recorded once
        with profile.db.session() as s:
            recorded = s.scalars(
                select(AuditEventRow).where(AuditEventRow.action == BREAK_ACTION)
            ).all()
        assert len(recorded) == 1 and recorded[0].payload["first_bad_event_id"] == victim.id
        report = sync(profile)
        assert report.pending == 0 and report.local_audit_verdict is not None
        assert _breaks_on_server(server, profile.device_id)


def test_the_verdict_names_the_first_broken_event_of_a_batch(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "first")
    assert sync(one).exit_code == 0
    events = _work(one, 5)
    first, later = events[2], events[4]
    with one.db.write() as s:  # two events changed in place, hashes left as they were
        for victim in (later, first):
            s.execute(
                text("UPDATE audit_events SET payload = :p WHERE id = :id"),
                {"p": json.dumps({"changed": victim.seq}), "id": victim.id},
            )
    report = sync(one)
    assert report.audit_verdict is not None
    assert report.audit_verdict.startswith(f"event {first.seq}:"), report.audit_verdict
    assert report.local_audit_verdict is not None
    assert report.local_audit_verdict.startswith(f"event {first.seq}:")
    with server.factory() as s:
        chain = s.get(AuditChain, one.device_id)
        assert chain is not None and chain.broken
        assert [p["seq"] for p in chain.problems] == [first.seq, later.seq]
