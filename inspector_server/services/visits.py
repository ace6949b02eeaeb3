"""The visit projection: what statistics and publication read, derived from the records.

Each function here reads one record's data as the wire carries it and returns the
columns or facts it implies; the push (``services.visit_rules``) and the server's own
writes (``sync.server_put``) store them in the transaction that writes the record,
and ``rebuild`` recomputes the whole projection from the records (migration 0005).

Records are read defensively: a field a newer laptop adds or an older one lacks is
skipped, never an error (dispositions are read from ``disposition`` records, and from
``item_result.data.disposition``, a kind or ``{kind}``, where an older client put one).

A follow-up (复查) is the laptop's (``inspector_app.domain.follow_ups``): a ``follow_up``
fact, due on the deadline, for each disposition record whose confirmed disposition
orders correction by a date and holds no follow-up result yet. An item result's own
deadline states none (migration 0007 took such facts away).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from inspector_app.domain.follow_ups import open_follow_up
from inspector_app.sync.protocol import DONE_STATES, VISIT_STATES
from inspector_server.models import Record
from inspector_server.models_visits import Visit, VisitDepartment, VisitFact

#: Dates of a visit are China's calendar days (UTC+8, no daylight saving).
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
FACT_NONCOMPLIANT = "noncompliant"
FACT_DISPOSITION = "disposition"
FACT_DOCUMENT = "document"
FACT_FOLLOW_UP = "follow_up"
#: Entities whose records state facts about their visit.
FACT_ENTITIES = ("item_result", "document", "disposition")


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time with offset as aware UTC; None for anything else."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def parse_day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def china_day(at: datetime) -> date:
    return at.astimezone(CHINA).date()


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def task_columns(data: dict[str, Any], team_id: str | None) -> dict[str, Any]:
    """A task record's data as the ``visits`` columns it sets."""
    business = data.get("business") if isinstance(data.get("business"), dict) else {}
    plan = data.get("plan") if isinstance(data.get("plan"), dict) else {}
    checklist = [i for i in data.get("checklist") or () if isinstance(i, dict)]
    after = _int(plan.get("items_after"))
    before = _int(plan.get("items_before"))
    if after is None:
        after = len(checklist)
    if before is None:  # every merged item replaced its sources (at least itself)
        before = sum(max(1, len(i.get("sources") or ())) for i in checklist)
    inspectors = [i for i in data.get("inspector_ids") or () if isinstance(i, str)]
    return {
        "team_id": team_id,
        "plan_id": _text(plan.get("plan_id"), 64) or None,
        "plan_name": _text(plan.get("name"), 300),
        "uscc": _text(business.get("uscc"), 40),
        "business_name": _text(business.get("name"), 300),
        "lead_department": _text(data.get("lead_department_code"), 40),
        "departments_n": len(departments_of(data)),
        "departments": department_key(departments_of(data)),
        "inspector_ids": inspectors,
        "items_before": before,
        "items_after": after,
        "window_start": parse_day(data.get("window_start")),
        "cancelled": data.get("status") == "cancelled",
    }


def department_key(departments: Iterable[str]) -> str:
    return ";".join(sorted(departments))[:400]


def departments_of(data: dict[str, Any]) -> dict[str, str]:
    """code -> name of a task's departments, in the task's order."""
    found: dict[str, str] = {}
    for d in data.get("departments") or ():
        if isinstance(d, dict) and isinstance(d.get("code"), str) and d["code"]:
            found.setdefault(d["code"][:40], _text(d.get("name"), 200))
    return found


