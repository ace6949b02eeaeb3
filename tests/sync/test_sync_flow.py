"""The demo flow end to end against the real server, exactly-once, rejections kept,
flags for cancelled tasks, number blocks, sign-in storage and the protocol header."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from inspector_app.domain.entities import Outcome, TaskStatus
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    attach_evidence,
    get_results,
    list_tasks,
    logout,
    numbers_remaining,
    record_item_result,
    start_inspection,
    sync,
    take_number,
    unlock_offline,
    void_number,
    want_numbers,
)
from inspector_app.store.models import OutboxRow, TaskRow
from inspector_app.sync.client import NotSignedIn, ProtocolMismatch, SyncClient
from inspector_app.sync.protocol import PROTOCOL_HEADER
from inspector_server.core.db import write_session
from inspector_server.models import AuditChain
from inspector_server.services import sync as server_sync


def _clean(report) -> bool:  # type: ignore[no-untyped-def]
    """Everything sent and received (conflicts left by earlier tests on this server aside)."""
    return (
        report.unreachable is None
        and not report.rejected
        and report.pending == 0
        and (report.pull_complete)
    )


def _team_task(profile, n: int = 0) -> str:  # type: ignore[no-untyped-def]
    mine = [t for t in list_tasks(profile) if t.server_state is None]
    mine.sort(key=lambda t: t.id)
    return mine[n].id


def _items(profile, task_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    from inspector_app.services import get_task

    return [i.id for i in get_task(profile, task_id).checklist]


def test_demo_flow_inspector1_records_inspector2_sees(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1")
    first = sync(one)
    assert first.exit_code == 0, first.summary()
    assert first.pulled >= 7 and len(list_tasks(one)) >= 7
    task = _team_task(one, 0)
    items = _items(one, task)
    start_inspection(one, task)
    record_item_result(one, task, items[0], outcome=Outcome.COMPLIANT, note="证照齐全")
    record_item_result(one, task, items[1], outcome=Outcome.NONCOMPLIANT, note="过期食品")
    sha, _ = attach_evidence(one, task, items[1], sw.jpeg(1), caption="货架")
    report = sync(one)
    assert report.exit_code == 0, report.summary()
    assert report.applied == 4 and report.blobs_uploaded == 1
    assert report.audit_events_pushed >= 4 and report.audit_verdict is None

    two = make_laptop("inspector2")
    seen = sync(two)
    assert seen.exit_code == 0, seen.summary()
    results = get_results(two, task)
    assert results[items[0]].note == "证照齐全"
    assert results[items[1]].outcome is Outcome.NONCOMPLIANT
    assert results[items[1]].evidence == (sha,)
    assert two.blobs.read(sha) == sw.jpeg(1)  # the photo came down too
    assert next(t for t in list_tasks(two) if t.id == task).status is TaskStatus.IN_PROGRESS

    with server.factory() as s:
        chain = s.get(AuditChain, one.device_id)
        assert chain is not None and not chain.broken and chain.events >= 4

    again = sync(one)  # nothing new: still up to date, nothing sent twice
    assert again.exit_code == 0 and again.applied == 0 and again.duplicates == 0


def test_lost_answers_are_duplicates_not_second_writes(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-dup")
    sync(one)
    task = _team_task(one, 1)
    items = _items(one, task)
    start_inspection(one, task)
    for n, item in enumerate(items[:5]):
        record_item_result(one, task, item, outcome=Outcome.COMPLIANT, note=f"n{n}")
    assert sync(one).exit_code == 0
    before = server.revisions_per_op()
    # As if every answer had been lost after the server committed (the 6 entries of
    # this work and the number-block requests signing in queued, issue 11).
    with one.db.write() as s:
        resent = s.execute(update(OutboxRow).values(state="pending")).rowcount
    report = sync(one)
    assert report.exit_code == 0, report.summary()
    assert resent >= 6 and report.applied == 0 and report.duplicates == resent
    assert server.revisions_per_op() == before
    assert all(n == 1 for n in before.values())


def test_rejected_entry_stays_with_its_reason(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-rej")
    sync(one)
    user = one.require_user()
    with server.factory() as s:  # a task of the other team
        other = s.scalars(
            select(server_sync.Record.id).where(
                server_sync.Record.entity == "task", server_sync.Record.team_id != sw.TEAM_1
            )
        ).first()
    with one.db.action(actor=user.id, device_id=one.device_id) as act:
        act.record(
            "item_result",
            f"{other}:x",
            None,
            {"task_id": other, "item_id": "x", "outcome": "compliant"},
            action="record_item_result",
        )
    report = sync(one)
    assert report.exit_code == 1
    assert [r.reason for r in report.rejected] == ["forbidden"]
    with one.db.session() as s:
        row = s.scalars(select(OutboxRow).where(OutboxRow.entity_id == f"{other}:x")).one()
        assert row.state == "rejected" and row.reason == "forbidden"
    assert "forbidden" in report.summary()
    second = sync(one)  # not sent again, still shown
    assert second.applied == 0 and second.waiting_rejected == 1 and second.exit_code == 1


def test_cancelled_task_keeps_local_work_and_is_flagged(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-cancel")
    sync(one)
    task = _team_task(one, 2)
    items = _items(one, task)
    start_inspection(one, task)
    record_item_result(one, task, items[0], outcome=Outcome.NONCOMPLIANT, note="留证")
    # Meanwhile the server cancels the task.
    with write_session(server.factory) as s:
        rec = s.get(server_sync.Record, ("task", task))
        data = {**rec.data, "status": "cancelled"}
        server_sync.server_put(
            s, entity="task", record_id=task, data=data, task_id=task, team_id=rec.team_id
        )
    report = sync(one)
    assert task in report.flagged_tasks
    assert get_results(one, task)[items[0]].note == "留证"
    with one.db.session() as s:
        row = s.get(TaskRow, task)
        assert row.server_state == "cancelled" and row.status == "in_progress"
    # The work still went up.
    assert server.record("item_result", f"{task}:{items[0]}").data["note"] == "留证"


def test_pull_never_overwrites_an_unacknowledged_edit(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-keep")
    two = make_laptop("inspector2", "two-keep")
    sync(one)
    sync(two)
    task = _team_task(one, 3)
    item = _items(one, task)[0]
    start_inspection(two, task)
    record_item_result(two, task, item, outcome=Outcome.COMPLIANT, note="theirs")
    assert sync(two).exit_code == 0
    start_inspection(one, task)
    record_item_result(one, task, item, outcome=Outcome.NONCOMPLIANT, note="mine, offline")
    # Pull only: the local edit is queued (pending) while the teammate's version arrives.
    from inspector_app.sync.context import SyncRun, SyncTuning
    from inspector_app.sync.engine import SyncEngine
    from inspector_app.sync.pull import pull_changes

    engine = SyncEngine(one.db, one.blobs, one.device_id, one.folder)
    run = SyncRun(one.db, one.blobs, engine.client(), one.device_id, "x", SyncTuning())
    pull_changes(run)
    assert run.report.kept_local >= 1
    assert get_results(one, task)[item].note == "mine, offline"
    report = sync(one)  # now it goes up: a conflict, both versions kept
    assert report.conflicts >= 1 and report.exit_code == 1
    kept = {server.record("item_result", f"{task}:{item}").data["note"]} | {
        s.data["note"] for s in server.siblings("item_result", f"{task}:{item}")
    }
    assert kept == {"theirs", "mine, offline"}


def test_number_blocks_requested_used_once_and_voids_synced(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-num")
    year = datetime.now(UTC).year
    want_numbers(one, "深市监", "责改", year)
    report = sync(one)
    # This need, and those of the officer's own agency that signing in registered.
    assert report.numbers_requested >= 1 and _clean(report), report.summary()
    assert numbers_remaining(one, "深市监", "责改", year) == 50
    assert sync(one).numbers_requested == 0  # enough at hand
    numbers = [take_number(one, "深市监", "责改", year) for _ in range(3)]
    assert len({n.seq for n in numbers}) == 3
    task = _team_task(one, 4)
    spoiled = numbers[-1]
    void_number(one, spoiled.block_id, spoiled.seq, task_id=task, reason="打印污损")
    assert numbers_remaining(one, "深市监", "责改", year) == 47  # a void is not reused
    with pytest.raises(InvalidState):
        void_number(one, spoiled.block_id, spoiled.seq, task_id=task, reason="again")
    last = spoiled.seq
    assert _clean(sync(one))
    with server.factory() as s:
        voids = s.scalars(
            select(server_sync.Record).where(server_sync.Record.entity == "document")
        ).all()
        assert any(v.data.get("status") == "void" and v.data.get("seq") == last for v in voids)


def test_token_kept_out_of_database_and_offline_unlock(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-cred")
    token_file = one.folder / "token"
    token = token_file.read_text()
    assert token and stat.S_IMODE(token_file.stat().st_mode) == 0o600
    one.db.engine.dispose()
    for f in one.folder.glob("inspector.db*"):
        assert token.encode() not in f.read_bytes()
    assert unlock_offline(one, "demo").username == "inspector1"
    with pytest.raises(InvalidInput):
        unlock_offline(one, "wrong")
    assert logout(one) is True
    assert not token_file.exists()
    assert unlock_offline(one, "demo").username == "inspector1"  # still works offline
    client = SyncClient(server.url, token=token)
    with pytest.raises(NotSignedIn):  # the server no longer takes it
        client.pull(None, 1)


def test_wrong_protocol_version_is_a_clear_error(server) -> None:  # type: ignore[no-untyped-def]
    client = SyncClient(server.url)
    client.http.headers[PROTOCOL_HEADER] = "99"
    with pytest.raises(ProtocolMismatch, match="Update Field Inspector"):
        client.pull(None, 1)


def test_insecure_tls_is_loud(caplog: pytest.LogCaptureFixture) -> None:
    from inspector_app.sync.client import ClientSettings

    client = SyncClient(
        "https://example.invalid", settings=ClientSettings(insecure_skip_tls_verify=True)
    )
    assert client.insecure and client.http.verify is False
    assert "TLS certificate checking is OFF" in caplog.text
    assert SyncClient("https://example.invalid").http.verify is True


def test_large_push_goes_gzipped(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-gzip")
    sync(one)
    task = _team_task(one, 5)
    start_inspection(one, task)
    for item in _items(one, task):
        record_item_result(one, task, item, outcome=Outcome.COMPLIANT, note="长" * 400)
    report = sync(one)
    assert _clean(report) and report.applied == len(_items(one, task)) + 1, report.summary()
    assert os.environ.get("INSPECTOR_KEYRING") == "off"
