"""The visit's state machine and the lead's review on a real server (issues 9 and 12).

assigned -> in_progress -> completed -> submitted -> approved | returned (-> in_progress)
-> published, enforced on the server: on SQLite and, with INSPECTOR_TEST_PG_URL, on
PostgreSQL.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from inspector_app.sync.protocol import reason_code
from inspector_server.models_visits import VisitTransition

from .conftest import Api, LiveServer, World, build_world, mutation
from .visitworld import Visit_, inspection, new_task, review, state, submitted_visit


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    return build_world(live)


def test_a_completed_visit_is_not_reopened_by_a_stale_check_in(
    live: LiveServer, world: World
) -> None:
    """Issue 9 item 3: the demo loader reset a completed visit to assigned, the window
    offered Check in again, and the server accepted completed -> in_progress and
    overwrote the check-in time."""
    a = Api(live.url).login("inspector_a")
    visit = Visit_(live, a, new_task(live, world))
    assert visit.check_in("2026-11-05T09:00:00+08:00")["status"] == "applied"
    assert visit.complete()["status"] == "applied"

    result = visit.check_in("2026-11-09T15:00:00+08:00")
    assert result["status"] == "rejected"
    assert reason_code(result["reason"]) == "visit_state"
    assert "return by the team lead" in result["reason"]
    kept = inspection(live, visit.task_id)
    assert kept["status"] == "completed"
    assert kept["checked_in_at"] == "2026-11-05T09:00:00+08:00"
    # Going back to assigned, or claiming a state only a review sets, is refused too.
    assert reason_code(visit.push(status="assigned")["reason"]) == "visit_state"
    assert reason_code(visit.push(status="approved")["reason"]) == "visit_state"
    assert "is not one of" in visit.push(status="done")["reason"]
    assert state(live, visit.task_id) == ("completed", 1)
    # An inspection record is the visit's own: its id is the task's.
    (other,) = a.push(mutation("inspection", str(uuid.uuid4()), {"task_id": visit.task_id}))
    assert reason_code(other["reason"]) == "visit_state"


def test_only_the_lead_of_the_team_reviews_and_never_their_own_visit(
    live: LiveServer, world: World
) -> None:
    a = Api(live.url).login("inspector_a")
    lead_b = Api(live.url).login("lead_b")
    admin = Api(live.url).login("admin")
    visit = submitted_visit(live, world, a)

    assert review(lead_b, world, visit.task_id, "approved")["reason"] == "forbidden"
    assert review(admin, world, visit.task_id, "approved")["reason"] == "forbidden"
    assert review(a, world, visit.task_id, "approved")["reason"] == "forbidden"
    assert state(live, visit.task_id) == ("submitted", 1)

    # A lead who is on the visit's own team of inspectors reviews someone else's visits only.
    lead = Api(live.url).login("lead")
    own = Visit_(live, a, new_task(live, world, [world.users["inspector_a"], world.users["lead"]]))
    own.check_in()
    own.complete()
    own.submit()
    result = review(lead, world, own.task_id, "approved")
    assert result["status"] == "rejected" and reason_code(result["reason"]) == "own_visit"
    assert state(live, own.task_id) == ("submitted", 1)


def test_a_review_must_be_well_formed_and_is_never_changed(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    visit = submitted_visit(live, world, a)

    nothing_said = review(lead, world, visit.task_id, "returned")
    assert reason_code(nothing_said["reason"]) == "invalid_review"
    as_someone_else = review(
        lead, world, visit.task_id, "approved", reviewer_id=world.users["lead_b"]
    )
    assert reason_code(as_someone_else["reason"]) == "invalid_review"
    bad_decision = review(lead, world, visit.task_id, "approve")
    assert reason_code(bad_decision["reason"]) == "invalid_review"
    wrong_round = review(lead, world, visit.task_id, "approved", rnd=2)
    assert reason_code(wrong_round["reason"]) == "review_round"
    assert state(live, visit.task_id) == ("submitted", 1)

    review_id = str(uuid.uuid4())
    assert (
        review(lead, world, visit.task_id, "approved", review_id=review_id)["status"] == "applied"
    )
    data = {
        "task_id": visit.task_id,
        "round": 1,
        "decision": "returned",
        "comment": "改主意了",
        "reviewer_id": world.users["lead"],
        "device_id": lead.device_id,
        "reviewed_at": "2026-11-06T10:00:00+08:00",
    }
    (changed,) = lead.push(mutation("review", review_id, data, base_rev=1))
    assert reason_code(changed["reason"]) == "invalid_review"
    (deleted,) = lead.push(mutation("review", review_id, None, base_rev=1))
    assert reason_code(deleted["reason"]) == "invalid_review"
    assert state(live, visit.task_id) == ("approved", 1)


def test_approval_only_of_a_submitted_visit(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    visit = Visit_(live, a, new_task(live, world))
    visit.check_in()
    visit.complete()
    result = review(lead, world, visit.task_id, "approved")
    assert reason_code(result["reason"]) == "visit_state"
    assert "only a submitted visit" in result["reason"]
    assert state(live, visit.task_id) == ("completed", 1)


def test_return_resubmit_approve_keeps_the_rounds(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    a2 = Api(live.url).login("inspector_a2")
    lead = Api(live.url).login("lead")
    b = Api(live.url).login("inspector_b")
    visit = submitted_visit(live, world, a)
    _, cursor_a2 = a2.pull_all()

    returned = review(
        lead,
        world,
        visit.task_id,
        "returned",
        comment="请补充整改要求",
        item_comments=[{"item_id": "SC-SP-001", "comment": "写明未亮证的位置"}],
    )
    assert returned["status"] == "applied", returned
    assert state(live, visit.task_id) == ("returned", 2)

    # The teammate's laptop pulls the review and the visit's new state.
    changes, _ = a2.pull_all(cursor_a2)
    got = {(c["entity"], c["id"]): c for c in changes}
    reviews = [c for c in changes if c["entity"] == "review"]
    assert len(reviews) == 1
    assert reviews[0]["data"]["item_comments"][0]["comment"] == "写明未亮证的位置"
    pulled = got[("inspection", visit.task_id)]["data"]
    assert pulled["status"] == "returned" and pulled["round"] == 2
    assert pulled["review_id"] == reviews[0]["id"]
    # Another team sees none of it.
    others, _ = b.pull_all()
    assert not [
        c for c in others if c.get("data", {}) and c["data"].get("task_id") == visit.task_id
    ]

    # The inspector checks in again, corrects, resubmits: round 2.
    assert visit.check_in("2026-11-07T09:00:00+08:00")["status"] == "applied"
    assert visit.record("SC-SP-001", "noncompliant", note="未在醒目位置亮证")["status"] == "applied"
    assert visit.complete("2026-11-07T10:00:00+08:00")["status"] == "applied"
    assert visit.submit("2026-11-07T10:30:00+08:00")["status"] == "applied"
    assert state(live, visit.task_id) == ("submitted", 2)

    stale = review(lead, world, visit.task_id, "approved", rnd=1)
    assert reason_code(stale["reason"]) == "review_round"
    assert review(lead, world, visit.task_id, "approved", rnd=2)["status"] == "applied"
    assert state(live, visit.task_id) == ("approved", 2)
    assert inspection(live, visit.task_id)["status"] == "approved"

    with live.factory() as s:
        history = [
            (t.round, t.from_state, t.to_state)
            for t in s.scalars(
                select(VisitTransition)
                .where(VisitTransition.task_id == visit.task_id)
                .order_by(VisitTransition.id)
            )
        ]
    assert history == [
        (1, "assigned", "in_progress"),
        (1, "in_progress", "completed"),
        (1, "completed", "submitted"),
        (1, "submitted", "returned"),
        (2, "returned", "in_progress"),
        (2, "in_progress", "completed"),
        (2, "completed", "submitted"),
        (2, "submitted", "approved"),
    ]


def test_an_edit_of_an_approved_visit_is_kept_for_the_lead(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    visit = submitted_visit(live, world, a)
    assert review(lead, world, visit.task_id, "approved")["status"] == "applied"
    _, cursor = lead.pull_all()
    rid = f"{visit.task_id}:SC-SP-001"
    rev = live.rev("item_result", rid)

    # Even on the current rev, from the device that wrote it: not applied, kept.
    result = visit.record("SC-SP-001", "compliant", note="其实合规")
    assert result["status"] == "conflict", result
    assert live.rev("item_result", rid) == rev
    late = visit.push(party_statement="补充陈述")
    assert late["status"] == "conflict"
    assert inspection(live, visit.task_id)["party_statement"] == ""
    # A new finding cannot be added to an approved visit either.
    assert reason_code(visit.record("NEW-1")["reason"]) == "visit_state"

    changes, _ = lead.pull_all(cursor)
    kept = next(c for c in changes if c["id"] == rid)
    assert kept["data"]["outcome"] == "noncompliant"
    assert [s["data"]["outcome"] for s in kept["conflicts"]] == ["compliant"]

    # The lead settles it: their pick (here, keeping the approved finding) resolves it.
    pick = dict(kept["data"], resolves=[s["op_id"] for s in kept["conflicts"]])
    (settled,) = lead.push(mutation("item_result", rid, pick, base_rev=kept["rev"]))
    assert settled["status"] == "applied", settled
    changes, _ = lead.pull_all(cursor)
    assert next(c for c in changes if c["id"] == rid)["conflicts"] == []
    # A lead may not use a pick to write elsewhere: on a visit not approved, forbidden.
    other = submitted_visit(live, world, a)
    orid = f"{other.task_id}:SC-SP-001"
    fake = {"task_id": other.task_id, "item_id": "SC-SP-001", "outcome": "compliant"}
    (refused,) = lead.push(
        mutation("item_result", orid, {**fake, "resolves": ["x"]}, live.rev("item_result", orid))
    )
    assert refused["reason"] == "forbidden"
