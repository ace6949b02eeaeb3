"""From what was recorded on site to a ``Finding`` and a proposal: the services' entry.

For each non-compliant item the services hold the task (business, checklist, history),
the item's ``ItemResult`` and the inspector's :class:`Assessment` of the violation (what
the rules need beyond the outcome: harm, minor, no-fault evidence, when committed, the
mitigating circumstances, facts a rule-pack entry checks). Then::

    proposal = propose_for_item(task, item_id, result, assessment,
                                today=today, packs=packs, benchmark=benchmark,
                                department_code=None)

is ``build_finding`` + ``provisions_for`` + ``propose_disposition``. The party type comes
from the business (derived from its USCC), catering from its industry, the discovery day
from when the result was recorded, ``corrected`` from "corrected on site" unless the
assessment says otherwise; the history is the task's (prior violations of the last two
years). ``assessment_to_json`` / ``assessment_from_json`` give its stored form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inspector_app.domain.entities import (
    HARMS,
    Finding,
    ItemResult,
    JointTask,
    MergedItem,
    Outcome,
)
from inspector_app.domain.provisions import provisions_for
from inspector_app.domain.rules.benchmark import DiscretionBenchmark
from inspector_app.domain.rules.discretion import MITIGATING_CIRCUMSTANCES
from inspector_app.domain.rules.propose import propose_disposition
from inspector_app.domain.rules.rulepacks import RulePacks
from inspector_app.domain.rules.verdict import Proposal

CATERING_WORDS = ("餐饮",)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The inspector's assessment of one non-compliance, beyond the item's outcome."""

    minor: bool = False  # 违法行为轻微 / 情节显著轻微
    harm: str = "none"  # "none" | "minor" | "serious"
    affects_safety: bool = False  # 影响食品安全
    corrected: bool | None = None  # None: the result's "corrected on site"
    no_fault_proven: bool = False  # 第三十三条第二款
    committed_on: date | None = None
    continuing: bool = False
    life_health_finance: bool = False  # 第三十六条 five-year period
    mitigating: tuple[str, ...] = ()  # keys of MITIGATING_CIRCUMSTANCES
    reduce_penalty: bool = False  # 减轻 rather than 从轻
    refused_to_correct: bool = False  # 拒不改正 after an earlier order
    facts_certain: bool = True  # 违法事实确凿
    rule_pack_entry: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # e.g. goods_value, incident


def build_finding(
    task: JointTask,
    item: MergedItem | str,
    result: ItemResult,
    assessment: Assessment | None = None,
    *,
    department_code: str | None = None,
) -> Finding:
    """The ``Finding`` of one non-compliant item; ``ValueError`` says what is wrong."""
    merged = _item(task, item)
    if result.task_id != task.id or result.item_id != merged.id:
        raise ValueError(f"检查结果 {result.id} 不属于任务 {task.id} 的项目 {merged.id}")
    if result.outcome is not Outcome.NONCOMPLIANT:
        raise ValueError(f"项目“{merged.title}”的检查结果不是“不符合”，无须处理建议")
    a = assessment or Assessment()
    if a.harm not in HARMS:
        raise ValueError(f"危害后果应为 {'/'.join(HARMS)}，而不是 {a.harm!r}")
    unknown = [m for m in a.mitigating if m not in MITIGATING_CIRCUMSTANCES]
    if unknown:
        raise ValueError(
            f"未知的从轻减轻情形 {unknown}；可用：{'、'.join(MITIGATING_CIRCUMSTANCES)}"
        )
    if department_code is not None and department_code not in merged.department_codes:
        raise ValueError(f"项目“{merged.title}”不含部门 {department_code} 的检查事项")
    industry = task.business.industry
    return Finding(
        task_id=task.id,
        item_id=merged.id,
        matter_code=merged.code,
        description=result.note or merged.title,
        severity=merged.severity,
        party_type=task.business.party_type,
        affects_safety=a.affects_safety,
        minor=a.minor,
        harm=a.harm,
        corrected=result.corrected_on_site if a.corrected is None else a.corrected,
        no_fault_proven=a.no_fault_proven,
        committed_on=a.committed_on,
        discovered_on=result.recorded_at.date() if result.recorded_at else None,
        continuing=a.continuing,
        life_health_finance=a.life_health_finance,
        mitigating=a.mitigating,
        rule_pack_entry=a.rule_pack_entry,
        departments=(department_code,) if department_code else merged.department_codes,
        industry=industry,
        catering=any(w in industry for w in CATERING_WORDS),
        refused_to_correct=a.refused_to_correct,
        facts_certain=a.facts_certain,
        reduce_penalty=a.reduce_penalty,
    )


def propose_for_item(
    task: JointTask,
    item: MergedItem | str,
    result: ItemResult,
    assessment: Assessment | None = None,
    *,
    today: date,
    packs: RulePacks | None = None,
    benchmark: DiscretionBenchmark | None = None,
    department_code: str | None = None,
) -> Proposal:
    """``build_finding`` + ``provisions_for`` + ``propose_disposition`` for one item."""
    merged = _item(task, item)
    finding = build_finding(task, merged, result, assessment, department_code=department_code)
    return propose_disposition(
        finding,
        history=task.history,
        today=today,
        packs=packs,
        provisions=provisions_for(merged, department_code),
        benchmark=benchmark,
        facts=(assessment or Assessment()).facts,
    )


def assessment_to_json(a: Assessment) -> dict[str, Any]:
    return {
        "minor": a.minor,
        "harm": a.harm,
        "affects_safety": a.affects_safety,
        "corrected": a.corrected,
        "no_fault_proven": a.no_fault_proven,
        "committed_on": a.committed_on.isoformat() if a.committed_on else None,
        "continuing": a.continuing,
        "life_health_finance": a.life_health_finance,
        "mitigating": list(a.mitigating),
        "reduce_penalty": a.reduce_penalty,
        "refused_to_correct": a.refused_to_correct,
        "facts_certain": a.facts_certain,
        "rule_pack_entry": a.rule_pack_entry,
        "facts": dict(a.facts),
    }


def assessment_from_json(d: Mapping[str, Any] | None) -> Assessment:
    d = d or {}
    committed = d.get("committed_on")
    return Assessment(
        minor=bool(d.get("minor", False)),
        harm=str(d.get("harm", "none")),
        affects_safety=bool(d.get("affects_safety", False)),
        corrected=d.get("corrected"),
        no_fault_proven=bool(d.get("no_fault_proven", False)),
        committed_on=date.fromisoformat(committed) if committed else None,
        continuing=bool(d.get("continuing", False)),
        life_health_finance=bool(d.get("life_health_finance", False)),
        mitigating=tuple(d.get("mitigating", ())),
        reduce_penalty=bool(d.get("reduce_penalty", False)),
        refused_to_correct=bool(d.get("refused_to_correct", False)),
        facts_certain=bool(d.get("facts_certain", True)),
        rule_pack_entry=d.get("rule_pack_entry"),
        facts=dict(d.get("facts") or {}),
    )


def _item(task: JointTask, item: MergedItem | str) -> MergedItem:
    if isinstance(item, MergedItem):
        return item
    for candidate in task.checklist:
        if candidate.id == item:
            return candidate
    raise ValueError(f"任务 {task.id} 没有检查项目 {item}")
