"""Publication and credit repair.

Cases from 《市场监督管理行政处罚信息公示规定》第二、九、十三、十四条.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inspector_app.domain.credit import (
    NDRC_2026,
    REPAIR_CONDITIONS,
    SAMR_2021,
    PenaltyFacts,
    SamrCreditRules,
    rule_set_for,
)
from inspector_app.domain.entities import PartyType
from inspector_app.domain.workdays import publication_deadline

HUBEI = (10_000, 100_000)  # 较低数额: < 10,000 person, < 100,000 organisation [P]


def _facts(**kw: object) -> PenaltyFacts:
    base = PenaltyFacts(
        decided_on=date(2026, 1, 5),
        penalties=("fine",),
        fine_amount=200_000,
        lower_amount_threshold=HUBEI,
        published_on=date(2026, 1, 15),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


# 第二条第二款: 仅受到警告行政处罚的不予公示。
def test_warning_only_is_not_published() -> None:
    a = SAMR_2021.assess(_facts(penalties=("warning",), fine_amount=None))
    assert not a.published and a.publish_by is None and a.publicity_end is None
    assert not a.eligible and "第二条" in a.reasons[0]


# 第二条第一款: only decisions under the ordinary procedure are published.
def test_summary_procedure_is_not_published() -> None:
    a = SAMR_2021.assess(_facts(fine_amount=150, summary_procedure=True))
    assert not a.published


# 第九条: 二十个工作日内公示.
def test_publish_by_twenty_working_days() -> None:
    a = SAMR_2021.assess(_facts(decided_on=date(2026, 9, 30)))
    assert a.publish_by == date(2026, 11, 3) == publication_deadline(date(2026, 9, 30))


# 第十三条第一款: 仅受到通报批评…自公示之日起届满三个月的，停止公示。
def test_notice_of_criticism_three_months_no_early_repair() -> None:
    a = SAMR_2021.assess(_facts(penalties=("notice_of_criticism",), fine_amount=None))
    assert a.published and a.publicity_end == date(2026, 4, 15)
    assert not a.eligible and a.earliest_repair is None
    assert any("不适用提前停止公示" in r for r in a.reasons)


def test_warning_with_lower_fine_is_still_three_months() -> None:
    a = SAMR_2021.assess(_facts(penalties=("warning", "fine"), fine_amount=5000))
    assert a.publicity_end == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("party", "amount", "inclusive", "three_months"),
    [
        (PartyType.CITIZEN, 9_999, False, True),
        (PartyType.CITIZEN, 10_000, False, False),
        (PartyType.CITIZEN, 10_000, True, True),
        (PartyType.ORGANISATION, 99_999, False, True),
        (PartyType.ORGANISATION, 100_000, False, False),
        (PartyType.ORGANISATION, 100_001, True, False),
    ],
)
def test_lower_amount_threshold_boundaries(
    party: PartyType, amount: int, inclusive: bool, three_months: bool
) -> None:
    a = SAMR_2021.assess(
        _facts(party_type=party, fine_amount=amount, lower_amount_inclusive=inclusive)
    )
    expected = date(2026, 4, 15) if three_months else date(2029, 1, 15)
    assert a.publicity_end == expected


# 第十三条第一款后段 and 第十四条: 三年; early repair after 6 months if the conditions hold.
def test_other_penalty_three_years_and_repair_after_six_months() -> None:
    a = SAMR_2021.assess(_facts(penalties=("fine", "confiscation")))
    assert a.published and a.publicity_end == date(2029, 1, 15)
    assert a.eligible and a.earliest_repair == date(2026, 7, 16)
    assert all(any(c in r for r in a.reasons) for c in REPAIR_CONDITIONS)
    assert len(REPAIR_CONDITIONS) == 4


@pytest.mark.parametrize("sector", ["food", "drug", "special_equipment"])
def test_food_drug_special_equipment_wait_one_year(sector: str) -> None:
    a = SAMR_2021.assess(_facts(sector=sector))
    assert a.eligible and a.earliest_repair == date(2027, 1, 16)


def test_publication_day_unknown_uses_latest_lawful_day() -> None:
    a = SAMR_2021.assess(_facts(published_on=None))
    assert a.publish_by == date(2026, 2, 2)
    assert a.publicity_end == date(2029, 2, 2)
    assert any("估算" in r for r in a.reasons)


# 第十四条第三款: 吊销许可证件…不得提前停止公示。
@pytest.mark.parametrize(
    "penalty",
    [
        "licence_revocation",
        "business_licence_revocation",
        "suspension",
        "licence_downgrade",
        "practice_restriction",
    ],
)
def test_severe_penalties_never_repaired_early(penalty: str) -> None:
    a = SAMR_2021.assess(_facts(penalties=("fine", penalty)))
    assert a.published and not a.eligible and a.earliest_repair is None
    assert any("第十四条第三款" in r for r in a.reasons)


# 第十三条第三款: 限制…超过三年的，公示期按照实际限制期限执行。
def test_restriction_longer_than_three_years_sets_the_period() -> None:
    a = SAMR_2021.assess(
        _facts(penalties=("practice_restriction",), restriction_term_end=date(2031, 1, 5))
    )
    assert a.publicity_end == date(2031, 1, 5)
    short = SAMR_2021.assess(
        _facts(penalties=("practice_restriction",), restriction_term_end=date(2027, 1, 5))
    )
    assert short.publicity_end == date(2029, 1, 15)


def test_publicity_from_february_29() -> None:
    a = SAMR_2021.assess(_facts(decided_on=date(2028, 2, 1), published_on=date(2028, 2, 29)))
    assert a.publicity_end == date(2031, 2, 28)


@pytest.mark.parametrize(
    "kw",
    [
        {"lower_amount_threshold": None},
        {"fine_amount": None},
        {"penalties": ()},
        {"penalties": ("flogging",)},
    ],
)
def test_bad_input(kw: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SAMR_2021.assess(_facts(**kw))


def test_rule_set_for_effective_dates() -> None:
    assert rule_set_for(date(2021, 9, 1)) is SAMR_2021
    assert rule_set_for(date(2026, 6, 1)) is SAMR_2021
    with pytest.raises(LookupError):
        rule_set_for(date(2021, 8, 31))
    with pytest.raises(LookupError):
        rule_set_for(date(2026, 3, 31), "ndrc")
    assert rule_set_for(date(2026, 4, 1), "ndrc") is NDRC_2026


def test_a_newer_rule_set_replaces_the_older_one() -> None:
    newer = SamrCreditRules(name="new", effective_from=date(2027, 1, 1), wait_months=3)
    sets = (SAMR_2021, newer)
    assert rule_set_for(date(2026, 12, 31), rule_sets=sets) is SAMR_2021
    assert rule_set_for(date(2027, 1, 1), rule_sets=sets) is newer


def test_ndrc_periods() -> None:
    base = _facts(decided_on=date(2026, 5, 1), published_on=date(2026, 5, 10))
    general = NDRC_2026.assess(replace(base, ndrc_class="general"))
    assert general.publicity_end == date(2027, 5, 10)
    assert general.earliest_repair == date(2026, 8, 11) and general.eligible
    serious = NDRC_2026.assess(replace(base, ndrc_class="serious"))
    assert serious.publicity_end == date(2029, 5, 10)
    assert serious.earliest_repair == date(2027, 5, 11)
    minor = NDRC_2026.assess(replace(base, ndrc_class="minor"))
    assert minor.publicity_end == date(2026, 8, 10) and not minor.eligible
    with pytest.raises(ValueError):
        NDRC_2026.assess(base)


# 第十三条: which rule set the period — what a notice must say, and cite, about it.
def test_the_assessment_says_which_period_applies() -> None:
    assert SAMR_2021.assess(_facts(fine_amount=5_000)).period == "short"
    assert SAMR_2021.assess(_facts()).period == "long"
    restricted = _facts(
        penalties=("fine", "practice_restriction"), restriction_term_end=date(2031, 1, 5)
    )
    assert SAMR_2021.assess(restricted).period == "restriction"
    assert SAMR_2021.assess(_facts(penalties=("warning",), fine_amount=None)).period == ""
