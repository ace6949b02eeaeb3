"""``inspector-server stats`` over 100,000 visits on PostgreSQL (issue 12: goal <= 2 s),
beside a plain ``SELECT COUNT(*)`` over the same ``visits`` table in the same run.

    .venv/bin/python benchmarks/stats_bench.py [--url postgresql://…] [--visits 100000] [--runs 5]

Seeds a fresh schema (dropped at the end) through the server's migrations. The rows
are made by the projection's own readers (``services.visits.task_columns`` and
``facts_of``) from synthetic records of the shape laptops push: 40 teams, 20 plans,
1-3 of 6 departments per visit, 19 items per visit of which a third of the done
visits have 1-3 non-compliant (each with a disposition record as the laptop writes it;
half the findings with a correction deadline, which orders to correct carry; a quarter
of the orders followed up), 1-3 final documents per done visit. Only the projection is written, not
the records themselves (statistics never read them). Loaded with COPY.

Prints JSON lines ``{"name", "value", "unit"}``: medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from inspector_server.core.db import normalize_url  # noqa: E402
from inspector_server.core.migrate import upgrade  # noqa: E402
from inspector_server.models_visits import Visit  # noqa: E402
from inspector_server.services import stats  # noqa: E402
from inspector_server.services import visits as projection  # noqa: E402

DEPARTMENTS = [("SZSCJG", "市场监管"), ("XF", "消防"), ("WJ", "卫健"), ("HB", "生态环境"),
               ("CG", "城管"), ("SW", "税务")]  # fmt: skip
DISPOSITIONS = ["order_to_correct", "risk_reminder", "no_penalty", "summary_penalty", "refer_case"]
DOCUMENTS = ["onsite_record", "order_to_correct", "risk_reminder", "joint_result_notice"]
STATES = ["assigned"] * 25 + ["in_progress"] * 5 + ["completed"] * 10 + ["submitted"] * 10
STATES += ["approved"] * 15 + ["returned"] * 2 + ["published"] * 33
FACT_COLUMNS = (
    "entity record_id fact task_id kind due_on team_id plan_id day cancelled departments".split()
)
VISIT_COLUMNS = (
    "task_id team_id plan_id plan_name uscc business_name lead_department departments_n "
    "departments inspector_ids items_before items_after window_start cancelled state round "
    "noncompliant completed_at "
    "submitted_at approved_at published_at day updated_at"
).split()


def synthesize(rng: random.Random, n: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    visits, departments, facts = [], [], []
    now = datetime.now(UTC)
    for i in range(n):
        task_id = str(uuid.UUID(int=rng.getrandbits(128)))
        depts = rng.sample(DEPARTMENTS, rng.choice((1, 2, 2, 3)))
        before = 10 * len(depts) + rng.randint(0, 10)
        start = date(2026, 1, 5) + timedelta(days=rng.randint(0, 330))
        task = {
            "id": task_id,
            "business": {"uscc": f"9144030{i:011d}", "name": f"企业{i}"},
            "departments": [{"code": c, "name": name} for c, name in depts],
            "lead_department_code": depts[0][0],
            "inspector_ids": [str(uuid.uuid4()), str(uuid.uuid4())],
            "window_start": start.isoformat(),
            "plan": {
                "plan_id": f"plan-{i % 20}",
                "name": f"2026年第{i % 20 + 1}批联合抽查",
                "items_before": before,
                "items_after": round(before * 0.63),
            },
        }
        columns = projection.task_columns(task, f"team-{i % 40}")
        state = rng.choice(STATES)
        done = state in ("completed", "submitted", "approved", "returned", "published")
        completed = (
            datetime.combine(start + timedelta(days=rng.randint(0, 20)), datetime.min.time(), UTC)
            + timedelta(hours=2)
            if done
            else None
        )
        visit = projection.new_visit(task_id)
        projection.apply_task(visit, columns)
        visit.state, visit.completed_at = state, completed
        visit.day = projection.reference_day(visit)
        bad = (rng.choice((0, 0, 1, 2, 3)) if rng.random() < 0.5 else 0) if done else 0
        row = {
            **{c: getattr(visit, c) for c in VISIT_COLUMNS if hasattr(visit, c)},
            "noncompliant": bad,
            "inspector_ids": json.dumps(columns["inspector_ids"]),
            "round": 1,
            "submitted_at": completed if state != "completed" and done else None,
            "approved_at": completed if state in ("approved", "published") else None,
            "published_at": now if state == "published" else None,
            "updated_at": now,
        }
        visits.append(tuple(row[c] for c in VISIT_COLUMNS))
        departments.extend((task_id, code, name) for code, name in depts)
        if not done:
            continue
        records: list[tuple[str, str, dict[str, Any]]] = []
        context = projection.fact_context(visit)
        for k in range(19):
            item: dict[str, Any] = {"task_id": task_id, "item_id": f"I{k}", "outcome": "compliant"}
            if k < bad:
                item["outcome"] = "noncompliant"
                if rng.random() < 0.5:
                    item["deadline"] = (start + timedelta(days=15)).isoformat()
                kind = rng.choice(DISPOSITIONS)
                ordering = kind in ("order_to_correct", "summary_penalty", "refer_case")
                deadline = item.get("deadline") if ordering else None
                followed = deadline is not None and rng.random() < 0.25
                disposition = {
                    "task_id": task_id,
                    "item_id": f"I{k}",
                    "status": "confirmed",
                    "disposition": {"kind": kind, "deadline": deadline},
                    "follow_up": {"done_on": deadline, "corrected": True} if followed else None,
                }
                records.append(("disposition", f"{task_id}:I{k}", disposition))
            records.append(("item_result", f"{task_id}:I{k}", item))
        for k in range(rng.randint(1, 3)):
            doc = {"task_id": task_id, "kind": rng.choice(DOCUMENTS), "status": "final"}
            records.append(("document", f"{task_id}-d{k}", doc))
        for entity, record_id, data in records:
            for f in projection.facts_of(entity, record_id, data):
                facts.append(tuple({**f, **context}[c] for c in FACT_COLUMNS))
    return visits, departments, facts


def copy(conn: Any, table: str, columns: list[str], rows: list[tuple]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def median_time(fn: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "INSPECTOR_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    schema = f"stats_bench_{uuid.uuid4().hex[:8]}"
    base = normalize_url(args.url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    engine = create_engine(f"{base}{sep}options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        started = time.perf_counter()
        visits, departments, facts = synthesize(random.Random(12), args.visits)
        raw = engine.raw_connection()
        try:
            pg = raw.driver_connection
            copy(pg, "visits", VISIT_COLUMNS, visits)
            copy(
                pg,
                "visit_departments",
                ["task_id", "department_code", "department_name"],
                departments,
            )
            copy(pg, "visit_facts", FACT_COLUMNS, facts)
            pg.commit()
        finally:
            raw.close()
        with engine.connect() as c:
            c.execute(text("ANALYZE"))
            c.commit()
        seeded = time.perf_counter() - started
        today = date(2026, 12, 10)
        with Session(engine) as s:
            result = stats.compute(s, stats.StatsFilter(), today)  # warm the caches
            assert result["totals"]["planned"] == args.visits
            stats_s = median_time(lambda: stats.compute(s, stats.StatsFilter(), today), args.runs)
            one_team = stats.StatsFilter(team_ids=frozenset({"team-7"}))
            team_s = median_time(lambda: stats.compute(s, one_team, today), args.runs)
            count_s = median_time(
                lambda: s.scalar(select(func.count()).select_from(Visit)), args.runs
            )
        n = args.visits
        for name, value, unit in (
            (f"seed_{n}_visits_pg", seeded, "s"),
            ("visit_facts_rows", len(facts), "rows"),
            (f"stats_{n}_visits_pg", stats_s, "s"),
            (f"stats_{n}_visits_one_team_pg", team_s, "s"),
            (f"count_star_{n}_visits_pg", count_s, "s"),
            ("stats_over_count_star", stats_s / count_s, "x"),
        ):
            print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}))
    finally:
        engine.dispose()
        with admin.connect() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
