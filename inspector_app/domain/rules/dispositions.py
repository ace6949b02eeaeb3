"""Disposition proposals: which of the no-penalty, referral and correction rules applies.

Each rule is a small function returning a :class:`RuleVerdict`; ``propose_disposition``
evaluates all of them and picks by precedence:
NP-5 > NP-3 > NP-1 > NP-2 > PR-13 > PR-13b > default order to correct.
M-1 and D-1 do not choose the kind; they adjust a penalty that may follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    Finding,
    PriorViolation,
    Severity,
)
from inspector_app.domain.rules.discretion import (
    LENIENT_SHARE,
    d1_lenient_fine,
    lenient_fine_range,
    m1_mitigating,
)
from inspector_app.domain.rules.limitation import np5_limitation
from inspector_app.domain.rules.rulepacks import PackMatch, RulePacks
from inspector_app.domain.rules.verdict import (
    ART_28_1,
    ART_33_1,
    ART_33_2,
    ART_33_3,
    FOOD_32,
    FOOD_33_1,
    FOOD_33_2,
    FOOD_33_3,
    Proposal,
    RuleVerdict,
    zh_date,
)
from inspector_app.domain.workdays import add_years

#: 首违: no violation of the same matter in this many years before the finding [P].
FIRST_VIOLATION_WINDOW_YEARS = 2

EDUCATION_SENTENCE = "依照《中华人民共和国行政处罚法》第三十三条第三款，对当事人进行教育。"


def np3_no_fault(finding: Finding) -> RuleVerdict:
    """NP-3: no penalty when the party proves it had no fault.

    《行政处罚法》第三十三条第二款 [L]: "当事人有证据足以证明没有主观过错的，不予行政处罚。
    法律、行政法规另有规定的，从其规定。" The proviso (e.g. strict liability in a special
    law) is for the inspector to check; the verdict says so.
    """
    basis = (ART_33_2,)
    if finding.no_fault_proven:
        return RuleVerdict(
            "NP-3",
            True,
            DispositionKind.NO_PENALTY,
            True,
            (*basis, ART_33_3),
            "当事人有证据足以证明没有主观过错，且未发现法律、行政法规另有规定，"
            "依照《中华人民共和国行政处罚法》第三十三条第二款，不予行政处罚。",
        )
    return RuleVerdict(
        "NP-3", False, None, False, basis, "当事人未提供足以证明没有主观过错的证据。"
    )


def np1_minor(
    finding: Finding,
    *,
    today: date,
    packs: RulePacks | None = None,
    facts: Mapping[str, Any] | None = None,
) -> RuleVerdict:
    """NP-1: minor, corrected in time and harmless: shall not penalise.

    《行政处罚法》第三十三条第一款 [L]: "违法行为轻微并及时改正，没有造成危害后果的，不予
    行政处罚。" A matching entry of a 轻微免罚 list is cited, but not required: the
    statute binds whether or not a list names the matter.
    """
    basis: tuple[str, ...] = (ART_33_1,)
    missing = []
    if not finding.minor:
        missing.append("违法行为不属于轻微")
    if not finding.corrected:
        missing.append("未及时改正")
    if finding.harm != "none":
        missing.append("造成了危害后果")
    if missing:
        return RuleVerdict(
            "NP-1",
            False,
            None,
            False,
            basis,
            f"{'、'.join(missing)}，不符合第三十三条第一款“违法行为轻微并及时改正，没有造成危害"
            "后果”的不予处罚条件。",
        )
    text = (
        "违法行为轻微，当事人已及时改正，没有造成危害后果，依照《中华人民共和国行政处罚法》"
        "第三十三条第一款，不予行政处罚。"
    )
    if packs is not None:
        matched = [
            m for m in packs.match(finding, facts or {}, today, list_name="minor") if m.matched
        ]
        if matched:
            basis = (*basis, matched[0].entry.citation())
            text = (
                f"本事项属于{matched[0].entry.citation()}所列情形。"
                + text
                + _unverified_note(matched[0])
            )
    return RuleVerdict("NP-1", True, DispositionKind.NO_PENALTY, True, (*basis, ART_33_3), text)


def is_first_violation(
    finding: Finding, history: Sequence[PriorViolation], *, today: date
) -> tuple[bool, tuple[PriorViolation, ...]]:
    """Whether no violation of the same matter was found in the two years before discovery.

    The window runs from the same calendar day two years earlier (民法典第二百零二条)
    to the discovery day, both included [P: "两年内未发生同类违法行为"].
    """
    ref = finding.discovered_on or today
    start = add_years(ref, -FIRST_VIOLATION_WINDOW_YEARS)
    priors = tuple(
        p for p in history if p.matter_code == finding.matter_code and start <= p.found_on <= ref
    )
    return (not priors, priors)


def np2_first_violation(
    finding: Finding,
    *,
    history: Sequence[PriorViolation],
    today: date,
    packs: RulePacks | None = None,
    facts: Mapping[str, Any] | None = None,
) -> RuleVerdict:
    """NP-2 (首违不罚): first violation, minor harm, corrected in time: may not penalise.

    《行政处罚法》第三十三条第一款 [L]: "初次违法且危害后果轻微并及时改正的，可以不予行政
    处罚。" "初次" is read as no violation of the same matter within two years [P].
    When rule packs are given and a 首违不罚 list entry covers the matter, an entry
    whose conditions hold is required and cited; no harm at all counts as minor harm.
    """
    basis: tuple[str, ...] = (ART_33_1,)
    first, priors = is_first_violation(finding, history, today=today)
    missing = []
    if not first:
        last = max(p.found_on for p in priors)
        missing.append(f"当事人于{zh_date(last)}有同类违法行为，两年内不属于初次违法")
    if finding.harm not in ("none", "minor"):
        missing.append("危害后果不属于轻微")
    if not finding.corrected:
        missing.append("未及时改正")
    if missing:
        return RuleVerdict(
            "NP-2",
            False,
            None,
            False,
            basis,
            f"{'；'.join(missing)}，不符合第三十三条第一款“初次违法且危害后果轻微并及时改正”"
            "的条件。",
        )
    facts_text = "当事人系初次违法，危害后果轻微并已及时改正"
    if packs is not None:
        covering = packs.covering(finding, today, list_name="first_violation")
        if finding.rule_pack_entry and not any(e.id == finding.rule_pack_entry for e in covering):
            return RuleVerdict(
                "NP-2",
                False,
                None,
                False,
                basis,
                f"所选首违不罚清单条目 {finding.rule_pack_entry} 不存在、未生效或不属于首违不罚"
                "清单，不能据此不予处罚。",
            )
        if covering:
            matches = packs.match(finding, facts or {}, today, list_name="first_violation")
            matches.sort(key=lambda m: m.entry.id != finding.rule_pack_entry)
            good = [m for m in matches if m.matched]
            if not good:
                failed = "；".join(
                    f"{m.entry.title}：{'、'.join(c.description for c in m.failed)}"
                    for m in matches
                )
                return RuleVerdict(
                    "NP-2",
                    False,
                    None,
                    False,
                    basis,
                    f"{facts_text}，但不符合首违不罚清单的免罚条件（{failed}），不适用首违不罚。",
                )
            entry = good[0].entry
            return RuleVerdict(
                "NP-2",
                True,
                DispositionKind.NO_PENALTY,
                False,
                (*basis, entry.citation(), ART_33_3),
                f"{facts_text}，符合{entry.citation()}规定的条件，依照《中华人民共和国行政处罚法》第三十三条第一款，可以不予"
                f"行政处罚。{_unverified_note(good[0])}",
            )
    return RuleVerdict(
        "NP-2",
        True,
        DispositionKind.NO_PENALTY,
        False,
        (*basis, ART_33_3),
        f"{facts_text}，依照《中华人民共和国行政处罚法》第三十三条第一款，可以不予行政处罚。",
    )


def pr13_refer(finding: Finding) -> RuleVerdict:
    """PR-13: a failed item that affects food safety is investigated (立案调查).

    《食品生产经营监督检查管理办法》第三十二条 [L]: "发现食品生产经营者不符合监督检查要点表
    重点项目，影响食品安全的，市场监督管理部门应当依法进行调查处理。"
    第三十三条第三款 [L]: "不符合监督检查要点表一般项目，影响食品安全的，市场监督管理部门
    应当依法进行调查处理。"
    So a general item that affects safety is referred as well. The 办法 is food law; for
    other departments' checklists the same key/general split is applied by analogy.
    """
    if not finding.affects_safety:
        return RuleVerdict(
            "PR-13",
            False,
            None,
            False,
            (FOOD_32, FOOD_33_3),
            "不符合项目不影响食品安全，无须立案调查。",
        )
    if finding.severity is Severity.KEY:
        return RuleVerdict(
            "PR-13",
            True,
            DispositionKind.REFER_CASE,
            True,
            (FOOD_32,),
            "不符合检查要点表重点项目且影响食品安全，依照《食品生产经营监督检查管理办法》"
            "第三十二条，应当依法进行调查处理。",
        )
    return RuleVerdict(
        "PR-13",
        True,
        DispositionKind.REFER_CASE,
        True,
        (FOOD_33_3,),
        "不符合检查要点表一般项目且影响食品安全，依照《食品生产经营监督检查管理办法》"
        "第三十三条第三款，应当依法进行调查处理。",
    )


def pr13b_correct_on_spot(finding: Finding) -> RuleVerdict:
    """PR-13b: a failed general item, trivial and not affecting safety: order correction.

    《食品生产经营监督检查管理办法》第三十三条第一款 [L]: "发现食品生产经营者不符合监督检查
    要点表一般项目，但情节显著轻微不影响食品安全的，市场监督管理部门应当当场责令其整改。"
    第二款 [L]: "可以当场整改的，检查人员应当对食品生产经营者采取的整改措施以及整改情况进行
    记录；需要限期整改的，市场监督管理部门应当书面提出整改要求和时限。被检查单位应当按期
    整改，并将整改情况报告市场监督管理部门。市场监督管理部门应当跟踪整改情况并记录整改
    结果。" ``Finding.minor`` stands for 情节显著轻微.
    """
    basis = (FOOD_33_1, FOOD_33_2)
    if finding.severity is not Severity.GENERAL or finding.affects_safety or not finding.minor:
        return RuleVerdict(
            "PR-13b",
            False,
            None,
            False,
            basis,
            "不属于“不符合一般项目、情节显著轻微、不影响食品安全”的情形。",
        )
    follow = (
        "当事人已当场整改，记录整改措施及整改情况。"
        if finding.corrected
        else "需限期整改的，书面提出整改要求和时限，到期跟踪整改情况（回访）并记录整改结果。"
    )
    return RuleVerdict(
        "PR-13b",
        True,
        DispositionKind.ORDER_TO_CORRECT,
        True,
        basis,
        f"不符合检查要点表一般项目，情节显著轻微，不影响食品安全，依照《食品生产经营监督检查"
        f"管理办法》第三十三条，当场责令"
        f"整改。{follow}",
    )


def default_order_to_correct(finding: Finding) -> RuleVerdict:
    """Default: order the party to correct.

    《行政处罚法》第二十八条第一款 [L]: "行政机关实施行政处罚时，应当责令当事人改正或者
    限期改正违法行为。"
    """
    when = "已改正，记录改正情况" if finding.corrected else "责令改正或者限期改正违法行为"
    return RuleVerdict(
        "DEFAULT",
        True,
        DispositionKind.ORDER_TO_CORRECT,
        True,
        (ART_28_1,),
        f"未发现不予行政处罚或者应当立案调查的情形，依照《中华人民共和国行政处罚法》"
        f"第二十八条第一款{when}。",
    )


def propose_disposition(
    finding: Finding,
    *,
    history: Sequence[PriorViolation],
    today: date,
    packs: RulePacks | None = None,
    fine_range: tuple[int, int] | None = None,
    facts: Mapping[str, Any] | None = None,
    lenient_share: float = LENIENT_SHARE,
) -> Proposal:
    """Evaluate every rule and propose one disposition by precedence (see module docstring).

    ``facts`` are the recorded facts a rule-pack entry checks (e.g. ``goods_value``);
    ``lenient_share`` is D-1's share of the fine range (SAMR guidance: 30%).
    A no-penalty disposition always carries ``educate=True`` (第三十三条第三款 [L]:
    "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。").
    """
    ordered = (
        np5_limitation(finding, today=today),
        np3_no_fault(finding),
        np1_minor(finding, today=today, packs=packs, facts=facts),
        np2_first_violation(finding, history=history, today=today, packs=packs, facts=facts),
        pr13_refer(finding),
        pr13b_correct_on_spot(finding),
    )
    chosen = next((v for v in ordered if v.applies), None) or default_order_to_correct(finding)
    m1 = m1_mitigating(finding)
    penalty_possible = chosen.kind is not DispositionKind.NO_PENALTY
    d1 = d1_lenient_fine(m1, fine_range if penalty_possible else None, lenient_share)
    verdicts: tuple[RuleVerdict, ...] = (*ordered, m1, d1)
    if chosen.rule_id == "DEFAULT":
        verdicts = (*verdicts, chosen)

    reasoning = [chosen.explanation]
    basis = list(chosen.legal_basis)
    proposed_range: tuple[int, int] | None = None
    if penalty_possible:
        if m1.applies:
            reasoning.append(m1.explanation)
            basis.extend(b for b in m1.legal_basis if b not in basis)
        if d1.applies and fine_range is not None:
            reasoning.append(d1.explanation)
            proposed_range = lenient_fine_range(*fine_range, share=lenient_share)
        else:
            proposed_range = fine_range
    else:
        reasoning.append(EDUCATION_SENTENCE)
        if ART_33_3 not in basis:
            basis.append(ART_33_3)
    assert chosen.kind is not None
    disposition = Disposition(
        kind=chosen.kind,
        rule_id=chosen.rule_id,
        legal_basis=tuple(basis),
        reasoning="".join(reasoning),
        mandatory=chosen.mandatory,
        educate=chosen.kind is DispositionKind.NO_PENALTY,
        fine_range=proposed_range,
    )
    return Proposal(disposition=disposition, verdicts=verdicts)


def _unverified_note(match: PackMatch) -> str:
    if not match.unverified:
        return ""
    items = "、".join(c.description for c in match.unverified)
    return f"（以下条件须执法人员核实：{items}。）"
