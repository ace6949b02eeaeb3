"""The lead's statistics on the laptop, against figures counted by hand (issue 12 item 5).

《企业信息公示暂行条例》第六条第二款: "前款规定的企业信息应当自产生之日起20个工作日内予以
公示。" A visit completed on 2026-03-02 is due by 2026-03-30; one completed on 2026-04-20
is due by 2026-05-20, the day the figures are counted, so it is not yet overdue.

《食品生产经营监督检查管理办法》第三十三条第二款: "需要限期整改的，市场监督管理部门应当书面提出
整改要求和时限……市场监督管理部门应当跟踪整改情况并记录整改结果。" A follow-up is due on the
date of a confirmed order to correct, one visit per business and day, until its result is
recorded: the lead's figure counts the follow-ups the inspectors' list shows overdue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inspector_app.domain.entities import Inspector, JointTask, Role
from inspector_app.domain.reference import ROSTER, ROSTER_NAME, record_data, record_id
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    import_tasks,
    lead_statistics,
    list_follow_ups,
    open_profile,
)
from inspector_app.store.models import ReferenceRow
from inspector_app.store.reviews import set_led_teams
from inspector_app.store.sync_records import flag_task

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)
TODAY = date(2026, 5, 20)


def _at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T02:00:00+00:00").astimezone(UTC)  # 10:00 in China


@pytest.fixture
def lead(
    tmp_path: Path, make_task: Callable[..., JointTask], pull_visit: Callable[..., None]
) -> Iterator[Profile]:
    """Team 1 (led): A submitted, B approved, C published, D in progress, E assigned,
    F cancelled, G completed in March, K completed on 2026-04-20. Team 2 (not led): H.
    Every task has 3 merged items of 2 departmental items each and 2 departments, except
    C, whose plan states 30 items merged into 19.

    Orders to correct (deadline, on the finding and the disposition record): A i-1 by
    06-30; C i-1 and i-2 (a summary penalty) by 05-15; D i-1 by 05-12 followed up on
    05-13, D i-2 by 05-12 not; H i-1 by 05-01. A's i-2 has a deadline (05-10) and no
    disposition; C's i-3 was corrected on site, no penalty."""
    with open_profile(tmp_path / "lead", user=LEAD) as p:
        with p.db.write() as s:
            set_led_teams(s, ["team-1"])
        t = make_task
        may = _at("2026-05-11")
        pull_visit(p, t("A"), submitted_at=may, checked_out_at=may, bad=("i-1", "i-2"),
                   deadlines={"i-1": date(2026, 6, 30), "i-2": date(2026, 5, 10)},
                   dispositions={"i-1": "order_to_correct"})  # fmt: skip
        pull_visit(p, t("B"), submitted_at=may, status="approved", checked_out_at=may,
                   documents=("order_to_correct",), drafts=("risk_reminder",))  # fmt: skip
        plan = {"plan_id": "p-2026-05", "items_before": 30, "items_after": 19, "name": "餐饮"}
        pull_visit(p, t("C", plan=plan), submitted_at=may, status="published",
                   checked_out_at=may, bad=("i-1", "i-2", "i-3"), corrected=("i-3",),
                   deadlines={"i-1": date(2026, 5, 15), "i-2": date(2026, 5, 15),
                              "i-3": date(2026, 5, 1)},
                   dispositions={"i-1": "order_to_correct", "i-2": "summary_penalty",
                                 "i-3": "no_penalty"})  # fmt: skip
        pull_visit(p, t("D"), submitted_at=None, status="in_progress", checked_out_at=None,
                   bad=("i-1", "i-2"),
                   deadlines={"i-1": date(2026, 5, 12), "i-2": date(2026, 5, 12)},
                   dispositions={"i-1": "order_to_correct", "i-2": "order_to_correct"},
                   followed_up={"i-1": date(2026, 5, 13)})  # fmt: skip
        import_tasks(p, [t("E"), t("F")])
        with p.db.write() as s:
            flag_task(s, "F", "cancelled")
        pull_visit(p, t("G"), submitted_at=None, status="completed",
                   checked_out_at=_at("2026-03-02"))  # fmt: skip
        pull_visit(p, t("K"), submitted_at=_at("2026-04-20"), checked_out_at=_at("2026-04-20"))
        pull_visit(p, t("H", team_id="team-2"), submitted_at=may, bad=("i-1",),
                   deadlines={"i-1": date(2026, 5, 1)},
                   dispositions={"i-1": "order_to_correct"})  # fmt: skip
        yield p


