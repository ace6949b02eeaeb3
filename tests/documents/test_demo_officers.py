"""The demo teams can issue the market-supervision agency's decisions lawfully."""

from __future__ import annotations

from collections import Counter

from inspector_app.documents import load_settings
from inspector_app.services.demo import demo_dataset


def test_every_team_and_every_task_holds_two_officers_of_the_issuing_agency() -> None:
    """行政处罚法第四十二条: "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于
    两人，法律另有规定的除外。" In a joint visit each officer acts for their own agency, so a
    market-supervision decision needs two market-supervision officers on the team and on the
    task: a fire-brigade officer cannot make up the second one."""
    data = demo_dataset()
    agency = load_settings().agency.department_code
    people = {p.id: p for p in data.inspectors}
    for team in data.teams:
        own = [i for i in team.member_ids if people[i].department_code == agency]
        assert len(own) >= 2, f"{team.name}: {len(own)} officer(s) of {agency}"
        assert all(people[i].badge_no for i in own)
    for task in data.tasks:
        if agency not in {d.code for d in task.departments}:
            continue
        count = Counter(people[i].department_code for i in task.inspector_ids)
        assert count[agency] >= 2, f"task {task.id} ({task.business.name}): {dict(count)}"


def test_the_demo_accounts_are_kept() -> None:
    data = demo_dataset()
    names = {p.username: p for p in data.inspectors}
    assert {"admin", "lead", "inspector1", "inspector2", "inspector3"} <= set(names)
    assert names["inspector1"].department_code == "SZSCJG"
    assert names["inspector2"].department_code == "XF"
    assert names["inspector3"].department_code == "SZSCJG"
