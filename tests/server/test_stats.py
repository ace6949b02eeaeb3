"""Statistics on a known data set, every figure counted by hand below (both databases).

Follow-ups (复查) are counted as the laptop lists them (``inspector_app.domain.follow_ups``):
《食品生产经营监督检查管理办法》第三十三条第二款 "需要限期整改的，市场监督管理部门应当书面提出
整改要求和时限……市场监督管理部门应当跟踪整改情况并记录整改结果。" One follow-up visit per
business and due day, from confirmed orders to correct; recording its result closes it.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from inspector_server.cli import main
from inspector_server.core.db import write_session
from inspector_server.models import Record
from inspector_server.services import stats, visits

from .conftest import SECRET, Api, LiveServer, World, build_world, mutation
from .visitworld import Visit_, new_task, review

PLAN = {"plan_id": "P1", "name": "2026年福田区餐饮联合抽查", "items_before": 30, "items_after": 19}
TODAY = date(2026, 12, 10)
ITEMS = [
    {"id": f"SC-SP-00{n}", "code": f"SC-SP-00{n}", "title": f"事项{n}", "severity": "general"}
    for n in range(1, 7)
]


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    """world.task_a (team A) and world.task_b (team B): assigned, no plan, 1 item each,
    departments SZSCJG and XF. Added here, team A, plan P1 (30 items -> 19):
    V1 approved with five non-compliances (an order document issued), each with the
    deadline the laptop records on the finding:

    * 001 ordered corrected by 2026-11-10 and 002 a summary penalty ordering it by the
      same day, neither followed up: one follow-up visit, overdue;
    * 003 ordered by 2026-11-15, followed up (corrected): closed;
    * 004 ordered by 2026-11-25, not followed up: a second follow-up visit, overdue;
    * 005 a deadline on the finding and no disposition record (an older laptop's): none.
    * 006 ordered by 2026-12-20: upcoming on 2026-12-10, not overdue.

    V2 completed and compliant, V3 assigned."""
    w = build_world(live)
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    v1 = Visit_(live, a, new_task(live, w, plan=PLAN, checklist=ITEMS))
    v1.check_in()
    orders: list[tuple[str, str, date, date | None]] = [
        ("SC-SP-001", "order_to_correct", date(2026, 11, 10), None),
        ("SC-SP-002", "summary_penalty", date(2026, 11, 10), None),
        ("SC-SP-003", "order_to_correct", date(2026, 11, 15), date(2026, 11, 14)),
        ("SC-SP-004", "order_to_correct", date(2026, 11, 25), None),
        ("SC-SP-006", "order_to_correct", date(2026, 12, 20), None),
    ]
    for item, kind, deadline, followed_up in orders:
        v1.record(item, "noncompliant", deadline=deadline.isoformat())
        assert v1.decide(item, kind, deadline, followed_up=followed_up)["status"] == "applied"
    v1.record("SC-SP-005", "noncompliant", deadline="2026-11-20")
    v1.complete("2026-11-05T11:00:00+08:00")
    (doc,) = a.push(
        mutation(
            "document",
            str(uuid.uuid4()),
            {"task_id": v1.task_id, "kind": "order_to_correct", "number": "N1", "status": "final"},
        )
    )
    assert doc["status"] == "applied"
    v1.submit()
    assert review(lead, w, v1.task_id, "approved")["status"] == "applied"
    v2 = Visit_(live, a, new_task(live, w, plan=PLAN))
    v2.check_in()
    v2.record("SC-SP-001", "compliant")
    v2.complete("2026-11-05T15:00:00+08:00")
    new_task(live, w, plan=PLAN)
    return w


def figures(live: LiveServer, **filters: object) -> dict:
    with live.factory() as s:
        return stats.compute(s, stats.StatsFilter(**filters), TODAY)  # type: ignore[arg-type]


def test_figures_equal_the_hand_count(live: LiveServer, world: World) -> None:
    result = figures(live)
    t = result["totals"]
    assert (t["planned"], t["done"], t["published"], t["approved"]) == (5, 2, 0, 1)
    assert (t["with_problems"], t["problem_rate"]) == (1, 0.5)
    # 3 × 30 + 1 + 1 items before, 3 × 19 + 1 + 1 after: 92 -> 59, −35.87%.
    assert (t["items_before"], t["items_after"], t["items_reduction"]) == (92, 59, 0.3587)
    # Two joint visits done, each for two departments: 4 departmental visits, 2 saved.
    assert (t["departmental_visits"], t["joint_visits"], t["visits_saved"]) == (4, 2, 2)
    assert t["dispositions"] == {"order_to_correct": 4, "summary_penalty": 1}
    assert t["documents"] == {"order_to_correct": 1}
    # V1 on 2026-11-10 (001 and 002) and on 2026-11-25 (004); not 003 (followed up),
    # 005 (no disposition) nor 006 (due 2026-12-20).
    assert t["follow_ups_overdue"] == 2
    # Both completed 2026-11-05: deadline 2026-12-03, passed on 2026-12-10, unpublished.
    assert t["publication_overdue"] == 2

    teams = {g["team_id"]: g for g in result["by_team"]}
    assert (teams["team-a"]["planned"], teams["team-a"]["done"]) == (4, 2)
    assert (teams["team-b"]["planned"], teams["team-b"]["done"]) == (1, 0)
    assert teams["team-b"]["problem_rate"] is None and teams["team-a"]["name"] == "A"
    departments = {g["department_code"]: g for g in result["by_department"]}
    assert departments.keys() == {"SZSCJG", "XF"}
    assert departments["XF"]["planned"] == 5 and departments["XF"]["with_problems"] == 1
    assert departments["XF"]["name"] == "消防"
    plans = {g["plan_id"]: g for g in result["by_plan"]}
    assert (plans["P1"]["planned"], plans["P1"]["done"], plans[None]["planned"]) == (3, 2, 2)
    assert plans["P1"]["name"] == PLAN["name"]
    assert [(g["month"], g["planned"], g["done"]) for g in result["by_month"]] == [
        ("2026-11", 5, 2)
    ]
    # V1's two follow-ups wherever V1 counts: its team, plan, month, and each department.
    assert teams["team-a"]["follow_ups_overdue"] == plans["P1"]["follow_ups_overdue"] == 2
    assert result["by_month"][0]["follow_ups_overdue"] == 2
    assert [g["follow_ups_overdue"] for g in result["by_department"]] == [2, 2]
    assert teams["team-b"]["follow_ups_overdue"] == plans[None]["follow_ups_overdue"] == 0
    # On 2026-11-25 only the first was overdue (the second is due that day, not overdue).
    with live.factory() as s:
        on_25 = stats.compute(s, stats.StatsFilter(), date(2026, 11, 25))
    assert on_25["totals"]["follow_ups_overdue"] == 1

    only_b = figures(live, team_ids=frozenset({"team-b"}))["totals"]
    assert (only_b["planned"], only_b["done"], only_b["dispositions"]) == (1, 0, {})
    assert only_b["follow_ups_overdue"] == 0
    assert figures(live, since=date(2026, 12, 1))["totals"]["planned"] == 0
    assert figures(live, until=date(2026, 11, 4))["totals"]["planned"] == 3  # windows only

    # The projection rebuilt from the records (what migration 0005 does) says the same.
    with write_session(live.factory) as s:
        visits.rebuild(s)
    assert figures(live) == result


def _v1(live: LiveServer) -> str:
    with live.factory() as s:
        rid = s.scalar(
            select(Record.id).where(Record.entity == "disposition", Record.id.like("%:SC-SP-004"))
        )
    assert rid is not None
    return str(rid).partition(":")[0]


def test_a_follow_up_recorded_after_approval_closes_it(live: LiveServer, world: World) -> None:
    """The inspector records the 2026-11-25 follow-up (its disposition record, pushed after
    the visit was approved): one overdue follow-up is left, V1 on 2026-11-10."""
    a = Api(live.url).login("inspector_a")
    v1 = Visit_(live, a, _v1(live))
    done: Any = v1.decide(
        "SC-SP-004", "order_to_correct", date(2026, 11, 25), followed_up=date(2026, 11, 26)
    )
    assert done["status"] == "applied"
    assert figures(live)["totals"]["follow_ups_overdue"] == 1
    # Then 001 alone of the 2026-11-10 visit: the visit stays open while 002 is.
    assert v1.decide("SC-SP-001", "order_to_correct", date(2026, 11, 10),
                     followed_up=date(2026, 11, 12))["status"] == "applied"  # fmt: skip
    assert figures(live)["totals"]["follow_ups_overdue"] == 1
    assert v1.decide("SC-SP-002", "summary_penalty", date(2026, 11, 10),
                     followed_up=date(2026, 11, 12))["status"] == "applied"  # fmt: skip
    assert figures(live)["totals"]["follow_ups_overdue"] == 0


def test_admin_api_and_command(live: LiveServer, world: World, monkeypatch, capsys) -> None:
    admin = Api(live.url).login("admin")
    body = admin.get("/api/v1/admin/stats").json()
    assert body["totals"]["planned"] == 5 and body["totals"]["done"] == 2
    lead = Api(live.url).login("lead")
    mine = lead.get("/api/v1/admin/stats").json()
    assert mine["filter"]["teams"] == ["team-a"] and mine["totals"]["planned"] == 4
    assert lead.get("/api/v1/admin/stats", params={"team": "team-b"}).status_code == 403
    assert Api(live.url).login("inspector_a").get("/api/v1/admin/stats").status_code == 403

    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    db = ["--db", live.settings.database_url]
    assert main([*db, "stats", "--json", "--team", "team-a"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["totals"]["planned"] == 4 and printed["totals"]["with_problems"] == 1
    assert main([*db, "stats"]) == 0
    text = capsys.readouterr().out
    assert "planned      5" in text and "per team:" in text
    assert main([*db, "stats", "--since", "2026-12-02", "--until", "2026-12-01"]) == 1
