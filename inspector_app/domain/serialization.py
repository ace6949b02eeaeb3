"""Domain entities <-> the sync wire JSON of DESIGN.md, shared by client and server.

Dates are ``YYYY-MM-DD``, times ISO 8601 in UTC with offset, enums their values,
tuples lists. ``from_json(to_json(x)) == x`` for every entity here.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from typing import Any

import orjson

from inspector_app.domain.entities import (
    Business,
    CreditClass,
    Department,
    Disposition,
    DispositionKind,
    ItemResult,
    JointTask,
    MeasurementKind,
    MeasurementSpec,
    MergedItem,
    Outcome,
    PartyType,
    PenaltyProvision,
    PriorViolation,
    Severity,
    SourceItem,
    TaskStatus,
)


def json_text(value: Any) -> str:
    """The JSON text both sides store: compact UTF-8 (Chinese stays readable, and a pull
    can send it as it is), strictly JSON (NaN and infinities, which JSON cannot carry,
    become null). orjson, several times faster than the standard library on a first
    pull's thousands of tasks; the standard library for what orjson refuses (integers
    beyond 64 bits). The audit chain has its own canonical form (``domain.audit``)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    except TypeError:
        return json.dumps(_finite(value), ensure_ascii=False, separators=(",", ":"))


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def to_utc(value: datetime) -> datetime:
    """A timezone-aware time converted to UTC; a naive one is a programming error."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: pass a timezone-aware time")
    return value.astimezone(UTC)


def iso_utc(value: datetime) -> str:
    """``2026-05-09T07:35:25.123456+00:00``: fixed precision, so strings sort as times."""
    return to_utc(value).isoformat(timespec="microseconds")


Json = dict[str, Any]


def prior_violation_from_json(d: Json) -> PriorViolation:
    return PriorViolation(
        matter_code=d["matter_code"],
        found_on=date.fromisoformat(d["found_on"]),
        description=d.get("description", ""),
        penalised=bool(d.get("penalised", False)),
    )


def business_to_json(b: Business) -> Json:
    return {
        "uscc": b.uscc,
        "name": b.name,
        "address": b.address,
        "legal_rep": b.legal_rep,
        "phone": b.phone,
        "industry": b.industry,
        "area": b.area,
        "credit_class": b.credit_class.value,
        "positive_list": b.positive_list,
        "licence_name": b.licence_name,
        "party_type": b.party_type.value,
    }


def business_from_json(d: Json) -> Business:
    return Business(
        uscc=d["uscc"],
        name=d["name"],
        address=d["address"],
        legal_rep=d["legal_rep"],
        phone=d.get("phone", ""),
        industry=d.get("industry", ""),
        area=d.get("area", ""),
        credit_class=CreditClass(d.get("credit_class", "B")),
        positive_list=bool(d.get("positive_list", False)),
        licence_name=d.get("licence_name", "营业执照"),
        party_type=PartyType(d.get("party_type", PartyType.ORGANISATION.value)),
    )


def penalty_to_json(p: PenaltyProvision) -> Json:
    out: Json = {
        "basis": list(p.basis),
        "warning": p.warning,
        "fine_min": p.fine_min,
        "fine_max": p.fine_max,
        "condition": p.condition,
        "benchmark": p.benchmark,
    }
    if p.note:
        out["note"] = p.note
    if p.discretionary:
        out["discretionary"] = True
    if p.fine_condition:
        out["fine_condition"] = p.fine_condition
    if p.fine_optional:
        out["fine_optional"] = True
    return out


def penalty_from_json(d: Json | None) -> PenaltyProvision | None:
    if not d:
        return None
    return PenaltyProvision(
        basis=tuple(d.get("basis", ())),
        warning=bool(d.get("warning", False)),
        fine_min=d.get("fine_min"),
        fine_max=d.get("fine_max"),
        condition=d.get("condition", ""),
        benchmark=d.get("benchmark", ""),
        note=d.get("note", ""),
        discretionary=bool(d.get("discretionary", False)),
        fine_condition=d.get("fine_condition", ""),
        fine_optional=bool(d.get("fine_optional", False)),
    )


def item_provisions_to_json(order_basis: tuple[str, ...], penalty: PenaltyProvision | None) -> Json:
    """The order and penalty provisions, only where known: older task JSON stays as it was."""
    out: Json = {}
    if order_basis:
        out["order_basis"] = list(order_basis)
    if penalty is not None:
        out["penalty"] = penalty_to_json(penalty)
    return out


def item_provisions_from_json(d: Json | None) -> tuple[tuple[str, ...], PenaltyProvision | None]:
    """``(order_basis, penalty)`` from ``{"order_basis": [...], "penalty": {...}}``."""
    d = d or {}
    return tuple(d.get("order_basis", ())), penalty_from_json(d.get("penalty"))


def measurement_spec_to_json(m: MeasurementSpec) -> Json:
    out: Json = {"key": m.key, "label": m.label, "kind": m.kind.value, "unit": m.unit}
    if m.minimum is not None:
        out["min"] = m.minimum
    if m.maximum is not None:
        out["max"] = m.maximum
    return out


def measurement_spec_from_json(d: Json) -> MeasurementSpec:
    try:
        kind = MeasurementKind(d.get("kind", "number"))
    except ValueError:
        kind = MeasurementKind.TEXT  # a kind a newer server knows: still recordable as text
    return MeasurementSpec(
        key=str(d["key"]),
        label=str(d.get("label") or d["key"]),
        kind=kind,
        unit=str(d.get("unit") or ""),
        minimum=d.get("min"),
        maximum=d.get("max"),
    )


def merged_item_to_json(item: MergedItem) -> Json:
    data = _merged_item_json(item)
    if item.measurements:  # only where the checklist says what is measured
        data["measurements"] = [measurement_spec_to_json(m) for m in item.measurements]
    return data


def _merged_item_json(item: MergedItem) -> Json:
    return {
        "id": item.id,
        "code": item.code,
        "title": item.title,
        "content": item.content,
        "method": item.method,
        "legal_basis": list(item.legal_basis),
        "severity": item.severity.value,
        **item_provisions_to_json(item.order_basis, item.penalty),
        "sources": [
            {
                "department_code": s.department_code,
                "code": s.code,
                "title": s.title,
                "legal_basis": list(s.legal_basis),
                **item_provisions_to_json(s.order_basis, s.penalty),
            }
            for s in item.sources
        ],
    }


def merged_item_from_json(d: Json) -> MergedItem:
    return MergedItem(
        id=d["id"],
        code=d["code"],
        title=d["title"],
        content=d.get("content", ""),
        method=d.get("method", ""),
        legal_basis=tuple(d.get("legal_basis", ())),
        severity=Severity(d["severity"]),
        sources=tuple(
            SourceItem(
                department_code=s["department_code"],
                code=s["code"],
                title=s["title"],
                legal_basis=tuple(s.get("legal_basis", ())),
                order_basis=tuple(s.get("order_basis", ())),
                penalty=penalty_from_json(s.get("penalty")),
            )
            for s in d.get("sources", ())
        ),
        order_basis=tuple(d.get("order_basis", ())),
        penalty=penalty_from_json(d.get("penalty")),
        measurements=tuple(
            measurement_spec_from_json(m)
            for m in d.get("measurements") or ()
            if isinstance(m, dict)
        ),
    )


def task_to_json(task: JointTask) -> Json:
    data = _task_json(task)
    if task.related:  # only where known: a task without the key reads as before
        data["related"] = [
            {"inspector_id": who, "reason": why} for who, why in sorted(task.related.items())
        ]
    return data


def _task_json(task: JointTask) -> Json:
    return {
        "id": task.id,
        "business": business_to_json(task.business),
        "departments": [{"code": d.code, "name": d.name} for d in task.departments],
        "lead_department_code": task.lead_department_code,
        "inspector_ids": list(task.inspector_ids),
        "team_id": task.team_id,
        "window_start": task.window_start.isoformat(),
        "window_end": task.window_end.isoformat(),
        "checklist": [merged_item_to_json(i) for i in task.checklist],
        "status": task.status.value,
        "plan": task.plan,
        "history": [
            {
                "matter_code": h.matter_code,
                "found_on": h.found_on.isoformat(),
                "description": h.description,
                "penalised": h.penalised,
            }
            for h in task.history
        ],
        "rev": task.rev,
    }


def task_from_json(d: Json) -> JointTask:
    return JointTask(
        id=d["id"],
        business=business_from_json(d["business"]),
        departments=tuple(Department(x["code"], x["name"]) for x in d.get("departments", ())),
        lead_department_code=d["lead_department_code"],
        inspector_ids=tuple(d.get("inspector_ids", ())),
        team_id=d.get("team_id"),
        window_start=date.fromisoformat(d["window_start"]),
        window_end=date.fromisoformat(d["window_end"]),
        checklist=tuple(merged_item_from_json(i) for i in d.get("checklist", ())),
        status=TaskStatus(d.get("status", TaskStatus.ASSIGNED.value)),
        plan=dict(d.get("plan") or {}),
        history=tuple(prior_violation_from_json(h) for h in d.get("history", ())),
        rev=int(d.get("rev", 1)),
        related={
            str(r["inspector_id"]): str(r.get("reason") or "")
            for r in d.get("related") or ()
            if isinstance(r, dict) and r.get("inspector_id")
        },
    )


def item_result_to_json(r: ItemResult) -> Json:
    """``{task_id, item_id, outcome, note, measurements, evidence, corrected_on_site,
    deadline, recorded_by, recorded_at}`` as DESIGN.md's sync protocol names them."""
    return {
        "task_id": r.task_id,
        "item_id": r.item_id,
        "outcome": r.outcome.value,
        "note": r.note,
        "measurements": r.measurements,
        "evidence": list(r.evidence),
        "corrected_on_site": r.corrected_on_site,
        "deadline": None if r.deadline is None else r.deadline.isoformat(),
        "recorded_by": r.recorded_by,
        "recorded_at": None if r.recorded_at is None else iso_utc(r.recorded_at),
    }


