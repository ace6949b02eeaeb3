"""Issuing the documents of a recorded visit: what it needs, drafts, numbers, void, delivery.

《中华人民共和国行政处罚法》第三十三条第三款: "对当事人的违法行为依法不予行政处罚的，行政机关
应当对当事人进行教育。" 《市场监督管理行政处罚信息公示规定》第二条 publishes the decisions made
under the general procedure, so a summary decision goes without a credit-repair notice.
"""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from inspector_app.domain.entities import Outcome
from inspector_app.domain.findings import Assessment
from inspector_app.domain.rules import EDUCATION_SENTENCE
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    NotFound,
    Profile,
    import_tasks,
    open_profile,
    record_item_result,
)
from inspector_app.services.demo import demo_dataset
from inspector_app.services.dispositions import decide
from inspector_app.services.issue_progress import visit_progress
from inspector_app.services.issuing import (
    deliver,
    document_pdf,
    issue,
    issue_all,
    list_documents,
    number_ledger,
    preview,
    visit_problems,
    void_document,
)
from inspector_app.services.visit_record import record_opening
from inspector_app.store.models import DocumentRow, NumberBlockRow, OutboxRow

ROOT = Path(__file__).resolve().parents[1]
AGENCY = "深市监福"


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


visitday = _load("visitday", ROOT / "e2e" / "visitday.py")
helpers = _load("doc_helpers", ROOT / "documents" / "helpers.py")


def _blocks(p: Profile, size: int = 20) -> None:
    year = datetime.now().astimezone().year
    with p.db.write() as s:
        for kind in (
            "onsite_record",
            "joint_result_notice",
            "order_to_correct",
            "no_penalty_decision",
            "summary_penalty_decision",
            "risk_reminder",
            "proof_of_service",
        ):
            s.add(
                NumberBlockRow(
                    id=str(uuid.uuid4()),
                    agency_code=AGENCY,
                    kind=kind,
                    year=year,
                    first=1,
                    last=size,
                    received_at=datetime.now(UTC),
                )
            )


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Profile]:
    data = demo_dataset()
    with open_profile(tmp_path / "p", user=data.inspector("inspector1")) as p:
        import_tasks(p, data.tasks)
        _blocks(p)
        yield p


@pytest.fixture
def day(demo: Profile):  # type: ignore[no-untyped-def]
    return visitday.record_day(demo)


def _outbox(p: Profile) -> int:
    with p.db.session() as s:
        return s.query(OutboxRow).count()


