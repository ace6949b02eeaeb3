"""CASE-1, PEN-1 and ORDER: when a finding calls for a case, a penalty, or an order.

《行政处罚法》第五十四条 [L]: "除本法第五十一条规定的可以当场作出的行政处罚外，行政机关
发现公民、法人或者其他组织有依法应当给予行政处罚的行为的，必须全面、客观、公正地调查，
收集有关证据；必要时，依照法律、法规的规定，可以进行检查。符合立案标准的，行政机关应当
及时立案。"
第五十一条 [L]: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以
三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。"
第二十八条第一款 [L]: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。"
It applies only "实施行政处罚时": an order to correct without a penalty rests on the
matter's own order basis (``MatterProvisions.order_basis``), never on 第二十八条.
"""

from __future__ import annotations

from collections.abc import Sequence

from inspector_app.domain.entities import (
    DispositionKind,
    Finding,
    PenaltyProvision,
    PriorViolation,
)
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules.summary import SUMMARY_FINE_LIMITS
from inspector_app.domain.rules.verdict import (
    ART_28_1,
    ART_51,
    ART_54,
    RuleVerdict,
    zh_date,
)

_ORDER_28 = (
    "依照《中华人民共和国行政处罚法》第二十八条第一款，实施行政处罚时，应当责令当事人改正"
    "或者限期改正违法行为。"
)


def describe_penalty(p: PenaltyProvision) -> str:
    """The penalties a provision allows, in the law's way of saying them: 警告、5,000元以上
    50,000元以下罚款; 警告；拒不改正的，处5,000元以上50,000元以下罚款 (a condition on the fine
    alone); 警告，可以并处5,000元以上50,000元以下罚款 (the fine beside the warning optional)."""
    fine = ""
    if p.fine_min is not None and p.fine_max is not None:
        fine = f"{p.fine_min:,}元以上{p.fine_max:,}元以下罚款"
    elif p.fine_max is not None:
        fine = f"{p.fine_max:,}元以下罚款"
    elif p.fine_min is not None:
        fine = f"{p.fine_min:,}元以上罚款"
    if fine and p.fine_condition:
        fine = f"{p.fine_condition}，处{fine}"
        return f"警告；{fine}" if p.warning else fine
    if fine and p.warning and p.fine_optional:
        return f"警告，可以并处{fine}"
    parts = (["警告"] if p.warning else []) + ([fine] if fine else [])
    return "、".join(parts) or "罚则规定的处罚"


def cite(p: PenaltyProvision) -> str:
    return "、".join(p.basis)


def penalty_due(finding: Finding, provisions: MatterProvisions | None) -> bool:
    """The matter's penalty provision applies now: unconditional, or its condition met."""
    p = provisions.penalty if provisions is not None else None
    return (
        p is not None and not p.discretionary and (not p.conditional or finding.refused_to_correct)
    )


def summary_possible(finding: Finding, p: PenaltyProvision) -> bool:
    """第五十一条: a warning the provision allows, or a fine whose minimum is in the limit."""
    if not finding.facts_certain or finding.harm == "serious":
        return False
    ceiling = SUMMARY_FINE_LIMITS[finding.party_type]
    fine = p.fine_available(finding.refused_to_correct)
    return p.warning or (fine and (p.fine_min or 0) <= ceiling)


def case1_investigate(
    finding: Finding,
    *,
    priors: Sequence[PriorViolation],
    provisions: MatterProvisions | None,
) -> RuleVerdict:
    """CASE-1: facts that call for an investigation and a case (第五十四条, quoted above).

    A repeat violation of the same matter within two years (no longer 首违), serious harm,
    a refusal to correct where the provision leaves the penalty to the agency ("可以"), or
    a penalty due whose facts are not yet certain. A repeat does not call for a case
    where the penalty provision applies only on a condition not met (e.g. "拒不改正的"):
    then the order to correct comes first.
    """
    p = provisions.penalty if provisions is not None else None
    reasons: list[str] = []
    if finding.harm == "serious":
        reasons.append("违法行为造成了严重危害后果")
    waiting = p is not None and p.conditional and not finding.refused_to_correct
    if priors and not waiting:
        last = max(v.found_on for v in priors)
        reasons.append(f"当事人于{zh_date(last)}有同类违法行为，两年内再次违法")
    if finding.refused_to_correct and (p is None or p.discretionary):
        # Where the penalty provision does not itself make a penalty due on refusal.
        reasons.append("当事人经责令改正，逾期拒不改正")
    if penalty_due(finding, provisions) and not finding.facts_certain:
        reasons.append("违法事实尚须调查核实")
    if not reasons:
        return RuleVerdict(
            "CASE-1",
            False,
            None,
            False,
            (ART_54,),
            "未发现须立案调查的再次违法、严重危害后果等情形。",
        )
    basis: tuple[str, ...] = (ART_54,)
    text = (
        f"{'；'.join(reasons)}。依照《中华人民共和国行政处罚法》第五十四条，应当全面、客观、"
        "公正地调查，收集有关证据；符合立案标准的，应当及时立案。"
    )
    if p is not None:
        basis = (ART_54, *p.basis)
        text += f"拟适用的罚则为{cite(p)}（{describe_penalty(p)}）。"
    return RuleVerdict("CASE-1", True, DispositionKind.REFER_CASE, True, basis, text)


