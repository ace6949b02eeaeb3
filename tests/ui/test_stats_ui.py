"""The lead's statistics page on a known data set, against figures counted by hand
(issue 14: "the statistics page on a known data set showing the figures counted by hand").

The lead leads team-1 and team-2; figures are counted on 2026-05-20. Every task has 3
merged check items made from 6 departmental ones, and 2 departments.

team-1  A  submitted 05-11, i-1 non-compliant: an order to correct due 06-30 (not yet
           due), a 责令改正通知书 issued
        B  approved 05-11, all compliant, a 现场笔录 issued
        C  published 04-15, i-1 and i-2 non-compliant: an order to correct due 05-15
           (overdue follow-up) and a summary penalty with its decision issued
        D  assigned (window from 05-04), not visited
team-2  E  completed 03-02, not submitted: past its 20 working days unpublished
        F  submitted 05-12, i-3 non-compliant

Done: A B C E F (5). With a non-compliance: A C F (3): 问题发现率 3 / 5 = 60.0 %.
Items: 6 visits x 6 before, x 3 after: 36 -> 18, 50.0 % fewer. Departmental visits:
5 done x 2 = 10, for 5 joint visits: 5 saved. Follow-ups overdue: C's (1). Publication
overdue: E (1; A, B and F are within 20 working days, C is published).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from inspector_app.domain.enforcement import (
    Decision,
    DispositionRecord,
    DispositionStatus,
    disposition_record_to_json,
)
from inspector_app.domain.entities import (
    Business,
    Department,
    Disposition,
    DispositionKind,
    Inspector,
    JointTask,
    MergedItem,
    Outcome,
    Role,
    Severity,
    SourceItem,
)
from inspector_app.domain.findings import Assessment
from inspector_app.domain.reference import ROSTER, ROSTER_NAME, record_data, record_id
from inspector_app.services import Profile, import_tasks, open_profile
from inspector_app.store.models import (
    DispositionRow,
    DocumentRow,
    InspectionRow,
    ItemResultRow,
    ReferenceRow,
    TaskRow,
)
from inspector_app.store.reviews import set_led_teams
from inspector_app.ui.operations import Operations
from inspector_app.ui.stats.page import StatisticsPage
from inspector_app.ui.stats.periods import PeriodKind, period_bounds

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)
INSPECTOR = Inspector("u-alice", "inspector1", "李明", "44030001", "SCJG")
TODAY = date(2026, 5, 20)


def _task(task_id: str, team: str) -> JointTask:
    items = tuple(
        MergedItem(
            id=f"i-{n}",
            code=f"SP-{n:03d}",
            title=f"检查项目{n}",
            content="查看许可证",
            method="现场查看",
            legal_basis=("《中华人民共和国食品安全法》第三十五条",),
            severity=Severity.GENERAL,
            sources=(
                SourceItem("SCJG", f"SP-{n:03d}", f"检查项目{n}"),
                SourceItem("WJW", f"WS-{n:03d}", f"卫生项目{n}"),
            ),
        )
        for n in (1, 2, 3)
    )
    return JointTask(
        id=task_id,
        business=Business(
            uscc="91350100M000100Y43", name=f"示例餐饮{task_id}", address="福州", legal_rep="王五"
        ),
        departments=(Department("SCJG", "市场监管局"), Department("WJW", "卫健委")),
        lead_department_code="SCJG",
        inspector_ids=("u-alice",),
        team_id=team,
        window_start=date(2026, 5, 4),
        window_end=date(2026, 5, 29),
        checklist=items,
        plan={"plan_id": "p-2026", "name": "餐饮"},
    )


def _visit(
    p: Profile,
    task_id: str,
    team: str,
    status: str,
    day: str | None,
    *,
    bad: tuple[str, ...] = (),
    dispositions: dict[str, tuple[str, date | None]] | None = None,
    documents: tuple[str, ...] = (),
) -> None:
    task = _task(task_id, team)
    import_tasks(p, [task])
    if day is None:
        return
    at = datetime.fromisoformat(f"{day}T02:00:00+00:00").astimezone(UTC)  # 10:00 in China
    with p.db.write() as s:
        s.add(
            InspectionRow(task_id=task_id, status=status, checked_in_at=at, checked_out_at=at,
                          present=[], party_statement="", recorded_by="u-alice",
                          submitted_at=None if status == "completed" else at, round=None,
                          rev=4, base_rev=4, dirty=False)
        )  # fmt: skip
        for item in task.checklist:
            outcome = Outcome.NONCOMPLIANT if item.id in bad else Outcome.COMPLIANT
            s.add(
                ItemResultRow(id=f"{task_id}:{item.id}", task_id=task_id, item_id=item.id,
                              outcome=outcome.value, note="", measurements={}, evidence=[],
                              corrected_on_site=False, deadline=None, recorded_by="u-alice",
                              recorded_at=at, rev=1, base_rev=1, dirty=False)
            )  # fmt: skip
        for item_id, (kind, deadline) in (dispositions or {}).items():
            record = DispositionRecord(
                task_id=task_id,
                item_id=item_id,
                assessment=Assessment(),
                status=DispositionStatus.CONFIRMED,
                decision=Decision.ACCEPTED,
                disposition=Disposition(DispositionKind(kind), "R", (), "", deadline=deadline),
                decided_by="u-alice",
            )
            s.add(
                DispositionRow(id=record.id, task_id=task_id, item_id=item_id,
                               status=record.status.value, kind=kind,
                               data=disposition_record_to_json(record), rev=1, base_rev=1,
                               dirty=False)
            )  # fmt: skip
        for n, kind in enumerate(documents):
            s.add(
                DocumentRow(id=f"{task_id}-doc-{n}", task_id=task_id, kind=kind,
                            number=f"〔2026〕{n + 1}号-{task_id}", sha256="a" * 64,
                            status="final", data={}, created_at=at, rev=1, base_rev=1,
                            dirty=False)
            )  # fmt: skip
        row = s.get(TaskRow, task_id)
        assert row is not None
        row.status = status


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Profile]:
    with open_profile(tmp_path / "lead", user=LEAD) as p:
        with p.db.write() as s:
            set_led_teams(s, ["team-1", "team-2"])
        _visit(p, "A", "team-1", "submitted", "2026-05-11", bad=("i-1",),
               dispositions={"i-1": ("order_to_correct", date(2026, 6, 30))},
               documents=("order_to_correct",))  # fmt: skip
        _visit(p, "B", "team-1", "approved", "2026-05-11", documents=("onsite_record",))
        _visit(p, "C", "team-1", "published", "2026-04-15", bad=("i-1", "i-2"),
               dispositions={"i-1": ("order_to_correct", date(2026, 5, 15)),
                             "i-2": ("summary_penalty", None)},
               documents=("summary_penalty_decision",))  # fmt: skip
        _visit(p, "D", "team-1", "assigned", None)
        _visit(p, "E", "team-2", "completed", "2026-03-02")
        _visit(p, "F", "team-2", "submitted", "2026-05-12", bad=("i-3",))
        yield p


@pytest.fixture
def page(qtbot, lead: Profile) -> Iterator[StatisticsPage]:
    host = QWidget()
    qtbot.addWidget(host)
    ops = Operations(lambda exc: pytest.fail(f"operation failed: {exc!r}"), host)
    page = StatisticsPage(lead, ops, host, today=TODAY)
    host.resize(1280, 860)
    page.resize(1280, 860)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        host.show()
    yield page
    ops.wait()


def _show(qtbot, page: StatisticsPage, kind: PeriodKind, anchor: date | None = None) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_period(kind, anchor)


def test_the_year_shows_the_figures_counted_by_hand(qtbot, page: StatisticsPage) -> None:
    assert page.selection() == (None, date(2026, 1, 1), date(2026, 12, 31))
    v = page.value
    assert [v(k, "Total") for k in ("planned", "done", "published", "approved")] == [
        "6", "5", "1", "1"]  # fmt: skip
    assert (v("awaiting_review", "Total"), v("with_problems", "Total")) == ("2", "3")
    assert v("problem_rate", "Total") == "60.0%"
    assert (v("items_before", "Total"), v("items_after", "Total")) == ("36", "18")
    assert v("items_reduction", "Total") == "50.0%"
    assert [v(k, "Total") for k in ("departmental_visits", "joint_visits", "visits_saved")] == [
        "10", "5", "5"]  # fmt: skip
    assert (v("follow_ups_overdue", "Total"), v("publication_overdue", "Total")) == ("1", "1")
    assert v("dispositions.order_to_correct", "Total") == "2"
    assert v("dispositions.summary_penalty", "Total") == "1"
    kinds = ("onsite_record", "order_to_correct", "summary_penalty_decision")
    assert [v(f"documents.{k}", "Total") for k in kinds] == ["1", "1", "1"]
    # Per team: team-1 A B C D, 3 done, A and C with problems; team-2 E F, both done, F.
    assert [v(k, "team-1") for k in ("planned", "done", "with_problems", "problem_rate")] == [
        "4", "3", "2", "66.7%"]  # fmt: skip
    assert [v(k, "team-2") for k in ("planned", "done", "with_problems", "problem_rate")] == [
        "2", "2", "1", "50.0%"]  # fmt: skip
    # Per month: E in March, C in April, A B D F in May (D by its window's first day).
    assert [v("planned", m) for m in ("2026-03", "2026-04", "2026-05")] == ["1", "1", "4"]
    assert [v("done", m) for m in ("2026-03", "2026-04", "2026-05")] == ["1", "1", "3"]
    assert v("dispositions.summary_penalty", "2026-05") == "0"
    # Per department (every joint visit counts for both) and per plan (all in one).
    page.breakdown.setCurrentIndex(page.breakdown.findData("department"))
    assert [v("done", d) for d in ("市场监管局", "卫健委")] == ["5", "5"]
    page.breakdown.setCurrentIndex(page.breakdown.findData("plan"))
    assert (v("planned", "餐饮"), v("problem_rate", "餐饮")) == ("6", "60.0%")
    page.breakdown.setCurrentIndex(page.breakdown.findData("team_month"))

    # The charts draw the very same numbers.
    c = page.charts
    assert c["visits_by_month"].categories == ["2026-03", "2026-04", "2026-05"]
    assert c["visits_by_month"].series == {
        "Planned": (1, 1, 4), "Done": (1, 1, 3), "Published": (0, 1, 0)}  # fmt: skip
    assert c["rate_by_month"].series == {"Problem-discovery rate": (0.0, 100.0, 66.7)}
    assert c["visits_by_team"].categories == ["team-1", "team-2"]
    assert c["visits_by_team"].series == {
        "Planned": (4, 2), "Done": (3, 2), "With a non-compliance": (2, 1)}  # fmt: skip
    assert c["items_by_month"].series == {"Before merging": (6, 6, 24), "After merging": (3, 3, 12)}
    assert c["dispositions"].series == {"Number": (2, 1)}
    assert c["dispositions"].categories == ["Order to correct", "Penalty on the spot"]  # fmt: skip
    assert c["documents"].series == {"Number": (1, 1, 1)}
    assert "2026-05 66.7%" in c["rate_by_month"].accessibleDescription()
    assert "5 of 6 planned visits done, 1 published" in page.summary.text()


def test_a_team_and_a_month(qtbot, page: StatisticsPage) -> None:
    assert [page.team.itemData(i) for i in range(page.team.count())] == [None, "team-1", "team-2"]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.team.setCurrentIndex(page.team.findData("team-1"))
    _show(qtbot, page, PeriodKind.MONTH, date(2026, 5, 9))
    assert page.selection() == (["team-1"], date(2026, 5, 1), date(2026, 5, 31))
    v = page.value
    # May, team-1: A B D planned, A B done, A with a problem.
    assert [v(k, "Total") for k in ("planned", "done", "with_problems", "problem_rate")] == [
        "3", "2", "1", "50.0%"]  # fmt: skip
    assert page.charts["visits_by_team"].categories == ["team-1"]
    # The quarter holding May: April (C) and May.
    _show(qtbot, page, PeriodKind.QUARTER, date(2026, 5, 9))
    assert (v("planned", "Total"), v("done", "Total"), v("published", "Total")) == ("4", "3", "1")
    assert page.team.count() == 3  # the list of teams stays whole


def test_teams_go_by_the_names_the_server_sent(qtbot, lead: Profile) -> None:
    with lead.db.write() as s:
        content = {"officers": [], "teams": [{"id": "team-1", "name": "福田一组"}]}
        s.add(
            ReferenceRow(
                id=record_id(ROSTER, ROSTER_NAME),
                kind=ROSTER,
                rev=1,
                data=record_data(ROSTER, ROSTER_NAME, content),
                received_at=datetime.now(UTC),
            )
        )
    host = QWidget()
    qtbot.addWidget(host)
    ops = Operations(lambda exc: pytest.fail(f"operation failed: {exc!r}"), host)
    page = StatisticsPage(lead, ops, host, today=TODAY)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        host.show()
    # Named where the roster names it; by its id where it does not (team-2).
    assert [page.team.itemText(i) for i in (1, 2)] == ["福田一组", "team-2"]
    assert page.team.itemData(1) == "team-1"
    assert page.charts["visits_by_team"].categories == ["福田一组", "team-2"]
    assert page.value("planned", "福田一组") == "4"
    ops.wait()


def test_a_range_backwards_is_refused_on_the_page(qtbot, page: StatisticsPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.period.setCurrentIndex(page.period.findData(PeriodKind.RANGE.value))
    assert page.since.isEnabled() and not page.anchor.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.since.setDate(page.until.date().addDays(1))
    assert page.message.isVisible() and page.message.text()


def test_the_table_is_copied_for_a_spreadsheet(qtbot, page: StatisticsPage) -> None:
    page.actions.by_name("stats-copy-table").trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["", "Total", "team-1", "team-2"]
    assert lines[1].split("\t")[:4] == ["Visits planned", "6", "4", "2"]
    # The keyboard: the selectors and the table are in the tab order, the charts are not.
    assert page.table.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert all(chart.focusPolicy() == Qt.FocusPolicy.NoFocus for chart in page.charts.values())
    page.table.setFocus()
    page.table.selectionModel().clear()
    index = page.table_model.index(1, 0)  # visits done, total
    page.table.setCurrentIndex(index)
    page.copy_selection()
    assert QGuiApplication.clipboard().text() == "\tTotal\nVisits done\t5\n"


def test_periods() -> None:
    day = date(2024, 2, 10)
    assert period_bounds(PeriodKind.MONTH, day) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds(PeriodKind.QUARTER, date(2026, 12, 3)) == (
        date(2026, 10, 1), date(2026, 12, 31))  # fmt: skip
    assert period_bounds(PeriodKind.YEAR, day) == (date(2024, 1, 1), date(2024, 12, 31))
    assert period_bounds(PeriodKind.ALL, day) == (None, None)


def test_only_a_lead_gets_the_statistics_in_the_window(qtbot, lead: Profile, tmp_path) -> None:
    from inspector_app.ui.main_window import MainWindow

    window = MainWindow(lead)
    qtbot.addWidget(window)
    action = window.window_actions.by_name("statistics")
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    with open_profile(tmp_path / "inspector", user=INSPECTOR) as p:
        other = MainWindow(p)
        qtbot.addWidget(other)
        with pytest.raises(KeyError):
            other.window_actions.by_name("statistics")
        other.close()
    window.close()
