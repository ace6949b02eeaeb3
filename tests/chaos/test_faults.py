"""Exactly-once through a hostile network, a server restart, and kill -9 of the client."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    attach_evidence,
    get_task,
    list_tasks,
    open_profile,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.store.models import OutboxRow
from inspector_app.sync.client import ClientSettings
from inspector_app.sync.context import SyncTuning

FAST = ClientSettings(timeout=(2.0, 3.0), retries=4, backoff=0.05)


def _work(profile, n_results: int, task_index: int = 0, tag: str = "") -> str:  # type: ignore[no-untyped-def]
    task = sorted(t.id for t in list_tasks(profile))[task_index]
    items = [i.id for i in get_task(profile, task).checklist]
    start_inspection(profile, task)
    for n in range(n_results):
        record_item_result(
            profile, task, items[n % len(items)], outcome=Outcome.COMPLIANT, note=f"{tag}{n}"
        )
    return task


def _assert_exactly_once(server, profile) -> None:  # type: ignore[no-untyped-def]
    with profile.db.session() as s:
        rows = list(s.scalars(select(OutboxRow)))
    assert rows and all(r.state in ("applied", "duplicate") for r in rows), {r.state for r in rows}
    ledger = server.ledger()
    revisions = server.revisions_per_op()
    for r in rows:
        assert ledger.get(r.op_id) == "applied", r.op_id
        assert revisions.get(r.op_id) == 1, r.op_id  # applied once, never twice
    with server.factory() as s:
        from inspector_server.models import OpLedger

        theirs = set(
            s.scalars(select(OpLedger.op_id).where(OpLedger.device_id == profile.device_id))
        )
    ours = {r.op_id for r in rows}
    audit = theirs - ours  # the rest are this device's audit events
    assert ours <= theirs and all(revisions.get(op) == 1 for op in audit)


def test_reset_after_commit_hang_and_latency_keep_exactly_once(server, proxy, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", proxy.url, "inspector1")
    assert sync(one, client_settings=FAST).exit_code == 0
    _work(one, 40)
    tuning = SyncTuning(push_batch=10)
    proxy.drop_responses = 3  # three answers lost after the server committed
    proxy.hang_responses = 0
    report = sync(one, client_settings=FAST, tuning=tuning)
    assert proxy.dropped == 3
    assert report.exit_code == 0, report.summary()
    assert report.duplicates >= 1
    _assert_exactly_once(server, one)

    _work(one, 10, task_index=1, tag="hang")
    proxy.hang_responses = 2
    proxy.hang_seconds = 10
    proxy.latency = 0.05
    report = sync(one, client_settings=FAST, tuning=tuning)
    assert proxy.hung == 2
    assert report.exit_code == 0, report.summary()
    _assert_exactly_once(server, one)
    one.close()


def test_upload_cut_midway_resumes_where_it_stopped(server, proxy, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", proxy.url, "inspector1")
    sync(one, client_settings=FAST)
    task = sorted(t.id for t in list_tasks(one))[2]
    item = get_task(one, task).checklist[0].id
    start_inspection(one, task)
    photo = sw.big_jpeg(3_000_000, seed=3)
    sha, _ = attach_evidence(one, task, item, photo)
    proxy.cut_upload_every = 1_000_000
    up_before = proxy.bytes_up
    report = sync(one, client_settings=FAST)
    assert report.exit_code == 0, report.summary()
    assert proxy.cuts >= 2 and report.blob_resumes >= 2
    stored = server.settings.blob_dir / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    # What crossed the network towards the server, beyond the photo itself (this also
    # counts the push and audit requests of this sync, a few kB).
    resent = proxy.bytes_up - up_before - len(photo)
    assert resent <= 0.10 * len(photo), resent
    _assert_exactly_once(server, one)
    one.close()


@pytest.mark.slow
def test_server_restarts_in_the_middle_of_a_sync(server, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", server.url, "inspector1")
    sync(one)
    _work(one, 200)
    state = {"live": server}

    def restart() -> None:
        time.sleep(0.3)
        state["live"].stop()
        time.sleep(0.5)
        state["live"] = sw.start_server(server.settings, port=server.port)

    t = threading.Thread(target=restart)
    t.start()
    slow = ClientSettings(timeout=(2.0, 5.0), retries=6, backoff=0.2)
    first = sync(one, client_settings=slow, tuning=SyncTuning(push_batch=5))
    t.join()
    assert first.unreachable is None or first.pending > 0
    second = sync(one, client_settings=slow)
    assert second.exit_code == 0, second.summary()
    _assert_exactly_once(state["live"], one)
    one.close()
    if state["live"] is not server:
        state["live"].stop()
        server.server.should_exit = True


_CHILD = textwrap.dedent(
    """
    import sys
    from inspector_app.services import open_profile, sync
    from inspector_app.sync.context import SyncTuning
    profile = open_profile(sys.argv[1])
    sync(profile, tuning=SyncTuning(push_batch=3, audit_batch=5))
    """
)


@pytest.mark.slow
def test_kill_9_during_push_many_times_then_clean_sync(server, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "one"
    one = sw.laptop(folder, server.url, "inspector1")
    sync(one)
    tasks = sorted(t.id for t in list_tasks(one))
    rnd = random.Random(9)
    env = {**os.environ, "INSPECTOR_KEYRING": "off"}
    kills = 0
    deadline = time.monotonic() + 35
    round_ = 0
    while time.monotonic() < deadline and round_ < 25:
        # More work queued between crashes ("the flushed queue").
        task = tasks[round_ % 5]
        items = [i.id for i in get_task(one, task).checklist]
        if get_task(one, task).status.value == "assigned":
            start_inspection(one, task)
        for n in range(12):
            record_item_result(
                one,
                task,
                items[(round_ + n) % len(items)],
                outcome=Outcome.COMPLIANT,
                note=f"r{round_}-{n}",
            )
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder)], env=env)
        time.sleep(rnd.uniform(0.4, 1.6))  # start-up is ~0.4 s; the push follows
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait()
        round_ += 1
    assert kills >= 5
    one.close()
    one = open_profile(folder)
    report = sync(one)
    assert report.exit_code == 0, report.summary()
    _assert_exactly_once(server, one)
    conn = sqlite3.connect(folder / "inspector.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    one.close()


def test_nothing_lost_when_the_server_cannot_be_reached(server, proxy, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", proxy.url, "inspector1")
    sync(one, client_settings=FAST)
    _work(one, 5)
    proxy.refuse = True
    report = sync(one, client_settings=ClientSettings(timeout=(1.0, 1.0), retries=1, backoff=0.01))
    assert report.exit_code == 2 and report.pending == 6
    proxy.refuse = False
    assert sync(one, client_settings=FAST).exit_code == 0
    _assert_exactly_once(server, one)
    with one.db.write() as s:
        # Every entry again: the 6 of this work and the number-block requests that
        # signing in queued for the officer's agency (issue 11).
        resent = s.execute(update(OutboxRow).values(state="pending")).rowcount
    assert resent >= 6
    assert sync(one, client_settings=FAST).duplicates == resent
    one.close()
    _ = Path
