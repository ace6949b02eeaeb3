"""The lead's statistics on the laptop, against figures counted by hand (issue 12 item 5).

《企业信息公示暂行条例》第六条第二款: "前款规定的企业信息应当自产生之日起20个工作日内予以
公示。" A visit completed on 2026-03-02 is due by 2026-03-30; one completed on 2026-04-20
is due by 2026-05-20, the day the figures are counted, so it is not yet overdue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inspector_app.domain.entities import Inspector, JointTask, Role
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    import_tasks,
    lead_statistics,
    open_profile,
)
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
    C, whose plan states 30 items merged into 19."""
    with open_profile(tmp_path / "lead", user=LEAD) as p:
        with p.db.write() as s:
            set_led_teams(s, ["team-1"])
        t = make_task
        may = _at("2026-05-11")
        pull_visit(p, t("A"), submitted_at=may, checked_out_at=may, bad=("i-1",),
                   deadlines={"i-1": date(2026, 6, 30)})  # fmt: skip
        pull_visit(p, t("B"), submitted_at=may, status="approved", checked_out_at=may,
                   documents=("order_to_correct",), drafts=("risk_reminder",))  # fmt: skip
        plan = {"plan_id": "p-2026-05", "items_before": 30, "items_after": 19, "name": "餐饮"}
        pull_visit(p, t("C", plan=plan), submitted_at=may, status="published",
                   checked_out_at=may, bad=("i-2", "i-3"), corrected=("i-3",),
                   deadlines={"i-2": date(2026, 5, 15), "i-3": date(2026, 5, 1)})  # fmt: skip
        pull_visit(p, t("D"), submitted_at=None, status="in_progress", checked_out_at=None,
                   bad=("i-1",), deadlines={"i-1": date(2026, 5, 12)})  # fmt: skip
        import_tasks(p, [t("E"), t("F")])
        with p.db.write() as s:
            flag_task(s, "F", "cancelled")
        pull_visit(p, t("G"), submitted_at=None, status="completed",
                   checked_out_at=_at("2026-03-02"))  # fmt: skip
        pull_visit(p, t("K"), submitted_at=_at("2026-04-20"), checked_out_at=_at("2026-04-20"))
        pull_visit(p, t("H", team_id="team-2"), submitted_at=may, bad=("i-1",))
        yield p


def test_the_figures_of_the_led_team_counted_by_hand(lead: Profile) -> None:
    figures = lead_statistics(lead, today=TODAY)
    t = figures["totals"]
    assert figures["source"] == "laptop" and figures["filter"]["teams"] == ["team-1"]
    # Planned: A B C D E G K (F cancelled, H another team's). Done: A B C G K.
    assert (t["planned"], t["done"], t["published"], t["approved"]) == (7, 5, 1, 1)
    assert t["awaiting_review"] == 2  # A and K
    # With problems among the done: A (i-1) and C (i-2, i-3); D is not done.
    assert (t["with_problems"], t["problem_rate"]) == (2, 0.4)
    # Items: six visits of 3 merged from 6, and C's stated 30 -> 19.
    assert (t["items_before"], t["items_after"]) == (6 * 6 + 30, 6 * 3 + 19)
    assert t["items_reduction"] == round(1 - 37 / 66, 4)
    # Two departments per joint visit: 5 done joint visits stand for 10 departmental ones.
    assert (t["departmental_visits"], t["joint_visits"], t["visits_saved"]) == (10, 5, 5)
    assert t["documents"] == {"order_to_correct": 1}  # the draft is not issued
    assert t["dispositions"] == {}  # this version keeps no disposition records
    # C's i-2 (due 5-15, not corrected) and D's i-1 (due 5-12); not C's i-3 (corrected on
    # site) nor A's i-1 (due in June).
    assert t["follow_ups_overdue"] == 2
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
