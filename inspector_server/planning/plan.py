"""A double-random plan (双随机): targets, joint tasks, inspectors, checklists, hashes.

``make_plan`` computes the plan and changes nothing; ``write_plan`` records it (the
``plans`` row, its targets, one ``task`` record per joint task). Everything random
comes from the seed through hashes, never from a random generator's state:

* targets: ``draw.draw_targets`` per department and credit class (see its module);
* joint tasks: a business drawn by several departments becomes one task whose
  departments are those that drew it, led by the first of them in ``--departments``
  order; the visits saved are department draws minus tasks;
* inspectors: every eligible person gets the rank ``sha256(seed␟inspector␟uscc␟id)``
  and every team ``sha256(seed␟team␟uscc␟id)``. Eligible: an active inspector on a
  team, not marked related to the business (``recusals``) and not on a task for the
  business whose window starts within ``recent_days`` before the draw (or later). The
  team is the lowest-ranked team whose eligible members include every participating
  department and number at least ``n = max(inspectors_per_task, departments)``; in it,
  each department's lowest-ranked member is drawn, then the lowest-ranked others (the
  participating departments' people first) until there are ``n``;
* checklists: the participating departments' imported items (lead department first),
  merged with the domain merge and the imported equivalences.

The plan id is a UUID5 of the parameters; task ids are UUID5s of the plan id and the
USCC, so recording the same plan twice changes nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from inspector_app.domain.checklist import Equivalence, MergeResult, merge_checklists
from inspector_app.domain.entities import Business as BusinessEntity
from inspector_app.domain.entities import (
    CheckItem,
    CreditClass,
    Department,
    JointTask,
    Severity,
    TaskStatus,
)
from inspector_app.domain.serialization import item_provisions_from_json, task_to_json
from inspector_server.models import (
    Business,
    ChecklistEquivalence,
    ChecklistItem,
    Plan,
    PlanTarget,
    Record,
    Recusal,
    Team,
    TeamMember,
    User,
)
from inspector_server.models import Department as DepartmentRow
from inspector_server.planning import draw
from inspector_server.planning.draw import CLASSES, canonical_hash, canonical_json
from inspector_server.services import sync

PLAN_NAMESPACE = uuid.UUID("6f1d1c55-3c1e-5b7e-9a53-6c0e7d1f2a90")
CHUNK = 900  # ids per IN (...) list


class PlanError(ValueError):
    """The plan cannot be made or recorded as asked; the message says why."""


def parse_ratios(text: str) -> dict[str, Decimal]:
    """``A=0.03,B=5%,C=0.2,D=0.6`` -> ratios per class; a class not named draws none."""
    ratios = dict.fromkeys(CLASSES, Decimal(0))
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        cls, sep, value = part.partition("=")
        cls = cls.strip().upper()
        if not sep or cls not in ratios:
            raise PlanError(f"ratio {part!r}: write CLASS=VALUE with CLASS one of A, B, C, D")
        value = value.strip()
        try:
            ratio = Decimal(value[:-1]) / 100 if value.endswith("%") else Decimal(value)
        except InvalidOperation:
            raise PlanError(f"ratio {part!r}: {value!r} is not a number") from None
        if not ratio.is_finite() or not 0 <= ratio <= 1:
            raise PlanError(f"ratio {part!r}: give a share between 0 and 1 (or 0% and 100%)")
        ratios[cls] = ratio
    return ratios


@dataclass(frozen=True, slots=True)
class PlanParams:
    seed: str
    ratios: dict[str, Decimal]
    departments: tuple[str, ...]
    drawn_on: date
    areas: tuple[str, ...] = ()
    inspectors_per_task: int = 2
    recent_days: int = 365
    window_start: date | None = None
    window_end: date | None = None
    name: str = ""

    def __post_init__(self) -> None:
        if not self.seed:
            raise PlanError("give a seed")
        if not self.departments:
            raise PlanError("name at least one department")
        if len(set(self.departments)) != len(self.departments):
            raise PlanError("a department is named twice")
        if self.inspectors_per_task < 2:
            raise PlanError("at least two inspectors per task (行政处罚法第四十二条)")
        if self.recent_days < 0:
            raise PlanError("recent_days cannot be negative")
        if self.window[1] < self.window[0]:
            raise PlanError("the task window ends before it starts")

    @property
    def window(self) -> tuple[date, date]:
        start = self.window_start or self.drawn_on
        return start, self.window_end or start + timedelta(days=30)

    def canonical(self) -> dict[str, Any]:
        start, end = self.window
        return {
            "seed": self.seed,
            "ratios": {cls: str(self.ratios.get(cls, Decimal(0))) for cls in CLASSES},
            "departments": list(self.departments),
            "areas": list(self.areas),
            "inspectors_per_task": self.inspectors_per_task,
            "recent_days": self.recent_days,
            "drawn_on": self.drawn_on.isoformat(),
            "window": [start.isoformat(), end.isoformat()],
            "name": self.name,
        }

    @property
    def plan_id(self) -> str:
        return str(uuid.uuid5(PLAN_NAMESPACE, canonical_json(self.canonical())))


@dataclass
class PlannedTask:
    id: str
    uscc: str
    name: str
    credit_class: str
    departments: tuple[str, ...]
    team_id: str | None = None
    inspector_ids: tuple[str, ...] = ()
    items_before: int = 0
    items_after: int = 0
    data: dict[str, Any] | None = None

    def brief(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uscc": self.uscc,
            "name": self.name,
            "credit_class": self.credit_class,
            "departments": list(self.departments),
            "team_id": self.team_id,
            "inspector_ids": list(self.inspector_ids),
            "items_before": self.items_before,
            "items_after": self.items_after,
        }


@dataclass
class PlanResult:
    plan_id: str
    params: PlanParams
    census: draw.Census
    drawn: dict[str, dict[str, dict[str, Any]]]  # dept -> class -> {pool, ratio, drawn}
    samples: dict[str, dict[str, list[str]]]  # dept -> class -> USCCs in rank order
    drawn_hash: str
    inputs: dict[str, Any]
    input_hash: str
    tasks: list[PlannedTask]
    recusals: dict[str, int]
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def department_draws(self) -> int:
        return sum(len(ids) for by_class in self.samples.values() for ids in by_class.values())

    @property
    def visits_saved(self) -> int:
        return self.department_draws - len(self.tasks)

    def summary(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "params": self.params.canonical(),
            "pool": {
                cls: {
                    "eligible": self.census.eligible(cls),
                    "positive_skipped": self.census.classes[cls].positive
                    if cls in self.census.classes
                    else 0,
                }
                for cls in CLASSES
            },
            "drawn": self.drawn,
            "department_draws": self.department_draws,
            "tasks": len(self.tasks),
            "visits_saved": self.visits_saved,
            "recusals": self.recusals,
            "input_hash": self.input_hash,
            "drawn_hash": self.drawn_hash,
            "inputs": self.inputs,
            "problems": self.problems,
            "warnings": self.warnings,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.summary(), "task_list": [t.brief() for t in self.tasks]}


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _rank(seed: str, purpose: str, uscc: str, ident: str) -> str:
    return hashlib.sha256(f"{seed}\x1f{purpose}\x1f{uscc}\x1f{ident}".encode()).hexdigest()


@dataclass
class _Pool:
    department_of: dict[str, str]  # user id -> department code
    teams: dict[str, list[str]]  # team id -> pool members (sorted)

    def canonical(self) -> dict[str, Any]:
        return {
            "inspectors": sorted(self.department_of.items()),
            "teams": {t: members for t, members in sorted(self.teams.items())},
        }


def _load_pool(session: Session) -> _Pool:
    people = {
        u.id: u.department_code or ""
        for u in session.scalars(
            select(User).where(User.role == "inspector", User.is_active.is_(True))
        )
    }
    teams: dict[str, list[str]] = {t: [] for t in session.scalars(select(Team.id))}
    for team_id, user_id in session.execute(select(TeamMember.team_id, TeamMember.user_id)):
        if user_id in people:
            teams.setdefault(team_id, []).append(user_id)
    on_a_team = {u for members in teams.values() for u in members}
    return _Pool(
        department_of={u: d for u, d in people.items() if u in on_a_team},
        teams={t: sorted(m) for t, m in teams.items() if m},
    )


def _load_recusals(
    session: Session, targets: Sequence[str], cutoff: date, plan_id: str
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(inspector, uscc) pairs: marked related, and on a recent task for the business."""
    wanted = set(targets)
    related: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted(wanted)):
        for inspector_id, uscc in session.execute(
            select(Recusal.inspector_id, Recusal.uscc).where(Recusal.uscc.in_(chunk))
        ):
            related.add((inspector_id, uscc))
    recent: set[tuple[str, str]] = set()
    data = Record.data
    rows = session.execute(
        select(
            data[("business", "uscc")].as_string(),
            data["inspector_ids"],
            data[("plan", "plan_id")].as_string(),
        ).where(
            Record.entity == "task",
            Record.deleted.is_(False),
            data["window_start"].as_string() >= cutoff.isoformat(),
        )
    )
    for uscc, inspector_ids, task_plan in rows:
        if uscc in wanted and task_plan != plan_id and isinstance(inspector_ids, list):
            recent.update((i, uscc) for i in inspector_ids if isinstance(i, str))
    return related, recent


