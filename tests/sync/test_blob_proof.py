"""The laptop proves it holds a photo by uploading it (issue 9 part 4): the server takes
no hash as a key, and a push answered ``missing_blob`` uploads the bytes and retries."""

from __future__ import annotations

from sqlalchemy import delete, select

from inspector_app.services import attach_evidence, get_task, list_tasks, start_inspection, sync
from inspector_app.sync.report import Progress
from inspector_server.core.db import write_session
from inspector_server.models import BlobHolder, BlobRef


def _task(profile, n: int = 0) -> str:  # type: ignore[no-untyped-def]
    tasks = sorted((t for t in list_tasks(profile) if t.server_state is None), key=lambda t: t.id)
    return tasks[n].id


def _holders(server, sha: str) -> set[str]:  # type: ignore[no-untyped-def]
    with server.factory() as s:
        return set(s.scalars(select(BlobHolder.user_id).where(BlobHolder.sha256 == sha)))


def test_a_photo_another_team_uploaded_is_sent_again_not_assumed(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    other = make_laptop("inspector3", "proof-other")  # team T2
    assert sync(other).exit_code == 0
    task = _task(other)
    start_inspection(other, task)
    photo = sw.jpeg(901)
    sha, _ = attach_evidence(other, task, get_task(other, task).checklist[0].id, photo)
    assert sync(other).blobs_uploaded == 1

    one = make_laptop("inspector1", "proof-one")  # team T1: may not see T2's records
    assert sync(one).exit_code == 0
    mine = _task(one)
    start_inspection(one, mine)
    attach_evidence(one, mine, get_task(one, mine).checklist[0].id, photo)
    report = sync(one)
    assert report.exit_code == 0, report.summary()
    assert report.blobs_uploaded == 1  # the bytes went up: the proof
    assert not report.rejected
    assert one.require_user().id in _holders(server, sha)


def test_missing_blob_after_a_present_head_uploads_and_resends(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    """The access that made HEAD say "present" ends before the push (the record naming
    the photo moved away): the laptop sends the bytes and the entries again."""
    two = make_laptop("inspector2", "resend-two")
    assert sync(two).exit_code == 0
    task = _task(two, n=1)
    items = [i.id for i in get_task(two, task).checklist]
    start_inspection(two, task)
    shared = sw.jpeg(902)
    sha, _ = attach_evidence(two, task, items[0], shared)
    assert sync(two).exit_code == 0

    one = make_laptop("inspector1", "resend-one")
    assert sync(one).exit_code == 0  # sees two's result: may name its photo
    assert one.blobs.read(sha) == shared
    attach_evidence(one, task, items[1], shared)
    attach_evidence(one, task, items[1], sw.jpeg(903))  # uploaded after the shared one's HEAD
    dropped: list[int] = []

    def lose_access(progress: Progress) -> None:
        if progress.phase == "blobs" and not dropped:
            with write_session(server.factory) as s:
                dropped.append(s.execute(delete(BlobRef).where(BlobRef.sha256 == sha)).rowcount)

    report = sync(one, progress=lose_access)
    assert dropped and dropped[0] >= 1
    assert report.exit_code == 0, report.summary()
    assert not report.rejected and report.applied == 2  # both, on the second try
    assert report.blobs_uploaded == 2  # the new photo, then the shared one as proof
    assert one.require_user().id in _holders(server, sha)
