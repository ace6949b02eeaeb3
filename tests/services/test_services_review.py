"""Submission and the lead's review on one laptop: the queue, approve and return, what is
refused locally, the comments beside the items and the rounds' history (issue 12).

The lead's profile holds what pull would have brought (tasks, inspections, findings,
documents, reviews), written here the way pull writes it; the loopback-server tests in
tests/sync/test_review_flow.py run the same through the real server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import Inspector, JointTask, Outcome, Role, TaskStatus
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    NotFound,
    Profile,
    approve,
    complete_inspection,
    get_task,
    import_tasks,
    open_profile,
    record_item_result,
    return_visit,
    returned_comments,
    review_history,
    review_queue,
    review_visit,
    start_inspection,
    submit_inspection,
)
from inspector_app.store import verify_chain
from inspector_app.store.models import (
    AuditEventRow,
    ConflictRow,
    EvidenceRow,
    InspectionRow,
    ItemResultRow,
    OutboxRow,
    ReviewRow,
)
from inspector_app.store.reviews import set_led_teams, store_pulled
from inspector_app.store.sync_records import settle

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)
OTHER_LEAD = Inspector("u-lead-b", "lead_b", "周组长", "44030010", "SCJG", Role.TEAM_LEAD)
AT = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)


def _outbox(profile: Profile) -> list[OutboxRow]:
    with profile.db.session() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.seq)))


def _complete(profile: Profile, task: JointTask, bad: tuple[str, ...] = ()) -> None:
    start_inspection(profile, task.id, at=AT)
    for item in task.checklist:
        outcome = Outcome.NONCOMPLIANT if item.id in bad else Outcome.COMPLIANT
        record_item_result(profile, task.id, item.id, outcome=outcome, note=f"{item.id} 查看")
    complete_inspection(profile, task.id, at=AT + timedelta(hours=1))


# -- the inspector submits --------------------------------------------------------------------


def test_only_a_completed_visit_is_submitted_in_one_action(
    profile: Profile, task: JointTask, counts: Callable[[Profile], tuple[int, int]]
) -> None:
    with pytest.raises(InvalidState, match="only a completed visit"):
        submit_inspection(profile, task.id)
    start_inspection(profile, task.id, at=AT)
    with pytest.raises(InvalidState, match="in progress; only a completed visit"):
        submit_inspection(profile, task.id)
    for item in task.checklist:
        record_item_result(profile, task.id, item.id, outcome=Outcome.COMPLIANT)
    complete_inspection(profile, task.id, at=AT + timedelta(hours=1))
    before = counts(profile)

    changes = submit_inspection(profile, task.id, at=AT + timedelta(hours=2))
    assert changes.tasks == {task.id} and changes.inspections == {task.id} and changes.outbox
    assert counts(profile) == (before[0] + 1, before[1] + 1)
    op = _outbox(profile)[-1]
    assert (op.entity, op.entity_id) == ("inspection", task.id)
    assert op.data["status"] == "submitted"
    assert op.data["submitted_at"] == "2026-05-11T11:30:00.000000+00:00"
    assert get_task(profile, task.id).status is TaskStatus.SUBMITTED
    with profile.db.session() as s:
        event = s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
        assert event is not None and event.action == "submit_inspection"
        assert event.payload["previous"]["status"] == "completed"
        assert verify_chain(s, profile.device_id).ok

    with pytest.raises(InvalidState, match="already submitted"):
        submit_inspection(profile, task.id)
    assert counts(profile) == (before[0] + 1, before[1] + 1)


def test_a_visit_with_a_finding_in_conflict_is_not_submitted(
    profile: Profile, task: JointTask
) -> None:
    _complete(profile, task)
    with profile.db.write() as s:
        s.add(
            ConflictRow(
                entity="item_result",
                entity_id=f"{task.id}:i-2",
                local={"data": {}},
                remote={"data": {}},
                created_at=AT,
            )
        )
    with pytest.raises(InvalidState, match="in conflict"):
        submit_inspection(profile, task.id)


# -- the lead's laptop, with what pull brought ----------------------------------------------


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Profile]:
    with open_profile(tmp_path / "lead", user=LEAD) as p:
        with p.db.write() as s:
            set_led_teams(s, ["team-1"])
        yield p


def test_the_queue_lists_the_led_teams_submissions_newest_waiting_first(
    pull_visit: Callable[..., None], lead: Profile, make_task: Callable[..., JointTask]
) -> None:
    t = make_task
    pull_visit(lead, t("older"), submitted_at=AT, bad=("i-1", "i-3"))
    pull_visit(
        lead,
        t("newer", n_items=5),
        submitted_at=AT + timedelta(days=1),
        documents=("order_to_correct", "onsite_record", "onsite_record"),
        bad=("i-2",),
    )
    pull_visit(lead, t("no-time"), submitted_at=None)  # an older laptop sent no time
    pull_visit(lead, t("other-team", team_id="team-2"), submitted_at=AT)
    pull_visit(lead, t("own", inspector_ids=(LEAD.id, "u-bob")), submitted_at=AT)
    pull_visit(lead, t("recorded-by-lead"), submitted_at=AT, recorded_by=LEAD.id)
    pull_visit(lead, t("completed"), submitted_at=None, status="completed")
    pull_visit(lead, t("approved"), submitted_at=AT, status="approved")

    queue = review_queue(lead)
    # The visit without a submission time waits since its check-out (AT + 1 h).
    assert [e.task_id for e in queue] == ["newer", "no-time", "older"]
    newer, _, older = queue
    assert (newer.noncompliant, newer.documents, newer.results) == (1, 3, 5)
    assert newer.document_kinds == {"onsite_record": 2, "order_to_correct": 1}
    assert (older.noncompliant, older.documents, older.round) == (2, 0, 1)
    assert older.inspector_ids == ("u-alice", "u-bob")
    assert older.inspectors[1] == "u-bob"  # no name known for bob: the id
    assert older.submitted_at == AT and older.waiting_since == AT
    assert older.business_name == "福州示例餐饮有限公司" and older.team_id == "team-1"
    as_json = newer.to_json()
    assert {"task_id", "business_name", "inspectors", "submitted_at", "noncompliant"} <= set(
        as_json
    )
    assert as_json["documents"] == 3 and as_json["submitted_at"].startswith("2026-05-12T09:30")


def test_the_lead_returns_with_item_comments_in_one_action(
    pull_visit: Callable[..., None],
    lead: Profile,
    task: JointTask,
    counts: Callable[[Profile], tuple[int, int]],
) -> None:
    pull_visit(lead, task, submitted_at=AT, bad=("i-1",))
    before = counts(lead)
    at = AT + timedelta(days=1)
    changes = return_visit(
        lead,
        task.id,
        " 请补充整改期限 ",
        {"i-1": "写明未亮证的位置", "i-2": "补拍照片"},
        at=at,
    )
    (review_id,) = changes.reviews
    assert changes.tasks == {task.id} and changes.outbox
    assert counts(lead) == (before[0] + 1, before[1] + 1)
    op = _outbox(lead)[-1]
    assert (op.entity, op.entity_id, op.base_rev) == ("review", review_id, None)
    assert op.data == {
        "task_id": task.id,
        "round": 1,
        "decision": "returned",
        "comment": "请补充整改期限",
        "item_comments": [
            {"item_id": "i-1", "comment": "写明未亮证的位置"},
            {"item_id": "i-2", "comment": "补拍照片"},
        ],
        "reviewer_id": LEAD.id,
        "device_id": lead.device_id,
        "reviewed_at": "2026-05-12T09:30:00Z",
    }
    with lead.db.session() as s:
        row = s.get(ReviewRow, review_id)
        assert row is not None and row.dirty and row.base_rev is None
        event = s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
        assert event is not None and (event.action, event.actor) == ("return_visit", LEAD.id)
    # Reviewed: out of the queue, and not reviewed twice in the same round.
    assert review_queue(lead) == []
    with pytest.raises(InvalidState, match="already reviewed here"):
        approve(lead, task.id)
    (entry,) = review_history(lead, task.id)
    assert (entry.state, entry.round, entry.decision) == ("waiting", 1, "returned")


def test_a_return_says_what_to_correct_on_items_of_the_checklist(
    pull_visit: Callable[..., None],
    lead: Profile,
    task: JointTask,
    counts: Callable[[Profile], tuple[int, int]],
) -> None:
    pull_visit(lead, task, submitted_at=AT)
    before = counts(lead)
    with pytest.raises(InvalidInput, match="needs a comment"):
        return_visit(lead, task.id, "  ", {"i-1": " "})
    with pytest.raises(InvalidInput, match="not on the checklist"):
        return_visit(lead, task.id, "", {"no-such-item": "看一下"})
    with pytest.raises(InvalidInput, match="keep it under"):
        return_visit(lead, task.id, "长" * 4001)
    assert counts(lead) == before


def test_refused_locally_own_visit_other_team_or_not_submitted(
    pull_visit: Callable[..., None],
    lead: Profile,
    profile: Profile,
    make_task: Callable[..., JointTask],
    tmp_path: Path,
) -> None:
    # The inspector themselves, on their own laptop: never their own visit.
    task = make_task("mine")
    import_tasks(profile, [task])
    _complete(profile, task)
    submit_inspection(profile, task.id)
    with pytest.raises(InvalidState, match="never reviews their own visit"):
        approve(profile, task.id)
    # A lead who is on the visit's team of inspectors.
    pull_visit(lead, make_task("own", inspector_ids=(LEAD.id, "u-bob")), submitted_at=AT)
    with pytest.raises(InvalidState, match="never reviews their own visit"):
        approve(lead, "own")
    # The lead of another team (who could see it: the laptop is shared, data synced).
    with open_profile(tmp_path / "lead-b", user=OTHER_LEAD) as other:
        with other.db.write() as s:
            set_led_teams(s, ["team-2"])
        pull_visit(other, make_task("t-a"), submitted_at=AT)
        with pytest.raises(InvalidState, match="does not lead the team"):
            approve(other, "t-a")
        with other.db.write() as s:
            set_led_teams(s, [])
        with pytest.raises(InvalidState, match="leads no team"):
            approve(other, "t-a")
        assert _outbox(other) == []
    # Not submitted, or already approved.
    pull_visit(lead, make_task("done"), submitted_at=None, status="completed")
    with pytest.raises(InvalidState, match="only a submitted visit"):
        approve(lead, "done")
    pull_visit(lead, make_task("ok"), submitted_at=AT, status="approved")
    with pytest.raises(InvalidState, match="already approved"):
        approve(lead, "ok")
    with pytest.raises(NotFound):
        approve(lead, "nowhere")


def _pulled_review(profile: Profile, review_id: str, rev: int, **data: Any) -> None:
    with profile.db.write() as s:
        store_pulled(
            s,
            review_id,
            rev,
            {
                "task_id": "t-1",
                "comment": "",
                "item_comments": [],
                "reviewer_id": LEAD.id,
                "device_id": "d-lead",
                **data,
            },
        )


def test_the_inspector_sees_the_latest_returns_comments_beside_the_items(
    profile: Profile, task: JointTask
) -> None:
    assert returned_comments(profile, task.id) is None
    _pulled_review(
        profile,
        "r1",
        1,
        round=1,
        decision="returned",
        comment="第一轮",
        item_comments=[{"item_id": "i-1", "comment": "旧意见"}],
        reviewed_at="2026-05-11T10:00:00+08:00",
    )
    _pulled_review(
        profile,
        "r2",
        1,
        round=2,
        decision="returned",
        comment="请补充",
        item_comments=[
            {"item_id": "i-2", "comment": "补拍照片"},
            {"item_id": "i-2", "comment": "写明货架位置"},
        ],
        reviewed_at="2026-05-12T10:00:00+08:00",
    )
    latest = returned_comments(profile, task.id)
    assert latest is not None
    assert (latest.review_id, latest.round, latest.comment) == ("r2", 2, "请补充")
    assert latest.for_item("i-2") == ("补拍照片", "写明货架位置")
    assert latest.for_item("i-1") == ()  # the earlier round's comment is history
    assert [(r.round, r.state) for r in review_history(profile, task.id)] == [
        (1, "sent"),
        (2, "sent"),
    ]
    # The visit opened shows them beside the items; the next submission is round 3.
    with profile.db.write() as s:
        s.add(
            InspectionRow(
                task_id=task.id,
                status="returned",
                present=[],
                recorded_by="u-alice",
                rev=6,
                base_rev=6,
                dirty=False,
            )
        )
    visit = review_visit(profile, task.id)
    assert visit.round == 3 and visit.status is TaskStatus.RETURNED
    assert [i.comments for i in visit.items] == [(), ("补拍照片", "写明货架位置"), ()]


def test_a_refused_review_is_not_counted_and_the_visit_comes_back(
    pull_visit: Callable[..., None], lead: Profile, task: JointTask
) -> None:
    pull_visit(lead, task, submitted_at=AT)
    (review_id,) = return_visit(lead, task.id, "再查", at=AT).reviews
    with lead.db.write() as s:  # the server said no (a stale round, say)
        row = s.scalars(select(OutboxRow).where(OutboxRow.entity_id == review_id)).one()
        settle(s, row, "rejected", None, "review_round: the visit is in round 2")
    (entry,) = review_history(lead, task.id)
    assert entry.state == "refused" and entry.refused_reason.startswith("review_round")
    assert [e.task_id for e in review_queue(lead)] == [task.id]
    assert returned_comments(lead, task.id) is None


def test_an_acknowledged_return_opens_the_next_round(
    pull_visit: Callable[..., None], lead: Profile, task: JointTask
) -> None:
    pull_visit(lead, task, submitted_at=AT)
    (review_id,) = return_visit(lead, task.id, "再查", at=AT).reviews
    with lead.db.write() as s:
        row = s.scalars(select(OutboxRow).where(OutboxRow.entity_id == review_id)).one()
        settle(s, row, "applied", 1, None)
        inspection = s.get(InspectionRow, task.id)
        assert inspection is not None
        inspection.status, inspection.submitted_at = "submitted", AT + timedelta(days=2)
    assert [(e.task_id, e.round) for e in review_queue(lead)] == [(task.id, 2)]
    approve(lead, task.id, "可以", at=AT + timedelta(days=3))
    assert [(r.round, r.decision) for r in review_history(lead, task.id)] == [
        (1, "returned"),
        (2, "approved"),
    ]


def test_the_visit_opened_for_review_has_every_result_photo_and_document(
    pull_visit: Callable[..., None], lead: Profile, task: JointTask, jpeg: bytes
) -> None:
    pull_visit(lead, task, submitted_at=AT, bad=("i-2",), documents=("order_to_correct",))
    sha = lead.blobs.put(jpeg)
    with lead.db.write() as s:
        s.get(ItemResultRow, f"{task.id}:i-2").evidence = [sha, "b" * 64]  # type: ignore[union-attr]
        s.add(
            EvidenceRow(
                sha256=sha,
                task_id=task.id,
                item_id="i-2",
                mime="image/jpeg",
                size=len(jpeg),
                caption="货架",
                captured_at=None,
                created_by="u-alice",
                created_at=AT,
            )
        )
    visit = review_visit(lead, task.id)
    assert visit.refusal is None and visit.noncompliant == 1
    assert [i.item_id for i in visit.items] == ["i-1", "i-2", "i-3"]
    second = visit.items[1]
    assert second.outcome is Outcome.NONCOMPLIANT and second.note.endswith("未亮证")
    assert [(p.sha256, p.caption, p.on_laptop) for p in second.photos] == [
        (sha, "货架", True),
        ("b" * 64, "", False),  # named by the finding, still to come down
    ]
    assert second.disposition is None  # this version keeps no disposition records
    (doc,) = visit.documents
    assert (doc.kind, doc.title, doc.status) == ("order_to_correct", "责令改正通知书", "final")
    assert visit.submitted_at == AT and visit.inspectors[1] == "u-bob"


def test_a_new_task_version_never_takes_a_visit_back(profile: Profile, task: JointTask) -> None:
    """A plan change (a new rev of the task record, which always says "assigned") came
    down after the visit was completed and acknowledged: the task went back to assigned,
    and the window offered Check in again."""
    _complete(profile, task)
    submit_inspection(profile, task.id)
    with profile.db.write() as s:  # the server took it all
        for row in s.scalars(select(OutboxRow)):
            settle(s, row, "applied", 3, None)
    import_tasks(profile, [replace(task, rev=2, window_end=date(2026, 6, 30))])
    assert get_task(profile, task.id).status is TaskStatus.SUBMITTED
    assert get_task(profile, task.id).window_end == date(2026, 6, 30)
