"""The lead's review through a real server on loopback, with real laptops (issue 12).

Two laptops: the inspector submits, the lead on the other laptop returns with an item
comment, the inspector sees it after sync, corrects, resubmits, the lead approves, the
server publishes. Then the same with the lead reviewing on the inspector's laptop offline
(``--as lead``, the headless commands in subprocesses) and syncing later. A lead of
another team and the inspector themselves are refused, on the laptop and by the server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import Outcome, TaskStatus
from inspector_app.services import (
    InvalidState,
    Profile,
    approve,
    attach_evidence,
    complete_inspection,
    get_task,
    lead_statistics,
    list_refused,
    list_tasks,
    open_profile,
    record_item_result,
    return_visit,
    returned_comments,
    review_history,
    review_queue,
    review_visit,
    start_inspection,
    submit_inspection,
    sync,
)
from inspector_app.store import verify_chain
from inspector_app.store.models import AuditEventRow, ReviewRow
from inspector_app.sync.protocol import ReviewData, reason_code
from inspector_server.core.db import write_session
from inspector_server.core.security import PasswordHashing
from inspector_server.models import AuditChain, Device, Record, Team, User
from inspector_server.models_visits import Visit
from inspector_server.services import accounts, publication, stats

ROOT = Path(__file__).resolve().parents[2]
TEAM_1 = "cd0d9691-846c-51a2-bde6-5fd883ed0d32"
TEAM_3 = "0b6f1c1e-3f53-4d5e-9a56-7d3a2a0c0003"


def _server_state(server: Any, task_id: str) -> tuple[str, int]:
    with server.factory() as s:
        visit = s.get(Visit, task_id)
        assert visit is not None
        return visit.state, visit.round


def _user_id(server: Any, username: str) -> str:
    with server.factory() as s:
        return str(s.scalar(select(User.id).where(User.username == username)))


def _add_lead_b(server: Any) -> None:
    """lead_b: a team lead of a third team (no task of team 1 is theirs to review)."""
    with write_session(server.factory) as s:
        if s.scalar(select(User.id).where(User.username == "lead_b")) is None:
            hashing = PasswordHashing(server.settings)
            user = accounts.create_user(
                s,
                hashing,
                username="lead_b",
                role="team_lead",
                password="demo",
                display_name="周组长",
                department_code="SZSCJG",
                badge_no="19030010219",
                is_demo=True,
            )
            accounts.ensure_team(s, team_id=TEAM_3, name="罗湖联合检查组", lead_id=user.id)


def _set_team_lead(server: Any, team_id: str, username: str) -> None:
    with write_session(server.factory) as s:
        team = s.get(Team, team_id)
        assert team is not None
        team.lead_id = s.scalar(select(User.id).where(User.username == username))


def _fresh_task(profile: Profile, n: int = 0) -> str:
    """A team-1 task of this inspector not yet visited (tests share the server)."""
    user = profile.require_user()
    mine = [
        t.id
        for t in sorted(list_tasks(profile), key=lambda t: t.id)
        if t.status is TaskStatus.ASSIGNED and user.id in get_task(profile, t.id).inspector_ids
    ]
    return mine[n]


def _visit(
    profile: Profile, task_id: str, *, note: str = "未亮证经营", photo: bytes | None = None
) -> str | None:
    """Check in, record every item (the first non-compliant, with ``photo``), check out;
    returns the photo's hash."""
    start_inspection(profile, task_id)
    sha = None
    for n, item in enumerate(get_task(profile, task_id).checklist):
        if n == 0:
            record_item_result(profile, task_id, item.id, outcome=Outcome.NONCOMPLIANT, note=note)
            if photo is not None:
                sha, _ = attach_evidence(profile, task_id, item.id, photo, caption="门口")
        else:
            record_item_result(profile, task_id, item.id, outcome=Outcome.COMPLIANT)
    complete_inspection(profile, task_id)
    return sha


def _publish(server: Any) -> list[str]:
    with write_session(server.factory) as s:
        batch = publication.publish(s, since=None, now=datetime.now(UTC))
        return [row["抽查任务编号"] if "抽查任务编号" in row else "" for row in batch.rows]


# -- two laptops --------------------------------------------------------------------------


