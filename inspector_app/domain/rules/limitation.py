"""NP-5: the time limit for imposing a penalty (追责时效).

《中华人民共和国行政处罚法》第三十六条 [L]:
"违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害
后果的，上述期限延长至五年。法律另有规定的除外。
前款规定的期限，从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日
起计算。"

How we count (民法典第二百零一条、第二百零二条 [L], see ``workdays``): the day the act
occurred (or ended) is not counted; the period's last day is the corresponding day two
(five) years later, the month's last day when there is none, so an act of 2024-02-29
has 2026-02-28 as the last day. Discovery on the last day is in time. We do not move
the last day off a holiday (民法典第二百零三条): that extends a period in which someone
must act, while this period only measures whether an act was discovered.
"""

from __future__ import annotations

from datetime import date

from inspector_app.domain.entities import DispositionKind, Finding
from inspector_app.domain.rules.verdict import ART_33_3, ART_36, RuleVerdict
from inspector_app.domain.rules.verdict import zh_date as _zh
from inspector_app.domain.workdays import add_years

GENERAL_LIMIT_YEARS = 2
EXTENDED_LIMIT_YEARS = 5


def limitation_last_day(
    committed_on: date,
    *,
    continuing_until: date | None = None,
    life_health_finance_with_harm: bool = False,
) -> date:
    """The last day on which discovering the act still allows a penalty (第三十六条)."""
    start = continuing_until or committed_on
    if start < committed_on:
        raise ValueError(f"行为终了日期 {start} 早于行为发生日期 {committed_on}")
    years = EXTENDED_LIMIT_YEARS if life_health_finance_with_harm else GENERAL_LIMIT_YEARS
    return add_years(start, years)


def limitation_expired(
    committed_on: date,
    discovered_on: date,
    *,
    continuing_until: date | None = None,
    life_health_finance_with_harm: bool = False,
) -> bool:
    """True when the act was not discovered within 2 (or 5) years: no penalty (第三十六条)."""
    last = limitation_last_day(
        committed_on,
        continuing_until=continuing_until,
        life_health_finance_with_harm=life_health_finance_with_harm,
    )
    return discovered_on > last


def np5_limitation(finding: Finding, *, today: date) -> RuleVerdict:
    """NP-5: 违法行为在二年内未被发现的，不再给予行政处罚 (第三十六条, quoted above).

    A continuing act (``Finding.continuing``) without a known end is taken to have
    lasted until it was discovered, so its period has not run.
    """
    basis = (ART_36,)
    if finding.committed_on is None:
        return RuleVerdict(
            "NP-5",
            False,
            None,
            False,
            basis,
            "未记录违法行为发生日期，无法判断是否超过行政处罚追责时效，按未超过处理。",
        )
    discovered = finding.discovered_on or today
    if finding.continuing:
        return RuleVerdict(
            "NP-5",
            False,
            None,
            False,
            basis,
            f"违法行为自{_zh(finding.committed_on)}起处于连续或者继续状态，期限从行为终了之日起"
            f"计算，至{_zh(discovered)}发现时尚未届满，依法可以给予行政处罚。",
        )
    extended = finding.life_health_finance and finding.harm != "none"
    years = EXTENDED_LIMIT_YEARS if extended else GENERAL_LIMIT_YEARS
    last = limitation_last_day(finding.committed_on, life_health_finance_with_harm=extended)
    scope = "涉及公民生命健康安全、金融安全且有危害后果，期限为五年" if extended else "期限为二年"
    if discovered > last:
        return RuleVerdict(
            "NP-5",
            True,
            DispositionKind.NO_PENALTY,
            True,
            (*basis, ART_33_3),
            f"违法行为发生于{_zh(finding.committed_on)}，{scope}，至{_zh(last)}届满，"
            f"而于{_zh(discovered)}才被发现，已超过{years}年追责时效，依法不再给予行政处罚。",
        )
    return RuleVerdict(
        "NP-5",
        False,
        None,
        False,
        basis,
        f"违法行为发生于{_zh(finding.committed_on)}，{scope}，于{_zh(discovered)}被发现，"
        f"未超过追责时效（至{_zh(last)}届满）。",
    )
