"""Pull in pages with the next page fetched ahead: cancelling or failing between pages
loses nothing and applies nothing twice; a task the codec cannot read is refused."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select

from inspector_app.services import list_tasks, sync
from inspector_app.store.models import MergedItemRow, SyncStateRow, TaskRow
from inspector_app.sync.context import SyncTuning
from inspector_app.sync.pull import CURSOR_KEY
from inspector_server.core.db import write_session
from inspector_server.services import sync as server_sync


def _server_tasks(server, sw, n: int, *, checklist=None) -> list[str]:  # type: ignore[no-untyped-def]
    """n new tasks on team 1, all with the same checklist (as a plan's tasks are)."""
    with write_session(server.factory) as s:
        template = s.scalars(
            select(server_sync.Record).where(
                server_sync.Record.entity == "task", server_sync.Record.team_id == sw.TEAM_1
            )
        ).first()
        ids = []
        for _ in range(n):
            tid = str(uuid.uuid4())
            data = {**template.data, "id": tid}
            if checklist is not None:
                data["checklist"] = checklist
            server_sync.server_put(
                s, entity="task", record_id=tid, data=data, task_id=tid, team_id=sw.TEAM_1
            )
            ids.append(tid)
    return ids


def test_pages_fetched_ahead_then_cancelled_resume_without_loss(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "pages")
    made = _server_tasks(server, sw, 12)
    small = SyncTuning(pull_first_page=2, pull_page=3)
    cancel = threading.Event()
    pages: list[int] = []

    def progress(p) -> None:  # type: ignore[no-untyped-def]
        if p.phase == "pull":
            pages.append(p.items_done)
            if len(pages) == 2:
                cancel.set()  # while the third page is already being fetched

    report = sync(one, progress=progress, cancel=cancel, tuning=small)
    assert report.cancelled and not report.pull_complete
    with one.db.session() as s:
        held_after_cancel = s.scalar(select(func.count()).select_from(TaskRow))
        cursor = s.get(SyncStateRow, CURSOR_KEY).value
    assert pages[:2] == [2, 5] and held_after_cancel <= 5
    assert cursor  # the cursor of the last page applied, not of the page fetched ahead
    report = sync(one, tuning=small)
    assert report.pull_complete and report.exit_code == 0
    ids = {t.id for t in list_tasks(one)}
    assert set(made) <= ids
    with one.db.session() as s:
        # Every task once, and its checklist once.
        per_task = {
            task_id: n
            for task_id, n in s.execute(
                select(MergedItemRow.task_id, func.count()).group_by(MergedItemRow.task_id)
            )
        }
        assert s.scalar(select(func.count()).select_from(TaskRow)) == len(ids)
    template_items = len(server.record("task", made[0]).data["checklist"])
    assert all(per_task[t] == template_items for t in made)


def test_a_task_the_codec_cannot_read_is_refused_even_beside_good_twins(
    make_laptop, server, sw
) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "unreadable")
    good = _server_tasks(server, sw, 3)
    bad_checklist = [{"id": "X-1", "code": "X-1", "title": "无效", "severity": "urgent"}]
    bad = _server_tasks(server, sw, 2, checklist=bad_checklist)
    report = sync(one)
    assert report.pull_complete
    ids = {t.id for t in list_tasks(one)}
    assert set(good) <= ids
    assert not set(bad) & ids