def test_return_correct_resubmit_approve_publish_across_two_laptops(
    make_laptop: Any, server: Any, sw: Any
) -> None:
    one = make_laptop("inspector1")
    lead = make_laptop("lead")
    assert sync(one).exit_code == 0 and sync(lead).exit_code == 0
    task = _fresh_task(one)
    first_item = get_task(one, task).checklist[0]
    sha = _visit(one, task, photo=sw.jpeg(7))
    submit_inspection(one, task)
    assert sync(one).exit_code == 0
    assert _server_state(server, task) == ("submitted", 1)

    # The lead's laptop: the submission in the queue, the visit opened whole.
    assert sync(lead).exit_code == 0
    (entry,) = [e for e in review_queue(lead) if e.task_id == task]
    assert entry.noncompliant == 1 and entry.round == 1 and entry.submitted_at is not None
    assert "李明轩" in entry.inspectors
    visit = review_visit(lead, task)
    assert visit.refusal is None and visit.items[0].note == "未亮证经营"
    assert [(p.sha256, p.on_laptop) for p in visit.items[0].photos] == [(sha, True)]

    return_visit(lead, task, "请补充整改要求", {first_item.id: "写明未亮证的位置"})
    report = sync(lead)
    assert report.exit_code == 0 and report.applied == 1, report.summary()
    assert _server_state(server, task) == ("returned", 2)
    assert task not in [e.task_id for e in review_queue(lead)]

    # The inspector sees the return, with the comment beside the item.
    assert sync(one).exit_code == 0
    assert get_task(one, task).status is TaskStatus.RETURNED
    comments = returned_comments(one, task)
    assert comments is not None and comments.comment == "请补充整改要求"
    assert comments.for_item(first_item.id) == ("写明未亮证的位置",)
    assert review_visit(one, task).items[0].comments == ("写明未亮证的位置",)
    with pytest.raises(InvalidState, match="never reviews their own visit"):
        approve(one, task)

    # Corrected and submitted again: round 2.
    start_inspection(one, task)
    record_item_result(
        one, task, first_item.id, outcome=Outcome.NONCOMPLIANT, note="未在店门口醒目位置亮证"
    )
    complete_inspection(one, task)
    submit_inspection(one, task)
    assert sync(one).exit_code == 0
    assert _server_state(server, task) == ("submitted", 2)

    assert sync(lead).exit_code == 0
    (entry,) = [e for e in review_queue(lead) if e.task_id == task]
    assert entry.round == 2
    approve(lead, task, "同意")
    assert sync(lead).exit_code == 0
    assert _server_state(server, task) == ("approved", 2)
    assert [(r.round, r.decision, r.state) for r in review_history(lead, task)] == [
        (1, "returned", "sent"),
        (2, "approved", "sent"),
    ]

    _publish(server)
    assert _server_state(server, task) == ("published", 2)
    assert sync(one).exit_code == 0
    assert get_task(one, task).status is TaskStatus.PUBLISHED
    assert [r.decision for r in review_history(one, task)] == ["returned", "approved"]


