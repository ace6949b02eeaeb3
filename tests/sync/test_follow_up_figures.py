"""Overdue follow-ups (复查) counted three ways agree: the inspector's list, the lead's
figures on the lead's laptop and the server's statistics, on one data set made through
the real services and synced through the real server on loopback.

《食品生产经营监督检查管理办法》第三十三条第二款: "需要限期整改的，市场监督管理部门应当书面提出
整改要求和时限。被检查单位应当按期整改，并将整改情况报告市场监督管理部门。市场监督管理部门应当
跟踪整改情况并记录整改结果。" Issue 11 item 7: an order to correct with a deadline creates a
follow-up visit due on that date; recording the follow-up closes it.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from inspector_app.domain.entities import DispositionKind, Outcome, TaskStatus
from inspector_app.services import (
    Profile,
    complete_inspection,
    get_task,
    lead_statistics,
    list_follow_ups,
    list_tasks,
    record_follow_up,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.services.dispositions import decide, get_disposition
from inspector_server.models import Team, User
from inspector_server.services import stats

PG_URL = os.environ.get("INSPECTOR_TEST_PG_URL")
REASON = "限期整改，到期复查"
STATEMENT = "经现场核实，所认定的事实不同：一般项目，情节轻微，不影响食品安全"


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=[pytest.mark.pg, pytest.mark.skipif(not PG_URL, reason="no PostgreSQL")],
        ),
    ],
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """The demo server on SQLite, and on PostgreSQL (a schema of its own) when there is one."""
    world = sys.modules["syncworld"]
    folder = tmp_path_factory.mktemp("server")
    if request.param == "sqlite":
        settings = world.demo_settings(folder)
        world.prepare(settings)
        live = world.start_server(settings)
        yield live
        live.stop()
        return
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    settings = world.demo_settings(folder, db_url=url)
    world.prepare(settings)
    live = world.start_server(settings)
    try:
        yield live
    finally:
        live.stop()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _fresh_tasks(profile: Profile, n: int) -> list[str]:
    """``n`` assigned tasks of this inspector with at least three items."""
    user = profile.require_user()
    found = [
        t.id
        for t in sorted(list_tasks(profile), key=lambda t: t.id)
        if t.status is TaskStatus.ASSIGNED
        and user.id in (task := get_task(profile, t.id)).inspector_ids
        and len(task.checklist) >= 3
    ]
    assert len(found) >= n, found
    return found[:n]


def _visit(profile: Profile, task_id: str, orders: dict[int, date | None]) -> None:
    """Check in, record every item and check out. The items in ``orders`` (by position)
    are non-compliant: with a date, decided as an order to correct by it; with None, a
    deadline of today + 3 on the finding and no decision (as an older laptop leaves it)."""
    start_inspection(profile, task_id)
    items = [i.id for i in get_task(profile, task_id).checklist]
    for n, item in enumerate(items):
        if n not in orders:
            record_item_result(profile, task_id, item, outcome=Outcome.COMPLIANT)
            continue
        deadline = orders[n]
        record_item_result(
            profile,
            task_id,
            item,
            outcome=Outcome.NONCOMPLIANT,
            note="未按规定公示",
            deadline=deadline or date.today() + timedelta(days=3),
        )
        if deadline is None:
            continue
        # The rules' proposal where it is an order to correct, else the inspector orders
        # correction with a reason (and says why a mandatory rule does not apply).
        proposal = get_disposition(profile, task_id, item).proposal
        if proposal is not None and proposal.disposition.kind is DispositionKind.ORDER_TO_CORRECT:
            decide(profile, task_id, item, accept=True)
        else:
            decide(profile, task_id, item, kind="order_to_correct", reason=REASON,
                   statement=STATEMENT)  # fmt: skip
    complete_inspection(profile, task_id)


def test_the_inspectors_list_the_leads_figure_and_the_servers_agree(
    make_laptop: Any, server: Any
) -> None:
    one = make_laptop("inspector1")
    lead = make_laptop("lead")
    assert sync(one).exit_code == 0
    today = date.today()
    first, second = _fresh_tasks(one, 2)
    # The first visit: two orders due in 5 days (one follow-up visit) and one in 10.
    _visit(one, first, {0: today + timedelta(days=5), 1: today + timedelta(days=5),
                        2: today + timedelta(days=10)})  # fmt: skip
    # The second: an order due in 7 days, followed up on day 8 (closed); a finding with
    # a deadline and no disposition (none); an order due in 40 days (not yet due).
    _visit(one, second, {0: today + timedelta(days=7), 1: None,
                         2: today + timedelta(days=40)})  # fmt: skip
    assert sync(one).exit_code == 0
    record_follow_up(
        one, second, corrected=True, due_on=today + timedelta(days=7), on=today + timedelta(days=8)
    )
    assert sync(one).exit_code == 0
    assert sync(lead).exit_code == 0

    # Counted 30 days on, by hand: the first visit's follow-ups of day 5 and day 10.
    on = today + timedelta(days=30)
    expected = [(first, today + timedelta(days=5)), (first, today + timedelta(days=10))]
    listed = [(f.task_id, f.due_on) for f in list_follow_ups(one, on=on) if f.state == "overdue"]
    assert listed == expected
    (upcoming,) = [f for f in list_follow_ups(one, on=on) if f.state == "upcoming"]
    assert (upcoming.task_id, upcoming.due_on) == (second, today + timedelta(days=40))

    mine = lead_statistics(lead, today=on)
    with server.factory() as s:
        lead_id = s.scalar(select(User.id).where(User.username == "lead"))
        led = frozenset(s.scalars(select(Team.id).where(Team.lead_id == lead_id)))
        theirs = stats.compute(s, stats.StatsFilter(team_ids=led), on)
    assert mine["totals"]["follow_ups_overdue"] == len(expected) == 2
    assert theirs["totals"]["follow_ups_overdue"] == len(expected)
    # The lead's laptop holds the same records: its own list says the same.
    on_leads = [(f.task_id, f.due_on) for f in list_follow_ups(lead, on=on)
                if f.state == "overdue"]  # fmt: skip
    assert on_leads == expected
    # Per team, plan and month too, the laptop's figures are the server's.
    for section in ("by_team", "by_plan", "by_month", "by_department"):
        ours = [g["follow_ups_overdue"] for g in mine[section]]
        assert ours == [g["follow_ups_overdue"] for g in theirs[section]], section
    # The day after the first falls due, it alone is overdue, in all three.
    day6 = today + timedelta(days=6)
    with server.factory() as s:
        on_day6 = stats.compute(s, stats.StatsFilter(team_ids=led), day6)["totals"]
    assert on_day6["follow_ups_overdue"] == 1
    assert lead_statistics(lead, today=day6)["totals"]["follow_ups_overdue"] == 1
    listed = [(f.task_id, f.due_on) for f in list_follow_ups(one, on=day6) if f.state == "overdue"]
    assert listed == expected[:1]
