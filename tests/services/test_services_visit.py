"""The visit: observers at check-in, the business's last two years, the recusal mark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import (
    JointTask,
    Observer,
    ObserverKind,
    Outcome,
    PriorViolation,
)
from inspector_app.domain.serialization import task_from_json, task_to_json
from inspector_app.services import (
    InvalidInput,
    Profile,
    complete_inspection,
    get_task,
    import_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.services.visit import business_history, get_visit
from inspector_app.store.models import OutboxRow

AT = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)


def test_observers_are_recorded_at_check_in_and_sent(profile: Profile, task: JointTask) -> None:
    observers = [
        Observer(ObserverKind.NPC_DEPUTY, " 张代表 ", "福田区人大"),
        Observer(ObserverKind.MEDIA, "李记者", "深圳特区报"),
    ]
    start_inspection(profile, task.id, at=AT, present=["王五（法定代表人）"], observers=observers)
    visit = get_visit(profile, task.id)
    assert visit is not None
    assert visit.present == ("王五（法定代表人）",)
    assert visit.observers == (
        Observer(ObserverKind.NPC_DEPUTY, "张代表", "福田区人大"),
        Observer(ObserverKind.MEDIA, "李记者", "深圳特区报"),
    )
    with profile.db.session() as s:
        (op,) = s.scalars(select(OutboxRow)).all()
    assert op.data["observers"] == [
        {"kind": "npc_deputy", "name": "张代表", "organisation": "福田区人大"},
        {"kind": "media", "name": "李记者", "organisation": "深圳特区报"},
    ]


def test_an_observer_needs_a_name(profile: Profile, task: JointTask) -> None:
    with pytest.raises(InvalidInput, match="name"):
        start_inspection(profile, task.id, observers=[Observer(ObserverKind.MEDIA, "  ")])
    assert get_visit(profile, task.id) is None


def test_an_unknown_observer_kind_from_a_newer_client_is_kept_as_other() -> None:
    seen = Observer.from_json({"kind": "village_committee", "name": "赵主任"})
    assert seen == Observer(ObserverKind.OTHER, "赵主任", "")


def test_history_lists_two_years_of_visits_and_violations(
    profile: Profile, make_task: Callable[..., JointTask]
) -> None:
    current = make_task(
        "now",
        window_start=date(2026, 5, 4),
        history=(
            PriorViolation("SP-001", date(2025, 7, 9), "餐具未消毒"),
            PriorViolation("SP-002", date(2023, 9, 18), "超过两年的旧事"),
        ),
    )
    earlier = make_task("earlier", n_items=1, window_start=date(2025, 7, 1))
    ancient = make_task("ancient", n_items=1, window_start=date(2023, 1, 1))
    elsewhere = replace(
        make_task("elsewhere", n_items=1, window_start=date(2025, 8, 1)),
        business=replace(current.business, uscc="91440300MA5FXXXXXX"),
    )
    import_tasks(profile, [current, earlier, ancient, elsewhere])
    for done in (earlier, ancient, elsewhere):
        start_inspection(profile, done.id, at=AT)
        record_item_result(profile, done.id, done.checklist[0].id, outcome=Outcome.COMPLIANT)
        complete_inspection(profile, done.id, at=AT)

    history = business_history(profile, get_task(profile, "now"), today=date(2026, 5, 12))
    assert [v.task_id for v in history.visits] == ["earlier"]
    assert [v.description for v in history.violations] == ["餐具未消毒"]
    assert not history.related


def test_a_task_marking_the_inspector_related_asks_for_recusal(
    profile: Profile, make_task: Callable[..., JointTask], alice
) -> None:
    task = replace(make_task("r"), related={alice.id: "近亲属在该企业任职"})
    assert task_from_json(task_to_json(task)) == task
    assert "related" not in task_to_json(make_task("plain"))  # the old JSON, unchanged
    import_tasks(profile, [task])
    history = business_history(profile, get_task(profile, "r"), today=date(2026, 5, 12))
    assert history.related and history.related_reason == "近亲属在该企业任职"
