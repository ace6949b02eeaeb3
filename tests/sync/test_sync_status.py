"""What the status bar, the rejected list and the conflict dialog read: the real figures
of a profile against the real server."""

from __future__ import annotations

from sqlalchemy import select

from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    attach_evidence,
    get_task,
    list_tasks,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.services.sync_status import (
    conflict_views,
    list_rejected,
    server_reachable,
    sync_status,
)
from inspector_app.store.models import OutboxRow


def test_waiting_changes_and_bytes_then_last_sync(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    laptop = make_laptop("inspector1", "status-one")
    assert sync(laptop).exit_code == 0
    after_first = sync_status(laptop)
    assert after_first.pending_changes == 0 and after_first.pending_bytes == 0
    assert after_first.last_sync is not None and after_first.signed_in
    assert after_first.user.username == "inspector1"
    assert after_first.server_url == server.url

    task = sorted(t.id for t in list_tasks(laptop))[0]
    item = get_task(laptop, task).checklist[0].id
    start_inspection(laptop, task)
    photo = sw.jpeg(3, size=(320, 240))
    attach_evidence(laptop, task, item, photo)
    waiting = sync_status(laptop)
    with laptop.db.session() as s:
        rows = list(s.scalars(select(OutboxRow).where(OutboxRow.state == "pending")))
    assert waiting.pending_changes == len(rows) == 2  # the check-in and the photo's result
    assert len(photo) < waiting.pending_bytes < len(photo) + 4096
    assert server_reachable(laptop)

    assert sync(laptop).exit_code == 0
    done = sync_status(laptop)
    assert done.pending_changes == 0 and done.last_sync > after_first.last_sync


def test_an_unreachable_server_is_reported_quickly(make_laptop, server, sw) -> None:  # type: ignore[no-untyped-def]
    laptop = make_laptop("inspector1", "status-gone")
    from inspector_app.store.repositories import set_state

    with laptop.db.write() as s:
        set_state(s, "server_url", f"http://127.0.0.1:{sw.free_port()}")
    assert not server_reachable(laptop, timeout=1.0)


def test_a_refused_change_is_listed_with_its_record(make_laptop) -> None:  # type: ignore[no-untyped-def]
    lead = make_laptop("lead", "status-lead")
    sync(lead)
    task = sorted(t.id for t in list_tasks(lead))[0]
    item = get_task(lead, task).checklist[0]
    start_inspection(lead, task)
    record_item_result(lead, task, item.id, outcome=Outcome.NONCOMPLIANT, note="领导改的")
    report = sync(lead)
    assert report.waiting_rejected == 2
    rejected = list_rejected(lead)
    assert [r.entity for r in rejected] == ["inspection", "item_result"]
    assert all(r.reason == "forbidden" for r in rejected)
    business = get_task(lead, task).business.name
    assert rejected[1].business == business
    assert rejected[1].item == f"{item.code} {item.title}"
    assert sync_status(lead).rejected == 2


def test_a_conflict_shows_both_versions(make_laptop) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "status-c1")
    two = make_laptop("inspector2", "status-c2")
    sync(one)
    sync(two)
    # A joint task of both that nobody has started in the tests before this one.
    fresh = {t.id for t in list_tasks(one) if t.status == "assigned"}
    task = sorted(fresh & {t.id for t in list_tasks(two)})[0]
    item = get_task(one, task).checklist[0].id
    for laptop, note in ((one, "一号记录"), (two, "二号记录")):
        start_inspection(laptop, task)
        record_item_result(laptop, task, item, outcome=Outcome.NONCOMPLIANT, note=note)
    sync(one)
    sync(two)
    sync(one)
    views = [v for v in conflict_views(two) if v.entity_id == f"{task}:{item}"]
    assert len(views) == 1
    view = views[0]
    notes = {v.side: v.result.note for v in view.versions}
    assert set(notes.values()) == {"一号记录", "二号记录"}
    mine = next(v for v in view.versions if v.this_device)
    assert mine.result.note == "二号记录" and mine.recorded_by_me
    assert view.business == get_task(two, task).business.name
    assert sync_status(two).open_conflicts >= 1
