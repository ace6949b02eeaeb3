"""SP-1: whether a penalty may be decided on the spot (简易程序) and the fine collected there.

《中华人民共和国行政处罚法》第五十一条 [L]: "违法事实确凿并有法定依据，对公民处以二百元
以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚
决定。法律另有规定的，从其规定。"

第六十八条 [L]: "依照本法第五十一条的规定当场作出行政处罚决定，有下列情形之一，执法人员
可以当场收缴罚款：（一）依法给予一百元以下罚款的；（二）不当场收缴事后难以执行的。"

《中华人民共和国行政复议法》(2023) 第二十三条 [L]: "有下列情形之一的，申请人应当先向行政
复议机关申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼：（一）对
当场作出的行政处罚决定不服；……对前款规定的情形，行政机关在作出行政行为时应当告知公民、
法人或者其他组织先向行政复议机关申请行政复议。"

"以下" includes the number itself, so 200 and 3,000 yuan are allowed and 200.01 is not.

第五十一条 also requires "有法定依据": the penalty must be one the penalty provision (罚则)
allows, inside its statutory range. A fine below the provision's minimum is refused
(unless reduced under 第三十二条, 减轻), as is one above its maximum; where the minimum is
above 第五十一条's ceiling no fine can be summary, and only a warning may be given on the
spot, if the provision allows a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from inspector_app.domain.entities import PartyType, PenaltyProvision

SUMMARY_FINE_LIMITS: dict[PartyType, Decimal] = {
    PartyType.CITIZEN: Decimal(200),
    PartyType.ORGANISATION: Decimal(3000),
}
ON_THE_SPOT_COLLECTION_LIMIT = Decimal(100)

#: Must be stated on every summary-procedure decision (行政复议法第二十三条第二款).
REVIEW_BEFORE_SUIT_NOTICE = (
    "根据《中华人民共和国行政复议法》第二十三条的规定，当事人对当场作出的行政处罚决定不服的，"
    "应当先向行政复议机关申请行政复议；对行政复议决定不服的，可以再依法向人民法院提起行政诉讼。"
)

_PARTY_ZH = {PartyType.CITIZEN: "公民", PartyType.ORGANISATION: "法人或者其他组织"}


@dataclass(frozen=True, slots=True)
class SummaryCheck:
    """Whether the summary procedure is allowed, why, and whether the fine may be collected."""

    allowed: bool
    reasons: tuple[str, ...]
    collect_on_spot_allowed: bool


def check_summary_penalty(
    party_type: PartyType,
    penalty: str,
    amount: int | Decimal | None = None,
    *,
    hard_to_collect: bool = False,
    provision: PenaltyProvision | None = None,
    reduced: bool = False,
) -> SummaryCheck:
    """SP-1: 第五十一条 limits, the provision's range and 第六十八条 collection (quoted above).

    ``penalty`` is "warning" or "fine"; ``amount`` in yuan is required for a fine.
    ``provision`` is the matter's penalty provision: when given, the penalty must be one
    it allows, inside its range (``reduced``: a 减轻 fine below its minimum, 第三十二条).
    Whether the facts are certain is the inspector's judgement, restated in the reasons.
    """
    if provision is not None:
        refusal = _outside_provision(party_type, penalty, amount, provision, reduced)
        if refusal:
            return SummaryCheck(allowed=False, reasons=refusal, collect_on_spot_allowed=False)
    reasons: list[str] = []
    if provision is not None and penalty == "fine" and reduced and provision.fine_min:
        if Decimal(str(amount)) < provision.fine_min:
            reasons.append(
                f"依照《中华人民共和国行政处罚法》第三十二条减轻处罚，罚款低于"
                f"{_cite(provision)}规定的最低数额{provision.fine_min:,}元。"
            )
    if penalty == "warning":
        reasons.append(
            "拟给予警告，属于《中华人民共和国行政处罚法》第五十一条规定可以当场作出的处罚种类。"
        )
        allowed = True
        collect = False
    elif penalty == "fine":
        if amount is None:
            raise ValueError("罚款须填写金额")
        value = Decimal(str(amount))
        if value <= 0:
            raise ValueError(f"罚款金额必须大于零：{amount}")
        limit = SUMMARY_FINE_LIMITS[party_type]
        who = _PARTY_ZH[party_type]
        if value <= limit:
            allowed = True
            reasons.append(
                f"对{who}处以{_yuan(value)}元罚款，未超过第五十一条规定的{_yuan(limit)}元，"
                "可以当场作出行政处罚决定。"
            )
        else:
            allowed = False
            reasons.append(
                f"对{who}处以{_yuan(value)}元罚款，超过第五十一条规定的{_yuan(limit)}元，"
                "不得适用简易程序，应当适用普通程序。"
            )
        collect = allowed and (value <= ON_THE_SPOT_COLLECTION_LIMIT or hard_to_collect)
        if allowed:
            if value <= ON_THE_SPOT_COLLECTION_LIMIT:
                reasons.append(
                    "罚款在一百元以下，依照第六十八条第（一）项可以当场收缴，应当出具财政专用票据。"
                )
            elif hard_to_collect:
                reasons.append(
                    "不当场收缴事后难以执行，依照第六十八条第（二）项可以当场收缴，应当出具财政专用票据。"
                )
            else:
                reasons.append(
                    "罚款超过一百元且无事后难以执行情形，不得当场收缴，当事人应当自收到决定书之日起十五日内缴纳。"
                )
    else:
        raise ValueError(f"简易程序只适用于警告或者罚款，不支持：{penalty!r}")
    if allowed:
        reasons.append("适用简易程序还须违法事实确凿并有法定依据（第五十一条）。")
        reasons.append(REVIEW_BEFORE_SUIT_NOTICE)
    return SummaryCheck(allowed=allowed, reasons=tuple(reasons), collect_on_spot_allowed=collect)


def _outside_provision(
    party_type: PartyType,
    penalty: str,
    amount: int | Decimal | None,
    provision: PenaltyProvision,
    reduced: bool,
) -> tuple[str, ...]:
    """Why the penalty is not one the provision allows on the spot; empty when it is."""
    cite = _cite(provision)
    warning_alternative = (
        f"{cite}规定可以给予警告，当场只能给予警告。"
        if provision.warning
        else "应当依照第五十四条立案调查，适用普通程序。"
    )
    if penalty == "warning":
        if provision.warning:
            return ()
        return (f"{cite}未规定警告，不得以警告代替罚则规定的处罚。", warning_alternative)
    if penalty != "fine":
        return ()
    if amount is None:
        raise ValueError("罚款须填写金额")
    value = Decimal(str(amount))
    limit = SUMMARY_FINE_LIMITS[party_type]
    if provision.fine_min is None and provision.fine_max is None and provision.warning:
        return (f"{cite}只规定了警告，没有规定罚款。",)
    if provision.fine_min is not None and provision.fine_min > limit and not reduced:
        return (
            f"{cite}规定的最低罚款{provision.fine_min:,}元超过第五十一条对"
            f"{_PARTY_ZH[party_type]}当场罚款的限额{_yuan(limit)}元，不得当场处以罚款。",
            warning_alternative,
        )
    if provision.fine_min is not None and value < provision.fine_min and not reduced:
        return (
            f"罚款{_yuan(value)}元低于{cite}规定的最低数额{provision.fine_min:,}元；"
            "确有第三十二条规定情形须减轻处罚的，应当写明减轻的理由。",
        )
    if provision.fine_max is not None and value > provision.fine_max:
        return (f"罚款{_yuan(value)}元高于{cite}规定的最高数额{provision.fine_max:,}元。",)
    return ()


def _cite(provision: PenaltyProvision) -> str:
    return "、".join(provision.basis) or "罚则"


def _yuan(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return f"{int(value):,}" if value == value.to_integral_value() else text
