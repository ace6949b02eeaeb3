"""How long does recording one finding take, end to end through the services?

Each run: a fresh profile in a temporary folder, enough generated tasks (40 items
each) for ``--results`` findings, every task checked in, then ``--results`` calls
of ``services.record_item_result`` (each its own transaction: change + outbox +
audit event, committed with synchronous=FULL). A baseline in the same run does
the same number of raw sqlite3 INSERTs, one transaction each, WAL +
synchronous=FULL, so the ratio says what the service layer costs over the disk.

Prints JSON lines ``{"name", "value", "unit"}``. Run by hand, never in CI:

    .venv/bin/python benchmarks/record_results.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from inspector_app.domain.entities import (
    Business,
    Department,
    Inspector,
    JointTask,
    MergedItem,
    Outcome,
    Severity,
    SourceItem,
)
from inspector_app.services import import_tasks, open_profile, record_item_result, start_inspection

USER = Inspector("u-bench", "bench", "基准测试", "00000000", "SCJG")
OUTCOMES = (Outcome.COMPLIANT, Outcome.NONCOMPLIANT, Outcome.NOT_APPLICABLE)


def make_tasks(n_tasks: int, items_per_task: int) -> list[JointTask]:
    return [
        JointTask(
            id=f"bench-{t:05d}",
            business=Business(
                "91350100M000100Y43", f"示例企业{t}", f"福州市鼓楼区示例路{t}号", "张三"
            ),
            departments=(Department("SCJG", "市场监管局"), Department("WJW", "卫健委")),
            lead_department_code="SCJG",
            inspector_ids=(USER.id, "u-other"),
            team_id=None,
            window_start=date(2026, 5, 4),
            window_end=date(2026, 5, 29),
            checklist=tuple(
                MergedItem(
                    id=f"i-{i:03d}",
                    code=f"SP-{i:03d}",
                    title=f"检查项目{i}",
                    content="查看食品经营许可证是否在有效期内，经营项目是否与许可一致",
                    method="现场查看、查阅资料",
                    legal_basis=("《中华人民共和国食品安全法》第三十五条",),
                    severity=Severity.GENERAL,
                    sources=(SourceItem("SCJG", f"SP-{i:03d}", f"检查项目{i}"),),
                )
                for i in range(items_per_task)
            ),
        )
        for t in range(n_tasks)
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def run_services(n_results: int, items_per_task: int) -> tuple[list[float], float]:
    """Per-call milliseconds, and the database size in MB afterwards (WAL checkpointed)."""
    n_tasks = math.ceil(n_results / items_per_task)
    tasks = make_tasks(n_tasks, items_per_task)
    with tempfile.TemporaryDirectory() as tmp:
        profile = open_profile(Path(tmp), user=USER)
        import_tasks(profile, tasks)
        for task in tasks:
            start_inspection(profile, task.id)
        at = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)
        timings: list[float] = []
        for n in range(n_results):
            task = tasks[n // items_per_task]
            item = task.checklist[n % items_per_task]
            start = time.perf_counter_ns()
            record_item_result(
                profile,
                task.id,
                item.id,
                outcome=OUTCOMES[n % 3],
                note="现场检查记录" if n % 3 == 1 else "",
                measurements={"temp_c": 4.5} if n % 5 == 0 else None,
                at=at,
            )
            timings.append((time.perf_counter_ns() - start) / 1e6)
        profile.close()  # the last connection checkpoints the WAL into the file
        db = profile.db.path
        size = sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())
    return timings, size / 1e6


def run_baseline(n_rows: int) -> list[float]:
    """Raw INSERTs of rows like item_results, one transaction each, WAL + FULL."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(os.path.join(tmp, "raw.db"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(
            "CREATE TABLE item_results (id TEXT PRIMARY KEY, task_id TEXT, item_id TEXT,"
            " outcome TEXT, note TEXT, measurements TEXT, evidence TEXT,"
            " corrected_on_site INTEGER, deadline TEXT, recorded_by TEXT, recorded_at TEXT,"
            " rev INTEGER, base_rev INTEGER, dirty INTEGER)"
        )
        timings: list[float] = []
        for n in range(n_rows):
            start = time.perf_counter_ns()
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO item_results VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    f"bench-{n // 40:05d}:i-{n % 40:03d}",
                    f"bench-{n // 40:05d}",
                    f"i-{n % 40:03d}",
                    OUTCOMES[n % 3].value,
                    "",
                    "{}",
                    "[]",
                    0,
                    None,
                    USER.id,
                    "2026-05-11T09:30:00.000000+00:00",
                    1,
                    None,
                    1,
                ),
            )
            conn.execute("COMMIT")
            timings.append((time.perf_counter_ns() - start) / 1e6)
        conn.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=int, default=10_000)
    parser.add_argument("--items-per-task", type=int, default=40)
    args = parser.parse_args()

    medians, p95s, sizes, base_medians, base_p95s = [], [], [], [], []
    for _ in range(args.runs):
        timings, size_mb = run_services(args.results, args.items_per_task)
        medians.append(statistics.median(timings))
        p95s.append(percentile(timings, 0.95))
        sizes.append(size_mb)
        base = run_baseline(args.results)
        base_medians.append(statistics.median(base))
        base_p95s.append(percentile(base, 0.95))

    median_ms = statistics.median(medians)
    base_ms = statistics.median(base_medians)
    n = args.results
    for name, value, unit in (
        ("record_item_result_median", median_ms, "ms"),
        ("record_item_result_p95", statistics.median(p95s), "ms"),
        (f"db_size_after_{n}_results", statistics.median(sizes), "MB"),
        ("baseline_raw_insert_median", base_ms, "ms"),
        ("baseline_raw_insert_p95", statistics.median(base_p95s), "ms"),
        ("record_item_result_vs_raw_insert", median_ms / base_ms, "ratio"),
    ):
        print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}))


if __name__ == "__main__":
    main()
