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
* ``follow_ups_overdue``: non-compliant findings with a correction deadline before
  today, not corrected on site and not followed up.
* ``publication_overdue``: done visits not yet published past their deadline of 20
  working days (``services.publication``).

A visit counts in the period of its day: its completion day once done, else the
first day of its window. Per department, a joint visit counts for each of its
departments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select
from sqlalchemy.orm import Session

from inspector_app.domain.workdays import publication_deadline
from inspector_app.sync.protocol import DONE_STATES
from inspector_server.models import Team
from inspector_server.models_visits import Visit, VisitDepartment, VisitFact

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

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [Visit.cancelled.is_(False)]
        if self.team_ids is not None:
            found.append(Visit.team_id.in_(sorted(self.team_ids)))
        if self.since is not None:
            found.append(Visit.day >= self.since)
        if self.until is not None:
            found.append(Visit.day <= self.until)
        return found


def last_overdue_day(today: date) -> date:
    """The latest completion day whose publication deadline is before ``today``
    (deadlines never decrease as the completion day moves later)."""
    day = today
    while publication_deadline(day) >= today:
        day -= timedelta(days=1)
    return day


def _visit_figures(key: Any, f: StatsFilter, today: date) -> Select[Any]:
    done = Visit.state.in_(DONE_STATES)
    overdue = and_(Visit.state.in_(_WAITING), Visit.day <= last_overdue_day(today))

    def count_if(cond: ColumnElement[bool]) -> Any:
        return func.sum(case((cond, 1), else_=0))

    return (
        select(
            key.label("key"),
            func.count().label("planned"),
            count_if(done).label("done"),
            count_if(Visit.state == "published").label("published"),
            count_if(Visit.state == "approved").label("approved"),
            count_if(Visit.state == "submitted").label("awaiting_review"),
            func.sum(Visit.items_before).label("items_before"),
            func.sum(Visit.items_after).label("items_after"),
            func.sum(case((done, Visit.departments_n), else_=0)).label("departmental_visits"),
            count_if(overdue).label("publication_overdue"),
        )
        .where(*f.conditions())
        .group_by(key)
    )


def _fact_figures(key: Any, f: StatsFilter, today: date) -> Select[Any]:
    return (
        select(
            key.label("key"),
            VisitFact.fact,
            VisitFact.kind,
            func.count().label("n"),
            func.count(func.distinct(case((Visit.state.in_(DONE_STATES), Visit.task_id)))).label(
                "visits"
            ),
            func.sum(case((VisitFact.due_on < today, 1), else_=0)).label("due"),
        )
        .join(Visit, Visit.task_id == VisitFact.task_id)
        .where(*f.conditions())
        .group_by(key, VisitFact.fact, VisitFact.kind)
    )


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


def _grouped(
    s: Session, key: Any, f: StatsFilter, today: date, *, departments: bool = False
) -> dict[Any, dict[str, Any]]:
    groups: dict[Any, dict[str, Any]] = defaultdict(_empty)
    visits = _visit_figures(key, f, today)
    facts = _fact_figures(key, f, today)
    if departments:
        on = VisitDepartment.task_id == Visit.task_id
        visits = visits.join(VisitDepartment, on)
        facts = facts.join(VisitDepartment, on)
    for row in s.execute(visits):
        figures = groups[row.key]
        for name in _SUMS:
            figures[name] += int(getattr(row, name) or 0)
    for row in s.execute(facts):
        figures = groups[row.key]
        if row.fact == "noncompliant":
            figures["with_problems"] += int(row.visits or 0)
        elif row.fact == "follow_up":
            figures["follow_ups_overdue"] += int(row.due or 0)
        elif row.fact in ("disposition", "document"):
            bucket = figures[row.fact + "s"]
            bucket[row.kind] = bucket.get(row.kind, 0) + int(row.n)
    return groups


def _merge(into: dict[str, Any], part: dict[str, Any]) -> None:
    for name in (*_SUMS, "with_problems", "follow_ups_overdue"):
        into[name] += part[name]
    for bucket in ("dispositions", "documents"):
        for kind, n in part[bucket].items():
            into[bucket][kind] = into[bucket].get(kind, 0) + n


def compute(s: Session, f: StatsFilter, today: date) -> dict[str, Any]:
    """Every figure for the selection, its teams, departments, plans and months."""
    total = _grouped(s, literal("all"), f, today).get("all") or _empty()
    teams = _grouped(s, Visit.team_id, f, today)
    plans = _grouped(s, Visit.plan_id, f, today)
    departments = _grouped(s, VisitDepartment.department_code, f, today, departments=True)
    by_day = _grouped(s, Visit.day, f, today)
    months: dict[str, dict[str, Any]] = defaultdict(_empty)
    for day, part in by_day.items():
        _merge(months[day.strftime("%Y-%m") if day else "unknown"], part)

    team_names = dict(s.execute(select(Team.id, Team.name)).all())
    plan_names = dict(
        s.execute(
            select(Visit.plan_id, func.max(Visit.plan_name))
            .where(Visit.plan_id.in_([p for p in plans if p]))
            .group_by(Visit.plan_id)
        ).all()
    )
    department_names = dict(
        s.execute(
            select(VisitDepartment.department_code, func.max(VisitDepartment.department_name))
            .where(VisitDepartment.department_code.in_([d for d in departments if d]))
            .group_by(VisitDepartment.department_code)
        ).all()
    )

    def listing(
        groups: dict[Any, dict[str, Any]], label: str, names: dict[Any, str] | None
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
        "by_month": listing(months, "month", None),
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
