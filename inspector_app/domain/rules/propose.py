"""``propose_disposition``: every rule's verdict for one finding, and one disposition.

The call issue 11's services make for each non-compliant item::

    finding = build_finding(task, item, result, assessment)        # domain.findings
    provisions = provisions_for(item, department_code)             # domain.provisions
    proposal = propose_disposition(
        finding, history=task.history, today=today, packs=packs,
        provisions=provisions, benchmark=benchmark, facts=assessment.facts)

Precedence (the first rule that applies chooses the kind):

1. NP-5 时效, NP-3 无过错, NP-1 轻微: "不予" (shall) — no penalty;
2. PR-13: a food item affecting safety, "应当…调查处理" (shall) — a case. It outranks
3. NP-2 首违: "可以不予" (may) — no penalty; a discretion never outranks a duty;
4. PR-13b: a trivial general food item — correct on the spot (shall);
5. CASE-1: a repeat within two years, serious harm, uncertain facts — a case (第五十四条);
6. PEN-1: the penalty provision applies — a summary penalty within 第五十一条, else a case;
7. ORDER: an order to correct on the matter's order basis.

M-1 (第三十二条), D-1 (从轻 band) and D-2 (减轻 band) set the fine band of a penalty or a
case; SP-1 checks a proposed summary penalty against 第五十一条 and the provision's range.
The disposition keeps the duty breached, the order basis and the penalty basis apart and
names the department(s) whose provisions it applies. Its reasoning is printable Chinese
built from the verdicts' explanations; rule ids stay in ``rule_id`` and the verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    Finding,
    PenaltyProvision,
    PriorViolation,
)
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules.benchmark import DiscretionBenchmark
from inspector_app.domain.rules.discretion import d1_lenient_fine, d2_reduced_fine, m1_mitigating
from inspector_app.domain.rules.dispositions import (
    EDUCATION_SENTENCE,
    is_first_violation,
    np1_minor,
    np2_first_violation,
    np3_no_fault,
)
from inspector_app.domain.rules.food import pr13_refer, pr13b_correct_on_spot
from inspector_app.domain.rules.limitation import np5_limitation
from inspector_app.domain.rules.penalty import case1_investigate, order_to_correct, pen1_penalty
from inspector_app.domain.rules.rulepacks import RulePacks
from inspector_app.domain.rules.summary import (
    REVIEW_BEFORE_SUIT_NOTICE,
    SUMMARY_FINE_LIMITS,
    check_summary_penalty,
)
from inspector_app.domain.rules.verdict import (
    ART_28_1,
    ART_33_3,
    ART_51,
    Proposal,
    RuleVerdict,
)

_PENALTY_KINDS = (DispositionKind.SUMMARY_PENALTY, DispositionKind.REFER_CASE)


def propose_disposition(
    finding: Finding,
    *,
    history: Sequence[PriorViolation],
    today: date,
    packs: RulePacks | None = None,
    provisions: MatterProvisions | None = None,
    benchmark: DiscretionBenchmark | None = None,
    facts: Mapping[str, Any] | None = None,
) -> Proposal:
    """Evaluate every rule and propose one disposition (precedence: module docstring).

    ``history`` is the task's prior violations (the last two years decide 首违 and a
    repeat); ``provisions`` the matter's duty, order basis and penalty provision as the
    department applies them (``provisions_for``; None for data that has none);
    ``benchmark`` the local 裁量基准 (None: no 从轻/减轻 band is proposed); ``facts`` the
    recorded facts a rule-pack entry checks (e.g. ``goods_value``). A no-penalty
    disposition always carries ``educate=True`` (第三十三条第三款 [L]: "对当事人的违法行为
    依法不予行政处罚的，行政机关应当对当事人进行教育。").
    """
    _, priors = is_first_violation(finding, history, today=today)
    ordered = (
        np5_limitation(finding, today=today),
        np3_no_fault(finding),
        np1_minor(finding, today=today, packs=packs, facts=facts),
        pr13_refer(finding, provisions),
        np2_first_violation(finding, history=history, today=today, packs=packs, facts=facts),
        pr13b_correct_on_spot(finding, provisions),
        case1_investigate(finding, priors=priors, provisions=provisions),
        pen1_penalty(finding, provisions),
        order_to_correct(finding, provisions),
    )
    chosen = next(v for v in ordered if v.applies)  # ORDER always applies
    assert chosen.kind is not None
    penalty = provisions.penalty if provisions is not None else None
    punitive = chosen.kind in _PENALTY_KINDS
    m1 = m1_mitigating(finding)
    entry = penalty.benchmark if penalty is not None else ""
    statutory = _statutory_range(penalty)
    d2 = d2_reduced_fine(
        m1,
        finding,
        penalty.fine_min if penalty is not None and punitive else None,
        benchmark.reduce_for(entry) if benchmark is not None else None,
    )
    d1 = d1_lenient_fine(
        m1,
        statutory if punitive else None,
        benchmark.lenient_for(entry) if benchmark is not None else None,
        reduced=d2.applies,
    )
    verdicts: list[RuleVerdict] = [*ordered, m1, d1, d2]

    reasoning = [chosen.explanation]
    basis = list(chosen.legal_basis)
    fine_range: tuple[int, int] | None = None
    discretion = ""
    kind = chosen.kind
    warning = False
    proposed_fine: int | None = None
    if punitive:
        if m1.applies:
            reasoning.append(m1.explanation)
            basis.extend(b for b in m1.legal_basis if b not in basis)
        if d2.applies and penalty is not None and penalty.fine_min is not None:
            fine_range = benchmark.reduce_for(entry).fine_range(penalty.fine_min)  # type: ignore[union-attr]
            discretion = "reduced"
            reasoning.append(d2.explanation)
        elif d1.applies and statutory is not None:
            fine_range = benchmark.lenient_for(entry).fine_range(*statutory)  # type: ignore[union-attr]
            discretion = "lenient"
            reasoning.append(d1.explanation)
        else:
            fine_range = statutory
    if kind is DispositionKind.SUMMARY_PENALTY and penalty is not None:
        warning, fine_range, proposed_fine, sp1 = _summary(finding, penalty, fine_range, d2.applies)
        verdicts.append(sp1)
        if not sp1.applies:  # the band left nothing for the spot: investigate instead
            kind = DispositionKind.REFER_CASE
        reasoning.append(sp1.explanation)
    if kind is DispositionKind.NO_PENALTY:
        reasoning.append(EDUCATION_SENTENCE)
        if ART_33_3 not in basis:
            basis.append(ART_33_3)
    order_basis = provisions.order_basis if provisions is not None else ()
    if kind in _PENALTY_KINDS and not order_basis:
        order_basis = (ART_28_1,)  # 实施行政处罚时，应当责令当事人改正
    disposition = Disposition(
        kind=kind,
        rule_id=chosen.rule_id,
        legal_basis=tuple(basis),
        reasoning="".join(reasoning),
        mandatory=chosen.mandatory,
        educate=kind is DispositionKind.NO_PENALTY,
        fine_range=fine_range,
        proposed_fine=proposed_fine,
        provisions_breached=provisions.duty if provisions is not None else (),
        order_basis=order_basis,
        penalty_basis=penalty.basis if punitive and penalty is not None else (),
        penalty=penalty if punitive else None,
        warning=warning,
        departments=(provisions.departments if provisions is not None else finding.departments),
        discretion=discretion,
    )
    return Proposal(disposition=disposition, verdicts=tuple(verdicts))


def _statutory_range(p: PenaltyProvision | None) -> tuple[int, int] | None:
    if p is None or p.fine_max is None:
        return None
    return (p.fine_min or 0, p.fine_max)


def _summary(
    finding: Finding,
    p: PenaltyProvision,
    band: tuple[int, int] | None,
    reduced: bool,
) -> tuple[bool, tuple[int, int] | None, int | None, RuleVerdict]:
    """The summary penalty to propose: a warning where allowed, else the lowest fine.

    Returns (warning, fine band within 第五十一条, proposed fine, the SP-1 verdict).
    """
    ceiling = int(SUMMARY_FINE_LIMITS[finding.party_type])
    lo = band[0] if band is not None else (p.fine_min or 0)
    hi = min(band[1], ceiling) if band is not None else ceiling
    fine_band = (lo, hi) if lo <= hi and p.fine_available(finding.refused_to_correct) else None
    if p.warning:
        check = check_summary_penalty(finding.party_type, "warning", provision=p)
        return True, fine_band, None, _sp1(check.allowed, check.reasons)
    if fine_band is None:
        refusal = ("从轻、减轻后的罚款幅度不在第五十一条规定的限额内。",)
        return False, None, None, _sp1(False, refusal)
    # The band's top must be lawful on the spot; a fine is proposed only where the
    # provision sets a minimum (a "…元以下" fine is left to the inspector's discretion).
    check = check_summary_penalty(
        finding.party_type, "fine", max(fine_band[1], 1), provision=p, reduced=reduced
    )
    proposed = fine_band[0] if p.fine_min is not None and check.allowed else None
    return False, fine_band, proposed, _sp1(check.allowed, check.reasons)


def _sp1(allowed: bool, reasons: tuple[str, ...]) -> RuleVerdict:
    kind = DispositionKind.SUMMARY_PENALTY if allowed else None
    # The remedies notice belongs to the decision's remedies section, not its reasons.
    text = "".join(r for r in reasons if r != REVIEW_BEFORE_SUIT_NOTICE)
    return RuleVerdict("SP-1", allowed, kind, False, (ART_51,), text)