def pen1_penalty(finding: Finding, provisions: MatterProvisions | None) -> RuleVerdict:
    """PEN-1: the matter's penalty provision applies: a summary penalty or a case.

    The penalty provision (罚则) says the penalty and its range; 第五十一条 (quoted above)
    allows the summary procedure for a warning, or for a fine whose legal minimum is within
    200 yuan (citizen) / 3,000 yuan (organisation); otherwise 第五十四条 requires a case.
    """
    p = provisions.penalty if provisions is not None else None
    if p is None:
        return RuleVerdict(
            "PEN-1", False, None, False, (), "检查表未载明本事项的罚则，不能据以提出处罚。"
        )
    if p.conditional and not finding.refused_to_correct:
        return RuleVerdict(
            "PEN-1",
            False,
            None,
            False,
            p.basis,
            f"依照{cite(p)}，{p.condition}才给予{describe_penalty(p)}；当事人尚无此情形，"
            "应当先责令改正。",
        )
    if p.discretionary:
        return RuleVerdict(
            "PEN-1",
            False,
            None,
            False,
            p.basis,
            f"依照{cite(p)}，可以给予{describe_penalty(p)}，是否处罚由执法机关依法裁量；"
            "未发现必须处罚的情形，先责令改正。确需处罚的，可以改为处罚并写明理由。",
        )
    due = (
        f"当事人{p.condition}，" if p.conditional else ""
    ) + f"依照{cite(p)}，应当给予{describe_penalty(p)}。"
    if summary_possible(finding, p):
        ceiling = SUMMARY_FINE_LIMITS[finding.party_type]
        which = "警告" if p.warning else f"{ceiling:,}元以下的罚款"
        return RuleVerdict(
            "PEN-1",
            True,
            DispositionKind.SUMMARY_PENALTY,
            True,
            (*p.basis, ART_51, ART_28_1),
            f"{due}违法事实确凿并有法定依据，拟给予{which}，属于《中华人民共和国行政处罚法》"
            f"第五十一条规定可以当场作出行政处罚决定的情形。{_ORDER_28}",
        )
    why = (
        "违法事实尚须调查核实"
        if not finding.facts_certain
        else "违法行为造成了严重危害后果"
        if finding.harm == "serious"
        else f"罚则规定的最低罚款{p.fine_min:,}元超过第五十一条规定的当场处罚限额，且未规定警告"
        if p.fine_min is not None
        else "罚则未规定罚款数额"
    )
    return RuleVerdict(
        "PEN-1",
        True,
        DispositionKind.REFER_CASE,
        True,
        (*p.basis, ART_54, ART_28_1),
        f"{due}{why}，不能当场作出行政处罚决定，依照《中华人民共和国行政处罚法》第五十四条"
        f"立案调查，适用普通程序。{_ORDER_28}",
    )


def order_to_correct(finding: Finding, provisions: MatterProvisions | None) -> RuleVerdict:
    """ORDER: order the party to correct, on the matter's order basis.

    Not on 第二十八条第一款 ("行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法
    行为"), which applies only with a penalty. Where the checklist gives no order basis the
    verdict says so: the order must not be issued before the basis is added.
    """
    order = provisions.order_basis if provisions is not None else ()
    p = provisions.penalty if provisions is not None else None
    done = "当事人已当场改正，记录改正情况。" if finding.corrected else ""
    if not order:
        return RuleVerdict(
            "ORDER",
            True,
            DispositionKind.ORDER_TO_CORRECT,
            True,
            (),
            f"未发现不予行政处罚、应当处罚或者应当立案调查的情形，应当责令改正。{done}"
            "检查表未载明本事项责令改正的依据，签发责令改正通知书前须补充该依据"
            "（《中华人民共和国行政处罚法》第二十八条第一款只适用于实施行政处罚时）。",
        )
    action = "责令当事人改正" if finding.corrected else "责令当事人改正或者限期改正"
    then = ""
    if p is not None:
        may = "可以" if p.discretionary else ""
        if p.conditional:
            when = p.condition if p.condition.startswith("逾期") else f"逾期{p.condition}"
            then = f"{when}，依照{cite(p)}{may}给予{describe_penalty(p)}。"
        elif p.discretionary:
            then = f"依照{cite(p)}可以给予{describe_penalty(p)}，确需处罚的，应当写明理由。"
    return RuleVerdict(
        "ORDER",
        True,
        DispositionKind.ORDER_TO_CORRECT,
        True,
        order,
        f"依照{'、'.join(order)}，{action}违法行为。{done}{then}",
    )
