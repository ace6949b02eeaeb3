"""Cases, summary penalties and orders from the matter's provisions.

《行政处罚法》第五十四条: "除本法第五十一条规定的可以当场作出的行政处罚外，行政机关发现公民、
法人或者其他组织有依法应当给予行政处罚的行为的，必须全面、客观、公正地调查，收集有关证据"；
第五十一条: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下
罚款或者警告的行政处罚的，可以当场作出行政处罚决定。"；
第二十八条第一款: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。"
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspector_app.domain.entities import (
    DispositionKind,
    Finding,
    PartyType,
    PenaltyProvision,
    PriorViolation,
    Severity,
)
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules import describe_penalty, load_benchmarks, propose_disposition

TODAY = date(2026, 5, 10)
BENCHMARK = load_benchmarks(Path(__file__).parents[2] / "resources/reference/benchmarks").default()
BANHFA = "《食品生产经营监督检查管理办法》"
ART_28_1 = "《中华人民共和国行政处罚法》第二十八条第一款"

# 食品检查办法第三十九条第二款 (duty) and 第四十八条: "……由县级以上地方市场监督管理部门责令
# 改正；拒不改正的，给予警告，可以并处5000元以上5万元以下罚款。"
DISPLAY = MatterProvisions(
    ("SZSCJG",),
    (f"{BANHFA}第三十九条第二款",),
    (f"{BANHFA}第四十八条",),
    PenaltyProvision(
        (f"{BANHFA}第四十八条",),
        warning=True,
        fine_min=5000,
        fine_max=50000,
        condition="拒不改正的",
        benchmark="food-inspection-48",
        fine_optional=True,
    ),
)


def _provisions(**penalty: object) -> MatterProvisions:
    p = PenaltyProvision(("《某法》第十条",), **penalty)  # type: ignore[arg-type]
    return MatterProvisions(("SZSCJG",), ("《某法》第五条",), ("《某法》第十条",), p)


def _finding(**kw: object) -> Finding:
    base = Finding(
        "t1", "i1", "SC-SP-002", "未张贴监督检查结果记录表", Severity.GENERAL, discovered_on=TODAY
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _propose(finding: Finding, provisions: MatterProvisions | None, **kw: object):  # type: ignore[no-untyped-def]
    kw.setdefault("history", ())
    return propose_disposition(
        finding, today=TODAY, provisions=provisions, benchmark=BENCHMARK, **kw
    )  # type: ignore[arg-type]


def test_an_order_rests_on_the_matters_order_basis_not_article_28() -> None:
    """第四十八条's penalty applies only "拒不改正的": on finding, an order to correct under
    第四十八条 itself, with the duty breached (第三十九条第二款) kept apart."""
    d = _propose(_finding(), DISPLAY).disposition
    assert (d.kind, d.rule_id) == (DispositionKind.ORDER_TO_CORRECT, "ORDER")
    assert d.legal_basis == (f"{BANHFA}第四十八条",) == d.order_basis
    assert d.provisions_breached == (f"{BANHFA}第三十九条第二款",)
    assert d.penalty_basis == () and d.penalty is None
    assert ART_28_1 not in d.legal_basis and "第二十八条" not in d.reasoning
    assert "逾期拒不改正的，依照《食品生产经营监督检查管理办法》第四十八条给予警告" in d.reasoning
    assert d.departments == ("SZSCJG",)


def test_without_an_order_basis_the_order_says_it_is_missing() -> None:
    d = _propose(_finding(), None).disposition
    assert d.kind is DispositionKind.ORDER_TO_CORRECT and d.legal_basis == ()
    assert "未载明本事项责令改正的依据" in d.reasoning
    assert "第二十八条第一款只适用于实施行政处罚时" in d.reasoning


def test_refusing_to_correct_brings_the_warning_on_the_spot() -> None:
    p = _propose(_finding(refused_to_correct=True), DISPLAY)
    d = p.disposition
    assert (d.kind, d.rule_id) == (DispositionKind.SUMMARY_PENALTY, "PEN-1")
    assert d.warning and d.proposed_fine is None
    assert d.penalty_basis == (f"{BANHFA}第四十八条",) and d.penalty == DISPLAY.penalty
    assert ART_28_1 in d.legal_basis  # now a penalty is imposed: 实施行政处罚时
    # The optional fine's minimum (5,000) is above 第五十一条's 3,000: no summary fine.
    assert d.fine_range is None
    assert p.verdict("SP-1").applies


def test_an_unconditional_fine_within_the_limit_is_a_summary_penalty() -> None:
    d = _propose(_finding(), _provisions(fine_min=500, fine_max=5000)).disposition
    assert (d.kind, d.rule_id) == (DispositionKind.SUMMARY_PENALTY, "PEN-1")
    assert d.fine_range == (500, 3000) and d.proposed_fine == 500 and not d.warning
    assert "第五十一条" in d.reasoning


def test_a_citizen_gets_the_200_yuan_ceiling() -> None:
    d = _propose(
        _finding(party_type=PartyType.CITIZEN), _provisions(fine_min=50, fine_max=1000)
    ).disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY and d.fine_range == (50, 200)


def test_a_minimum_above_the_ceiling_without_a_warning_is_a_case() -> None:
    p = _propose(_finding(), _provisions(fine_min=5000, fine_max=50000))
    d = p.disposition
    assert (d.kind, d.rule_id) == (DispositionKind.REFER_CASE, "PEN-1")
    assert "最低罚款5,000元超过第五十一条" in d.reasoning and "第五十四条" in d.reasoning
    assert d.fine_range == (5000, 50000) and d.penalty_basis == ("《某法》第十条",)


def test_serious_harm_is_investigated() -> None:
    p = _propose(_finding(harm="serious"), _provisions(fine_min=500, fine_max=5000))
    assert (p.disposition.kind, p.disposition.rule_id) == (DispositionKind.REFER_CASE, "CASE-1")
    assert "严重危害后果" in p.disposition.reasoning


def test_a_repeat_waits_for_refusal_where_the_penalty_needs_it() -> None:
    history = [PriorViolation("SC-SP-002", date(2025, 9, 1))]
    p = _propose(_finding(), DISPLAY, history=history)
    assert not p.verdict("CASE-1").applies
    assert p.disposition.kind is DispositionKind.ORDER_TO_CORRECT


def test_a_repeat_with_a_penalty_due_is_a_case() -> None:
    history = [PriorViolation("SC-SP-002", date(2025, 9, 1))]
    p = _propose(_finding(), _provisions(fine_min=500, fine_max=5000), history=history)
    assert p.disposition.rule_id == "CASE-1"
    assert "2025年9月1日" in p.disposition.reasoning


def test_uncertain_facts_send_a_penalty_to_a_case() -> None:
    p = _propose(_finding(facts_certain=False), _provisions(warning=True))
    assert p.disposition.kind is DispositionKind.REFER_CASE


# 第三十二条: "当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动消除或者减轻违法
# 行为危害后果的；……"
def test_reduced_fine_goes_below_the_minimum() -> None:
    f = _finding(mitigating=("removed_harm",), reduce_penalty=True)
    p = _propose(f, _provisions(fine_min=5000, fine_max=50000))
    d = p.disposition
    assert d.discretion == "reduced" and d.fine_range == (1, 4999)
    assert p.verdict("D-2").applies and not p.verdict("D-1").applies
    assert "减轻" in d.reasoning and "法定最低罚款为5000元" in d.reasoning
    # Still a case: 减轻 is no way round 第五十一条 for a provision whose minimum is above it.
    assert d.kind is DispositionKind.REFER_CASE


def test_reduction_needs_a_circumstance_of_article_32() -> None:
    p = _propose(_finding(reduce_penalty=True), _provisions(fine_min=5000, fine_max=50000))
    assert not p.verdict("D-2").applies and p.disposition.fine_range == (5000, 50000)


def test_lenient_summary_fine() -> None:
    f = _finding(mitigating=("confessed",))
    d = _propose(f, _provisions(fine_min=1000, fine_max=5000)).disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY
    assert d.discretion == "lenient" and d.fine_range == (1000, 2200) and d.proposed_fine == 1000


RULE_ID = re.compile(r"\b(NP|PR|SP|CASE|PEN|M|D)-\d")


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"refused_to_correct": True},
        {"harm": "serious"},
        {"minor": True, "corrected": True},
        {"harm": "minor", "corrected": True},
        {"mitigating": ("confessed",), "refused_to_correct": True},
        {"mitigating": ("confessed",), "reduce_penalty": True, "harm": "serious"},
        {"affects_safety": True, "severity": Severity.KEY},
    ],
)
def test_reasoning_never_prints_a_rule_id(kw: dict[str, object]) -> None:
    for provisions in (DISPLAY, _provisions(fine_min=500, fine_max=5000), None):
        p = _propose(_finding(**kw), provisions)
        assert not RULE_ID.search(p.disposition.reasoning), p.disposition.reasoning
        assert all(not RULE_ID.search(v.explanation) for v in p.verdicts)
        assert all(v.title for v in p.verdicts)


# 食品安全法第一百二十六条第一款: "……责令改正，给予警告；拒不改正的，处五千元以上五万元以下
# 罚款" — the warning is due on finding, the fine only after a refusal.
def test_warning_now_fine_only_after_refusal() -> None:
    fsl126 = _provisions(warning=True, fine_min=5000, fine_max=50000, fine_condition="拒不改正的")
    d = _propose(_finding(), fsl126).disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY and d.warning and d.fine_range is None
    assert "警告；拒不改正的，处5,000元以上50,000元以下罚款" in d.reasoning
    refused = _propose(_finding(refused_to_correct=True), fsl126).disposition
    assert refused.warning  # the fine's minimum is above 第五十一条's limit: still only a warning
    assert refused.fine_range is None


# 《价格法》第四十二条: "经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下
# 的罚款。" — "可以": the order is due, the fine the agency's choice.
def test_a_discretionary_penalty_is_not_proposed_by_itself() -> None:
    price = MatterProvisions(
        ("SZSCJG",),
        ("《中华人民共和国价格法》第十三条第一款",),
        ("《中华人民共和国价格法》第四十二条",),
        PenaltyProvision(
            ("《中华人民共和国价格法》第四十二条",), fine_max=5000, discretionary=True
        ),
    )
    p = _propose(_finding(), price)
    assert (p.disposition.kind, p.disposition.rule_id) == (
        DispositionKind.ORDER_TO_CORRECT,
        "ORDER",
    )
    assert "可以给予5,000元以下罚款" in p.verdict("PEN-1").explanation


def test_a_fine_up_to_a_maximum_is_left_to_the_inspector() -> None:
    # 安全生产法第九十九条: "责令限期改正，处五万元以下的罚款"
    d = _propose(_finding(), _provisions(fine_max=50000)).disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY
    assert d.fine_range == (0, 3000) and d.proposed_fine is None


def test_a_penalty_without_its_own_order_basis_orders_under_article_28() -> None:
    p = PenaltyProvision(("《某法》第十条",), fine_min=500, fine_max=5000)
    d = _propose(_finding(), MatterProvisions(("SZSCJG",), ("《某法》第五条",), (), p)).disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY and d.order_basis == (ART_28_1,)


# 《消防法》第六十六条: "……责令限期改正；逾期不改正的，责令停止使用，可以并处一千元以上五千元
# 以下罚款。"
def test_the_order_states_the_consequence_in_the_laws_words() -> None:
    fire66 = MatterProvisions(
        ("XF",),
        ("《中华人民共和国消防法》第二十七条第二款",),
        ("《中华人民共和国消防法》第六十六条",),
        PenaltyProvision(
            ("《中华人民共和国消防法》第六十六条",),
            fine_min=1000,
            fine_max=5000,
            condition="逾期不改正的",
            discretionary=True,
        ),
    )
    d = _propose(_finding(), fire66).disposition
    assert d.kind is DispositionKind.ORDER_TO_CORRECT
    assert (
        "逾期不改正的，依照《中华人民共和国消防法》第六十六条可以给予1,000元以上5,000元以下罚款"
        in (d.reasoning)
    )
    assert "逾期逾期" not in d.reasoning
    # Refusing to correct does not make a "may" penalty due, but it is no longer a matter
    # for another order: it is investigated (第五十四条).
    refused = _propose(_finding(refused_to_correct=True), fire66).disposition
    assert (refused.kind, refused.rule_id) == (DispositionKind.REFER_CASE, "CASE-1")
    assert "逾期拒不改正" in refused.reasoning


def test_penalties_are_said_in_the_laws_words() -> None:
    # 第四十八条: the warning is due once the party refuses; the fine *may* be added.
    assert describe_penalty(DISPLAY.penalty) == "警告，可以并处5,000元以上50,000元以下罚款"  # type: ignore[arg-type]
    both = _provisions(warning=True, fine_min=5000, fine_max=50000).penalty
    assert describe_penalty(both) == "警告、5,000元以上50,000元以下罚款"  # type: ignore[arg-type]
    refused = _propose(_finding(refused_to_correct=True), DISPLAY).disposition
    assert "可以并处5,000元以上50,000元以下罚款" in refused.reasoning, refused.reasoning
