"""Findings to dispositions: proposal with every rule's verdict, accept, override, refusals.

Cases from 《中华人民共和国行政处罚法》:
- 第三十三条第一款: "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。" and
  第三十三条第三款: "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。"
- 第五十一条: "…对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出
  行政处罚决定。"
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from inspector_app.domain.entities import (
    DispositionKind,
    JointTask,
    Outcome,
    PriorViolation,
)
from inspector_app.domain.findings import Assessment
from inspector_app.domain.rules import EDUCATION_SENTENCE
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    import_tasks,
    open_profile,
    record_item_result,
    start_inspection,
)
from inspector_app.services.demo import demo_dataset
from inspector_app.services.dispositions import decide, get_disposition, list_dispositions
from inspector_app.store.models import DispositionRow, OutboxRow

FIRST = Assessment(minor=True, harm="minor", corrected=True)


def _task() -> JointTask:
    """The first demo task: a restaurant (餐饮服务, an organisation) with SZSCJG, XF and YJGL
    items whose provisions come from the demo checklists."""
    return demo_dataset().tasks[0]


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Profile]:
    data = demo_dataset()
    with open_profile(tmp_path / "p", user=data.inspector("inspector1")) as p:
        yield p


@pytest.fixture
def visit(demo: Profile) -> JointTask:
    task = _task()
    import_tasks(demo, [task])
    start_inspection(demo, task.id)
    return task


def _noncompliant(p: Profile, task: JointTask, item: str, **kw: object) -> None:
    record_item_result(p, task.id, item, outcome=Outcome.NONCOMPLIANT, note="未张贴检查结果", **kw)


def _count(p: Profile) -> tuple[int, int]:
    with p.db.session() as s:
        return s.query(OutboxRow).count(), s.query(DispositionRow).count()


def test_first_violation_minor_and_corrected_is_not_penalised_with_education(
    demo: Profile, visit: JointTask
) -> None:
    """第三十三条第一款第二句 and 第三款 (quoted in the module docstring)."""
    _noncompliant(demo, visit, "SC-SP-002", corrected_on_site=True)
    view = get_disposition(demo, visit.id, "SC-SP-002", assessment=FIRST)
    assert view.proposal is not None
    proposed = view.proposal.disposition
    assert proposed.kind is DispositionKind.NO_PENALTY and proposed.educate
    assert EDUCATION_SENTENCE in proposed.reasoning
    assert {"NP-1", "NP-2", "ORDER"} <= {v.rule_id for v in view.proposal.verdicts}
    changes = decide(demo, visit.id, "SC-SP-002", accept=True, assessment=FIRST)
    assert changes.dispositions == {f"{visit.id}:SC-SP-002"} and changes.outbox
    stored = get_disposition(demo, visit.id, "SC-SP-002")
    assert stored.state == "confirmed" and stored.confirmed is not None
    assert stored.confirmed.kind is DispositionKind.NO_PENALTY
    assert stored.record is not None and stored.record.assessment == FIRST
    with demo.db.session() as s:
        op = s.query(OutboxRow).order_by(OutboxRow.seq.desc()).first()
    assert op is not None and (op.entity, op.entity_id) == ("disposition", stored.id)
    assert op.data["disposition"]["kind"] == "no_penalty"
    assert op.data["departments"] == ["SZSCJG"]
    assert [v["rule_id"] for v in op.data["verdicts"]][:2] == ["NP-5", "NP-3"]


def test_the_same_matter_found_18_months_earlier_is_no_first_violation(
    demo: Profile,
) -> None:
    """首违: no violation of the same matter in the two years before (DOMAIN.md NP-2)."""
    task = _task()
    earlier = date.today() - timedelta(days=548)  # about 18 months
    task = replace(task, history=(PriorViolation("SC-SP-002", earlier, "未公示检查结果"),))
    import_tasks(demo, [task])
    start_inspection(demo, task.id)
    _noncompliant(demo, task, "SC-SP-002", corrected_on_site=True)
    view = get_disposition(demo, task.id, "SC-SP-002", assessment=FIRST)
    assert view.proposal is not None
    assert view.proposal.disposition.kind is not DispositionKind.NO_PENALTY
    assert not view.proposal.verdict("NP-2").applies


def test_a_fine_above_the_summary_limit_is_refused_with_the_reason(
    demo: Profile, visit: JointTask
) -> None:
    """第五十一条: at most 3,000 yuan for an organisation on the spot."""
    _noncompliant(demo, visit, "YJ-003")
    view = get_disposition(demo, visit.id, "YJ-003")
    assert view.proposal is not None
    assert view.proposal.disposition.kind is DispositionKind.SUMMARY_PENALTY
    before = _count(demo)
    with pytest.raises(InvalidInput) as caught:
        decide(demo, visit.id, "YJ-003", accept=True, fine=5000)
    assert "第五十一条" in str(caught.value) and "3,000" in caught.value.text("zh")
    assert _count(demo) == before
    decide(demo, visit.id, "YJ-003", accept=True, fine=2000)
    confirmed = get_disposition(demo, visit.id, "YJ-003").confirmed
    assert confirmed is not None and confirmed.proposed_fine == 2000


def test_an_override_needs_a_written_reason(demo: Profile, visit: JointTask) -> None:
    _noncompliant(demo, visit, "SC-SP-002")
    before = _count(demo)
    with pytest.raises(InvalidInput) as caught:
        decide(demo, visit.id, "SC-SP-002", kind=DispositionKind.RISK_REMINDER, reason="  ")
    assert "reason" in str(caught.value) and "理由" in caught.value.text("zh")
    assert _count(demo) == before
    decide(
        demo,
        visit.id,
        "SC-SP-002",
        kind=DispositionKind.ORDER_TO_CORRECT,
        reason="当事人已当场张贴，仍须限期完善公示方式",
    )
    view = get_disposition(demo, visit.id, "SC-SP-002")
    assert view.record is not None and view.record.decision is not None
    assert view.record.decision.value in ("accepted", "overridden")


def test_a_disposition_on_a_compliant_item_is_refused(demo: Profile, visit: JointTask) -> None:
    record_item_result(demo, visit.id, "SC-SP-002", outcome=Outcome.COMPLIANT)
    before = _count(demo)
    with pytest.raises(InvalidState) as caught:
        decide(demo, visit.id, "SC-SP-002", accept=True)
    assert "non-compliant" in str(caught.value) and "不符合" in caught.value.text("zh")
    assert _count(demo) == before


def test_a_deadline_in_the_past_is_refused(demo: Profile, visit: JointTask) -> None:
    before = _count(demo)
    with pytest.raises(InvalidInput) as caught:
        _noncompliant(demo, visit, "SC-SP-002", deadline=date.today() - timedelta(days=1))
    assert "deadline" in str(caught.value)
    assert _count(demo) == before


def test_an_order_carries_the_deadline_and_a_changed_finding_makes_it_stale(
    demo: Profile, visit: JointTask
) -> None:
    due = date.today() + timedelta(days=7)
    _noncompliant(demo, visit, "SC-SP-002", deadline=due)
    decide(demo, visit.id, "SC-SP-002", accept=True)
    view = get_disposition(demo, visit.id, "SC-SP-002")
    assert view.confirmed is not None and view.confirmed.kind is DispositionKind.ORDER_TO_CORRECT
    assert view.confirmed.deadline == due
    _noncompliant(demo, visit, "SC-SP-002", deadline=due)  # recorded again
    listed = {d.item_id: d for d in list_dispositions(demo, visit.id)}
    assert listed["SC-SP-002"].state == "stale" and listed["SC-SP-002"].confirmed is None


def test_mandatory_investigation_cannot_be_turned_into_no_action_without_a_statement(
    demo: Profile, visit: JointTask
) -> None:
    _noncompliant(demo, visit, "SC-SP-006")
    view = get_disposition(demo, visit.id, "SC-SP-006")
    assert view.proposal is not None
    if not view.proposal.disposition.mandatory:
        pytest.skip("the demo matter's proposal is not mandatory")
    with pytest.raises(InvalidInput):
        decide(demo, visit.id, "SC-SP-006", kind="no_action", reason="情节轻微")
