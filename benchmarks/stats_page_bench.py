"""How long does the lead's statistics page take to count and draw a year of visits?

One lead profile in a temporary folder holds, as pull would have stored them,
``--visits`` visits of the three teams the lead leads spread over the twelve months of
2026 (10-item checklists, one visit in four with a non-compliance and an order to
correct, one issued document each). Each run times, on the same database:

* ``lead_statistics`` alone (the service; the baseline),
* the page: a change of period to the figures counted off the GUI thread, the table
  filled and the six charts drawn and painted (what a lead waits for),
* the page's own part: the table filled and the charts drawn and painted.

Prints JSON lines ``{"name", "value", "unit"}`` (medians of ``--runs``). Run by hand:

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/stats_page_bench.py \\
        --visits 3000 --runs 9
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from inspector_app.domain.entities import (
    Business,
    Department,
    Inspector,
    JointTask,
    MergedItem,
    Role,
    Severity,
    SourceItem,
)
from inspector_app.services import import_tasks, lead_statistics, open_profile
from inspector_app.store.models import DocumentRow, InspectionRow, ItemResultRow, TaskRow
from inspector_app.store.reviews import set_led_teams

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)
TEAMS = ("team-1", "team-2", "team-3")
ITEMS = 10
STATES = ("submitted", "approved", "published", "completed", "assigned")
TODAY = date(2026, 12, 20)


def make_task(n: int) -> JointTask:
    day = date(2026, 1, 1) + timedelta(days=n * 350 // 1000 % 350)
    return JointTask(
        id=f"bench-{n:06d}",
        business=Business("91350100M000100Y43", f"示例企业{n}", f"深圳市福田区示例路{n}号", "张三"),
        departments=(Department("SZSCJG", "市场监管局"), Department("XF", "消防救援大队")),
        lead_department_code="SZSCJG",
        inspector_ids=("u-a", "u-b"),
        team_id=TEAMS[n % len(TEAMS)],
        window_start=day,
        window_end=day + timedelta(days=20),
        checklist=tuple(
            MergedItem(
                id=f"i-{i:03d}",
                code=f"SP-{i:03d}",
                title=f"检查项目{i}",
                content="查看食品经营许可证是否在有效期内",
                method="现场查看",
                legal_basis=("《中华人民共和国食品安全法》第三十五条",),
                severity=Severity.GENERAL,
                sources=(
                    SourceItem("SZSCJG", f"SP-{i:03d}", f"检查项目{i}"),
                    SourceItem("XF", f"XF-{i:03d}", f"消防项目{i}"),
                ),
            )
            for i in range(ITEMS)
        ),
    )


def build(folder: Path, visits: int) -> None:
    with open_profile(folder, user=LEAD) as profile:
        with profile.db.write() as s:
            set_led_teams(s, list(TEAMS))
        tasks = [make_task(n) for n in range(visits)]
        import_tasks(profile, tasks)
        with profile.db.write() as s:
            for n, task in enumerate(tasks):
                status = STATES[n % len(STATES)]
                s.get(TaskRow, task.id).status = status  # type: ignore[union-attr]
                if status == "assigned":
                    continue
                at = datetime.combine(task.window_start, datetime.min.time(), UTC)
                s.add(
                    InspectionRow(task_id=task.id, status=status, checked_in_at=at,
                                  checked_out_at=at + timedelta(hours=2), present=[],
                                  party_statement="", recorded_by="u-a", submitted_at=at,
                                  rev=4, base_rev=4, dirty=False)
                )  # fmt: skip
                for i in range(ITEMS):
                    bad = n % 4 == 0 and i == 0
                    s.add(
                        ItemResultRow(id=f"{task.id}:i-{i:03d}", task_id=task.id,
                                      item_id=f"i-{i:03d}",
                                      outcome="noncompliant" if bad else "compliant",
                                      note="", measurements={}, evidence=[],
                                      corrected_on_site=False, deadline=None, recorded_by="u-a",
                                      recorded_at=at, rev=1, base_rev=1, dirty=False)
                    )  # fmt: skip
                s.add(
                    DocumentRow(id=f"{task.id}-doc", task_id=task.id,
                                kind="order_to_correct" if n % 4 == 0 else "onsite_record",
                                number=f"{task.id}-doc", sha256="a" * 64, status="final",
                                data={}, created_at=at, rev=1, base_rev=1, dirty=False)
                )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget

    from inspector_app.ui.operations import Operations
    from inspector_app.ui.stats.page import StatisticsPage
    from inspector_app.ui.stats.periods import PeriodKind

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lead"
        started = time.perf_counter()
        build(folder, args.visits)
        setup = time.perf_counter() - started
        service_ms: list[float] = []
        page_ms: list[float] = []
        draw_ms: list[float] = []
        with open_profile(folder) as profile:
            figures = lead_statistics(profile, today=TODAY)  # warm, and the right rows
            assert figures["totals"]["planned"] == args.visits
            host = QWidget()
            ops = Operations(lambda exc: print("failed", exc), host)
            page = StatisticsPage(profile, ops, host, today=TODAY)
            host.resize(1280, 860)
            page.resize(1280, 860)
            host.show()
            done: list[int] = []
            page.loaded.connect(lambda: done.append(1))

            def wait() -> None:
                while not done:  # not a busy loop: the count's thread needs the GIL
                    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
                done.clear()
                app.processEvents()  # the paint of what was drawn

            wait()
            kinds = (PeriodKind.ALL, PeriodKind.YEAR)
            for n in range(args.runs):
                t0 = time.perf_counter()
                lead_statistics(profile, today=TODAY)
                service_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                page.set_period(kinds[n % 2], TODAY)
                page.reload()  # no debounce: the time is the page's own
                wait()
                page_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                page.show_figures(figures)
                app.processEvents()
                draw_ms.append((time.perf_counter() - t0) * 1000)
            assert page.value("planned", "Total") == str(args.visits)
            ops.wait()
    page_median = statistics.median(page_ms)
    service_median = statistics.median(service_ms)
    for name, value, unit in (
        (f"stats_page_{args.visits}_visits_median", page_median, "ms"),
        (f"stats_page_{args.visits}_visits_max", max(page_ms), "ms"),
        ("stats_page_table_and_charts_median", statistics.median(draw_ms), "ms"),
        ("baseline_lead_statistics_median", service_median, "ms"),
        ("page_over_baseline", page_median / service_median, "x"),
        ("setup", setup, "s"),
    ):
        print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}))


if __name__ == "__main__":
    main()
