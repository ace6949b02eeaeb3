"""The task list's views, counts, filters and search on a known set of tasks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from inspector_app.domain.entities import (
    CreditClass,
    Department,
    JointTask,
    Outcome,
    TaskStatus,
)
from inspector_app.services import (
    Profile,
    complete_inspection,
    import_tasks,
    list_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.services.task_views import (
    TaskFilter,
    TaskView,
    facets,
    view_counts,
    view_task_ids,
)
from inspector_app.store.models import OutboxRow

TODAY = date(2026, 5, 12)
FOOD = Department("SCJG", "市场监管局")
FIRE = Department("XF", "消防救援大队")


@pytest.fixture
def known(profile: Profile, make_task: Callable[..., JointTask]) -> dict[str, JointTask]:
    """Seven tasks: each view's expected members are named in the tests below."""

    def task(task_id: str, name: str, start: date, end: date, **kw: object) -> JointTask:
        base = make_task(task_id, n_items=2, window_start=start, window_end=end)
        business = replace(base.business, name=name, **kw.pop("business", {}))  # type: ignore[arg-type]
        return replace(base, business=business, **kw)  # type: ignore[arg-type]

    tasks = {
        "open": task("open", "湘里人家餐馆", date(2026, 5, 4), date(2026, 5, 29)),
        "overdue": task("overdue", "小厨娘快餐店", date(2026, 4, 1), date(2026, 4, 30)),
        "later": task(
            "later",
            "精工五金",
            date(2026, 6, 1),
            date(2026, 6, 30),
            departments=(FIRE,),
            business={"credit_class": CreditClass.D, "area": "南山区"},
        ),
        "started": task("started", "上沙海鲜大排档", date(2026, 5, 4), date(2026, 5, 29)),
        "finished": task("finished", "好又多超市", date(2026, 5, 4), date(2026, 5, 29)),
        "returned": task(
            "returned", "星光KTV", date(2026, 5, 4), date(2026, 5, 29), status=TaskStatus.RETURNED
        ),
        "cancelled": task(
            "cancelled",
            "福田药房",
            date(2026, 5, 4),
            date(2026, 5, 29),
            status=TaskStatus.CANCELLED,
        ),
    }
    import_tasks(profile, tasks.values())
    at = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)
    start_inspection(profile, "started", at=at)
    start_inspection(profile, "finished", at=at)
    for item in tasks["finished"].checklist:
        record_item_result(profile, "finished", item.id, outcome=Outcome.COMPLIANT, at=at)
    complete_inspection(profile, "finished", at=at)
    return tasks


EXPECTED = {
    TaskView.TODAY: {"open", "overdue", "started", "returned"},
    TaskView.UPCOMING: {"later"},
    TaskView.FOLLOW_UPS: set(),  # no follow-up service yet: empty, not guessed
    TaskView.DONE: {"finished"},
    TaskView.ATTENTION: {"returned", "cancelled"},
    TaskView.ALL: {"open", "overdue", "later", "started", "finished", "returned", "cancelled"},
}


def test_each_view_holds_the_tasks_it_names_and_counts_them(
    profile: Profile, known: dict[str, JointTask]
) -> None:
    counts = view_counts(profile, today=TODAY)
    for view, expected in EXPECTED.items():
        assert view_task_ids(profile, view, today=TODAY) == expected, view
        assert counts[view] == len(expected), view
    assert list(counts) == list(TaskView)  # the order the window lists them in


def test_a_view_can_be_asked_about_a_few_tasks_only(
    profile: Profile, known: dict[str, JointTask]
) -> None:
    among = {"open", "later", "nonexistent"}
    assert view_task_ids(profile, TaskView.TODAY, today=TODAY, among=among) == {"open"}
    assert view_task_ids(profile, TaskView.TODAY, today=TODAY, among=set()) == set()


def test_a_rejected_change_puts_its_task_under_needs_attention(
    profile: Profile, known: dict[str, JointTask]
) -> None:
    record_item_result(profile, "started", known["started"].checklist[0].id, outcome="compliant")
    with profile.db.write() as s:
        for row in s.query(OutboxRow).filter(OutboxRow.entity == "item_result"):
            if row.entity_id.startswith("started:"):
                row.state, row.reason = "rejected", "forbidden"
    assert "started" in view_task_ids(profile, TaskView.ATTENTION, today=TODAY)
    assert view_counts(profile, today=TODAY)[TaskView.ATTENTION] == 3


def test_summaries_carry_the_list_columns(profile: Profile, known: dict[str, JointTask]) -> None:
    by_id = {s.id: s for s in list_tasks(profile)}
    later = by_id["later"]
    assert later.credit_class is CreditClass.D and later.area == "南山区"
    assert later.department_codes == ("XF",) and later.departments == ("消防救援大队",)
    assert by_id["finished"].done and (by_id["finished"].n_done, by_id["finished"].n_items) == (
        2,
        2,
    )
    assert by_id["overdue"].overdue(TODAY) and not by_id["open"].overdue(TODAY)
    assert [s.id for s in list_tasks(profile, ids={"later", "open"})] == ["open", "later"]


def test_search_matches_name_uscc_and_department_every_word(
    profile: Profile, known: dict[str, JointTask]
) -> None:
    tasks = list_tasks(profile)

    def ids(f: TaskFilter) -> set[str]:
        return {t.id for t in f.apply(tasks)}

    assert ids(TaskFilter(text="五金")) == {"later"}
    assert ids(TaskFilter(text="91350100m000100y43")) == set(EXPECTED[TaskView.ALL])
    assert ids(TaskFilter(text="消防")) == {"later"}
    assert ids(TaskFilter(text="xf 精工")) == {"later"}
    assert ids(TaskFilter(text="xf 湘里")) == set()
    assert ids(TaskFilter(department="XF")) == {"later"}
    assert ids(TaskFilter(area="南山区")) == {"later"}
    assert ids(TaskFilter(credit_class=CreditClass.C)) == set(EXPECTED[TaskView.ALL]) - {"later"}
    assert ids(TaskFilter(status=TaskStatus.IN_PROGRESS)) == {"started"}
    assert ids(TaskFilter(text="超市", status=TaskStatus.COMPLETED)) == {"finished"}


def test_facets_offer_the_values_held(profile: Profile, known: dict[str, JointTask]) -> None:
    f = facets(list_tasks(profile))
    assert f.departments == (("SCJG", "市场监管局"), ("WJW", "卫健委"), ("XF", "消防救援大队"))
    assert f.areas == ("南山区",)
    assert TaskStatus.COMPLETED in f.statuses and TaskStatus.APPROVED not in f.statuses
