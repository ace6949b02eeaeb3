"""One photo the server will not take never stops sync (issue 9, item 2).

Against a real server on loopback: a 30 MB photo recorded by an older version (before
the limit was checked at import), and a 3 MB one on a server set to take 1 MB. Only
the changes naming the photo wait, with the reason; everything else goes up, the pull
still comes down, ``inspector-app sync`` says so without a traceback, and detaching the
photo lets the rest through.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app import cli
from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    attach_evidence,
    detach_evidence,
    get_task,
    list_refused,
    list_tasks,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.services import photos as photo_checks
from inspector_app.store.models import OutboxRow
from inspector_app.sync.report import BLOB_REFUSED_PREFIX


def _task_and_items(profile, n: int):  # type: ignore[no-untyped-def]
    mine = sorted(t.id for t in list_tasks(profile) if t.server_state is None)
    task = mine[n]
    return task, [i.id for i in get_task(profile, task).checklist]


def _states(profile) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with profile.db.session() as s:
        return {r.op_id: r.state for r in s.scalars(select(OutboxRow))}


def test_a_30_mb_photo_waits_alone_and_detaching_it_lets_sync_finish(
    make_laptop, server, sw, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-30mb")
    two = make_laptop("inspector2", "two-30mb")
    sync(one), sync(two)
    task, items = _task_and_items(one, 0)
    start_inspection(one, task)
    record_item_result(one, task, items[0], outcome=Outcome.COMPLIANT, note="证照齐全")
    # An older version took any photo: let this one past the check at import.
    monkeypatch.setattr(photo_checks, "MAX_BLOB_BYTES", 10**9)
    big = sw.big_jpeg(30_000_000, seed=7)
    sha, _ = attach_evidence(one, task, items[1], big, caption="全景")
    monkeypatch.undo()
    record_item_result(one, task, items[1], outcome=Outcome.NONCOMPLIANT, note="过期食品")
    record_item_result(one, task, items[2], outcome=Outcome.COMPLIANT, note="台账完整")
    # Meanwhile a teammate's work waits on the server for the pull.
    other, other_items = _task_and_items(two, 1)
    start_inspection(two, other)
    record_item_result(two, other, other_items[0], outcome=Outcome.COMPLIANT, note="来自二号")
    assert sync(two).exit_code == 0

    report = sync(one)
    assert report.unreachable is None and report.exit_code == 1
    assert report.bytes_uploaded == 0  # 30 MB were not pushed at a server that refuses them
    assert report.applied == 3  # check-in and the two other items
    assert [(r.entity_id, r.reason.split(":")[0]) for r in report.rejected] == [
        (f"{task}:{items[1]}", "blob_refused"),
        (f"{task}:{items[1]}", "blob_refused"),
    ]
    assert "28.6 MB; the server takes at most 25.0 MB" in report.rejected[0].reason
    assert "Detach that photo" in report.summary()
    assert report.pull_complete  # the pull still happened
    assert next(t for t in list_tasks(one) if t.id == other).status.value == "in_progress"
    assert server.record("item_result", f"{task}:{items[0]}") is not None
    assert server.record("item_result", f"{task}:{items[2]}") is not None
    assert server.record("item_result", f"{task}:{items[1]}") is None

    refused = list_refused(one)
    assert [(r.task_id, r.item_id, r.blob) for r in refused] == [(task, items[1], sha)] * 2
    assert "Detach photo" in refused[0].advice

    # The headless command: the reason and the documented exit code, no traceback.
    one_folder = one.folder
    code = cli.main(["--profile", str(one_folder), "sync"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert "blob_refused:" in out and "Detach that photo" in out
    again = sync(one)
    assert again.applied == 0 and again.bytes_uploaded == 0 and again.waiting_rejected == 2

    detach_evidence(one, task, items[1], sha)
    done = sync(one)
    assert done.exit_code == 0, done.summary()
    assert done.applied == 1 and done.waiting_rejected == 0
    assert list_refused(one) == []
    held = [op for op, state in _states(one).items() if state == "superseded"]
    assert len(held) == 2
    record = server.record("item_result", f"{task}:{items[1]}")
    assert record is not None and record.data["evidence"] == []
    assert record.data["note"] == "过期食品" and record.data["outcome"] == "noncompliant"
    assert one.blobs.exists(sha)  # the photo itself stays on the laptop


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A server set to take files of at most 1 MB (below the protocol's limit)."""
    world = sys.modules["syncworld"]  # loaded by conftest.py
    settings = world.demo_settings(tmp_path_factory.mktemp("small"), max_blob_bytes=1_000_000)
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


def test_a_photo_over_a_lower_server_limit_is_413_for_it_alone(
    small_server, sw, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", small_server.url, "inspector1")
    try:
        sync(one)
        task, items = _task_and_items(one, 0)
        start_inspection(one, task)
        small, _ = attach_evidence(one, task, items[0], sw.jpeg(3))
        big, _ = attach_evidence(one, task, items[1], sw.big_jpeg(3_000_000, seed=4))
        record_item_result(one, task, items[2], outcome=Outcome.COMPLIANT)
        report = sync(one)
        assert report.exit_code == 1 and report.unreachable is None
        assert report.blobs_uploaded == 1 and report.applied == 3
        (why,) = [r.reason for r in report.rejected]
        assert why.startswith(f"{BLOB_REFUSED_PREFIX}{big}: the server refused the file (413")
        assert report.pull_complete
        detach_evidence(one, task, items[1], big)
        assert sync(one).exit_code == 0
        assert small_server.record("item_result", f"{task}:{items[1]}") is not None
    finally:
        one.close()


def test_one_change_the_server_cannot_read_is_rejected_alone(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "one-422")
    sync(one)
    task, items = _task_and_items(one, 2)
    start_inspection(one, task)
    record_item_result(one, task, items[0], outcome=Outcome.COMPLIANT)
    user = one.require_user()
    with one.db.action(actor=user.id, device_id=one.device_id) as act:
        # A record id the server's schema refuses: the whole request would be a 422.
        act.record("inspection", "bad\x00id", None, {"task_id": task}, action="test")
    record_item_result(one, task, items[1], outcome=Outcome.COMPLIANT)
    report = sync(one)
    assert report.applied == 3 and report.exit_code == 1
    (rejected,) = report.rejected
    assert rejected.entity_id == "bad\x00id" and "422" in rejected.reason
    assert report.pull_complete
