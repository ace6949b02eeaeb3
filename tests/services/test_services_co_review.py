"""On-site co-review without a network: the lead unlocks their own profile inside the
inspector's with their password, reviews there and locks again (issue 12 item 2).

The lead's co-review profile is set up here as a sign-in leaves it (user, offline
password verifier, led teams); tests/sync/test_review_flow.py signs in for real.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import Inspector, JointTask, Role
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    co_reviewers,
    open_profile,
    returned_comments,
    unlock_co_review,
)
from inspector_app.services.co_review import co_review_folder, sync_co_reviews
from inspector_app.services.sync import SignInRequired
from inspector_app.store import verify_chain
from inspector_app.store.models import AuditEventRow, InspectionRow, OutboxRow, ReviewRow
from inspector_app.store.repositories import set_state
from inspector_app.store.reviews import set_led_teams
from inspector_app.sync.credentials import password_verifier
from inspector_app.sync.engine import USERNAME_KEY, VERIFIER_KEY
from inspector_app.sync.report import SyncReport

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)


def _signed_in_here(profile: Profile, lead: Inspector = LEAD, password: str = "pw") -> Path:
    folder = co_review_folder(profile, lead.username)
    with open_profile(folder, user=lead) as p:
        with p.db.write() as s:
            set_state(s, USERNAME_KEY, lead.username)
            set_state(s, VERIFIER_KEY, password_verifier(password))
            set_led_teams(s, ["team-1"])
    return folder


def _rows(folder: Path, model: type) -> list:  # type: ignore[type-arg]
    with open_profile(folder) as p, p.db.session() as s:
        return list(s.scalars(select(model)))


def test_the_lead_reviews_on_the_inspectors_laptop_and_locks_again(
    profile: Profile, task: JointTask, pull_visit: Callable[..., None]
) -> None:
    pull_visit(profile, task, submitted_at=None, bad=("i-1",))
    with pytest.raises(SignInRequired, match="never signed in on this laptop"):
        unlock_co_review(profile, "lead", "pw")
    folder = _signed_in_here(profile)
    assert co_reviewers(profile) == ["lead"]
    with pytest.raises(InvalidInput, match="Wrong password"):
        unlock_co_review(profile, "lead", "guess")
    with pytest.raises(InvalidInput, match="not a user name"):
        unlock_co_review(profile, "../lead", "pw")

    with unlock_co_review(profile, "lead", "pw") as co:
        assert [e.task_id for e in co.queue()] == [task.id]
        assert co.visit(task.id).refusal is None
        (review_id,) = co.return_visit(task.id, "补充", {"i-1": "写明位置"}).reviews
        lead_device = co.reviewer.device_id
    assert co.locked
    with pytest.raises(InvalidState, match="locked"):
        co.approve(task.id)

    # The review is the lead's: in their profile, their device, their audit chain.
    (op,) = _rows(folder, OutboxRow)
    assert (op.entity, op.entity_id) == ("review", review_id)
    assert op.data["reviewer_id"] == LEAD.id and op.data["device_id"] == lead_device
    assert lead_device != profile.device_id
    (event,) = _rows(folder, AuditEventRow)
    assert (event.action, event.actor, event.device_id) == ("return_visit", LEAD.id, lead_device)
    assert event.payload["on_device"] == profile.device_id
    # The inspector's laptop shows it at once, sends nothing of it, and records who came.
    with profile.db.session() as s:
        copy = s.get(ReviewRow, review_id)
        assert copy is not None and not copy.dirty and copy.base_rev is None
        assert s.scalars(select(OutboxRow).where(OutboxRow.entity == "review")).all() == []
        trail = [
            (e.action, e.actor)
            for e in s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))
            if e.action.startswith("co_review")
        ]
        assert verify_chain(s, profile.device_id).ok
        inspection = s.get(InspectionRow, task.id)
        assert inspection is not None and inspection.status == "submitted"  # the server's call
    assert trail == [
        ("co_review_unlocked", LEAD.id),
        ("co_review", LEAD.id),
        ("co_review_locked", LEAD.id),
    ]
    comments = returned_comments(profile, task.id)
    assert comments is not None and comments.for_item("i-1") == ("写明位置",)


def test_a_co_review_waits_until_the_submission_it_reviews_is_on_the_server(
    profile: Profile, task: JointTask, pull_visit: Callable[..., None]
) -> None:
    pull_visit(profile, task, submitted_at=None)
    _signed_in_here(profile)
    with unlock_co_review(profile, "lead", "pw") as co:
        co.approve(task.id)
    with profile.db.write() as s:  # the submission is still in the inspector's outbox
        row = s.get(InspectionRow, task.id)
        assert row is not None
        row.dirty = True
    report = sync_co_reviews(profile, SyncReport(pull_complete=True))
    # Nothing was sent (no network was needed to decide): the review waits, reported.
    assert report.applied == 0 and report.pending == 1 and report.exit_code == 1
    # Offline, the same: it waits for the next sync.
    with profile.db.write() as s:
        s.get(InspectionRow, task.id).dirty = False  # type: ignore[union-attr]
    offline = sync_co_reviews(profile, SyncReport(unreachable="no network"))
    assert offline.pending == 1 and offline.exit_code == 2
