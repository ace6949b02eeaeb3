"""``inspector-server publish`` and ``inspector-server stats`` (issue 12 item 7).

``publish [--since DATE] --out FILE.csv|FILE.xlsx [--dry-run]``
    Publishes every approved visit not yet published (completed on or after DATE):
    writes the rows to the file and marks the visits published, in one transaction:
    the file is written beside its name first and put in place only once the visits
    are marked, so a failure leaves neither a file nor a visit marked. Prints what
    was published and every done visit past its publication deadline. ``--dry-run``
    writes the file and marks nothing. Exit 0, or 1 with a message.
``stats [--json] [--team ID]... [--since DATE] [--until DATE]``
    The figures of ``services.stats``, as text or JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from inspector_server.core.config import Settings
from inspector_server.core.db import engine_for, make_sessionmaker, write_session


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-05") from None


def write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    """CSV (UTF-8 with a byte-order mark, which Excel needs to read Chinese) or XLSX."""
    from inspector_server.services.publication import COLUMNS

    headings = [title for _key, title in COLUMNS]
    values = [[str(row.get(key, "")) for key, _title in COLUMNS] for row in rows]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("抽查检查结果")
        sheet.append(headings)
        for line in values:
            sheet.append(line)
        book.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headings)
        writer.writerows(values)


def _add_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=_day, help="only visits completed on or after this day")
    p.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="write the file, publish nothing")


def _run_publish(args: argparse.Namespace, settings: Settings) -> int:
    from inspector_server.services import publication
    from inspector_server.services.visits import china_day

    out: Path = args.out
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print("error: --out must name a .csv or .xlsx file", file=sys.stderr)
        return 1
    if not out.parent.is_dir():
        print(f"error: the folder {out.parent} does not exist", file=sys.stderr)
        return 1
    partial = out.with_name(f".{out.name}.partial{out.suffix}")
    engine = engine_for(settings)
    now = datetime.now(UTC)
    try:
        with write_session(make_sessionmaker(engine)) as s:
            if args.dry_run:
                visits = publication.publishable(s, args.since, lock=False)
                rows = publication.build_rows(s, visits, china_day(now))
            else:
                rows = publication.publish(s, since=args.since, now=now).rows
            write_rows(partial, rows)
            late = [
                (v.task_id, v.business_name, v.state, deadline)
                for v, deadline in publication.overdue(s, china_day(now))
            ]
            if args.dry_run:
                s.rollback()
    except OSError as exc:
        partial.unlink(missing_ok=True)
        print(f"error: cannot write {out}: {exc}; nothing was published", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    try:
        os.replace(partial, out)
    except OSError as exc:  # published: the rows are kept in the partial file and the table
        print(f"error: published, but {partial} could not become {out}: {exc}", file=sys.stderr)
        return 1
    verb = "would publish" if args.dry_run else "published"
    print(f"{verb} {len(rows)} inspection result(s) to {out}")
    late_rows = [r for r in rows if r["overdue"] == "是"]
    if late_rows:
        print(f"{len(late_rows)} of them after their deadline of 20 working days")
    if late:
        print(f"{len(late)} done visit(s) past their publication deadline, not published:")
        for task_id, name, visit_state, deadline in late:
            print(f"  {task_id}  {name}  {visit_state}  deadline {deadline}")
    return 0


def _add_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--team", action="append", help="only this team (repeatable)")
    p.add_argument("--since", type=_day, help="visits of this day or later")
    p.add_argument("--until", type=_day, help="visits of this day or earlier")


def _run_stats(args: argparse.Namespace, settings: Settings) -> int:
    from inspector_server.services import stats
    from inspector_server.services.visits import china_day

    if args.since and args.until and args.until < args.since:
        print("error: --until is before --since", file=sys.stderr)
        return 1
    engine = engine_for(settings)
    try:
        with make_sessionmaker(engine)() as s:
            figures = stats.compute(
                s,
                stats.StatsFilter(
                    team_ids=frozenset(args.team) if args.team else None,
                    since=args.since,
                    until=args.until,
                ),
                china_day(datetime.now(UTC)),
            )
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print("\n".join(stats.format_text(figures)))
    return 0


COMMANDS: list[
    tuple[
        str,
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace, Settings], int],
    ]
] = [
    (
        "publish",
        "publish approved inspection results (公示) to a CSV or XLSX file",
        _add_publish,
        _run_publish,
    ),
    (
        "stats",
        "statistics of the visits per team, department, plan and month",
        _add_stats,
        _run_stats,
    ),
]
