"""The planning commands of ``inspector-server``.

``import-directory FILE.csv``
    Upserts the business directory by USCC. Bad rows (invalid USCC, credit class,
    positive-list flag, empty name, a USCC repeated in the file) are printed with
    their line numbers on stderr and skipped; every good row is imported anyway.
    Exit 0 when the file was clean, 1 when some rows were bad (the good ones are
    imported), 2 when the file could not be read.
``import-checklists A.csv B.csv … [--equivalences EQ.csv] [--replace]``
    Upserts departmental checklist items (and the departments they name) and the
    equivalence table, for ``draw-plan`` to merge. Same exit codes.
``scenario preview [--equivalences EQ.csv] A.csv B.csv … [--json]``
    Merges checklists with the domain merge and prints ``N items -> M items (−x%)``
    with provenance and candidates, or ``MergeResult.to_json()``. No database.
``draw-plan --seed S --ratios A=…,B=…,C=…,D=… --departments X,Y [--area P] …``
    Draws a plan (see ``planning.plan``) and records it, or prints it (``--dry-run``).
``mark-related --inspector USERNAME --uscc CODE [--reason …] [--remove]``
    Marks an inspector related to a business (回避), so no draw sends them there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector_server.core.config import Settings
    from inspector_server.planning.imports import ImportReport
    from inspector_server.planning.plan import PlanResult

CHINA = timezone(timedelta(hours=8))
TASKS_SHOWN = 50


def _session_factory(settings: Settings) -> Any:
    from inspector_server.core.db import engine_for, make_sessionmaker
    from inspector_server.core.migrate import upgrade

    engine = engine_for(settings)
    upgrade(engine)
    return engine, make_sessionmaker(engine)


def _print_report(what: str, report: ImportReport) -> int:
    parts = [(what, report)]
    if report.equivalences is not None:
        parts.append(("equivalences", report.equivalences))
    for name, part in parts:
        for error in part.errors:
            print(error, file=sys.stderr)
        removed = f", {part.removed} removed" if part.removed else ""
        print(
            f"{name}: {part.read} good rows ({part.created} new, {part.updated} updated, "
            f"{part.unchanged} unchanged{removed}); {len(part.errors)} bad rows skipped"
            + (" (listed on stderr)" if part.errors else "")
        )
    return 1 if report.bad else 0


def _missing(paths: list[Path]) -> int:
    absent = [p for p in paths if not p.is_file()]
    for p in absent:
        print(f"error: no such file: {p}", file=sys.stderr)
    return 2 if absent else 0


# --- import-directory -------------------------------------------------------------------


def _add_import_directory(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="directory CSV (uscc,name,…,credit_class,positive_list)")


def _run_import_directory(args: argparse.Namespace, settings: Settings) -> int:
    if _missing([args.file]):
        return 2
    from inspector_server.core.db import write_session
    from inspector_server.planning.imports import import_directory

    engine, factory = _session_factory(settings)
    try:
        with write_session(factory) as s:
            report = import_directory(s, args.file)
    finally:
        engine.dispose()
    return _print_report("directory", report)


# --- import-checklists ------------------------------------------------------------------


def _add_import_checklists(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", type=Path, nargs="+", help="departmental checklist CSVs")
    p.add_argument("--equivalences", type=Path, help="equivalence table CSV (code_a,code_b,note)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="each department's file is its whole checklist: drop its items not listed",
    )


def _run_import_checklists(args: argparse.Namespace, settings: Settings) -> int:
    paths = list(args.files) + ([args.equivalences] if args.equivalences else [])
    if _missing(paths):
        return 2
    from inspector_server.core.db import write_session
    from inspector_server.planning.imports import import_checklists

    engine, factory = _session_factory(settings)
    try:
        with write_session(factory) as s:
            report = import_checklists(s, list(args.files), args.equivalences, replace=args.replace)
    finally:
        engine.dispose()
    return _print_report("checklists", report)


# --- scenario preview -------------------------------------------------------------------


def _add_scenario(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="scenario_command", required=True)
    preview = sub.add_parser("preview", help="merge checklists and show the burden reduction")
    preview.add_argument("files", type=Path, nargs="+", help="departmental checklist CSVs")
    preview.add_argument("--equivalences", type=Path, help="equivalence table CSV")
    preview.add_argument("--json", action="store_true", help="print MergeResult JSON")
    p.set_defaults(offline=True)


def _run_scenario(args: argparse.Namespace, settings: Settings | None) -> int:
    from inspector_app.domain.checklist import (
        Equivalence,
        merge_checklists,
        read_checklist_csv,
        read_equivalences_csv,
    )

    paths = list(args.files) + ([args.equivalences] if args.equivalences else [])
    if _missing(paths):
        return 2
    items = []
    bad = 0
    for path in args.files:
        parsed = read_checklist_csv(path)
        items += parsed.items
        for error in parsed.errors:
            print(f"{path}: {error}", file=sys.stderr)
        bad += len(parsed.errors)
    pairs: list[Equivalence] = []
    if args.equivalences:
        parsed_eq = read_equivalences_csv(args.equivalences)
        pairs = parsed_eq.pairs
        for error in parsed_eq.errors:
            print(f"{args.equivalences}: {error}", file=sys.stderr)
        bad += len(parsed_eq.errors)
    result = merge_checklists(items, pairs)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 1 if bad else 0
    print(result.summary())
    for item in result.items:
        mark = "merged" if len(item.sources) > 1 else "      "
        print(f"  {mark} {item.code}  {item.title}  [{item.severity.value}]")
        if len(item.sources) > 1:
            for src in item.sources:
                print(f"           <- {src.department_code} {src.code} {src.title}")
    if result.candidates:
        print(f"candidates to confirm by hand (not merged): {len(result.candidates)}")
        for c in result.candidates:
            print(
                f"  {c.a.department_code} {c.a.code} ~ {c.b.department_code} {c.b.code}: {c.reason}"
            )
    else:
        print("candidates to confirm by hand: none")
    return 1 if bad else 0


# --- draw-plan --------------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _add_draw_plan(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", required=True, help="the published seed (any text, e.g. 20261015)")
    p.add_argument(
        "--ratios",
        required=True,
        help="sampling ratio per credit class, e.g. A=0.03,B=0.05,C=0.2,D=0.6 (or 3%%)",
    )
    p.add_argument(
        "--departments",
        required=True,
        type=_codes,
        help="participating departments, comma-separated; the first leads the tasks it draws",
    )
    p.add_argument(
        "--area",
        action="append",
        default=[],
        help="only businesses whose area starts with this (repeatable; default: all)",
    )
    p.add_argument("--inspectors-per-task", type=int, default=2)
    p.add_argument(
        "--recent-days",
        type=int,
        default=365,
        help="recuse inspectors who had a task at the business this many days back",
    )
    p.add_argument("--date", type=_day, help="the day of the draw (default: today, UTC+8)")
    p.add_argument("--window-start", type=_day, help="tasks start (default: the draw day)")
    p.add_argument("--window-end", type=_day, help="tasks end (default: start + 30 days)")
    p.add_argument("--name", default="", help="the plan's name, e.g. 2026年福田区餐饮联合抽查")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")


def _run_draw_plan(args: argparse.Namespace, settings: Settings) -> int:
    from inspector_server.core.db import write_session
    from inspector_server.planning.plan import PlanError, PlanParams, make_plan, parse_ratios

    try:
        params = PlanParams(
            seed=args.seed,
            ratios=parse_ratios(args.ratios),
            departments=tuple(args.departments),
            drawn_on=args.date or datetime.now(UTC).astimezone(CHINA).date(),
            areas=tuple(args.area),
            inspectors_per_task=args.inspectors_per_task,
            recent_days=args.recent_days,
            window_start=args.window_start,
            window_end=args.window_end,
            name=args.name,
        )
    except PlanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine, factory = _session_factory(settings)
    try:
        if args.dry_run:
            with factory() as s:
                result = make_plan(s, params)
            _show_plan(result, as_json=args.json)
            print("dry run: nothing was written", file=sys.stderr)
            return 1 if result.problems else 0
        with write_session(factory) as s:
            result = make_plan(s, params)
            _show_plan(result, as_json=args.json)
            report = None
            if not result.problems:
                from inspector_server.planning.plan import write_plan

                report = write_plan(s, result)
        if report is None:
            print("nothing was written: staff the teams or change the plan", file=sys.stderr)
            return 1
        note = " (this plan was already recorded)" if report.already_recorded else ""
        print(
            f"recorded plan {result.plan_id}: {report.written} task records written, "
            f"{report.unchanged} unchanged{note}",
            file=sys.stderr if args.json else sys.stdout,
        )
        return 0
    except PlanError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _show_plan(result: PlanResult, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in format_plan(result):
            print(line)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in result.problems:
        print(f"problem: {problem}", file=sys.stderr)


def format_plan(result: PlanResult) -> list[str]:
    from inspector_server.planning.draw import CLASSES

    p = result.params
    c = result.census
    lines = [
        f"plan {result.plan_id}" + (f" {p.name}" if p.name else ""),
        f"  seed {p.seed!r}, drawn on {p.drawn_on}, areas: {', '.join(p.areas) or 'all'}",
        "  pool: "
        + ", ".join(f"{cls} {c.eligible(cls)}" for cls in CLASSES)
        + f"; positive list skipped: {c.positive_skipped}",
    ]
    for dept, by_class in result.drawn.items():
        lines.append(
            f"  {dept} drew "
            + ", ".join(
                f"{cls} {v['drawn']}/{v['pool']} ({v['ratio']})" for cls, v in by_class.items()
            )
        )
    lines.append(
        f"  {result.department_draws} department draws -> {len(result.tasks)} joint tasks "
        f"({result.visits_saved} visits saved)"
    )
    lines.append(
        f"  recusals: {result.recusals['related']} marked related, "
        f"{result.recusals['recent']} recently inspected"
    )
    lines.append(f"  input hash {result.input_hash}")
    lines.append(f"  drawn hash {result.drawn_hash}")
    for task in result.tasks[:TASKS_SHOWN]:
        lines.append(
            f"  {task.uscc} {task.credit_class} {'+'.join(task.departments):<16} "
            f"team {task.team_id or '-'} inspectors {','.join(task.inspector_ids) or '-'} "
            f"items {task.items_before}->{task.items_after}  {task.name}"
        )
    if len(result.tasks) > TASKS_SHOWN:
        lines.append(f"  … {len(result.tasks) - TASKS_SHOWN} more tasks (--json lists them all)")
    return lines


# --- mark-related -----------------------------------------------------------------------


def _add_mark_related(p: argparse.ArgumentParser) -> None:
    p.add_argument("--inspector", required=True, help="username or user id")
    p.add_argument("--uscc", required=True)
    p.add_argument("--reason", default="", help="e.g. 近亲属在该企业任职")
    p.add_argument("--remove", action="store_true", help="lift the mark")


def _run_mark_related(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import or_, select

    from inspector_app.domain.uscc import check_uscc
    from inspector_server.core.db import write_session
    from inspector_server.models import Recusal, User

    check = check_uscc(args.uscc)
    if not check.valid:
        print(f"error: invalid USCC: {check.error}", file=sys.stderr)
        return 2
    engine, factory = _session_factory(settings)
    try:
        with write_session(factory) as s:
            user = s.scalars(
                select(User).where(or_(User.username == args.inspector, User.id == args.inspector))
            ).first()
            if user is None:
                print(f"error: no user {args.inspector!r}", file=sys.stderr)
                return 1
            row = s.get(Recusal, (user.id, check.normalized))
            if args.remove:
                if row is not None:
                    s.delete(row)
                print(f"{user.username} may again be drawn for {check.normalized}")
            else:
                if row is None:
                    s.add(Recusal(inspector_id=user.id, uscc=check.normalized, reason=args.reason))
                else:
                    row.reason = args.reason
                print(f"{user.username} is marked related to {check.normalized}")
    finally:
        engine.dispose()
    return 0


COMMANDS: list[
    tuple[
        str,
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace, Any], int],
    ]
] = [
    (
        "import-directory",
        "import the business directory CSV (bad rows reported by line)",
        _add_import_directory,
        _run_import_directory,
    ),
    (
        "import-checklists",
        "import departmental checklists and the equivalence table",
        _add_import_checklists,
        _run_import_checklists,
    ),
    (
        "scenario",
        "merge checklists without a database (scenario preview)",
        _add_scenario,
        _run_scenario,
    ),
    ("draw-plan", "draw a double-random plan and record it", _add_draw_plan, _run_draw_plan),
    (
        "mark-related",
        "mark an inspector related to a business (回避)",
        _add_mark_related,
        _run_mark_related,
    ),
]