def test_the_figures_of_the_led_team_counted_by_hand(lead: Profile) -> None:
    figures = lead_statistics(lead, today=TODAY)
    t = figures["totals"]
    assert figures["source"] == "laptop" and figures["filter"]["teams"] == ["team-1"]
    # Planned: A B C D E G K (F cancelled, H another team's). Done: A B C G K.
    assert (t["planned"], t["done"], t["published"], t["approved"]) == (7, 5, 1, 1)
    assert t["awaiting_review"] == 2  # A and K
    # With problems among the done: A (i-1, i-2) and C (i-1 to i-3); D is not done.
    assert (t["with_problems"], t["problem_rate"]) == (2, 0.4)
    # Items: six visits of 3 merged from 6, and C's stated 30 -> 19.
    assert (t["items_before"], t["items_after"]) == (6 * 6 + 30, 6 * 3 + 19)
    assert t["items_reduction"] == round(1 - 37 / 66, 4)
    # Two departments per joint visit: 5 done joint visits stand for 10 departmental ones.
    assert (t["departmental_visits"], t["joint_visits"], t["visits_saved"]) == (10, 5, 5)
    assert t["documents"] == {"order_to_correct": 1}  # the draft is not issued
    assert t["dispositions"] == {"no_penalty": 1, "order_to_correct": 4, "summary_penalty": 1}
    # C on 05-15 (i-1 and i-2: one visit) and D on 05-12 (i-2 open, i-1 followed up); not
    # A's June order, A's i-2 (a deadline, no disposition), C's i-3, nor H (team 2).
    assert t["follow_ups_overdue"] == 2
    overdue = [(f.task_id, f.due_on) for f in list_follow_ups(lead, on=TODAY)
               if f.state == "overdue"]  # fmt: skip
    assert overdue == [("H", date(2026, 5, 1)), ("D", date(2026, 5, 12)),
                       ("C", date(2026, 5, 15))]  # fmt: skip
    assert t["publication_overdue"] == 1  # G; K's deadline is today

    months = {g["month"]: g for g in figures["by_month"]}
    assert sorted(months) == ["2026-03", "2026-04", "2026-05"]
    assert (months["2026-03"]["planned"], months["2026-03"]["done"]) == (1, 1)
    assert (months["2026-04"]["done"], months["2026-04"]["awaiting_review"]) == (1, 1)
    # D and E count in May by their window (2026-05-04), not being done.
    assert (months["2026-05"]["planned"], months["2026-05"]["done"]) == (5, 3)
    departments = {g["department_code"]: g for g in figures["by_department"]}
    assert sorted(departments) == ["SCJG", "WJW"]
    assert departments["WJW"]["name"] == "卫健委" and departments["WJW"]["done"] == 5
    (team,) = figures["by_team"]
    assert team["team_id"] == "team-1" and team["planned"] == 7
    (plan,) = figures["by_plan"]
    assert plan["plan_id"] == "p-2026-05" and plan["name"] == "餐饮"


def test_a_period_and_the_teams_of_another_lead(lead: Profile) -> None:
    may = lead_statistics(lead, since=date(2026, 5, 1), until=date(2026, 5, 31), today=TODAY)
    assert (may["totals"]["planned"], may["totals"]["done"]) == (5, 3)
    assert may["totals"]["follow_ups_overdue"] == 2
    with pytest.raises(InvalidInput, match="only the teams you lead"):
        lead_statistics(lead, teams=["team-2"])
    with pytest.raises(InvalidInput, match="before its start"):
        lead_statistics(lead, since=date(2026, 5, 2), until=date(2026, 5, 1))
    with lead.db.write() as s:
        set_led_teams(s, [])
    with pytest.raises(InvalidState, match="leads no team"):
        lead_statistics(lead)


def test_teams_are_named_as_the_servers_roster_names_them(lead: Profile) -> None:
    # Before any roster came: the id (the demo's teams are other teams).
    (team,) = lead_statistics(lead, today=TODAY)["by_team"]
    assert team["team_id"] == "team-1" and team["name"] == ""
    with lead.db.write() as s:
        s.add(
            ReferenceRow(
                id=record_id(ROSTER, ROSTER_NAME),
                kind=ROSTER,
                rev=1,
                data=record_data(
                    ROSTER,
                    ROSTER_NAME,
                    {"officers": [], "teams": [{"id": "team-1", "name": "福田一组"}]},
                ),
                received_at=datetime.now(UTC),
            )
        )
    (team,) = lead_statistics(lead, today=TODAY)["by_team"]
    assert (team["team_id"], team["name"], team["planned"]) == ("team-1", "福田一组", 7)