def test_refused_on_the_laptop_and_by_the_server(make_laptop: Any, server: Any) -> None:
    _add_lead_b(server)
    one = make_laptop("inspector1", "one-refusals")
    assert sync(one).exit_code == 0
    task = _fresh_task(one)
    _visit(one, task)
    submit_inspection(one, task)
    assert sync(one).exit_code == 0

    # A lead of another team: their laptop never holds the visit, and refuses it.
    other = make_laptop("lead_b")
    assert sync(other).exit_code == 0
    assert review_queue(other) == []
    # Their sign-in said they led team 1 (since handed back): the laptop takes the review,
    # the server refuses it, and the laptop says so.
    _set_team_lead(server, TEAM_1, "lead_b")
    stale = make_laptop("lead_b", "lead-b-stale")
    assert sync(stale).exit_code == 0
    assert [e.task_id for e in review_queue(stale) if e.task_id == task] == [task]
    _set_team_lead(server, TEAM_1, "lead")
    approve(stale, task)
    report = sync(stale)
    assert report.exit_code == 1
    (refused,) = [r for r in report.rejected if r.entity == "review"]
    assert reason_code(refused.reason) == "forbidden"
    (entry,) = review_history(stale, task)
    assert entry.state == "refused"
    (listed,) = [r for r in list_refused(stale) if r.entity == "review"]
    assert listed.task_id == task and listed.advice.startswith("Only the lead")
    assert _server_state(server, task) == ("submitted", 1)

    # The inspector themselves: refused here; a review an older laptop would have sent
    # without asking is refused by the server.
    with pytest.raises(InvalidState, match="never reviews their own visit"):
        approve(one, task)
    user = one.require_user()
    data = ReviewData.model_validate(
        {
            "task_id": task,
            "round": 1,
            "decision": "approved",
            "reviewer_id": user.id,
            "device_id": one.device_id,
            "reviewed_at": datetime.now(UTC),
        }
    ).model_dump(mode="json")
    with one.db.action(actor=user.id, device_id=one.device_id) as act:
        from inspector_app.store.reviews import new_review

        new_review(act.session, "00000000-0000-4000-8000-00000000beef", data)
        act.record("review", "00000000-0000-4000-8000-00000000beef", None, data, action="x")
    report = sync(one)
    (refused,) = [r for r in report.rejected if r.entity == "review"]
    assert reason_code(refused.reason) == "forbidden"
    assert _server_state(server, task) == ("submitted", 1)


def test_the_leads_laptop_figures_equal_the_servers(make_laptop: Any, server: Any) -> None:
    """After the flows above: what the lead's laptop counts from what it synced is what
    the server counts for the teams they lead."""
    lead = make_laptop("lead", "lead-stats")
    assert sync(lead).exit_code in (0, 1)  # conflicts left by other tests are fine here
    mine = lead_statistics(lead)
    with server.factory() as s:
        led = frozenset(s.scalars(select(Team.id).where(Team.lead_id == _user_id(server, "lead"))))
        theirs = stats.compute(
            s, stats.StatsFilter(team_ids=led), date.fromisoformat(mine["as_of"])
        )
    assert mine["filter"]["teams"] == sorted(led)
    assert mine["totals"]["done"] >= 2 and mine["totals"]["published"] >= 1
    assert mine["totals"] == theirs["totals"]
    strip = ("name",)
    for section in ("by_team", "by_department", "by_plan", "by_month"):
        ours = [{k: v for k, v in g.items() if k not in strip} for g in mine[section]]
        server_side = [{k: v for k, v in g.items() if k not in strip} for g in theirs[section]]
        assert ours == server_side, section


# -- on-site co-review, headless ----------------------------------------------------------