def _load_checklists(
    session: Session, departments: Sequence[str]
) -> tuple[dict[str, list[CheckItem]], list[Equivalence], dict[str, Any]]:
    items: dict[str, list[CheckItem]] = {d: [] for d in departments}
    canonical_items: list[list[Any]] = []
    for row in session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.department_code.in_(list(departments)))
        .order_by(ChecklistItem.department_code, ChecklistItem.position, ChecklistItem.code)
    ):
        order_basis, penalty = item_provisions_from_json(row.provisions)
        item = CheckItem(
            department_code=row.department_code,
            department_name=row.department_name,
            code=row.code,
            title=row.title,
            content=row.content,
            method=row.method,
            legal_basis=tuple(row.legal_basis or ()),
            severity=Severity(row.severity),
            order_basis=order_basis,
            penalty=penalty,
        )
        items[row.department_code].append(item)
        canonical_item: list[Any] = [
            item.department_code,
            item.code,
            item.title,
            item.content,
            item.method,
            list(item.legal_basis),
            item.severity.value,
        ]
        if row.provisions:  # only where given, so checklists without them hash as before
            canonical_item.append(row.provisions)
        canonical_items.append(canonical_item)
    pairs = [
        Equivalence(r.code_a, r.code_b, r.note)
        for r in session.scalars(
            select(ChecklistEquivalence).order_by(
                ChecklistEquivalence.code_a, ChecklistEquivalence.code_b
            )
        )
    ]
    canonical = {"items": canonical_items, "equivalences": [[p.code_a, p.code_b] for p in pairs]}
    return items, pairs, canonical


