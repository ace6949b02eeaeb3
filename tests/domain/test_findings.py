"""From a recorded result to a Finding and a proposal (the services' entry point)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inspector_app.domain.dataset import load_dataset
from inspector_app.domain.entities import DispositionKind, ItemResult, Outcome, PartyType
from inspector_app.domain.findings import (
    Assessment,
    assessment_from_json,
    assessment_to_json,
    build_finding,
    propose_for_item,
)
from inspector_app.domain.rules import load_benchmarks, load_rule_packs

ROOT = Path(__file__).resolve().parents[2]
DATA = load_dataset(ROOT / "resources/demo")
PACKS = load_rule_packs(ROOT / "resources/reference/rulepacks")
BENCHMARK = load_benchmarks(ROOT / "resources/reference/benchmarks").default()
# 深圳市湘里人家餐饮管理有限公司: a restaurant with a prior violation of SC-SP-007 (2025-07-09).
TASK = next(t for t in DATA.tasks if t.id.startswith("ec8ea596"))
AT = datetime(2026, 5, 10, 2, 30, tzinfo=UTC)


def _result(item_id: str, **kw: object) -> ItemResult:
    return ItemResult(TASK.id, item_id, Outcome.NONCOMPLIANT, recorded_at=AT, **kw)  # type: ignore[arg-type]


def test_finding_takes_the_record_and_the_business() -> None:
    f = build_finding(
        TASK, "SC-SP-007", _result("SC-SP-007", note="保洁柜内有未消毒餐具", corrected_on_site=True)
    )
    assert (f.matter_code, f.description, f.discovered_on) == (
        "SC-SP-007",
        "保洁柜内有未消毒餐具",
        date(2026, 5, 10),
    )
    assert f.party_type is PartyType.ORGANISATION and f.catering is True and f.corrected
    assert f.departments == ("SZSCJG",)


def test_the_tasks_history_makes_a_repeat() -> None:
    """The same matter found on 2025-07-09: within two years, so no 首违 (第三十三条第一款
    第二句 "初次违法…") and the repeat is investigated."""
    p = propose_for_item(
        TASK,
        "SC-SP-007",
        _result("SC-SP-007", corrected_on_site=True),
        Assessment(harm="minor"),
        today=date(2026, 5, 10),
        packs=PACKS,
        benchmark=BENCHMARK,
    )
    assert not p.verdict("NP-2").applies and "2025年7月9日" in p.verdict("NP-2").explanation
    assert p.disposition.kind is DispositionKind.REFER_CASE


def test_a_merged_item_names_the_department_it_applies() -> None:
    merged = next(i for i in TASK.checklist if len(i.department_codes) > 1)
    dept = merged.department_codes[-1]
    p = propose_for_item(
        TASK, merged.id, _result(merged.id), today=date(2026, 5, 10), department_code=dept
    )
    assert p.disposition.departments == (dept,)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (ItemResult("x", "SC-SP-007", Outcome.NONCOMPLIANT), "不属于"),
        (ItemResult(TASK.id, "SC-SP-007", Outcome.COMPLIANT), "不符合"),
    ],
)
def test_bad_records_are_refused(result: ItemResult, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_finding(TASK, "SC-SP-007", result)


def test_bad_assessments_are_refused() -> None:
    with pytest.raises(ValueError, match="危害后果"):
        build_finding(TASK, "SC-SP-007", _result("SC-SP-007"), Assessment(harm="some"))
    with pytest.raises(ValueError, match="从轻减轻"):
        build_finding(TASK, "SC-SP-007", _result("SC-SP-007"), Assessment(mitigating=("x",)))
    with pytest.raises(ValueError, match="没有检查项目"):
        build_finding(TASK, "NOPE", _result("NOPE"))
    with pytest.raises(ValueError, match="XF"):
        build_finding(TASK, "SC-SP-007", _result("SC-SP-007"), department_code="XF")


def test_assessment_round_trips() -> None:
    a = Assessment(
        minor=True,
        harm="minor",
        committed_on=date(2026, 5, 1),
        mitigating=("confessed",),
        facts={"goods_value": 80},
        corrected=False,
    )
    assert assessment_from_json(assessment_to_json(a)) == a
    assert assessment_from_json(None) == Assessment()
