"""Publication of penalty decisions and credit repair (信用修复), as dated rule sets.

SAMR's rules (国家企业信用信息公示系统) come from 《市场监督管理行政处罚信息公示规定》
(总局令第45号, effective 2021-09-01) [L] and, for the waiting times before early repair,
《市场监督管理信用修复管理办法》 [P]. The NDRC's rules for 信用中国 are a separate system.
:func:`rule_set_for` picks the set in force on a day, so a new set is one more entry.

Periods are counted as in ``workdays``: the publication day is not counted and a period
of months ends on the corresponding day (民法典第二百零一条、第二百零二条 [L]).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from inspector_app.domain.entities import PartyType
from inspector_app.domain.workdays import add_months, add_years, publication_deadline

GONGSHI = "《市场监督管理行政处罚信息公示规定》"

#: 第九条 (行政处罚法第九条 categories, as wire names).
PENALTIES: dict[str, str] = {
    "warning": "警告",
    "notice_of_criticism": "通报批评",
    "fine": "罚款",
    "confiscation": "没收违法所得、没收非法财物",
    "licence_suspension": "暂扣许可证件",
    "licence_downgrade": "降低资质等级",
    "licence_revocation": "吊销许可证件",
    "business_licence_revocation": "吊销营业执照",
    "suspension": "责令停产停业、限制开展生产经营活动",
    "practice_restriction": "限制从业",
    "closure": "责令关闭",
    "detention": "行政拘留",
}

#: 公示规定第十四条第三款: these never allow early repair. 责令关闭 is our reading of
#: "其他较为严重行政处罚" [?].
SEVERE_PENALTIES = frozenset(
    {
        "suspension",
        "practice_restriction",
        "licence_downgrade",
        "licence_revocation",
        "business_licence_revocation",
        "closure",
    }
)

#: 公示规定第十四条第一款 [L]: all four must hold to apply for early repair.
REPAIR_CONDITIONS: tuple[str, ...] = (
    "已经自觉履行行政处罚决定中规定的义务",
    "已经主动消除危害后果和不良影响",
    "未因同一类违法行为再次受到市场监督管理部门行政处罚",
    "未在经营异常名录和严重违法失信名单中",
)

#: Sectors with the longer waiting time before early repair [P].
LONG_WAIT_SECTORS = frozenset({"food", "drug", "special_equipment"})


@dataclass(frozen=True, slots=True)
class PenaltyFacts:
    """What the credit rules need to know about one penalty decision.

    ``lower_amount_threshold`` is the province's 较低数额罚款 (person, organisation) in
    yuan: a fine strictly below it is 较低数额, or at most it when
    ``lower_amount_inclusive`` (provinces write "以下" or "不足"). ``published_on`` is
    the actual publication day when known; otherwise the latest lawful day is assumed.
    """

    decided_on: date
    penalties: tuple[str, ...]
    fine_amount: int | Decimal | None = None
    party_type: PartyType = PartyType.ORGANISATION
    sector: str = "general"
    lower_amount_threshold: tuple[int, int] | None = None
    restriction_term_end: date | None = None
    summary_procedure: bool = False
    published_on: date | None = None
    lower_amount_inclusive: bool = False
    ndrc_class: str | None = None  # "minor" | "general" | "serious", NDRC system only


@dataclass(frozen=True, slots=True)
class CreditRepairAssessment:
    """Dates are inclusive: ``publicity_end`` is the last day shown, ``earliest_repair``
    the first day an application for early repair may be made. ``period`` says which
    rule set the publicity period: "short" (通报批评 or a 较低数额 fine, three months),
    "long" (three years), "restriction" (the restriction's term), "" when not published.
    """

    published: bool
    publish_by: date | None
    publicity_end: date | None
    earliest_repair: date | None
    eligible: bool
    reasons: tuple[str, ...]
    period: str = ""


class CreditRuleSet(ABC):
    name: str
    system: str
    effective_from: date

    @abstractmethod
    def assess(self, decision: PenaltyFacts) -> CreditRepairAssessment: ...


class SamrCreditRules(CreditRuleSet):
    """SAMR rules, 《市场监督管理行政处罚信息公示规定》 (2021) [L].

    第二条 "市场监督管理部门对适用普通程序作出行政处罚决定的相关信息，应当记录于国家企业
    信用信息公示系统，并向社会公示。仅受到警告行政处罚的不予公示。法律、行政法规另有规定
    的除外。" So summary-procedure and warning-only decisions are not published.

    第九条: published "自作出行政处罚决定之日起二十个工作日内".

    第十三条 "仅受到通报批评或者较低数额罚款的行政处罚信息自公示之日起届满三个月的，停止
    公示。其他行政处罚信息自公示之日起届满三年的，停止公示。前款所称较低数额罚款由省级以上
    市场监督管理部门结合工作实际规定。依照法律法规被限制开展生产经营活动、限制从业超过三年
    的，公示期按照实际限制期限执行。" A restriction longer than three years from the decision
    sets the end to the restriction's end, never earlier than three years after
    publication. A warning given together with a 通报批评 or a lower
    fine does not lengthen the period (it alone would not be published).

    第十四条 "行政处罚信息公示达到规定时限要求，且同时符合以下条件的，可以向作出行政处罚
    决定的市场监督管理部门申请提前停止公示：（一）已经自觉履行行政处罚决定中规定的义务；
    （二）已经主动消除危害后果和不良影响；（三）未因同一类违法行为再次受到市场监督管理部门
    行政处罚；（四）未在经营异常名录和严重违法失信名单中。前款所称时限要求和提前停止公示的
    具体实施办法由国家市场监督管理总局另行规定。当事人受到责令停产停业、限制开展生产经营
    活动、限制从业、降低资质等级、吊销许可证件、吊销营业执照以及国家市场监督管理总局规定的
    其他较为严重行政处罚的，不得提前停止公示。"

    The waiting time (6 months; 1 year for food, drugs, special equipment) is set by
    SAMR's 信用修复管理办法 [P]. It is longer than a 3-month publicity, so early repair
    does not apply to 通报批评 or lower-fine decisions: their publicity simply ends.
    """

    def __init__(
        self,
        *,
        name: str = "市场监管总局行政处罚信息公示（总局令第45号）",
        effective_from: date = date(2021, 9, 1),
        short_months: int = 3,
        long_years: int = 3,
        wait_months: int = 6,
        long_wait_months: int = 12,
    ) -> None:
        self.name = name
        self.system = "samr"
        self.effective_from = effective_from
        self.short_months = short_months
        self.long_years = long_years
        self.wait_months = wait_months
        self.long_wait_months = long_wait_months

    def assess(self, decision: PenaltyFacts) -> CreditRepairAssessment:
        kinds = _validated(decision.penalties)
        if decision.summary_procedure:
            return _not_published(
                f"适用简易程序当场作出的行政处罚不属于{GONGSHI}第二条规定的普通程序处罚信息，"
                "不予公示，无须送达信用修复告知书。"
            )
        if kinds <= {"warning"}:
            return _not_published(
                f"仅受到警告行政处罚的不予公示（{GONGSHI}第二条第二款），无须送达信用修复告知书。"
            )
        reasons: list[str] = []
        publish_by = publication_deadline(decision.decided_on)
        reasons.append(
            f"应当自作出行政处罚决定之日起二十个工作日内，即{_zh(publish_by)}前，通过国家企业"
            f"信用信息公示系统公示（{GONGSHI}第九条）；送达决定书时书面告知当事人（第八条）。"
        )
        if decision.published_on is not None:
            start = decision.published_on
        else:
            start = publish_by
            reasons.append("公示日期尚未确定，以下期限按最迟公示日期估算。")

        lighter = kinds - {"warning"}
        short = lighter <= {"notice_of_criticism", "fine"} and (
            "fine" not in lighter or self._lower_amount(decision)
        )
        if short:
            end = add_months(start, self.short_months)
            reasons.append(
                f"仅受到通报批评或者较低数额罚款，自公示之日起届满三个月即{_zh(end)}停止公示"
                f"（第十三条第一款）。公示期短于申请提前停止公示的时限，不适用提前停止公示。"
            )
            return CreditRepairAssessment(
                True, publish_by, end, None, False, tuple(reasons), period="short"
            )

        end = add_years(start, self.long_years)
        period = "long"
        restriction = decision.restriction_term_end
        if restriction is not None and restriction > add_years(
            decision.decided_on, self.long_years
        ):
            # 按照实际限制期限执行: never shorter than the ordinary three years.
            end = max(end, restriction)
            period = "restriction"
            reasons.append(
                f"限制开展生产经营活动、限制从业超过三年，公示期按照实际限制期限执行，至"
                f"{_zh(end)}（第十三条第三款）。"
            )
        else:
            reasons.append(f"自公示之日起届满三年即{_zh(end)}停止公示（第十三条第一款）。")

        severe = sorted(kinds & SEVERE_PENALTIES)
        if severe:
            names = "、".join(PENALTIES[k] for k in severe)
            reasons.append(f"受到{names}的行政处罚，不得提前停止公示（第十四条第三款）。")
            return CreditRepairAssessment(
                True, publish_by, end, None, False, tuple(reasons), period=period
            )

        long_wait = decision.sector in LONG_WAIT_SECTORS
        months = self.long_wait_months if long_wait else self.wait_months
        earliest = add_months(start, months) + timedelta(days=1)
        span = "一年" if months == 12 else f"{months}个月"
        sector = "食品、药品、特种设备领域" if long_wait else ""
        reasons.append(
            f"{sector}行政处罚信息公示满{span}后，即自{_zh(earliest)}起，同时符合下列条件的，可以"
            f"向作出行政处罚决定的市场监督管理部门申请提前停止公示（第十四条）："
            + "；".join(f"（{n}）{c}" for n, c in zip("一二三四", REPAIR_CONDITIONS, strict=True))
            + "。"
        )
        if earliest > end:
            reasons.append("公示期届满早于可以申请提前停止公示的日期，不适用提前停止公示。")
            return CreditRepairAssessment(
                True, publish_by, end, None, False, tuple(reasons), period=period
            )
        return CreditRepairAssessment(
            True, publish_by, end, earliest, True, tuple(reasons), period=period
        )

    def _lower_amount(self, decision: PenaltyFacts) -> bool:
        if decision.fine_amount is None:
            raise ValueError("罚款处罚须填写罚款金额")
        if decision.lower_amount_threshold is None:
            raise ValueError(
                "未配置本省“较低数额罚款”标准（公示规定第十三条第二款），无法确定公示期；"
                "请在设置中填写"
            )
        person, organisation = decision.lower_amount_threshold
        limit = person if decision.party_type is PartyType.CITIZEN else organisation
        amount = Decimal(str(decision.fine_amount))
        return amount <= limit if decision.lower_amount_inclusive else amount < limit


class NdrcCreditRules(CreditRuleSet):
    """NDRC rules for 信用中国 (国家发展改革委令第36号, from 2026-04-01) [P].

    Publicity by the severity class the deciding agency assigns: minor at most 3
    months, general 3 to 12 months, serious 1 to 3 years; repair may be applied for
    after the minimum period. The figures are from DOMAIN.md [P], not checked against
    the order's text, which is not in our law library: keep them as parameters.
    """

    PERIODS: dict[str, tuple[int, int]] = {  # months: (minimum, maximum)
        "minor": (0, 3),
        "general": (3, 12),
        "serious": (12, 36),
    }

    def __init__(
        self,
        *,
        name: str = "国家发展改革委信用信息修复（令第36号）",
        effective_from: date = date(2026, 4, 1),
    ) -> None:
        self.name = name
        self.system = "ndrc"
        self.effective_from = effective_from

    def assess(self, decision: PenaltyFacts) -> CreditRepairAssessment:
        _validated(decision.penalties)
        if decision.ndrc_class not in self.PERIODS:
            raise ValueError(
                f"信用中国公示须指定失信程度 minor/general/serious，而不是 {decision.ndrc_class!r}"
            )
        low, high = self.PERIODS[decision.ndrc_class]
        start = decision.published_on or decision.decided_on
        end = add_months(start, high)
        reasons = [f"按{self.name}，{decision.ndrc_class} 类信息最长公示至{_zh(end)}。"]
        if low == 0:
            reasons.append("轻微失信信息公示期届满即停止公示，不适用信用修复。")
            return CreditRepairAssessment(True, None, end, None, False, tuple(reasons))
        earliest = add_months(start, low) + timedelta(days=1)
        reasons.append(f"最短公示期满后，自{_zh(earliest)}起可以申请信用修复。")
        return CreditRepairAssessment(True, None, end, earliest, True, tuple(reasons))


SAMR_2021 = SamrCreditRules()
NDRC_2026 = NdrcCreditRules()
RULE_SETS: tuple[CreditRuleSet, ...] = (SAMR_2021, NDRC_2026)


def rule_set_for(
    day: date, system: str = "samr", *, rule_sets: tuple[CreditRuleSet, ...] = RULE_SETS
) -> CreditRuleSet:
    """The rule set of ``system`` in force on ``day`` (the latest one that had started)."""
    candidates = [r for r in rule_sets if r.system == system and r.effective_from <= day]
    if not candidates:
        raise LookupError(f"{day.isoformat()} 没有生效的 {system} 信用规则")
    return max(candidates, key=lambda r: r.effective_from)


def _validated(penalties: tuple[str, ...]) -> set[str]:
    if not penalties:
        raise ValueError("至少须有一种行政处罚")
    unknown = [p for p in penalties if p not in PENALTIES]
    if unknown:
        raise ValueError(f"未知的处罚种类 {unknown}；可用：{'、'.join(PENALTIES)}")
    return set(penalties)


def _not_published(reason: str) -> CreditRepairAssessment:
    return CreditRepairAssessment(False, None, None, None, False, (reason,))


def _zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