def make_plan(session: Session, params: PlanParams) -> PlanResult:
    """Compute the plan (reads only)."""
    plan_id = params.plan_id
    known = {
        d.code: d
        for d in session.scalars(
            select(DepartmentRow).where(DepartmentRow.code.in_(list(params.departments)))
        )
    }
    missing = [d for d in params.departments if d not in known]
    if missing:
        raise PlanError(
            f"unknown department(s) {', '.join(missing)}: import their checklists first "
            "(import-checklists records the departments it reads)"
        )

    # 1. Targets, per department and class.
    census = draw.census(session, params.areas)
    pool_sizes = {cls: census.eligible(cls) for cls in CLASSES}
    samples: dict[str, dict[str, list[str]]] = {}
    drawn: dict[str, dict[str, dict[str, Any]]] = {}
    for dept in params.departments:
        counts = {
            cls: draw.sample_size(params.ratios.get(cls, Decimal(0)), pool_sizes[cls])
            for cls in CLASSES
        }
        samples[dept] = draw.draw_targets(
            session, draw.department_seed(params.seed, dept), counts, params.areas, pool_sizes
        )
        drawn[dept] = {
            cls: {
                "pool": pool_sizes[cls],
                "ratio": str(params.ratios.get(cls, Decimal(0))),
                "drawn": len(samples[dept][cls]),
            }
            for cls in CLASSES
        }
    drawn_hash = draw.drawn_hash(samples)

    # 2. One joint task per business, whichever departments drew it.
    drawn_by: dict[str, list[str]] = {}
    class_of: dict[str, str] = {}
    for dept in params.departments:
        for cls, ids in samples[dept].items():
            for uscc in ids:
                drawn_by.setdefault(uscc, []).append(dept)
                class_of[uscc] = cls
    targets = sorted(drawn_by)
    businesses: dict[str, Business] = {}
    for chunk in _chunks(targets):
        for b in session.scalars(select(Business).where(Business.uscc.in_(chunk))):
            businesses[b.uscc] = b

    # 3. Inspectors, with recusal.
    pool = _load_pool(session)
    cutoff = params.drawn_on - timedelta(days=params.recent_days)
    related, recent = _load_recusals(session, targets, cutoff, plan_id)
    recused = related | recent
    relevant = sorted(p for p in recused if p[0] in pool.department_of)

    # 4. Checklists.
    items, pairs, checklist_canonical = _load_checklists(session, params.departments)
    warnings = [
        f"{d} has no checklist items: import-checklists its checklist"
        for d in items
        if not items[d]
    ]

    inputs = {
        "params": params.canonical(),
        "directory": census.snapshot_hash(),
        "pool": canonical_hash(pool.canonical()),
        "recusals": canonical_hash(relevant),
        "checklists": canonical_hash(checklist_canonical),
    }
    input_hash = canonical_hash(inputs)

    merges: dict[tuple[str, ...], MergeResult] = {}
    start, end = params.window
    dept_entities = {code: Department(code, known[code].name) for code in params.departments}
    tasks: list[PlannedTask] = []
    problems: list[str] = []
    for uscc in targets:
        depts = tuple(drawn_by[uscc])
        biz = businesses[uscc]
        task_id = str(uuid.uuid5(uuid.UUID(plan_id), uscc))
        task = PlannedTask(task_id, uscc, biz.name, class_of[uscc], depts)
        staffed = _staff(params, pool, recused, uscc, depts)
        if staffed is None:
            problems.append(
                f"{uscc} {biz.name}: no team has {max(params.inspectors_per_task, len(depts))} "
                f"eligible inspectors covering {', '.join(depts)} (after recusal)"
            )
        else:
            task.team_id, task.inspector_ids = staffed
        merged = merges.get(depts)
        if merged is None:
            merged = merges[depts] = merge_checklists([i for d in depts for i in items[d]], pairs)
        task.items_before, task.items_after = merged.items_before, merged.items_after
        task.data = task_to_json(
            JointTask(
                id=task_id,
                business=BusinessEntity(
                    uscc=biz.uscc,
                    name=biz.name,
                    address=biz.address,
                    legal_rep=biz.legal_rep,
                    phone=biz.phone,
                    industry=biz.industry,
                    area=biz.area,
                    credit_class=CreditClass(biz.credit_class),
                    positive_list=biz.positive_list,
                ),
                departments=tuple(dept_entities[d] for d in depts),
                lead_department_code=depts[0],
                inspector_ids=task.inspector_ids,
                team_id=task.team_id,
                window_start=start,
                window_end=end,
                checklist=merged.items,
                status=TaskStatus.ASSIGNED,
                plan={
                    "plan_id": plan_id,
                    "name": params.name,
                    "seed": params.seed,
                    "drawn_on": params.drawn_on.isoformat(),
                    "drawn_by": list(depts),
                    "input_hash": input_hash,
                    "drawn_hash": drawn_hash,
                    "merge": merged.summary(),
                    "items_before": merged.items_before,
                    "items_after": merged.items_after,
                },
            )
        )
        tasks.append(task)

    return PlanResult(
        plan_id=plan_id,
        params=params,
        census=census,
        drawn=drawn,
        samples=samples,
        drawn_hash=drawn_hash,
        inputs=inputs,
        input_hash=input_hash,
        tasks=tasks,
        recusals={
            "related": sum(1 for p in relevant if p in related),
            "recent": sum(1 for p in relevant if p in recent),
        },
        problems=problems,
        warnings=warnings,
    )