def disposition_kind(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value[:60]
    if isinstance(value, dict):
        kind = value.get("kind")
        if isinstance(kind, str) and kind:
            return kind[:60]
    return None


def facts_of(entity: str, record_id: str, data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The ``visit_facts`` rows one record states (none for a deleted record)."""
    if not data or entity not in FACT_ENTITIES:
        return []
    task_id = data.get("task_id")
    if entity in ("item_result", "disposition") and not isinstance(task_id, str):
        task_id = record_id.partition(":")[0]
    if not isinstance(task_id, str) or not task_id:
        return []

    def fact(name: str, kind: str = "", due_on: date | None = None) -> dict[str, Any]:
        return {
            "entity": entity,
            "record_id": record_id,
            "fact": name,
            "task_id": task_id,
            "kind": kind,
            "due_on": due_on,
        }

    found: list[dict[str, Any]] = []
    if entity == "item_result":
        noncompliant = data.get("outcome") == "noncompliant"
        if noncompliant:
            found.append(fact(FACT_NONCOMPLIANT))
        kind = disposition_kind(data.get("disposition"))
        if kind:
            found.append(fact(FACT_DISPOSITION, kind))
    elif entity == "document":
        if data.get("status") == "final" and isinstance(data.get("kind"), str):
            found.append(fact(FACT_DOCUMENT, data["kind"][:60]))
    elif entity == "disposition":
        kind = disposition_kind(data.get("kind")) or disposition_kind(data.get("disposition"))
        if kind:
            found.append(fact(FACT_DISPOSITION, kind))
        due_on = open_follow_up(data)
        if due_on is not None:
            found.append(fact(FACT_FOLLOW_UP, due_on=due_on))
    return found


def state_of(data: dict[str, Any] | None) -> str:
    status = data.get("status") if data else None
    return status if isinstance(status, str) and status in VISIT_STATES else "assigned"


def reference_day(visit: Visit) -> date | None:
    if visit.completed_at is not None and visit.state in DONE_STATES:
        return china_day(visit.completed_at)
    return visit.window_start


def apply_task(visit: Visit, columns: dict[str, Any]) -> None:
    for name, value in columns.items():
        setattr(visit, name, value)
    visit.day = reference_day(visit)


def new_visit(task_id: str) -> Visit:
    return Visit(
        task_id=task_id,
        state="assigned",
        round=1,
        noncompliant=0,
        inspector_ids=[],
        plan_name="",
        uscc="",
        business_name="",
        lead_department="",
        departments_n=0,
        departments="",
        items_before=0,
        items_after=0,
        cancelled=False,
    )


def set_departments(
    s: Session, task_id: str, departments: dict[str, str], *, new: bool = False
) -> None:
    if not new:  # a new visit has none yet: no statement per task of a fresh plan
        s.execute(delete(VisitDepartment).where(VisitDepartment.task_id == task_id))
    rows = [
        {"task_id": task_id, "department_code": code, "department_name": name}
        for code, name in departments.items()
    ]
    if rows:  # Core rows: nothing in the session's identity map to clash with later
        s.execute(insert(VisitDepartment), rows)


def fact_context(visit: Visit | None) -> dict[str, Any]:
    """The columns of a visit its facts carry a copy of."""
    if visit is None:
        return {
            "team_id": None,
            "plan_id": None,
            "day": None,
            "cancelled": True,
            "departments": "",
        }
    return {
        "team_id": visit.team_id,
        "plan_id": visit.plan_id,
        "day": visit.day,
        "cancelled": bool(visit.cancelled),
        "departments": visit.departments or "",
    }


def sync_fact_context(s: Session, visit: Visit) -> None:
    s.execute(
        update(VisitFact).where(VisitFact.task_id == visit.task_id).values(**fact_context(visit))
    )


def count_noncompliant(s: Session, visits: Iterable[Visit]) -> None:
    """Set each visit's count of non-compliant findings from its facts."""
    by_id = {v.task_id: v for v in visits}
    ids = sorted(by_id)
    counts: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(VisitFact.task_id, func.count())
            .where(
                VisitFact.fact == FACT_NONCOMPLIANT, VisitFact.task_id.in_(ids[start : start + 500])
            )
            .group_by(VisitFact.task_id)
        )
        counts.update({task_id: int(n) for task_id, n in s.execute(query)})
    for task_id, visit in by_id.items():
        visit.noncompliant = counts.get(task_id, 0)


def note_task(s: Session, task_id: str, data: dict[str, Any] | None, team_id: str | None) -> None:
    """The server wrote a task record (seed, planning): its visit's planned columns."""
    visit = s.get(Visit, task_id)
    if visit is None:
        visit = new_visit(task_id)
        s.add(visit)
        before = None
    else:
        before = fact_context(visit)
    if data is None:
        visit.cancelled = True
    else:
        apply_task(visit, task_columns(data, team_id))
        set_departments(s, task_id, departments_of(data), new=before is None)
    if before is not None and before != fact_context(visit):
        sync_fact_context(s, visit)


def replace_facts(
    s: Session,
    records: Iterable[tuple[str, str, dict[str, Any] | None]],
    visit_of: Callable[[str], Visit | None],
) -> set[str]:
    """Facts of these records replace whatever they stated before; returns the tasks
    whose non-compliant findings may have changed."""
    keys = []
    rows: list[dict[str, Any]] = []
    touched: set[str] = set()
    for entity, record_id, data in records:
        if entity not in FACT_ENTITIES:
            continue
        keys.append((entity, record_id))
        if entity == "item_result":
            touched.add(record_id.partition(":")[0])
        for row in facts_of(entity, record_id, data):
            rows.append({**row, **fact_context(visit_of(row["task_id"]))})
    for entity in {e for e, _ in keys}:
        ids = sorted({r for e, r in keys if e == entity})
        for start in range(0, len(ids), 500):
            s.execute(
                delete(VisitFact).where(
                    VisitFact.entity == entity, VisitFact.record_id.in_(ids[start : start + 500])
                )
            )
    if rows:
        s.execute(VisitFact.__table__.insert(), rows)
    return touched


def refresh_facts(s: Session, entity: str) -> int:
    """Recompute the facts of every stored record of one entity, after a rule of
    ``facts_of`` changed for it (migration 0007); returns the records read."""
    records = select(Record.entity, Record.id, Record.data).where(
        Record.entity == entity, Record.deleted.is_(False)
    )
    read = 0
    batch: list[tuple[str, str, dict[str, Any] | None]] = []
    for row in s.execute(records).all():
        batch.append((row[0], row[1], row[2]))
        read += 1
        if len(batch) >= 1000:
            replace_facts(s, batch, lambda task_id: s.get(Visit, task_id))
            batch = []
    replace_facts(s, batch, lambda task_id: s.get(Visit, task_id))
    s.flush()
    return read


def rebuild(s: Session) -> int:
    """Recompute the whole projection from the records; returns the visits written.

    States come from the inspection records, rounds from the returned reviews; the
    dates of submission and approval are those the records carry.
    """
    for table in (VisitFact, VisitDepartment, Visit):
        s.execute(delete(table))
    visits: dict[str, Visit] = {}
    tasks = select(Record.id, Record.data, Record.team_id, Record.deleted).where(
        Record.entity == "task"
    )
    for task_id, data, team_id, deleted in s.execute(tasks):
        visit = visits[task_id] = new_visit(task_id)
        if deleted or not isinstance(data, dict):
            visit.cancelled = True
            continue
        apply_task(visit, task_columns(data, team_id))
        for code, name in departments_of(data).items():
            s.add(VisitDepartment(task_id=task_id, department_code=code, department_name=name))
    returns: dict[str, int] = {}
    reviews = select(Record.task_id, Record.data).where(
        Record.entity == "review", Record.deleted.is_(False)
    )
    for task_id, data in s.execute(reviews):
        if isinstance(data, dict) and data.get("decision") == "returned" and task_id:
            returns[task_id] = returns.get(task_id, 0) + 1
    inspections = select(Record.id, Record.data).where(
        Record.entity == "inspection", Record.deleted.is_(False)
    )
    for task_id, data in s.execute(inspections):
        visit = visits.get(task_id)
        if visit is None or not isinstance(data, dict):
            continue
        visit.state = state_of(data)
        visit.completed_at = parse_time(data.get("checked_out_at"))
        visit.submitted_at = parse_time(data.get("submitted_at"))
        visit.published_at = parse_time(data.get("published_at"))
        if visit.state in ("approved", "published"):
            visit.approved_at = parse_time(data.get("reviewed_at"))
        visit.day = reference_day(visit)
    for task_id, returned in returns.items():
        if task_id in visits:
            visits[task_id].round = 1 + returned
    s.add_all(visits.values())
    facts = select(Record.entity, Record.id, Record.data).where(
        Record.entity.in_(FACT_ENTITIES), Record.deleted.is_(False)
    )
    batch: list[tuple[str, str, dict[str, Any] | None]] = []
    for row in s.execute(facts).all():
        batch.append((row[0], row[1], row[2]))
        if len(batch) >= 1000:
            replace_facts(s, batch, visits.get)
            batch = []
    replace_facts(s, batch, visits.get)
    count_noncompliant(s, visits.values())
    s.flush()
    return len(visits)
