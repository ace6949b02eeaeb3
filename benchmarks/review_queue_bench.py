"""How long does the lead's review queue take to open with 500 submitted visits?

One lead profile in a temporary folder holds, as pull would have stored them,
``--visits`` submitted visits of a team the lead leads (40-item checklists, every item
recorded, a few non-compliant, two issued documents each), as many visits of the team
still in progress, and as many of another team: the queue must pick the right 500.
Each run times ``services.review_queue`` (the list the window shows, names and all)
and, as a baseline in the same run, a bare SELECT of the same 500 rows' columns
(tasks joined with inspections, no counts) on the same database.

Prints JSON lines ``{"name", "value", "unit"}`` (medians of ``--runs``). Run by hand:

    PYTHONPATH=. .venv/bin/python benchmarks/review_queue_bench.py --visits 500 --runs 15
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

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
from inspector_app.services import import_tasks, open_profile, review_queue
from inspector_app.store.models import DocumentRow, InspectionRow, ItemResultRow, TaskRow
from inspector_app.store.reviews import set_led_teams

LEAD = Inspector("u-lead", "lead", "张组长", "44030009", "SCJG", Role.TEAM_LEAD)
AT = datetime(2026, 11, 5, 1, 30, tzinfo=UTC)
ITEMS = 40

BASELINE = text(
    "SELECT t.id, t.business_name, t.business_uscc, t.window_start, i.submitted_at, "
    "i.checked_out_at FROM tasks t JOIN inspections i ON i.task_id = t.id "
    "WHERE t.status = 'submitted' AND i.status = 'submitted'"
)


def make_task(n: int, team: str, status: str) -> JointTask:
    return JointTask(
        id=f"bench-{team}-{status}-{n:05d}",
        business=Business("91350100M000100Y43", f"示例企业{n}", f"深圳市福田区示例路{n}号", "张三"),
        departments=(Department("SZSCJG", "市场监管局"), Department("XF", "消防救援大队")),
        lead_department_code="SZSCJG",
        inspector_ids=("u-a", "u-b"),
        team_id=team,
        window_start=date(2026, 11, 2),
        window_end=date(2026, 11, 27),
        checklist=tuple(
            MergedItem(
                id=f"i-{i:03d}",
                code=f"SP-{i:03d}",
                title=f"检查项目{i}",
                content="查看食品经营许可证是否在有效期内，经营项目是否与许可一致",
                method="现场查看、查阅资料",
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
            set_led_teams(s, ["team-1"])
        groups = (("team-1", "submitted"), ("team-1", "in_progress"), ("team-2", "submitted"))
        for team, status in groups:
            tasks = [make_task(n, team, status) for n in range(visits)]
            import_tasks(profile, tasks)
            with profile.db.write() as s:
                for n, task in enumerate(tasks):
                    s.get(TaskRow, task.id).status = status  # type: ignore[union-attr]
                    s.add(
                        InspectionRow(
                            task_id=task.id,
                            status=status,
                            checked_in_at=AT,
                            checked_out_at=AT + timedelta(hours=2),
                            present=[],
                            party_statement="",
                            recorded_by="u-a",
                            submitted_at=AT + timedelta(minutes=n),
                            rev=4,
                            base_rev=4,
                            dirty=False,
                        )
                    )
                    for i in range(ITEMS):
                        s.add(
                            ItemResultRow(
                                id=f"{task.id}:i-{i:03d}",
                                task_id=task.id,
                                item_id=f"i-{i:03d}",
                                outcome="noncompliant" if i % 13 == n % 13 else "compliant",
                                note="查看现场",
                                measurements={},
                                evidence=[],
                                corrected_on_site=False,
                                deadline=None,
                                recorded_by="u-a",
                                recorded_at=AT,
                                rev=1,
                                base_rev=1,
                                dirty=False,
                            )
                        )
                    for kind in ("onsite_record", "order_to_correct"):
                        s.add(
                            DocumentRow(
                                id=f"{task.id}-{kind}",
                                task_id=task.id,
                                kind=kind,
                                number=f"{task.id}-{kind}",
                                sha256="a" * 64,
                                status="final",
                                data={},
                                created_at=AT,
                                rev=1,
                                base_rev=1,
                                dirty=False,
                            )
                        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lead"
        started = time.perf_counter()
        build(folder, args.visits)
        setup = time.perf_counter() - started
        queue_ms: list[float] = []
        bare_ms: list[float] = []
        with open_profile(folder) as profile:
            assert len(review_queue(profile)) == args.visits  # warm, and the right rows
            for _ in range(args.runs):
                t0 = time.perf_counter()
                with profile.db.session() as s:
                    rows = s.execute(BASELINE).all()
                bare_ms.append((time.perf_counter() - t0) * 1000)
                assert len(rows) == 2 * args.visits  # the other team's too: no team filter
                t0 = time.perf_counter()
                entries = review_queue(profile)
                queue_ms.append((time.perf_counter() - t0) * 1000)
                assert len(entries) == args.visits
    for name, value, unit in (
        (f"review_queue_{args.visits}_visits_median", statistics.median(queue_ms), "ms"),
        (f"review_queue_{args.visits}_visits_max", max(queue_ms), "ms"),
        ("baseline_bare_select_median", statistics.median(bare_ms), "ms"),
        ("queue_over_baseline", statistics.median(queue_ms) / statistics.median(bare_ms), "x"),
        ("setup", setup, "s"),
    ):
        print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}))


if __name__ == "__main__":
    main()