def _staff(
    params: PlanParams,
    pool: _Pool,
    recused: set[tuple[str, str]],
    uscc: str,
    depts: tuple[str, ...],
) -> tuple[str, tuple[str, ...]] | None:
    """(team, inspectors), or None when no team can staff the task."""
    need = max(params.inspectors_per_task, len(depts))
    candidates: list[tuple[str, str, list[str]]] = []
    for team_id, members in pool.teams.items():
        eligible = [m for m in members if (m, uscc) not in recused]
        present = {pool.department_of[m] for m in eligible}
        if len(eligible) >= need and all(d in present for d in depts):
            candidates.append((_rank(params.seed, "team", uscc, team_id), team_id, eligible))
    if not candidates:
        return None
    _, team_id, eligible = min(candidates)
    ranked = sorted(eligible, key=lambda m: _rank(params.seed, "inspector", uscc, m))
    chosen: list[str] = []
    for d in depts:
        chosen.append(next(m for m in ranked if pool.department_of[m] == d and m not in chosen))
    rest = [m for m in ranked if m not in chosen]
    rest.sort(key=lambda m: pool.department_of[m] not in depts)  # stable: rank kept within
    chosen += rest[: need - len(chosen)]
    return team_id, tuple(chosen)


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    already_recorded: bool = False


