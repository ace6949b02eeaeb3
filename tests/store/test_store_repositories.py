"""Tasks coming down: the JSON round trip, upserts, and local work surviving them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from inspector_app.domain.entities import (
    Business,
    Department,
    ItemResult,
    JointTask,
    MergedItem,
    Outcome,
    PriorViolation,
    Severity,
    SourceItem,
    TaskStatus,
)
from inspector_app.store import Database
from inspector_app.store.codec import (
    item_result_from_json,
    item_result_to_json,
    task_from_json,
    task_to_json,
)
from inspector_app.store.models import InspectionRow
from inspector_app.store.repositories import (
    CANCELLED,
    REASSIGNED,
    get_task_row,
    merged_item_rows,
    task_entity,
    upsert_task,
)

NOW = datetime(2026, 5, 9, 8, 0, tzinfo=UTC)


def _task(rev: int = 1, status: TaskStatus = TaskStatus.ASSIGNED, n_items: int = 2) -> JointTask:
    return JointTask(
        id="t-1",
        business=Business("91350100M000100Y43", "示例超市", "福州市鼓楼区1号", "张三"),
        departments=(Department("SCJG", "市场监管局"), Department("YJJ", "药监局")),
        lead_department_code="SCJG",
        inspector_ids=("u-alice", "u-bob"),
        team_id=None,
        window_start=date(2026, 5, 4),
        window_end=date(2026, 5, 29),
        checklist=tuple(
            MergedItem(
                id=f"i-{n}",
                code=f"C{n}",
                title=f"项目{n}",
                content="内容",
                method="查看",
                legal_basis=("《食品安全法》第三十五条", "《食品安全法》第五十四条"),
                severity=Severity.KEY,
                sources=(SourceItem("SCJG", f"C{n}", f"项目{n}", ("《食品安全法》",)),),
            )
            for n in range(n_items)
        ),
        status=status,
        plan={"seed": 7, "ratio": {"A": 0.03}},
        history=(PriorViolation("C0", date(2025, 1, 2), "过期", True),),
        rev=rev,
    )


def test_task_json_round_trips() -> None:
    task = _task()
    assert task_from_json(task_to_json(task)) == task


def test_item_result_json_has_the_wire_shape_and_round_trips() -> None:
    result = ItemResult(
        task_id="t-1",
        item_id="i-1",
        outcome=Outcome.NONCOMPLIANT,
        note="过期食品2袋",
        measurements={"temp_c": 8.5},
        evidence=("a" * 64,),
        corrected_on_site=True,
        deadline=date(2026, 5, 20),
        recorded_by="u-alice",
        recorded_at=NOW,
    )
    data = item_result_to_json(result)
    assert set(data) == {
        "task_id",
        "item_id",
        "outcome",
        "note",
        "measurements",
        "evidence",
        "corrected_on_site",
        "deadline",
        "recorded_by",
        "recorded_at",
    }
    assert data["outcome"] == "noncompliant" and data["deadline"] == "2026-05-20"
    assert data["recorded_at"] == "2026-05-09T08:00:00.000000+00:00"
    assert item_result_from_json(data) == result


def test_upsert_inserts_updates_and_ignores_an_older_rev(db: Database) -> None:
    with db.write() as s:
        assert upsert_task(s, _task(rev=2), now=NOW)
    with db.write() as s:
        assert not upsert_task(s, _task(rev=1, n_items=5), now=NOW)
        assert upsert_task(s, _task(rev=3, n_items=3), now=NOW)
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None and row.rev == 3
        assert [i.item_id for i in merged_item_rows(s, "t-1")] == ["i-0", "i-1", "i-2"]
        assert task_entity(row) == _task(rev=3, n_items=3)
        assert row.departments == ["市场监管局", "药监局"]


def test_a_local_check_in_not_yet_synced_wins_over_a_stale_download(db: Database) -> None:
    with db.write() as s:
        upsert_task(s, _task(), now=NOW)
    with db.write() as s:
        s.add(
            InspectionRow(
                task_id="t-1",
                status="in_progress",
                present=[],
                party_statement="",
                recorded_by="u-alice",
                checked_in_at=NOW,
                checked_out_at=None,
                rev=1,
                base_rev=None,
                dirty=True,
            )
        )
        row = get_task_row(s, "t-1")
        assert row is not None
        row.status = "in_progress"
    with db.write() as s:
        upsert_task(s, _task(rev=2), now=NOW)
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None and row.status == "in_progress" and row.rev == 2


def test_a_cancelled_or_reassigned_task_keeps_local_work(db: Database) -> None:
    with db.write() as s:
        upsert_task(s, _task(), now=NOW, user_id="u-alice")
        s.add(
            InspectionRow(
                task_id="t-1",
                status="in_progress",
                present=[],
                party_statement="",
                recorded_by="u-alice",
                checked_in_at=NOW,
                checked_out_at=None,
                rev=1,
                base_rev=1,
                dirty=False,
            )
        )
        row = get_task_row(s, "t-1")
        assert row is not None
        row.status = "in_progress"
    with db.write() as s:
        upsert_task(s, _task(rev=2, status=TaskStatus.CANCELLED), now=NOW, user_id="u-alice")
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None
        assert (row.status, row.server_state) == ("in_progress", CANCELLED)
    moved = replace(_task(rev=3), inspector_ids=("u-carol", "u-dave"))
    with db.write() as s:
        upsert_task(s, moved, now=NOW, user_id="u-alice")
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None
        assert (row.status, row.server_state) == ("in_progress", REASSIGNED)


def test_a_task_that_never_named_the_user_is_not_flagged_reassigned(db: Database) -> None:
    theirs = replace(_task(), inspector_ids=("u-carol", "u-dave"))
    with db.write() as s:
        upsert_task(s, theirs, now=NOW, user_id="u-lead")
        upsert_task(s, replace(theirs, rev=2), now=NOW, user_id="u-lead")
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None and row.server_state is None


def _visit(db: Database, status: str) -> None:
    """A visit recorded here and acknowledged by the server (not dirty)."""
    with db.write() as s:
        visit = s.get(InspectionRow, "t-1")
        if visit is None:
            visit = InspectionRow(
                task_id="t-1",
                present=[],
                party_statement="",
                recorded_by="u-alice",
                checked_in_at=NOW,
                checked_out_at=None,
                rev=1,
                base_rev=1,
                dirty=False,
            )
            s.add(visit)
        visit.status = status
        row = get_task_row(s, "t-1")
        assert row is not None
        row.status = status


def _status(db: Database) -> str:
    with db.session() as s:
        row = get_task_row(s, "t-1")
        assert row is not None
        return row.status


def test_a_task_loaded_again_never_moves_a_recorded_visit_back(db: Database) -> None:
    with db.write() as s:
        upsert_task(s, _task(rev=1), now=NOW, user_id="u-alice")
    _visit(db, "completed")
    for rev in (1, 2):  # a reload at the same rev (the demo), a newer one (a pull)
        with db.write() as s:
            upsert_task(s, _task(rev=rev), now=NOW, user_id="u-alice")
        assert _status(db) == "completed"
    _visit(db, "in_progress")
    with db.write() as s:
        upsert_task(s, _task(rev=3), now=NOW, user_id="u-alice")
    assert _status(db) == "in_progress"


def test_only_a_newer_return_by_the_lead_reopens_a_finished_visit(db: Database) -> None:
    with db.write() as s:
        upsert_task(s, _task(rev=1), now=NOW, user_id="u-alice")
    _visit(db, "submitted")
    with db.write() as s:  # the same rev saying "returned": not news
        upsert_task(s, _task(rev=1, status=TaskStatus.RETURNED), now=NOW, user_id="u-alice")
    assert _status(db) == "submitted"
    with db.write() as s:
        upsert_task(s, _task(rev=2, status=TaskStatus.RETURNED), now=NOW, user_id="u-alice")
    assert _status(db) == "returned"
    with db.write() as s:  # a reload does not undo the return
        upsert_task(s, _task(rev=2, status=TaskStatus.ASSIGNED), now=NOW, user_id="u-alice")
    assert _status(db) == "returned"
    _visit(db, "in_progress")  # the inspector checked in again
    with db.write() as s:
        upsert_task(s, _task(rev=2, status=TaskStatus.RETURNED), now=NOW, user_id="u-alice")
    assert _status(db) == "in_progress"
