"""Check-in, findings, check-out: happy paths, refusals, and the outbox/audit contract."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import JointTask, Outcome, TaskStatus
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    NotFound,
    Profile,
    complete_inspection,
    get_results,
    get_task,
    import_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.store import verify_chain
from inspector_app.store.models import (
    AuditEventRow,
    InspectionRow,
    ItemResultRow,
    OutboxRow,
    TaskRow,
)

Counts = Callable[[Profile], tuple[int, int]]
AT = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)


def _outbox(profile: Profile) -> list[OutboxRow]:
    with profile.db.session() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.seq)))


def _events(profile: Profile) -> list[AuditEventRow]:
    with profile.db.session() as s:
        return list(s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq)))


def _record_all(profile: Profile, task: JointTask) -> None:
    for item in task.checklist:
        record_item_result(profile, task.id, item.id, outcome=Outcome.COMPLIANT)


# -- check-in -------------------------------------------------------------------------------


def test_check_in_starts_the_inspection(profile: Profile, task: JointTask) -> None:
    changes = start_inspection(profile, task.id, at=AT, present=["王五（法定代表人）", " "])
    assert changes.tasks == {task.id} and changes.inspections == {task.id} and changes.outbox
    assert get_task(profile, task.id).status is TaskStatus.IN_PROGRESS
    (op,) = _outbox(profile)
    assert (op.entity, op.entity_id, op.base_rev) == ("inspection", task.id, None)
    assert op.data == {
        "task_id": task.id,
        "status": "in_progress",
        "checked_in_at": "2026-05-11T09:30:00.000000+00:00",
        "checked_out_at": None,
        "present": ["王五（法定代表人）"],
        "party_statement": "",
        "recorded_by": "u-alice",
    }
    (event,) = _events(profile)
    assert event.action == "check_in" and event.payload["task_status_before"] == "assigned"


def test_check_in_is_refused_unless_assigned_or_returned(
    profile: Profile, task: JointTask, counts: Counts
) -> None:
    start_inspection(profile, task.id)
    with pytest.raises(InvalidState, match="already checked in"):
        start_inspection(profile, task.id)
    _record_all(profile, task)
    complete_inspection(profile, task.id)
    before = counts(profile)
    with pytest.raises(InvalidState, match="completed"):
        start_inspection(profile, task.id)
    assert counts(profile) == before
    with pytest.raises(NotFound):
        start_inspection(profile, "no-such-task")


def test_a_returned_task_can_be_checked_in_again(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id, at=AT)
    _record_all(profile, task)
    complete_inspection(profile, task.id, at=AT + timedelta(hours=1))
    # The lead's return comes down in the inspection record, which the server rewrites
    # (issue 12); what pull does with it:
    with profile.db.write() as s:
        row = s.get(InspectionRow, task.id)
        assert row is not None
        row.status, row.rev, row.base_rev, row.dirty, row.round = "returned", 2, 2, False, 2
        s.get(TaskRow, task.id).status = "returned"  # type: ignore[union-attr]
    # A new version of the task record (which always says "assigned") changes nothing.
    import_tasks(profile, [replace(task, rev=2)])
    assert get_task(profile, task.id).status is TaskStatus.RETURNED
    start_inspection(profile, task.id, at=AT + timedelta(days=1))
    with profile.db.session() as s:
        row = s.get(InspectionRow, task.id)
        assert row is not None and row.rev == 3 and row.checked_out_at is None


def test_a_cancelled_task_cannot_be_started(
    profile: Profile, make_task: Callable[..., JointTask]
) -> None:
    import_tasks(profile, [make_task("t-9", status=TaskStatus.CANCELLED)])
    with pytest.raises(InvalidState, match="cancelled on the server"):
        start_inspection(profile, "t-9")


def test_naive_times_are_refused(profile: Profile, task: JointTask) -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        start_inspection(profile, task.id, at=datetime(2026, 5, 11, 9, 30))


# -- findings -------------------------------------------------------------------------------


def test_record_a_finding(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id)
    changes = record_item_result(
        profile,
        task.id,
        "i-1",
        outcome=Outcome.NONCOMPLIANT,
        note="冷藏柜温度超标",
        measurements={"temp_c": 9.5, "limit_c": 8},
        corrected_on_site=False,
        deadline=date(2026, 5, 25),
        at=AT,
    )
    assert changes.item_results == {f"{task.id}:i-1"} and changes.outbox
    result = get_results(profile, task.id)["i-1"]
    assert result.outcome is Outcome.NONCOMPLIANT
    assert result.measurements == {"temp_c": 9.5, "limit_c": 8}
    assert result.deadline == date(2026, 5, 25) and result.recorded_at == AT
    op = _outbox(profile)[-1]
    assert (op.entity, op.entity_id, op.base_rev) == ("item_result", f"{task.id}:i-1", None)
    assert op.data == {
        "task_id": task.id,
        "item_id": "i-1",
        "outcome": "noncompliant",
        "note": "冷藏柜温度超标",
        "measurements": {"temp_c": 9.5, "limit_c": 8},
        "evidence": [],
        "corrected_on_site": False,
        "deadline": "2026-05-25",
        "recorded_by": "u-alice",
        "recorded_at": "2026-05-11T09:30:00.000000+00:00",
    }
    with profile.db.session() as s:
        row = s.get(ItemResultRow, f"{task.id}:i-1")
        assert row is not None and (row.rev, row.base_rev, row.dirty) == (1, None, True)


def test_recording_again_bumps_rev_keeps_base_rev_and_the_earlier_version(
    profile: Profile, task: JointTask
) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT)
    with profile.db.write() as s:  # as if sync had acknowledged rev 4 from the server
        row = s.get(ItemResultRow, f"{task.id}:i-1")
        assert row is not None
        row.base_rev, row.rev, row.dirty = 4, 4, False
    record_item_result(profile, task.id, "i-1", outcome=Outcome.NOT_APPLICABLE, note="无冷库")
    with profile.db.session() as s:
        row = s.get(ItemResultRow, f"{task.id}:i-1")
        assert row is not None and (row.rev, row.base_rev, row.dirty) == (5, 4, True)
    assert _outbox(profile)[-1].base_rev == 4
    assert _events(profile)[-1].payload["previous"]["outcome"] == "compliant"


def test_findings_need_a_started_inspection_and_a_known_item(
    profile: Profile, task: JointTask, counts: Counts
) -> None:
    with pytest.raises(InvalidState, match="Check in first"):
        record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT)
    start_inspection(profile, task.id)
    before = counts(profile)
    with pytest.raises(NotFound, match="not on the checklist"):
        record_item_result(profile, task.id, "i-99", outcome=Outcome.COMPLIANT)
    with pytest.raises(NotFound):
        record_item_result(profile, "nope", "i-1", outcome=Outcome.COMPLIANT)
    with pytest.raises(InvalidInput, match="measurement"):
        record_item_result(
            profile, task.id, "i-1", outcome=Outcome.COMPLIANT, measurements={"t": float("nan")}
        )
    with pytest.raises(InvalidInput, match="outcome"):
        record_item_result(profile, task.id, "i-1", outcome="fine")  # type: ignore[arg-type]
    assert counts(profile) == before


def test_an_edit_after_completion_needs_a_reason_and_keeps_the_earlier_version(
    profile: Profile, task: JointTask, counts: Counts
) -> None:
    start_inspection(profile, task.id)
    _record_all(profile, task)
    complete_inspection(profile, task.id)
    before = counts(profile)
    for reason in (None, "", "   "):
        with pytest.raises(InvalidInput, match="reason"):
            record_item_result(profile, task.id, "i-2", outcome=Outcome.NONCOMPLIANT, reason=reason)
    assert counts(profile) == before

    record_item_result(
        profile, task.id, "i-2", outcome=Outcome.NONCOMPLIANT, note="复核发现", reason="复核照片"
    )
    assert get_results(profile, task.id)["i-2"].outcome is Outcome.NONCOMPLIANT
    assert get_task(profile, task.id).status is TaskStatus.COMPLETED
    event = _events(profile)[-1]
    assert event.action == "amend_item_result"
    assert event.payload["reason"] == "复核照片"
    assert event.payload["task_status"] == "completed"
    assert event.payload["previous"]["outcome"] == "compliant"
    assert event.payload["data"]["outcome"] == "noncompliant"


# -- check-out ------------------------------------------------------------------------------


def test_complete_lists_the_items_without_a_result(
    profile: Profile, task: JointTask, counts: Counts
) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-2", outcome=Outcome.COMPLIANT)
    before = counts(profile)
    with pytest.raises(InvalidState, match="SP-001, SP-003"):
        complete_inspection(profile, task.id)
    assert counts(profile) == before
    assert get_task(profile, task.id).status is TaskStatus.IN_PROGRESS


def test_complete_checks_out(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id, at=AT)
    _record_all(profile, task)
    changes = complete_inspection(profile, task.id, at=AT + timedelta(minutes=45))
    assert changes.inspections == {task.id}
    assert get_task(profile, task.id).status is TaskStatus.COMPLETED
    op = _outbox(profile)[-1]
    assert op.entity == "inspection" and op.data["status"] == "completed"
    assert op.data["checked_out_at"] == "2026-05-11T10:15:00.000000+00:00"
    assert _events(profile)[-1].action == "check_out"
    with pytest.raises(InvalidState, match="completed"):
        complete_inspection(profile, task.id)


def test_a_failure_inside_the_transaction_rolls_everything_back(
    profile: Profile, task: JointTask, counts: Counts
) -> None:
    start_inspection(profile, task.id, at=AT)
    _record_all(profile, task)
    before = counts(profile)
    # Refused after the inspection row was already bumped inside the transaction.
    with pytest.raises(InvalidInput, match="before the check-in"):
        complete_inspection(profile, task.id, at=AT - timedelta(hours=1))
    assert counts(profile) == before
    assert get_task(profile, task.id).status is TaskStatus.IN_PROGRESS
    with profile.db.session() as s:
        row = s.get(InspectionRow, task.id)
        assert row is not None and row.rev == 1 and row.checked_out_at is None


# -- the contract for every mutation --------------------------------------------------------


def test_every_mutation_writes_one_outbox_row_and_one_chained_audit_event(
    profile: Profile, task: JointTask, counts: Counts, jpeg: bytes
) -> None:
    from inspector_app.services import attach_evidence

    steps: list[Callable[[], object]] = [
        lambda: start_inspection(profile, task.id),
        lambda: record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT),
        lambda: attach_evidence(profile, task.id, "i-1", jpeg),
        lambda: record_item_result(profile, task.id, "i-2", outcome=Outcome.NOT_CHECKED),
        lambda: record_item_result(profile, task.id, "i-3", outcome=Outcome.COMPLIANT),
        lambda: complete_inspection(profile, task.id),
        lambda: record_item_result(
            profile, task.id, "i-3", outcome=Outcome.NONCOMPLIANT, reason="补充"
        ),
    ]
    for n, step in enumerate(steps, start=1):
        step()
        assert counts(profile) == (n, n), f"step {n}"
    ops = _outbox(profile)
    events = _events(profile)
    assert len({op.op_id for op in ops}) == len(steps)
    assert all(uuid.UUID(op.op_id).version == 4 for op in ops)
    assert [e.payload["op_id"] for e in events] == [op.op_id for op in ops]
    assert all(e.device_id == profile.device_id and e.actor == "u-alice" for e in events)
    with profile.db.session() as s:
        verdict = verify_chain(s, profile.device_id)
    assert verdict.ok and verdict.checked == len(steps)


def test_mutations_need_a_signed_in_user(profile: Profile, task: JointTask) -> None:
    profile.set_user(None)
    with pytest.raises(InvalidState, match="Sign in"):
        start_inspection(profile, task.id)
