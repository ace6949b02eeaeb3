"""Statistics on a known data set, every figure counted by hand below (both databases)."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from inspector_server.cli import main
from inspector_server.core.db import write_session
from inspector_server.services import stats, visits

from .conftest import SECRET, Api, LiveServer, World, build_world, mutation
from .visitworld import Visit_, new_task, review

PLAN = {"plan_id": "P1", "name": "2026年福田区餐饮联合抽查", "items_before": 30, "items_after": 19}
TODAY = date(2026, 12, 10)


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    """world.task_a (team A) and world.task_b (team B): assigned, no plan, 1 item each,
    departments SZSCJG and XF. Added here, team A, plan P1 (30 items -> 19):
    V1 approved with one non-compliance (order to correct by 2026-11-10, not corrected,
    an order document issued), V2 completed and compliant, V3 assigned."""
    w = build_world(live)
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    v1 = Visit_(live, a, new_task(live, w, plan=PLAN))
    v1.check_in()
    v1.record(
        "SC-SP-001",
        "noncompliant",
        deadline="2026-11-10",
        disposition={"kind": "order_to_correct"},
    )
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
    assert t["dispositions"] == {"order_to_correct": 1}
    assert t["documents"] == {"order_to_correct": 1}
    assert t["follow_ups_overdue"] == 1  # due 2026-11-10, not corrected
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

    only_b = figures(live, team_ids=frozenset({"team-b"}))["totals"]
    assert (only_b["planned"], only_b["done"], only_b["dispositions"]) == (1, 0, {})
    assert figures(live, since=date(2026, 12, 1))["totals"]["planned"] == 0
    assert figures(live, until=date(2026, 11, 4))["totals"]["planned"] == 3  # windows only

    # The projection rebuilt from the records (what migration 0005 does) says the same.
    with write_session(live.factory) as s:
        visits.rebuild(s)
    assert figures(live) == result


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