def test_what_the_visit_needs_follows_from_its_dispositions(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    docs = {d.kind.value: d for d in list_documents(demo, day.task_id)}
    assert {k: d.state for k, d in docs.items()} == {
        "onsite_record": "needed",
        "joint_result_notice": "needed",
        "order_to_correct": "needed",
    }
    assert docs["order_to_correct"].item_ids == (day.item_id,)
    assert docs["order_to_correct"].department_code == "SZSCJG"


def test_a_draft_has_no_number_and_is_not_synced(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    before = _outbox(demo)
    (draft,) = preview(demo, day.task_id, "order_to_correct").documents
    assert draft.draft and draft.number is None
    text = helpers.pdf_text(draft.pdf)
    assert "草稿" in text and visitday.NOTE in text
    assert _outbox(demo) == before and number_ledger(demo) == []
    states = {d.kind.value: d.state for d in list_documents(demo, day.task_id)}
    assert states["order_to_correct"] == "draft"


def test_issue_numbers_stores_and_queues_once(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    before = _outbox(demo)
    result = issue(demo, day.task_id, "order_to_correct")
    (doc,) = result.documents
    year = datetime.now().astimezone().year
    assert doc.number == f"{AGENCY}责改〔{year}〕1号"
    assert document_pdf(demo, doc.id) == doc.pdf
    assert demo.blobs.exists(doc.sha256)
    with demo.db.session() as s:
        op = s.query(OutboxRow).order_by(OutboxRow.seq.desc()).first()
        row = s.get(DocumentRow, doc.id)
    assert _outbox(demo) == before + 1
    assert op is not None and (op.entity, op.entity_id) == ("document", doc.id)
    assert op.data["number"] == doc.number and op.data["content_sha256"] == doc.content_sha256
    assert op.data["item_ids"] == [day.item_id] and op.data["status"] == "final"
    assert {s["signer"] for s in op.data["signatures"]} >= {"party"}
    assert row is not None and row.status == "final"
    text = helpers.pdf_text(doc.pdf)
    for words in (visitday.NOTE, "监督检查结果记录表公示", "第三十九条第二款", doc.number):
        assert words in text
    for _name, badge in day.officers:
        assert badge in text

    # Issuing twice is refused, nothing changed.
    with pytest.raises(InvalidState) as caught:
        issue(demo, day.task_id, "order_to_correct")
    assert "void" in str(caught.value) and "作废" in caught.value.text("zh")
    assert _outbox(demo) == before + 1


def test_void_keeps_the_number_and_a_new_document_takes_the_next(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound):
        void_document(demo, str(uuid.uuid4()), reason="x")
    (first,) = issue(demo, day.task_id, "order_to_correct").documents
    with pytest.raises(InvalidInput):
        void_document(demo, first.id, reason=" ")
    for bad in ("期限\x00写错", "期限\ud800写错"):  # a NUL, a bad paste: refused, named
        with pytest.raises(InvalidInput) as refused:
            void_document(demo, first.id, reason=bad)
        assert "理由" in refused.value.text("zh")
        with pytest.raises(InvalidInput) as refused:
            deliver(demo, first.id, method="direct", recipient="张伟", place=bad)
        assert "送达记录" in refused.value.text("zh") and "place" in str(refused.value)
    void_document(demo, first.id, reason="期限写错")
    with pytest.raises(InvalidState):
        void_document(demo, first.id, reason="again")
    (second,) = issue(demo, day.task_id, "order_to_correct").documents
    assert second.number != first.number and second.number.endswith("〕2号")
    states = {d.id: d.state for d in list_documents(demo, day.task_id)}
    assert states[first.id] == "voided" and states[second.id] == "issued"
    ledger = number_ledger(demo)
    assert [(seq, voided) for _b, seq, _d, voided in ledger] == [(1, True), (2, False)]


def test_delivery_feeds_the_proof_of_service(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    result = issue_all(demo, day.task_id)
    kinds = sorted(d.kind.value for d in result.documents)
    assert kinds == ["joint_result_notice", "onsite_record", "order_to_correct"]
    order = next(d for d in result.documents if d.kind.value == "order_to_correct")
    with pytest.raises(InvalidState):
        issue(demo, day.task_id, "proof_of_service")  # nothing delivered yet
    with pytest.raises(InvalidInput):
        deliver(demo, order.id, method="pigeon", recipient="张伟")
    deliver(
        demo,
        order.id,
        method="direct",
        recipient="张伟",
        proxy_relationship="当事人的店长",
        proxy_reason="法定代表人不在场，由店长代收",
    )
    states = {d.id: d.state for d in list_documents(demo, day.task_id)}
    assert states[order.id] == "delivered"
    (proof,) = issue(demo, day.task_id, "proof_of_service").documents
    text = helpers.pdf_text(proof.pdf)
    assert order.number in text and "直接送达" in text
    assert issue_all(demo, day.task_id).documents == ()


def test_without_numbers_or_the_opening_nothing_is_issued(tmp_path: Path) -> None:
    data = demo_dataset()
    with open_profile(tmp_path / "q", user=data.inspector("inspector1")) as p:
        import_tasks(p, data.tasks)
        d = visitday.record_day(p)
        with pytest.raises(InvalidState) as caught:
            issue(p, d.task_id, "order_to_correct")
        assert "Sync" in str(caught.value) and "同步" in caught.value.text("zh")
        _blocks(p)
        from inspector_app.domain.enforcement import Opening

        record_opening(
            p, d.task_id, Opening("张伟（店长）", credentials_shown=False, rights_told=True)
        )
        with pytest.raises(InvalidState) as caught:
            issue(p, d.task_id, "order_to_correct")
        assert "第五十五条" in str(caught.value)
        assert number_ledger(p) == []


def test_a_first_violation_gets_the_no_penalty_decision_with_education(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    record_item_result(
        demo,
        day.task_id,
        "GX-JK-001",
        outcome=Outcome.NONCOMPLIANT,
        note="1名员工健康证明过期12天，已当场调岗",
        corrected_on_site=True,
    )
    decide(
        demo,
        day.task_id,
        "GX-JK-001",
        accept=True,
        assessment=Assessment(minor=True, harm="minor", corrected=True),
    )
    (doc,) = issue(demo, day.task_id, "no_penalty_decision").documents
    text = helpers.pdf_text(doc.pdf)
    assert "不予行政处罚" in text and "第三十三条第三款" in text
    assert EDUCATION_SENTENCE.rstrip("。") in text
    assert "健康证明过期12天" in text
    assert "NP-2" not in text  # rule ids are for the audit trail only


def test_a_summary_penalty_goes_without_a_credit_repair_notice(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    from inspector_app.services import get_task
    from inspector_app.services.dispositions import get_disposition

    task = get_task(demo, day.task_id)
    for item in task.checklist:
        if "SZSCJG" not in item.department_codes or item.id == day.item_id:
            continue
        record_item_result(
            demo, day.task_id, item.id, outcome=Outcome.NONCOMPLIANT, note="现场发现问题"
        )
        proposal = get_disposition(demo, day.task_id, item.id).proposal
        assert proposal is not None
        if proposal.disposition.kind.value == "summary_penalty":
            break
    else:
        pytest.skip("no summary penalty among this task's market-supervision items")
    decide(demo, day.task_id, item.id, accept=True, warning=True)
    needed = {d.kind.value for d in list_documents(demo, day.task_id)}
    assert "summary_penalty_decision" in needed and "credit_repair_notice" not in needed
    with pytest.raises(InvalidState):
        issue(demo, day.task_id, "credit_repair_notice")
    result = issue(demo, day.task_id, "summary_penalty_decision")
    (doc,) = result.documents
    assert any("公示规定第二条" in n for n in result.notes)
    text = helpers.pdf_text(doc.pdf)
    assert "警告" in text and "第五十一条" in text and "行政复议" in text
    assert "现场发现问题" in text and "记录表被清洁工误丢" in text  # the statement (情理)


def test_a_half_issued_set_is_progress_not_a_contradiction(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    """The 现场笔录 issued, the joint notice and the order not yet: the check still says
    the notice is missing (it is), and the progress tells it as the next step."""
    issue(demo, day.task_id, "onsite_record")
    assert [p.code for p in visit_problems(demo, day.task_id)] == ["no_joint_notice"]
    progress = visit_progress(demo, day.task_id)
    assert progress.problems == ()
    assert [p.code for p in progress.awaiting] == ["no_joint_notice"]
    assert [d.kind.value for d in progress.issued] == ["onsite_record"]
    assert {d.kind.value for d in progress.to_issue} == {"joint_result_notice", "order_to_correct"}
    message = progress.message()
    assert message is not None
    assert message.render("en").startswith("1 of 3 documents issued; still to issue: ")
    assert message.render("zh").startswith("已出具1份，共3份；尚待出具：")
    assert "联合检查结果告知书" in message.render("zh") and "责令改正通知书" in message.render("zh")

    # Delivered, with its 送达回证 still to issue: progress too, until that is issued.
    order = next(
        d for d in issue_all(demo, day.task_id).documents if d.kind.value == "order_to_correct"
    )
    deliver(
        demo,
        order.id,
        method="direct",
        recipient="张伟",
        proxy_relationship="当事人的店长",
        proxy_reason="法定代表人不在场，由店长代收",
    )
    assert [p.code for p in visit_problems(demo, day.task_id)] == ["not_in_proof_of_service"]
    progress = visit_progress(demo, day.task_id)
    assert progress.problems == () and [d.kind.value for d in progress.to_issue] == [
        "proof_of_service"
    ]
    issue(demo, day.task_id, "proof_of_service")
    progress = visit_progress(demo, day.task_id)
    assert progress.problems == progress.awaiting == progress.to_issue == ()
    assert progress.message().render("en") == "All 4 documents of this visit are issued."  # type: ignore[union-attr]


def test_issued_documents_that_disagree_stay_a_problem_mid_way(demo: Profile, day) -> None:  # type: ignore[no-untyped-def]
    """An order issued for a finding the record now calls compliant is a contradiction,
    whatever is still to issue."""
    issue(demo, day.task_id, "onsite_record")
    issue(demo, day.task_id, "order_to_correct")
    record_item_result(demo, day.task_id, day.item_id, outcome=Outcome.COMPLIANT, note="符合")
    progress = visit_progress(demo, day.task_id)
    assert [p.code for p in progress.problems] == ["decision_on_compliant_item"]
    assert [p.code for p in progress.awaiting] == ["no_joint_notice"]
    assert "责令改正通知书" in progress.problems[0].message
