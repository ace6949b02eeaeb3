"""An inspector's override: a written reason, the law's "shall", the statutory range.

《行政处罚法》第三十三条第一款第一句: "违法行为轻微并及时改正，没有造成危害后果的，不予行政
处罚。" (shall); 《食品生产经营监督检查管理办法》第三十二条: "……影响食品安全的，市场监督管理
部门应当依法进行调查处理。" (shall); 《行政处罚法》第五十四条: "……必须全面、客观、公正地
调查，收集有关证据"；第五十一条: "……对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，
可以当场作出行政处罚决定。"
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from inspector_app.domain.entities import (
    DispositionKind,
    Finding,
    PartyType,
    PenaltyProvision,
    Severity,
)
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules import propose_disposition, validate_override

TODAY = date(2026, 5, 10)
ORG = PartyType.ORGANISATION
PROVISIONS = MatterProvisions(
    ("SZSCJG",),
    ("《某法》第五条",),
    ("《某法》第十条",),
    PenaltyProvision(
        ("《某法》第十条",), warning=True, fine_min=1000, fine_max=10000, condition="拒不改正的"
    ),
)


def _proposal(**kw: object):  # type: ignore[no-untyped-def]
    f = replace(Finding("t1", "i1", "M1", "未公示", Severity.GENERAL, discovered_on=TODAY), **kw)  # type: ignore[arg-type]
    return propose_disposition(f, history=(), today=TODAY, provisions=PROVISIONS)


def test_no_reason_is_refused() -> None:
    p = _proposal()  # an order to correct
    check = validate_override(p, kind=DispositionKind.RISK_REMINDER, reason="  ", party_type=ORG)
    assert not check.allowed and check.disposition is None
    assert "写明理由" in check.reasons[0]


def test_shall_not_penalise_overridden_into_a_penalty_needs_a_statement() -> None:
    p = _proposal(minor=True, corrected=True)
    assert p.disposition.rule_id == "NP-1" and p.disposition.mandatory
    kw = {"kind": DispositionKind.SUMMARY_PENALTY, "reason": "当事人态度恶劣", "party_type": ORG}
    refused = validate_override(p, **kw, warning=True, provisions=PROVISIONS)  # type: ignore[arg-type]
    assert not refused.allowed and "应当作出的处理" in refused.reasons[0]
    ok = validate_override(
        p,
        **kw,  # type: ignore[arg-type]
        warning=True,
        provisions=PROVISIONS,
        statement="复核发现违法行为持续三个月，不属于轻微，第三十三条第一款第一句不适用",
    )
    assert ok.allowed and ok.disposition is not None
    d = ok.disposition
    assert d.kind is DispositionKind.SUMMARY_PENALTY and d.warning and d.rule_id == "OVERRIDE"
    assert "不属于轻微" in (d.overridden_reason or "")
    assert d.penalty_basis == ("《某法》第十条",) and not d.educate


def test_mandatory_investigation_overridden_into_no_action_needs_a_statement() -> None:
    p = _proposal(severity=Severity.KEY, harm="serious")  # 第五十四条: 必须…调查
    assert p.disposition.kind is DispositionKind.REFER_CASE and p.disposition.mandatory
    check = validate_override(p, kind=DispositionKind.NO_ACTION, reason="已整改", party_type=ORG)
    assert not check.allowed and "立案调查" in check.reasons[0]


def test_a_summary_penalty_may_become_a_case_without_a_statement() -> None:
    p = _proposal(refused_to_correct=True)
    assert p.disposition.kind is DispositionKind.SUMMARY_PENALTY and p.disposition.mandatory
    check = validate_override(
        p, kind=DispositionKind.REFER_CASE, reason="需调取进货记录", party_type=ORG
    )
    assert check.allowed and check.disposition is not None
    assert check.disposition.legal_basis[-2:] == (
        "《中华人民共和国行政处罚法》第五十四条",
        "《中华人民共和国行政处罚法》第二十八条第一款",
    )


def test_a_summary_fine_over_article_51_is_refused_with_the_reason() -> None:
    p = _proposal(refused_to_correct=True)
    check = validate_override(
        p,
        kind=DispositionKind.SUMMARY_PENALTY,
        reason="并处罚款",
        party_type=ORG,
        fine=5000,
        provisions=PROVISIONS,
    )
    assert not check.allowed and any("超过第五十一条" in r for r in check.reasons)


def test_a_fine_outside_the_statutory_range_is_refused() -> None:
    p = _proposal(refused_to_correct=True)
    low = validate_override(
        p,
        kind=DispositionKind.SUMMARY_PENALTY,
        reason="从轻",
        party_type=ORG,
        fine=800,
        provisions=PROVISIONS,
    )
    assert not low.allowed and "低于" in low.reasons[0]
    high = validate_override(
        p,
        kind=DispositionKind.REFER_CASE,
        reason="情节较重",
        party_type=ORG,
        fine=20000,
        provisions=PROVISIONS,
    )
    assert not high.allowed and "高于" in high.reasons[0]


def test_a_fine_on_a_kind_without_one_is_refused() -> None:
    p = _proposal()
    check = validate_override(
        p, kind=DispositionKind.ORDER_TO_CORRECT, reason="改期限", party_type=ORG, fine=100
    )
    assert not check.allowed and "不处以罚款" in check.reasons[0]


def test_a_lawful_summary_fine_is_confirmed() -> None:
    p = _proposal(refused_to_correct=True)
    check = validate_override(
        p,
        kind=DispositionKind.SUMMARY_PENALTY,
        reason="并处罚款",
        party_type=ORG,
        fine=2000,
        warning=True,
        provisions=PROVISIONS,
    )
    assert check.allowed and check.disposition is not None
    assert check.disposition.proposed_fine == 2000 and check.disposition.warning


def test_a_fine_that_needs_a_refusal_is_refused_before_one() -> None:
    fsl126 = MatterProvisions(
        ("SZSCJG",),
        ("《某法》第五条",),
        ("《某法》第十条",),
        PenaltyProvision(
            ("《某法》第十条",),
            warning=True,
            fine_min=1000,
            fine_max=5000,
            fine_condition="拒不改正的",
        ),
    )
    p = _proposal()
    kw = {"kind": DispositionKind.SUMMARY_PENALTY, "reason": "并处罚款", "party_type": ORG}
    early = validate_override(p, **kw, fine=1000, warning=True, provisions=fsl126)  # type: ignore[arg-type]
    assert not early.allowed and any("拒不改正的才可以处以罚款" in r for r in early.reasons)
    later = validate_override(
        p,
        **kw,
        fine=1000,
        warning=True,
        provisions=fsl126,
        refused_to_correct=True,
        statement="复查时当事人仍未改正，属于拒不改正",
    )  # type: ignore[arg-type]
    assert later.allowed
