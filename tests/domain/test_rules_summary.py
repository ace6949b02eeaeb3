"""SP-1, 《行政处罚法》第五十一条 and 第六十八条: limits of the summary procedure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inspector_app.domain.entities import PartyType
from inspector_app.domain.rules import REVIEW_BEFORE_SUIT_NOTICE, check_summary_penalty

CITIZEN, ORG = PartyType.CITIZEN, PartyType.ORGANISATION


@pytest.mark.parametrize(
    ("party", "amount", "allowed"),
    [
        (CITIZEN, 200, True),  # "二百元以下" includes 200
        (CITIZEN, Decimal("200.01"), False),
        (CITIZEN, 201, False),
        (ORG, 3000, True),  # "三千元以下" includes 3,000
        (ORG, Decimal("3000.01"), False),
        (ORG, 500, True),
    ],
)
def test_fine_limits(party: PartyType, amount: int | Decimal, allowed: bool) -> None:
    assert check_summary_penalty(party, "fine", amount).allowed is allowed


def test_warning_is_allowed_for_both() -> None:
    for party in (CITIZEN, ORG):
        check = check_summary_penalty(party, "warning", None)
        assert check.allowed and not check.collect_on_spot_allowed


def test_on_the_spot_collection() -> None:
    assert check_summary_penalty(CITIZEN, "fine", 100).collect_on_spot_allowed
    assert not check_summary_penalty(CITIZEN, "fine", 101).collect_on_spot_allowed
    assert check_summary_penalty(ORG, "fine", 2000, hard_to_collect=True).collect_on_spot_allowed
    # Not the summary procedure: no on-the-spot collection either.
    assert not check_summary_penalty(
        ORG, "fine", 5000, hard_to_collect=True
    ).collect_on_spot_allowed


def test_review_before_suit_notice() -> None:
    assert REVIEW_BEFORE_SUIT_NOTICE in check_summary_penalty(ORG, "fine", 500).reasons
    assert "第二十三条" in REVIEW_BEFORE_SUIT_NOTICE
    assert REVIEW_BEFORE_SUIT_NOTICE not in check_summary_penalty(ORG, "fine", 5000).reasons


def test_reasons_name_the_limit() -> None:
    check = check_summary_penalty(CITIZEN, "fine", Decimal("200.01"))
    assert any("200.01元" in r and "200元" in r for r in check.reasons)


@pytest.mark.parametrize(
    ("penalty", "amount"), [("fine", None), ("fine", 0), ("confiscation", 100)]
)
def test_bad_input(penalty: str, amount: int | None) -> None:
    with pytest.raises(ValueError):
        check_summary_penalty(ORG, penalty, amount)


# --- the penalty provision's statutory range (第五十一条 "有法定依据") -------------------

from inspector_app.domain.entities import PenaltyProvision  # noqa: E402

# 食品检查办法第四十八条: "拒不改正的，给予警告，可以并处5000元以上5万元以下罚款。"
ART_48 = PenaltyProvision(
    ("《食品生产经营监督检查管理办法》第四十八条",), warning=True, fine_min=5000, fine_max=50000
)
FINE_ONLY = PenaltyProvision(("《某法》第十条",), fine_min=1000, fine_max=10000)


def test_a_summary_fine_where_the_minimum_is_above_the_ceiling_is_refused() -> None:
    check = check_summary_penalty(ORG, "fine", 3000, provision=ART_48)
    assert not check.allowed
    assert "最低罚款5,000元超过第五十一条" in check.reasons[0]
    assert "当场只能给予警告" in check.reasons[1]
    assert check_summary_penalty(ORG, "warning", provision=ART_48).allowed


def test_a_fine_below_the_legal_minimum_is_refused() -> None:
    check = check_summary_penalty(ORG, "fine", 500, provision=FINE_ONLY)
    assert not check.allowed and "低于" in check.reasons[0] and "1,000元" in check.reasons[0]
    assert check_summary_penalty(ORG, "fine", 1000, provision=FINE_ONLY).allowed


def test_a_reduced_fine_may_go_below_the_minimum() -> None:
    """第三十二条: "应当从轻或者减轻行政处罚" — 减轻 goes below the minimum, with the reason."""
    check = check_summary_penalty(ORG, "fine", 500, provision=FINE_ONLY, reduced=True)
    assert check.allowed and "减轻" in check.reasons[0]


def test_a_fine_above_the_provisions_maximum_is_refused() -> None:
    small = PenaltyProvision(("《某法》第十条",), fine_max=100)
    check = check_summary_penalty(CITIZEN, "fine", 150, provision=small)
    assert not check.allowed and "最高数额100元" in check.reasons[0]


def test_a_warning_the_provision_does_not_allow_is_refused() -> None:
    check = check_summary_penalty(ORG, "warning", provision=FINE_ONLY)
    assert not check.allowed and "未规定警告" in check.reasons[0]
    high = PenaltyProvision(("《某法》第十条",), fine_min=50000, fine_max=100000)
    check = check_summary_penalty(ORG, "fine", 3000, provision=high)
    assert not check.allowed and "第五十四条立案调查" in check.reasons[1]
