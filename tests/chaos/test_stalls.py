"""A link that goes silent without a reset costs seconds, not the read timeout.

A NAT entry or a middlebox that forgets a connection sends no reset: bytes just
stop. The client notices by progress (nothing moved for ``stall_timeout`` seconds),
resumes an upload from where the server's copy stops, and asks again for an answer
that never came. Before, each such cut waited out the 60 s read timeout.
"""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import select

from inspector_app.services import attach_evidence, get_task, list_tasks, start_inspection, sync
from inspector_app.store.models import OutboxRow
from inspector_app.sync.client import ClientSettings

# The default read timeout (a minute), and a stall noticed after two seconds.
WATCHFUL = ClientSettings(stall_timeout=2.0)


def test_an_upload_cut_silently_resumes_within_seconds(server, proxy, sw, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", proxy.url, "inspector1")
    assert sync(one, client_settings=WATCHFUL).exit_code == 0
    task = sorted(t.id for t in list_tasks(one))[3]
    item = get_task(one, task).checklist[0].id
    start_inspection(one, task)
    photo = sw.big_jpeg(3_000_000, seed=5)
    sha, _ = attach_evidence(one, task, item, photo)
    proxy.silent_cut_upload_after = 1_000_000  # per connection: then nothing, no reset
    proxy.hang_seconds = 120
    started = time.monotonic()
    report = sync(one, client_settings=WATCHFUL)
    took = time.monotonic() - started
    assert report.exit_code == 0, report.summary()
    assert proxy.silent_cuts >= 2 and report.blob_resumes >= 2
    assert took < 30, f"{proxy.silent_cuts} silent cuts took {took:.1f} s"
    stored = server.settings.blob_dir / sha[:2] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    with one.db.session() as s:
        assert {r.state for r in s.scalars(select(OutboxRow))} <= {"applied", "duplicate"}
    one.close()


def test_an_answer_that_never_comes_is_asked_for_again_within_seconds(
    server, proxy, sw, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    one = sw.laptop(tmp_path / "one", proxy.url, "inspector1")
    assert sync(one, client_settings=WATCHFUL).exit_code == 0
    task = sorted(t.id for t in list_tasks(one))[4]
    start_inspection(one, task)
    proxy.hang_seconds = 120
    proxy.silence_answers("POST /api/v1/sync/push", 1)
    proxy.silence_answers("GET /api/v1/sync/pull", 1)
    started = time.monotonic()
    report = sync(one, client_settings=WATCHFUL)
    took = time.monotonic() - started
    assert report.exit_code == 0, report.summary()
    assert proxy.answers_lost == 2 and report.duplicates == 1  # applied once, answered twice
    assert took < 20, f"two silent answers took {took:.1f} s"
    one.close()
