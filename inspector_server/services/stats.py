"""Statistics of the visits, per team, department, plan and month: SQL aggregates over
the visit projection (``models_visits``), never over the records' JSON.

Figures (each group, and the whole selection):

* ``planned``: visits of tasks not cancelled; ``done``: visits in a done state
  (completed, submitted, returned, approved, published); ``published``.
* ``with_problems``: done visits with at least one non-compliant finding;
  ``problem_rate`` = with_problems / done (问题发现率).
* ``items_before`` / ``items_after``: check items of the planned visits before and
  after merging (去重融合); ``items_reduction`` = 1 - after / before.
* ``departmental_visits``: visits the departments would have made alone for the done
  joint visits (one per department of each); ``joint_visits`` = done;
  ``visits_saved`` = departmental - joint (进一次门、查多项事).
* ``dispositions`` and ``documents``: counts by kind (final documents only).
* ``follow_ups_overdue``: follow-up visits (复查) overdue: a business (task) and a due
  day before today on which at least one confirmed order to correct falls due whose
  follow-up is not recorded (``inspector_app.domain.follow_ups``); the inspector's
  list (``services.follow_ups.list_follow_ups``) shows each as one overdue follow-up.
* ``publication_overdue``: done visits not yet published past their deadline of 20
  working days (``services.publication``).

A visit counts in the period of its day: its completion day once done, else the
first day of its window. Per department, a joint visit counts for each of its
departments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Engine,
    Executable,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from inspector_app.domain.workdays import publication_deadline
from inspector_app.sync.protocol import DONE_STATES
from inspector_server.models import Team
from inspector_server.models_visits import Visit, VisitDepartment, VisitFact
from inspector_server.services.visits import FACT_DISPOSITION, FACT_DOCUMENT, FACT_FOLLOW_UP

_WAITING = tuple(s for s in DONE_STATES if s != "published")
_SUMS = (
    "planned",
    "done",
    "published",
    "approved",
    "awaiting_review",
    "items_before",
    "items_after",
    "departmental_visits",
    "publication_overdue",
)


@dataclass(frozen=True, slots=True)
class StatsFilter:
    team_ids: frozenset[str] | None = None  # None: every team
    since: date | None = None
    until: date | None = None

    def conditions(self, table: type[Visit] | type[VisitFact] = Visit) -> list[ColumnElement[bool]]:
        """On ``visits``, or on ``visit_facts`` (which carry their visit's columns)."""
        found: list[ColumnElement[bool]] = [table.cancelled.is_(False)]
        if self.team_ids is not None:
            found.append(table.team_id.in_(sorted(self.team_ids)))
        if self.since is not None:
            found.append(table.day >= self.since)
        if self.until is not None:
            found.append(table.day <= self.until)
        return found


def last_overdue_day(today: date) -> date:
    """The latest completion day whose publication deadline is before ``today``
    (deadlines never decrease as the completion day moves later)."""
    day = today
    while publication_deadline(day) >= today:
        day -= timedelta(days=1)
    return day


_DIMENSIONS = {"team": "team_id", "plan": "plan_id", "day": "day", "departments": "departments"}
_COLUMNS = list(_DIMENSIONS.values())
#: Facts counted by kind; non-compliances are counted per visit (``visits.noncompliant``).
_COUNTED = (FACT_DISPOSITION, FACT_DOCUMENT)


def _visit_aggregates(today: date) -> list[Any]:
    done = Visit.state.in_(DONE_STATES)
    overdue = and_(Visit.state.in_(_WAITING), Visit.day <= last_overdue_day(today))

    def count_if(cond: ColumnElement[bool]) -> Any:
        return func.sum(case((cond, 1), else_=0))

    return [
        func.count().label("planned"),
        count_if(done).label("done"),
        count_if(Visit.state == "published").label("published"),
        count_if(Visit.state == "approved").label("approved"),
        count_if(Visit.state == "submitted").label("awaiting_review"),
        func.sum(Visit.items_before).label("items_before"),
        func.sum(Visit.items_after).label("items_after"),
        func.sum(case((done, Visit.departments_n), else_=0)).label("departmental_visits"),
        count_if(overdue).label("publication_overdue"),
        count_if(and_(done, Visit.noncompliant > 0)).label("with_problems"),
    ]


def _fact_aggregates() -> list[Any]:
    return [VisitFact.fact, VisitFact.kind, func.count().label("n"), literal(0).label("due")]


def _overdue_follow_ups(f: StatsFilter, today: date) -> Subquery:
    """Each overdue follow-up visit once: a task and a due day before ``today`` with an
    open follow-up fact (orders of one task due the same day are checked on one visit),
    with the visit's columns the facts carry. Few rows, so the DISTINCT is cheap; a
    COUNT(DISTINCT) over every fact would keep PostgreSQL from hashing the groups."""
    return (
        select(VisitFact.task_id, VisitFact.due_on, *(getattr(VisitFact, c) for c in _COLUMNS))
        .where(VisitFact.fact == FACT_FOLLOW_UP, VisitFact.due_on < today, *f.conditions(VisitFact))
        .distinct()
        .subquery("overdue_follow_ups")
    )


def _keys(columns: list[Any], which: str | None) -> tuple[list[Any], list[Any]]:
    """The keys to select and to group by: every dimension in GROUPING SETS
    (``which`` None), or the one named (``"all"``: none)."""
    if which is None:
        sets = func.grouping_sets(tuple_(), *(tuple_(c) for c in columns))
        return [*columns, func.grouping(*columns).label("which")], [sets]
    key = literal("all") if which == "all" else columns[_COLUMNS.index(which)]
    return [key.label("key")], [key]


def _queries(
    f: StatsFilter, today: date, which: str | None = None
) -> tuple[Select[Any], CompoundSelect]:
    """The visits aggregate and the facts aggregate, grouped by every dimension at once
    (GROUPING SETS, ``which`` None) or by the one column named. Facts carry their visit's
    columns, so neither joins; the follow-ups overdue come as ``follow_up`` rows whose
    ``due`` counts them."""
    vkeys, vgroup = _keys([getattr(Visit, c) for c in _COLUMNS], which)
    visits = select(*vkeys, *_visit_aggregates(today)).where(*f.conditions()).group_by(*vgroup)
    fkeys, fgroup = _keys([getattr(VisitFact, c) for c in _COLUMNS], which)
    facts = (
        select(*fkeys, *_fact_aggregates())
        .where(VisitFact.fact.in_(_COUNTED), *f.conditions(VisitFact))
        .group_by(*fgroup, VisitFact.fact, VisitFact.kind)
    )
    overdue = _overdue_follow_ups(f, today)
    okeys, ogroup = _keys([overdue.c[c] for c in _COLUMNS], which)
    follow_ups = (
        select(
            *okeys,
            literal(FACT_FOLLOW_UP).label("fact"),
            literal("").label("kind"),
            literal(0).label("n"),
            func.count().label("due"),
        )
        .select_from(overdue)
        .group_by(*ogroup)
    )
    return visits, union_all(facts, follow_ups)


def _empty() -> dict[str, Any]:
    figures: dict[str, Any] = dict.fromkeys(_SUMS, 0)
    figures.update(with_problems=0, follow_ups_overdue=0, dispositions={}, documents={})
    return figures


def _finish(figures: dict[str, Any]) -> dict[str, Any]:
    done, before = figures["done"], figures["items_before"]
    figures["joint_visits"] = done
    figures["visits_saved"] = figures["departmental_visits"] - done
    figures["problem_rate"] = round(figures["with_problems"] / done, 4) if done else None
    figures["items_reduction"] = round(1 - figures["items_after"] / before, 4) if before else None
    figures["dispositions"] = dict(sorted(figures["dispositions"].items()))
    figures["documents"] = dict(sorted(figures["documents"].items()))
    return figures


Groups = dict[Any, dict[str, Any]]


def _add_visit_row(figures: dict[str, Any], row: Any) -> None:
    for name in (*_SUMS, "with_problems"):
        figures[name] += int(getattr(row, name) or 0)


def _add_fact_row(figures: dict[str, Any], row: Any) -> None:
    if row.fact == FACT_FOLLOW_UP:
        figures["follow_ups_overdue"] += int(row.due or 0)
    elif row.fact in ("disposition", "document"):
        bucket = figures[row.fact + "s"]
        bucket[row.kind] = bucket.get(row.kind, 0) + int(row.n)


def _by_dimension(s: Session, f: StatsFilter, today: date) -> dict[str, Groups]:
    """Totals and the groups per team, plan, day and combination of departments: on
    PostgreSQL one statement for the visits and one for the facts (GROUPING SETS),
    elsewhere one pair per dimension."""
    found: dict[str, Groups] = {name: defaultdict(_empty) for name in ("all", *_DIMENSIONS)}
    if s.get_bind().dialect.name == "postgresql":
        visits, facts = _queries(f, today)
        # GROUPING() sets a bit per key left out, the first key the highest bit.
        width = len(_DIMENSIONS)
        names = {(1 << width) - 1: "all"}
        for i, name in enumerate(_DIMENSIONS):
            names[((1 << width) - 1) ^ (1 << (width - 1 - i))] = name
        visit_rows, fact_rows = _both(s, visits, facts)
        for rows, add in ((visit_rows, _add_visit_row), (fact_rows, _add_fact_row)):
            for row in rows:
                name = names[row.which]
                key = "all" if name == "all" else getattr(row, _DIMENSIONS[name])
                add(found[name][key], row)
        return found
    for name, column in (("all", "all"), *_DIMENSIONS.items()):
        visits, facts = _queries(f, today, column)
        for row in s.execute(visits):
            _add_visit_row(found[name][row.key], row)
        for row in s.execute(facts):
            _add_fact_row(found[name][row.key], row)
    return found


def _both(s: Session, first: Executable, second: Executable) -> tuple[list[Any], list[Any]]:
    """Two independent aggregates at once, each on a connection of its own (a server
    with several cores answers in the time of the longer one); in the session when it
    is bound to one connection."""
    bind = s.get_bind()
    if not isinstance(bind, Engine):
        return list(s.execute(first)), list(s.execute(second))

    def fetch(statement: Executable) -> list[Any]:
        with bind.connect() as connection:
            return list(connection.execute(statement))

    with ThreadPoolExecutor(max_workers=2) as pool:
        later = pool.submit(fetch, second)
        return fetch(first), later.result()


def _names(s: Session, column: Any, key: Any, keys: list[str]) -> dict[str, str]:
    """One name per department or plan, each read through the index on its key (a
    handful of them): no aggregate compares the names of every visit."""
    names: dict[str, str] = {}
    for value in keys:
        names[value] = s.scalar(select(column).where(key == value).limit(1)) or ""
    return names


def _merge(into: dict[str, Any], part: dict[str, Any]) -> None:
    for name in (*_SUMS, "with_problems", "follow_ups_overdue"):
        into[name] += part[name]
    for bucket in ("dispositions", "documents"):
        for kind, n in part[bucket].items():
            into[bucket][kind] = into[bucket].get(kind, 0) + n


def compute(s: Session, f: StatsFilter, today: date) -> dict[str, Any]:
    """Every figure for the selection, its teams, departments, plans and months."""
    dims = _by_dimension(s, f, today)
    total = dims["all"].get("all") or _empty()
    teams, plans = dims["team"], dims["plan"]
    departments: Groups = defaultdict(_empty)
    for combination, part in dims["departments"].items():
        for code in (combination or "").split(";"):
            if code:  # a joint visit counts for each of its departments
                _merge(departments[code], part)
    months: Groups = defaultdict(_empty)
    for day, part in dims["day"].items():
        _merge(months[day.strftime("%Y-%m") if day else "unknown"], part)
    department_names = _names(
        s, VisitDepartment.department_name, VisitDepartment.department_code, sorted(departments)
    )
    plan_names = _names(s, Visit.plan_name, Visit.plan_id, sorted(p for p in plans if p))

    team_names = dict(s.execute(select(Team.id, Team.name)).all())

    def listing(
        groups: dict[Any, dict[str, Any]], label: str, names: dict[Any, str] | None = None
    ) -> list[dict[str, Any]]:
        out = []
        for key in sorted(groups, key=lambda k: (k is None, str(k))):
            entry: dict[str, Any] = {label: key}
            if names is not None:
                entry["name"] = names.get(key, "")
            out.append({**entry, **_finish(groups[key])})
        return out

    return {
        "as_of": today.isoformat(),
        "filter": {
            "teams": sorted(f.team_ids) if f.team_ids is not None else None,
            "since": f.since.isoformat() if f.since else None,
            "until": f.until.isoformat() if f.until else None,
        },
        "totals": _finish(total),
        "by_team": listing(teams, "team_id", team_names),
        "by_department": listing(departments, "department_code", department_names),
        "by_plan": listing(plans, "plan_id", plan_names),
        "by_month": listing(months, "month"),
    }


def format_text(stats: dict[str, Any]) -> list[str]:
    """The figures as lines a person reads at a terminal."""

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    def line(name: str, g: dict[str, Any]) -> str:
        return (
            f"{name:<28} planned {g['planned']:>6}  done {g['done']:>6}  "
            f"published {g['published']:>6}  problems {pct(g['problem_rate']):>6}  "
            f"items {g['items_before']}->{g['items_after']} (-{pct(g['items_reduction'])})  "
            f"saved {g['visits_saved']}  follow-ups overdue {g['follow_ups_overdue']}  "
            f"publication overdue {g['publication_overdue']}"
        )

    t = stats["totals"]
    out = [f"statistics as of {stats['as_of']}", line("all", t)]
    if t["dispositions"]:
        out.append("  dispositions: " + _kinds(t["dispositions"]))
    if t["documents"]:
        out.append("  documents: " + _kinds(t["documents"]))
    sections: Sequence[tuple[str, str, str]] = (
        ("by_team", "team_id", "team"),
        ("by_department", "department_code", "department"),
        ("by_plan", "plan_id", "plan"),
        ("by_month", "month", "month"),
    )
    for section, key, title in sections:
        if stats[section]:
            out.append(f"per {title}:")
            for g in stats[section]:
                label = g.get("name") or g[key] or "-"
                out.append("  " + line(str(label)[:26], g))
    return out


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {n}" for k, n in counts.items())
