"""Disposition proposals, with cases taken from 《行政处罚法》第三十二、三十三条 and
《食品生产经营监督检查管理办法》第三十二、三十三条. Cases, penalties and orders:
tests/domain/test_rules_penalty.py."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspector_app.domain.entities import (
    DispositionKind,
    Finding,
    PenaltyProvision,
    PriorViolation,
    Severity,
)
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules import (
    EDUCATION_SENTENCE,
    RulePacks,
    is_first_violation,
    lenient_fine_range,
    load_benchmarks,
    load_rule_packs,
    m1_mitigating,
    propose_disposition,
)

TODAY = date(2026, 5, 10)
REFERENCE = Path(__file__).parents[2] / "resources/reference"
PACKS = REFERENCE / "rulepacks"
BENCHMARK = load_benchmarks(REFERENCE / "benchmarks").default()
FSL = "《中华人民共和国食品安全法》"
# 食品安全法第一百二十四条 (as cited in the demo checklist): a fine of 50,000–100,000 yuan.
EXPIRED = MatterProvisions(
    ("SZSCJG",),
    (f"{FSL}第三十四条第十项",),
    (f"{FSL}第一百二十四条第一款",),
    PenaltyProvision((f"{FSL}第一百二十四条第一款",), fine_min=50000, fine_max=100000),
)


def _finding(**kw: object) -> Finding:
    base = Finding(
        "t1",
        "i1",
        "FS-001",
        "货架上有超过保质期的食品",
        Severity.GENERAL,
        discovered_on=TODAY,
        committed_on=date(2026, 5, 1),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _propose(finding: Finding, **kw: object):  # type: ignore[no-untyped-def]
    kw.setdefault("history", ())
    return propose_disposition(finding, today=TODAY, **kw)  # type: ignore[arg-type]


# 第三十三条第一款第一句: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。
def test_np1_minor_corrected_harmless_shall_not_penalise() -> None:
    p = _propose(_finding(minor=True, corrected=True))
    d = p.disposition
    assert (d.kind, d.rule_id, d.mandatory, d.educate) == (
        DispositionKind.NO_PENALTY,
        "NP-1",
        True,
        True,
    )
    assert any("第三十三条第一款" in b for b in d.legal_basis)
    assert any("第三十三条第三款" in b for b in d.legal_basis)
    assert EDUCATION_SENTENCE in d.reasoning
    assert d.fine_range is None
    # It says which sentence of 第三十三条第一款 applies, and quotes it.
    assert "第三十三条第一款第一句“违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚”" in (
        d.reasoning
    )


@pytest.mark.parametrize("kw", [{"corrected": False}, {"harm": "minor"}, {"minor": False}])
def test_np1_needs_all_three(kw: dict[str, object]) -> None:
    f = _finding(**{"minor": True, "corrected": True, **kw})
    assert (
        not _propose(f, history=[PriorViolation("FS-001", date(2025, 1, 1))])
        .verdict("NP-1")
        .applies
    )


# 第三十三条第一款第二句: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚。
def test_np2_first_violation_may_not_penalise() -> None:
    p = _propose(_finding(harm="minor", corrected=True))
    d = p.disposition
    assert (d.kind, d.rule_id, d.mandatory, d.educate) == (
        DispositionKind.NO_PENALTY,
        "NP-2",
        False,
        True,
    )
    assert "初次违法" in d.reasoning
    assert "第三十三条第一款第二句“初次违法且危害后果轻微并及时改正的，可以不予行政处罚”" in (
        d.reasoning
    )
    assert "第一句" not in d.reasoning


def test_np2_prior_violation_of_same_matter_within_two_years() -> None:
    """A repeat within two years is no 首违: it is investigated (第五十四条), not just
    ordered to correct."""
    history = [PriorViolation("FS-001", date(2024, 5, 10))]
    p = _propose(_finding(harm="minor", corrected=True), history=history)
    v = p.verdict("NP-2")
    assert not v.applies and "2024年5月10日" in v.explanation
    assert p.disposition.kind is DispositionKind.REFER_CASE
    assert p.disposition.rule_id == "CASE-1"
    assert "两年内再次违法" in p.disposition.reasoning


def test_first_violation_window_boundaries() -> None:
    f = _finding()
    assert not is_first_violation(f, [PriorViolation("FS-001", date(2024, 5, 10))], today=TODAY)[0]
    assert is_first_violation(f, [PriorViolation("FS-001", date(2024, 5, 9))], today=TODAY)[0]
    assert is_first_violation(f, [PriorViolation("OTHER", date(2026, 1, 1))], today=TODAY)[0]


def test_np2_serious_harm_or_uncorrected() -> None:
    assert not _propose(_finding(harm="serious", corrected=True)).verdict("NP-2").applies
    assert not _propose(_finding(harm="minor")).verdict("NP-2").applies


# 第三十三条第二款: 当事人有证据足以证明没有主观过错的，不予行政处罚。
def test_np3_no_fault_comes_before_np1() -> None:
    p = _propose(_finding(no_fault_proven=True, minor=True, corrected=True))
    assert p.disposition.rule_id == "NP-3"
    assert p.disposition.mandatory and p.disposition.educate
    assert p.verdict("NP-1").applies  # evaluated, but lower precedence


# 第三十六条: 违法行为在二年内未被发现的，不再给予行政处罚。
def test_np5_limitation_comes_first() -> None:
    f = _finding(
        committed_on=date(2024, 5, 9),
        severity=Severity.KEY,
        affects_safety=True,
        harm="serious",
        no_fault_proven=True,
    )
    p = _propose(f)
    assert p.disposition.rule_id == "NP-5"
    assert p.disposition.kind is DispositionKind.NO_PENALTY and p.disposition.educate
    assert not _propose(replace(f, committed_on=date(2024, 5, 10))).verdict("NP-5").applies


# 食品检查办法第三十二条: 不符合重点项目，影响食品安全的，应当依法进行调查处理。
def test_pr13_key_item_affecting_safety_is_referred() -> None:
    p = _propose(_finding(severity=Severity.KEY, affects_safety=True, harm="serious"))
    d = p.disposition
    assert (d.kind, d.rule_id, d.mandatory) == (DispositionKind.REFER_CASE, "PR-13", True)
    assert any("食品生产经营监督检查管理办法》第三十二条" in b for b in d.legal_basis)
    assert not d.educate


# 第三十三条第三款: 不符合一般项目，影响食品安全的，应当依法进行调查处理。
def test_pr13_general_item_affecting_safety_is_referred() -> None:
    d = _propose(_finding(affects_safety=True, harm="serious")).disposition
    assert d.kind is DispositionKind.REFER_CASE
    assert any("第三十三条第三款" in b for b in d.legal_basis)


# 第三十三条第一、二款: 一般项目，情节显著轻微不影响食品安全的，当场责令其整改。
def test_pr13b_general_trivial_item_ordered_to_correct() -> None:
    d = _propose(_finding(minor=True, harm="serious")).disposition
    assert (d.kind, d.rule_id, d.mandatory) == (DispositionKind.ORDER_TO_CORRECT, "PR-13b", True)
    assert "跟踪整改情况" in d.reasoning


def test_pr13b_corrected_on_the_spot_is_recorded() -> None:
    history = [PriorViolation("FS-001", date(2026, 1, 1))]
    d = _propose(_finding(minor=True, corrected=True, harm="serious"), history=history).disposition
    assert d.rule_id == "PR-13b" and "已当场整改" in d.reasoning


# 食品检查办法第三十二条: "发现食品生产经营者不符合监督检查要点表重点项目，影响食品安全的，
# 市场监督管理部门应当依法进行调查处理。" against 第三十三条第一款第二句's "可以不予".
def test_a_mandatory_investigation_outranks_first_violation() -> None:
    f = _finding(severity=Severity.KEY, affects_safety=True, harm="minor", corrected=True)
    p = _propose(f)
    assert p.verdict("NP-2").applies  # evaluated: it would allow no penalty ...
    assert (p.disposition.kind, p.disposition.rule_id) == (DispositionKind.REFER_CASE, "PR-13")
    assert p.disposition.mandatory and not p.disposition.educate  # ... but "应当" prevails


# 第三十三条第三款 (食品检查办法): "不符合监督检查要点表一般项目，影响食品安全的，市场监督管理
# 部门应当依法进行调查处理。"
def test_a_general_item_affecting_safety_is_investigated_even_when_first() -> None:
    f = _finding(affects_safety=True, harm="minor", corrected=True)
    assert _propose(f).disposition.rule_id == "PR-13"


# 第三十二条 "应当从轻或者减轻" + the local benchmark's 从轻 band (its citation, not ours).
def test_m1_and_d1_give_the_benchmarks_lenient_band() -> None:
    f = _finding(
        severity=Severity.KEY,
        affects_safety=True,
        harm="serious",
        mitigating=("removed_harm", "confessed"),
    )
    p = _propose(f, provisions=EXPIRED, benchmark=BENCHMARK)
    d = p.disposition
    assert d.kind is DispositionKind.REFER_CASE
    assert d.fine_range == (50000, 65000) and d.discretion == "lenient"
    assert "主动消除或者减轻违法行为危害后果" in d.reasoning
    assert "主动供述行政机关尚未掌握的违法行为" in d.reasoning
    assert BENCHMARK is not None and BENCHMARK.lenient.citation in d.reasoning
    assert any("第三十二条" in b for b in d.legal_basis)
    assert p.verdict("M-1").mandatory and p.verdict("D-1").applies


def test_the_band_is_the_benchmarks_property(tmp_path: Path) -> None:
    raw = json.loads(next((REFERENCE / "benchmarks").glob("*.json")).read_text("utf-8"))
    raw["lenient"] = {**raw["lenient"], "to": 0.5, "text": "从轻的在较低的一半内确定"}
    (tmp_path / "b.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    half = load_benchmarks(tmp_path).default()
    f = _finding(severity=Severity.KEY, harm="serious", mitigating=("meritorious",))
    p = _propose(f, provisions=EXPIRED, benchmark=half)
    assert p.disposition.fine_range == (50000, 75000)
    assert "从轻的在较低的一半内确定" in p.verdict("D-1").explanation


def test_without_a_benchmark_no_band_is_proposed() -> None:
    f = _finding(severity=Severity.KEY, harm="serious", mitigating=("meritorious",))
    p = _propose(f, provisions=EXPIRED)
    assert p.disposition.fine_range == (50000, 100000)
    assert not p.verdict("D-1").applies and "裁量基准" in p.verdict("D-1").explanation


def test_without_mitigation_the_full_range_is_kept() -> None:
    p = _propose(_finding(severity=Severity.KEY, harm="serious"), provisions=EXPIRED)
    assert p.disposition.fine_range == (50000, 100000)
    assert not p.verdict("D-1").applies


def test_no_penalty_carries_no_fine_range() -> None:
    f = _finding(minor=True, corrected=True, mitigating=("coerced",))
    p = _propose(f, provisions=EXPIRED, benchmark=BENCHMARK)
    assert p.disposition.fine_range is None and not p.verdict("D-1").applies
    assert p.disposition.penalty_basis == () and p.disposition.penalty is None


@pytest.mark.parametrize(
    ("lo", "hi", "share", "expected"),
    [
        (5000, 50000, 0.3, (5000, 18500)),
        (0, 5, 0.3, (0, 2)),  # 1.5 rounds half up
        (10000, 100000, 0.5, (10000, 55000)),
        (200, 200, 0.3, (200, 200)),
    ],
)
def test_lenient_fine_range(lo: int, hi: int, share: float, expected: tuple[int, int]) -> None:
    assert lenient_fine_range(lo, hi, share) == expected


def test_bad_inputs() -> None:
    with pytest.raises(ValueError):
        lenient_fine_range(100, 50, 0.3)
    with pytest.raises(ValueError):
        lenient_fine_range(0, 100, 0)
    with pytest.raises(ValueError, match="removed_harm"):
        m1_mitigating(_finding(mitigating=("sorry",)))


# --- rule packs and NP-2 ---------------------------------------------------


def _packs(tmp_path: Path) -> RulePacks:
    pack = {
        "id": "p",
        "title": "首违不罚清单",
        "issuer": "测试",
        "effective_from": "2025-02-07",
        "entries": [
            {
                "id": "fv-expired",
                "list": "first_violation",
                "title": "经营超过保质期的食品",
                "matter_codes": ["FS-001"],
                "conditions": [
                    {
                        "key": "goods_value_max",
                        "description": "违法货值金额不超过500元",
                        "check": {"fact": "goods_value", "op": "<=", "value": 500},
                    },
                    {"key": "supplier", "description": "能如实说明进货来源"},
                ],
                "source": "《测试首违不罚清单》",
                "effective_from": "2025-02-07",
            }
        ],
    }
    (tmp_path / "p.json").write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    return load_rule_packs(tmp_path)


def test_np2_with_matching_pack_entry_cites_it(tmp_path: Path) -> None:
    packs = _packs(tmp_path)
    f = _finding(harm="minor", corrected=True)
    d = _propose(f, packs=packs, facts={"goods_value": 66}).disposition
    assert d.rule_id == "NP-2"
    assert "《测试首违不罚清单》（经营超过保质期的食品）" in d.legal_basis
    assert "fv-expired" not in d.reasoning  # an internal id, never printed
    assert "能如实说明进货来源" in d.reasoning  # unverified, to be confirmed


def test_np2_covered_matter_failing_the_entry(tmp_path: Path) -> None:
    packs = _packs(tmp_path)
    p = _propose(_finding(harm="minor", corrected=True), packs=packs, facts={"goods_value": 600})
    assert not p.verdict("NP-2").applies
    assert "违法货值金额不超过500元" in p.verdict("NP-2").explanation
    assert p.disposition.kind is DispositionKind.ORDER_TO_CORRECT
    assert p.disposition.rule_id == "ORDER"


def test_np2_matter_not_covered_by_any_pack(tmp_path: Path) -> None:
    packs = _packs(tmp_path)
    p = _propose(_finding(matter_code="AD-9", harm="minor", corrected=True), packs=packs)
    assert p.disposition.rule_id == "NP-2"
    assert not any("清单" in b for b in p.disposition.legal_basis)


def test_np2_unknown_entry_named_by_the_finding(tmp_path: Path) -> None:
    packs = _packs(tmp_path)
    f = _finding(harm="minor", corrected=True, rule_pack_entry="nope")
    assert not _propose(f, packs=packs).verdict("NP-2").applies


def test_np2_with_shipped_samr_pack() -> None:
    packs = load_rule_packs(PACKS)
    f = _finding(harm="minor", corrected=True, rule_pack_entry="samr-2025-fv-05")
    facts = {"catering": False, "supplier_named": True, "goods_value": 66, "incident": False}
    d = _propose(f, packs=packs, facts=facts).disposition
    assert d.rule_id == "NP-2"
    assert any("首违不罚清单（一）" in b for b in d.legal_basis)
    p = _propose(f, packs=packs, facts={**facts, "catering": True})
    assert "不属于餐饮服务环节" in p.verdict("NP-2").explanation


def test_a_lists_exclusion_binds_without_naming_the_entry() -> None:
    """The shipped entry “经营超过保质期的食品、食品添加剂” covers the demo matter SC-SP-006
    by its code and excludes catering: the statute-only reading of 第三十三条第一款第二句
    must not apply to a restaurant serving expired food."""
    packs = load_rule_packs(PACKS)
    f = _finding(matter_code="SC-SP-006", harm="minor", corrected=True, catering=True)
    p = _propose(f, packs=packs, provisions=EXPIRED)
    assert not p.verdict("NP-2").applies
    assert "不属于餐饮服务环节" in p.verdict("NP-2").explanation
    assert p.disposition.kind is DispositionKind.REFER_CASE  # 5万 minimum: no summary fine
    shop = _propose(
        replace(f, catering=False),
        packs=packs,
        provisions=EXPIRED,
        facts={"supplier_named": True, "goods_value": 80, "incident": False},
    )
    assert shop.disposition.rule_id == "NP-2"


def test_every_no_penalty_disposition_educates() -> None:
    cases = [
        _finding(minor=True, corrected=True),
        _finding(harm="minor", corrected=True),
        _finding(no_fault_proven=True),
        _finding(committed_on=date(2020, 1, 1)),
    ]
    for f in cases:
        d = _propose(f).disposition
        assert d.kind is DispositionKind.NO_PENALTY and d.educate
