"""Tasks: import without outbox or audit, list with progress, read back whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from inspector_app.domain.entities import JointTask, Outcome, TaskStatus
from inspector_app.services import (
    NotFound,
    Profile,
    get_results,
    get_task,
    import_tasks,
    list_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.store.repositories import get_task_row, task_entity


def test_import_adds_no_outbox_row_and_no_audit_event(
    profile: Profile,
    make_task: Callable[..., JointTask],
    counts: Callable[[Profile], tuple[int, int]],
) -> None:
    changes = import_tasks(profile, [make_task("t-1"), make_task("t-2", n_items=5)])
    assert changes.tasks == {"t-1", "t-2"}
    assert not changes.outbox and changes.kinds == {"tasks"}
    assert counts(profile) == (0, 0)


def test_get_task_round_trips_the_whole_task(profile: Profile, task: JointTask) -> None:
    assert get_task(profile, task.id) == task
    assert get_task(profile, task.id).checklist[0].sources[1].department_code == "WJW"


def test_a_task_read_again_is_parsed_once_and_a_new_version_is_read_anew(
    profile: Profile, task: JointTask
) -> None:
    first = get_task(profile, task.id)
    # The same stored version: the checklist parsed the first time serves again.
    assert get_task(profile, task.id).checklist is first.checklist
    # The server sends a new rev with another title: that is what is read, not the copy.
    item = replace(task.checklist[0], title="新的检查项标题")
    newer = replace(task, rev=task.rev + 1, checklist=(item, *task.checklist[1:]))
    import_tasks(profile, [newer])
    again = get_task(profile, task.id)
    assert again.rev == newer.rev and again.checklist[0].title == "新的检查项标题"
    # The local status is the row's, whatever the parsed copy says.
    start_inspection(profile, task.id)
    assert get_task(profile, task.id).status is TaskStatus.IN_PROGRESS
    # The same rev written again (a loader, a repeated pull) is a new version of the row.
    same_rev = replace(newer, business=replace(newer.business, name="改名后的示例公司"))
    import_tasks(profile, [same_rev])
    with profile.db.session() as session:
        stored = task_entity(get_task_row(session, task.id))  # parsed afresh, no copy
    assert get_task(profile, task.id) == stored


def test_list_tasks_summarises_progress(
    profile: Profile, task: JointTask, make_task: Callable[..., JointTask]
) -> None:
    import_tasks(
        profile, [make_task("t-2", n_items=5, window_start=task.window_start.replace(day=1))]
    )
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT)
    summaries = {s.id: s for s in list_tasks(profile)}
    first = summaries[task.id]
    assert (first.business_name, first.uscc, first.address) == (
        "福州示例餐饮有限公司",
        "91350100M000100Y43",
        "福州市鼓楼区示例路1号",
    )
    assert first.status is TaskStatus.IN_PROGRESS
    assert (first.n_items, first.n_done) == (3, 1)
    assert first.departments == ("市场监管局", "卫健委")
    assert (first.window_start, first.window_end) == (task.window_start, task.window_end)
    assert (summaries["t-2"].n_items, summaries["t-2"].n_done) == (5, 0)
    assert [s.id for s in list_tasks(profile)] == ["t-2", "t-1"]  # by window start
    assert [s.id for s in list_tasks(profile, status=TaskStatus.ASSIGNED)] == ["t-2"]


def test_get_results_by_item(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-2", outcome=Outcome.NOT_APPLICABLE, note="无此业态")
    results = get_results(profile, task.id)
    assert list(results) == ["i-2"]
    assert results["i-2"].outcome is Outcome.NOT_APPLICABLE
    assert results["i-2"].note == "无此业态"
    assert results["i-2"].recorded_by == "u-alice"


def test_unknown_task_is_not_found(profile: Profile) -> None:
    with pytest.raises(NotFound, match="Sync"):
        get_task(profile, "nope")
    with pytest.raises(NotFound):
        get_results(profile, "nope")


def test_reimport_keeps_the_local_check_in_and_results(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT)
    import_tasks(profile, [replace(task, rev=2)])
    assert get_task(profile, task.id).status is TaskStatus.IN_PROGRESS
    assert get_task(profile, task.id).rev == 2
    assert "i-1" in get_results(profile, task.id)


def test_cancelled_on_the_server_keeps_the_work_and_is_flagged(
    profile: Profile, task: JointTask
) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.COMPLIANT)
    import_tasks(profile, [replace(task, rev=2, status=TaskStatus.CANCELLED)])
    (summary,) = list_tasks(profile)
    assert summary.server_state == "cancelled"
    assert summary.status is TaskStatus.IN_PROGRESS and summary.n_done == 1
