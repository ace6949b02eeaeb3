"""What bounding the pull horizon by this database's writers costs a pull (PostgreSQL).

The horizon used to be ``pg_snapshot_xmin(pg_current_snapshot())``; it is now the
oldest running transaction not known to be another database's (services/changes.py),
which reads ``pg_stat_activity`` and ``pg_prepared_xacts`` once per pull. Measured
here, each beside the old form as the baseline in the same run, on a fresh schema
``horizon_bench`` holding ``--tasks`` tasks of ``--items`` checklist items:

* the horizon alone (one SELECT);
* an "up to date" pull (cursor at the end: what most syncs ask);
* a first pull page of 500 tasks.

Prints JSON lines ``{"name", "value", "unit"}``, medians over ``--runs`` rounds:

    .venv/bin/python benchmarks/horizon_bench.py [--url postgresql://…] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import BigInteger, Text, cast, create_engine, func, select, text

from inspector_server.core.db import make_engine, make_read_sessionmaker, write_session
from inspector_server.core.db import make_sessionmaker as make_write_sessionmaker
from inspector_server.core.migrate import upgrade
from inspector_server.models import Record
from inspector_server.services import changes, pull, sync
from inspector_server.services.principal import Principal

SCHEMA = "horizon_bench"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}), flush=True)


def _old_horizon(session: Any) -> changes.HorizonSql:
    xmin = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
    return changes.HorizonSql(True, xmin, Record.txid < xmin)


def _timed(fn: Callable[[], object], repeat: int) -> float:
    """Median microseconds of ``fn`` over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("INSPECTOR_TEST_PG_URL", DEFAULT_URL))
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    sep = "&" if "?" in args.url else "?"
    engine = make_engine(f"{args.url}{sep}options=-csearch_path%3D{SCHEMA}")
    try:
        upgrade(engine)
        checklist = [{"id": f"I{n}", "code": f"I{n}", "title": "条目"} for n in range(args.items)]
        with write_session(make_write_sessionmaker(engine)) as s:
            for _ in range(args.tasks):
                task_id = str(uuid.uuid4())
                sync.server_put(
                    s,
                    entity="task",
                    record_id=task_id,
                    data={"id": task_id, "team_id": "T", "checklist": checklist},
                    task_id=task_id,
                    team_id="T",
                )
        reader = make_read_sessionmaker(engine)
        admin_p = Principal("u", "admin", "admin", "d", "x", frozenset(), frozenset())
        with reader() as s:
            end = changes.parse_cursor(pull.pull_page(s, admin_p, changes.START, 10**6).cursor)

        def horizon_query(form: Callable[[Any], changes.HorizonSql]) -> Callable[[], object]:
            def run() -> object:
                with reader() as s:
                    return s.execute(select(form(s).value)).scalar()

            return run

        def pull_from(cursor: changes.Position, limit: int) -> Callable[[], object]:
            def run() -> object:
                with reader() as s:
                    return pull.pull_page(s, admin_p, cursor, limit)

            return run

        results: dict[str, list[float]] = {}
        new_form = changes.horizon_sql
        for _ in range(args.runs):
            for label, form in (("old", _old_horizon), ("new", new_form)):
                changes.horizon_sql = form  # type: ignore[assignment]
                pull.changes.horizon_sql = form  # type: ignore[attr-defined]
                results.setdefault(f"horizon_select_{label}", []).append(
                    _timed(horizon_query(form), 200)
                )
                results.setdefault(f"pull_up_to_date_{label}", []).append(
                    _timed(pull_from(end, 500), 200)
                )
                results.setdefault(f"pull_first_page_500_{label}", []).append(
                    _timed(pull_from(changes.START, 500), 10)
                )
        changes.horizon_sql = new_form  # type: ignore[assignment]
        for name, values in results.items():
            emit(name, statistics.median(values), "us")
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
