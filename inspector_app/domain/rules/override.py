"""An inspector's override of a proposal: allowed only with a written reason, in the law.

The rules propose; the inspector decides (DESIGN.md "Decide and explain"). An override
is refused when it has no written reason; when it turns a mandatory ("应当", "不予")
proposal into another kind without an explicit statement of why that rule does not bind
(e.g. overriding 第三十三条第一款第一句's "不予行政处罚" into a penalty, or 食品检查办法
第三十二条's "应当依法进行调查处理" into no action); and when its fine is outside the
penalty provision's statutory range or, for a summary penalty, over 第五十一条's limit
(《行政处罚法》第五十一条 [L]: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者
其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from inspector_app.domain.entities import Disposition, DispositionKind, PartyType
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules.summary import check_summary_penalty
from inspector_app.domain.rules.verdict import ART_28_1, ART_51, ART_54, Proposal

_PENALTIES = (DispositionKind.SUMMARY_PENALTY, DispositionKind.REFER_CASE)
_KIND_ZH = {
    DispositionKind.NO_ACTION: "不作处理",
    DispositionKind.RISK_REMINDER: "行政提示",
    DispositionKind.ORDER_TO_CORRECT: "责令改正",
    DispositionKind.NO_PENALTY: "不予行政处罚",
    DispositionKind.SUMMARY_PENALTY: "当场行政处罚",
    DispositionKind.REFER_CASE: "立案调查",
}

#: What a kind does to the party: a "shall" proposal may change kind within its outcome
#: (a summary penalty into a case) but not into another outcome without a statement.
_OUTCOME = {
    DispositionKind.NO_ACTION: "none",
    DispositionKind.RISK_REMINDER: "none",
    DispositionKind.NO_PENALTY: "no_penalty",
    DispositionKind.ORDER_TO_CORRECT: "order",
    DispositionKind.SUMMARY_PENALTY: "penalty",
    DispositionKind.REFER_CASE: "penalty",
}


@dataclass(frozen=True, slots=True)
class OverrideCheck:
    """Whether the override stands, why not, and the disposition it confirms."""

    allowed: bool
    reasons: tuple[str, ...]
    disposition: Disposition | None = None


def validate_override(
    proposal: Proposal,
    *,
    kind: DispositionKind,
    reason: str,
    party_type: PartyType,
    provisions: MatterProvisions | None = None,
    fine: int | None = None,
    warning: bool = False,
    statement: str = "",
    reduced: bool = False,
    refused_to_correct: bool = False,
) -> OverrideCheck:
    """Check an override of ``proposal`` into ``kind`` and build the confirmed disposition.

    ``reason`` is the inspector's written reason (required); ``statement`` the explicit
    statement required to set aside a mandatory proposal; ``fine`` (yuan) and
    ``warning`` the penalty decided; ``provisions`` the matter's (for the penalty range;
    defaults to the proposal's penalty provision); ``reduced`` a 减轻 fine below the
    minimum (第三十二条); ``refused_to_correct`` whether a fine the provision allows only
    then (``fine_condition``, e.g. 拒不改正的) may be imposed. Refusals say what to do next.
    """
    proposed = proposal.disposition
    reasons: list[str] = []
    if not reason.strip():
        reasons.append("改变建议的处理方式须写明理由，请填写理由后再确认。")
    changes_outcome = _OUTCOME[kind] != _OUTCOME[proposed.kind]
    if proposed.mandatory and changes_outcome and not statement.strip():
        reasons.append(
            f"建议的“{_KIND_ZH[proposed.kind]}”是法律规定应当作出的处理，改为"
            f"“{_KIND_ZH[kind]}”须明确说明该规定为何不适用（例如所认定的事实不同），"
            "请填写说明后再确认。"
        )
    penalty = provisions.penalty if provisions is not None else proposed.penalty
    if fine is not None and kind not in _PENALTIES:
        reasons.append(f"“{_KIND_ZH[kind]}”不处以罚款，请删除罚款金额或者改为处罚。")
    if (
        fine is not None
        and penalty is not None
        and penalty.fine_condition
        and not refused_to_correct
    ):
        reasons.append(
            f"依照{'、'.join(penalty.basis)}，{penalty.fine_condition}才可以处以罚款；"
            "当事人尚无此情形，只能给予警告。"
        )
    if fine is not None and fine <= 0:
        reasons.append(f"罚款金额必须大于零：{fine}")
    elif kind is DispositionKind.SUMMARY_PENALTY:
        if penalty is None:
            reasons.append(
                "检查表未载明本事项的罚则，当场处罚没有法定依据（第五十一条），请补充罚则或者立案调查。"
            )
        elif fine is None and not warning:
            reasons.append("当场处罚须填写罚款金额或者选择警告。")
        else:
            for what, amount in (("warning", None), ("fine", fine)):
                if (what == "warning" and not warning) or (what == "fine" and fine is None):
                    continue
                check = check_summary_penalty(
                    party_type, what, amount, provision=penalty, reduced=reduced
                )
                if not check.allowed:
                    reasons.extend(check.reasons)
    elif kind is DispositionKind.REFER_CASE and fine is not None and penalty is not None:
        if penalty.fine_min is not None and fine < penalty.fine_min and not reduced:
            reasons.append(
                f"罚款{fine:,}元低于{'、'.join(penalty.basis)}规定的最低数额{penalty.fine_min:,}元；"
                "确有第三十二条规定情形须减轻处罚的，应当写明。"
            )
        if penalty.fine_max is not None and fine > penalty.fine_max:
            reasons.append(
                f"罚款{fine:,}元高于{'、'.join(penalty.basis)}规定的最高数额{penalty.fine_max:,}元。"
            )
    if reasons:
        return OverrideCheck(False, tuple(reasons))
    return OverrideCheck(
        True, (), _confirmed(proposal, kind, reason, statement, provisions, fine, warning)
    )


def _confirmed(
    proposal: Proposal,
    kind: DispositionKind,
    reason: str,
    statement: str,
    provisions: MatterProvisions | None,
    fine: int | None,
    warning: bool,
) -> Disposition:
    proposed = proposal.disposition
    penalty = provisions.penalty if provisions is not None else proposed.penalty
    order = provisions.order_basis if provisions is not None else proposed.order_basis
    written = reason.strip() + (f"（{statement.strip()}）" if statement.strip() else "")
    if kind is proposed.kind:
        basis = proposed.legal_basis
    elif kind in _PENALTIES and penalty is not None:
        extra = ART_51 if kind is DispositionKind.SUMMARY_PENALTY else ART_54
        basis = (*penalty.basis, extra, ART_28_1)
    elif kind is DispositionKind.ORDER_TO_CORRECT:
        basis = order
    else:
        basis = ()
    return replace(
        proposed,
        kind=kind,
        rule_id="OVERRIDE" if kind is not proposed.kind else proposed.rule_id,
        legal_basis=basis,
        reasoning=written if kind is not proposed.kind else proposed.reasoning,
        mandatory=False if kind is not proposed.kind else proposed.mandatory,
        educate=kind is DispositionKind.NO_PENALTY,
        proposed_fine=fine,
        warning=warning and kind in _PENALTIES,
        penalty_basis=penalty.basis if kind in _PENALTIES and penalty is not None else (),
        penalty=penalty if kind in _PENALTIES else None,
        order_basis=order,
        overridden_reason=written,
    )