def item_result_from_json(d: Json) -> ItemResult:
    recorded_at: datetime | None = None
    if d.get("recorded_at"):
        recorded_at = to_utc(datetime.fromisoformat(d["recorded_at"]))
    return ItemResult(
        task_id=d["task_id"],
        item_id=d["item_id"],
        outcome=Outcome(d["outcome"]),
        note=d.get("note", ""),
        measurements=dict(d.get("measurements") or {}),
        evidence=tuple(d.get("evidence", ())),
        corrected_on_site=bool(d.get("corrected_on_site", False)),
        deadline=date.fromisoformat(d["deadline"]) if d.get("deadline") else None,
        recorded_by=d.get("recorded_by", ""),
        recorded_at=recorded_at,
    )


def disposition_to_json(d: Disposition) -> Json:
    """A proposed or confirmed disposition as stored and synced (see ``Disposition``)."""
    out: Json = {
        "kind": d.kind.value,
        "rule_id": d.rule_id,
        "legal_basis": list(d.legal_basis),
        "reasoning": d.reasoning,
        "mandatory": d.mandatory,
        "educate": d.educate,
        "fine_range": None if d.fine_range is None else list(d.fine_range),
        "proposed_fine": d.proposed_fine,
        "deadline": None if d.deadline is None else d.deadline.isoformat(),
        "overridden_reason": d.overridden_reason,
        "provisions_breached": list(d.provisions_breached),
        "order_basis": list(d.order_basis),
        "penalty_basis": list(d.penalty_basis),
        "warning": d.warning,
        "departments": list(d.departments),
        "discretion": d.discretion,
    }
    if d.penalty is not None:
        out["penalty"] = penalty_to_json(d.penalty)
    return out


def disposition_from_json(d: Json) -> Disposition:
    fine_range = d.get("fine_range")
    return Disposition(
        kind=DispositionKind(d["kind"]),
        rule_id=d.get("rule_id", ""),
        legal_basis=tuple(d.get("legal_basis", ())),
        reasoning=d.get("reasoning", ""),
        mandatory=bool(d.get("mandatory", False)),
        educate=bool(d.get("educate", False)),
        fine_range=None if not fine_range else (int(fine_range[0]), int(fine_range[1])),
        proposed_fine=d.get("proposed_fine"),
        deadline=date.fromisoformat(d["deadline"]) if d.get("deadline") else None,
        overridden_reason=d.get("overridden_reason"),
        provisions_breached=tuple(d.get("provisions_breached", ())),
        order_basis=tuple(d.get("order_basis", ())),
        penalty_basis=tuple(d.get("penalty_basis", ())),
        penalty=penalty_from_json(d.get("penalty")),
        warning=bool(d.get("warning", False)),
        departments=tuple(d.get("departments", ())),
        discretion=d.get("discretion", ""),
    )