def _cli(
    folder: Path, *args: str, password: str | None = "demo", lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["INSPECTOR_KEYRING"] = "off"
    env.pop("INSPECTOR_PASSWORD", None)
    if password is not None:
        env["INSPECTOR_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli", "--lang", lang, "--profile", str(folder)]
        + list(args),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_co_review_on_the_inspectors_laptop_offline_with_the_cli(sw: Any, tmp_path: Path) -> None:
    settings = sw.demo_settings(tmp_path / "server")
    sw.prepare(settings)
    live = sw.start_server(settings)
    try:
        _add_lead_b(live)
        folder = tmp_path / "inspector1"
        assert _cli(folder, "login", "--server", live.url, "--user", "inspector1").returncode == 0
        assert _cli(folder, "sync").returncode == 0
        # The lead signs in on this laptop once, with a network; so does lead_b.
        done = _cli(folder, "reviewer-login", "--user", "lead")
        assert done.returncode == 0, done.stderr
        assert "--as lead" in done.stdout
        assert _cli(folder, "reviewer-login", "--user", "lead_b").returncode == 0
        with open_profile(folder) as one:
            task = _fresh_task(one)
            item = get_task(one, task).checklist[0]
            _visit(one, task)

        live.stop()  # on site: no network from here on
        assert _cli(folder, "submit", task).returncode == 0
        queue = _cli(folder, "review-queue", "--json", "--as", "lead")
        assert queue.returncode == 0, queue.stderr
        (entry,) = json.loads(queue.stdout)
        assert entry["task_id"] == task and entry["noncompliant"] == 1 and entry["round"] == 1
        assert {"business_name", "inspectors", "submitted_at", "documents"} <= set(entry)

        wrong = _cli(folder, "review", task, "--approve", "--as", "lead", password="guess")
        assert wrong.returncode == 1 and "Wrong password" in wrong.stderr
        own = _cli(folder, "review", task, "--approve")
        assert own.returncode == 1 and "never reviews their own visit" in own.stderr
        own_zh = _cli(folder, "review", task, "--approve", lang="zh_CN")
        assert own_zh.returncode == 1 and "不得审核自己的检查" in own_zh.stderr
        other = _cli(folder, "review", task, "--approve", "--as", "lead_b")
        assert other.returncode == 1 and "does not lead the team" in other.stderr
        never = _cli(folder, "review", task, "--approve", "--as", "inspector2")
        assert never.returncode == 1 and "never signed in on this laptop" in never.stderr
        back = _cli(
            folder,
            *("review", task, "--return", "--comment", "现场复核：补充整改期限"),
            *("--item", item.code, "--item-comment", "写明未亮证的位置", "--as", "lead"),
        )
        assert back.returncode == 0, back.stderr
        assert "Returned" in back.stdout and "赵振华" in back.stdout
        shown = json.loads(_cli(folder, "review-show", task, "--json").stdout)
        assert shown["returned"]["comment"] == "现场复核：补充整改期限"
        assert shown["items"][0]["comments"] == ["写明未亮证的位置"]
        assert shown["status"] == "submitted"  # the server decides; it has not heard yet
        offline = _cli(folder, "sync")
        assert offline.returncode == 2, offline.stdout + offline.stderr

        live = sw.start_server(settings, port=live.port)  # back in the office
        synced = _cli(folder, "sync")
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert _server_state(live, task) == ("returned", 2)
        lead_id = _user_id(live, "lead")
        with live.factory() as s:
            review = s.scalars(select(Record).where(Record.entity == "review")).one()
            assert review.data["reviewer_id"] == lead_id
            device = s.get(Device, review.data["device_id"])
            assert device is not None and device.user_id == lead_id
        with open_profile(folder) as one:
            assert review.data["device_id"] != one.device_id
            assert get_task(one, task).status is TaskStatus.RETURNED
            with one.db.session() as s:
                copy = s.get(ReviewRow, review.id)
                assert copy is not None and copy.base_rev is not None and not copy.dirty
                # The laptop's own trail says who unlocked it, reviewed and locked it again.
                trail = [
                    (e.action, e.actor)
                    for e in s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))
                    if e.action.startswith("co_review")
                ]
                assert verify_chain(s, one.device_id).ok
            assert ("co_review_unlocked", lead_id) in trail
            assert ("co_review", lead_id) in trail and trail[-1] == ("co_review_locked", lead_id)
            with live.factory() as s:  # both chains arrived whole
                for device in (one.device_id, review.data["device_id"]):
                    chain = s.get(AuditChain, device)
                    assert chain is not None and not chain.broken and chain.events > 0
            # The correction, then the lead approves on site again.
            start_inspection(one, task)
            record_item_result(
                one, task, item.id, outcome=Outcome.NONCOMPLIANT, note="未在醒目位置亮证"
            )
            complete_inspection(one, task)
        assert _cli(folder, "submit", task).returncode == 0
        assert _cli(folder, "review", task, "--approve", "--as", "lead").returncode == 0
        assert _cli(folder, "sync").returncode == 0
        assert _server_state(live, task) == ("approved", 2)

        env = {**os.environ, "PYTHONPATH": str(ROOT), "INSPECTOR_SERVER_DB": settings.db}
        env.update(INSPECTOR_SERVER_DATA=str(settings.data), INSPECTOR_SERVER_DEMO="1")
        out = tmp_path / "results.csv"
        published = subprocess.run(
            [sys.executable, "-m", "inspector_server.cli", "publish", "--out", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert published.returncode == 0, published.stderr
        assert _server_state(live, task) == ("published", 2)
        assert _cli(folder, "sync").returncode == 0
        with open_profile(folder) as one:
            assert get_task(one, task).status is TaskStatus.PUBLISHED
    finally:
        live.stop()