def write_plan(session: Session, result: PlanResult) -> WriteReport:
    """Record the plan and write its tasks (call inside a write transaction)."""
    if result.problems:
        raise PlanError(f"{len(result.problems)} task(s) could not be staffed; nothing was written")
    report = WriteReport()
    existing = session.get(Plan, result.plan_id)
    if existing is not None:
        if (existing.input_hash, existing.drawn_hash) != (result.input_hash, result.drawn_hash):
            raise PlanError(
                f"plan {result.plan_id} was already drawn on {existing.created_at:%Y-%m-%d} from "
                f"other inputs (input hash {existing.input_hash[:12]}…); a recorded draw is "
                "not redrawn: use a new seed or date"
            )
        report.already_recorded = True
    else:
        session.add(
            Plan(
                id=result.plan_id,
                name=result.params.name,
                seed=result.params.seed,
                drawn_on=result.params.drawn_on,
                params=result.params.canonical(),
                inputs=result.inputs,
                input_hash=result.input_hash,
                drawn_hash=result.drawn_hash,
                summary=result.summary(),
            )
        )
        session.flush()
        rows = [
            {
                "plan_id": result.plan_id,
                "uscc": t.uscc,
                "credit_class": t.credit_class,
                "departments": ";".join(t.departments),
                "task_id": t.id,
            }
            for t in result.tasks
        ]
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(PlanTarget), rows[start : start + CHUNK])
    for t in result.tasks:
        assert t.data is not None
        changed = sync.server_put(
            session,
            entity="task",
            record_id=t.id,
            data=t.data,
            task_id=t.id,
            team_id=t.team_id,
        )
        if changed:
            report.written += 1
        else:
            report.unchanged += 1
    return report
