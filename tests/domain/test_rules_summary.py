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
