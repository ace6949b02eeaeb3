"""One visit, one story: ``check_visit`` finds every contradiction among a visit's documents."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from inspector_app.documents import (
    Document,
    Penalty,
    ServiceMethod,
    check_visit,
    load_settings,
)
from inspector_app.documents.samples import VISIT_KINDS, sample_documents, sample_visit
from inspector_app.domain.entities import DocumentKind, PenaltyProvision

from .conftest import INSPECTORS, make_task

K = DocumentKind


@pytest.fixture()
def visit(task, settings) -> dict[DocumentKind, Document]:
    return sample_visit(task, INSPECTORS, settings)


def codes(docs) -> list[str]:
    return [p.code for p in check_visit(docs.values() if isinstance(docs, dict) else docs)]


def test_the_sample_visit_is_one_story(visit) -> None:
    assert set(visit) == set(VISIT_KINDS)
    assert check_visit(visit.values()) == []


def test_the_self_tests_sample_visit_on_the_demo_task_is_one_story() -> None:
    """What ``inspector-app selftest --documents DIR`` writes: the first demo task."""
    from inspector_app.services.demo import demo_inspectors, demo_tasks

    docs = sample_documents(demo_tasks()[0], list(demo_inspectors()), load_settings())
    assert check_visit(docs[k] for k in VISIT_KINDS) == []


def _with(doc: Document, **content) -> Document:
    return replace(doc, content=replace(doc.content, **content))


def test_every_finding_of_the_record_is_in_the_joint_notice(visit) -> None:
    """食品生产经营监督检查管理办法第三十五条: "检查人员应当将监督检查结果现场书面告知食品生产
    经营者。" A finding left out of the notice is a result the party was never told."""
    notice = visit[K.JOINT_RESULT_NOTICE]
    first, *rest = notice.content.departments
    dropped = replace(first, item_ids=first.item_ids[1:])
    visit[K.JOINT_RESULT_NOTICE] = _with(notice, departments=(dropped, *rest))
    assert codes(visit) == ["finding_not_in_joint_notice"]
    del visit[K.JOINT_RESULT_NOTICE]
    assert "no_joint_notice" in codes(visit)


def test_a_finding_is_listed_under_its_own_department(visit) -> None:
    """谁检查、谁负责: a market-supervision finding listed only under the fire brigade."""
    notice = visit[K.JOINT_RESULT_NOTICE]
    own, other = notice.content.departments
    moved = (replace(own, item_ids=()), replace(other, item_ids=own.item_ids))
    visit[K.JOINT_RESULT_NOTICE] = _with(notice, departments=moved)
    assert set(codes(visit)) == {"finding_not_under_its_department"}


def test_every_served_document_is_in_the_proof_of_service(visit) -> None:
    proof = visit[K.PROOF_OF_SERVICE]
    served = tuple(sd for sd in proof.content.documents if sd.kind is not K.RISK_REMINDER)
    visit[K.PROOF_OF_SERVICE] = _with(proof, documents=served)
    assert codes(visit) == ["not_in_proof_of_service"]


def test_an_item_corrected_on_the_spot_is_not_fined(visit) -> None:
    """The health certificate was corrected on the spot and spared a penalty: fining it too
    contradicts the record and the no-penalty decision."""
    health = visit[K.NO_PENALTY_DECISION].content.item_ids
    fine = visit[K.SUMMARY_PENALTY_DECISION]
    visit[K.SUMMARY_PENALTY_DECISION] = _with(fine, item_ids=health)
    assert set(codes(visit)) == {"corrected_and_fined", "spared_and_penalised"}


def test_no_fine_for_failing_to_correct_before_the_deadline(visit) -> None:
    """行政处罚法第二十八条第一款: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正
    违法行为。" 食品检查办法第四十八条: "……责令改正；拒不改正的，给予警告，可以并处5000元以上
    5万元以下罚款。" Refusing to correct can only be found once the time to correct is over."""
    order = visit[K.ORDER_TO_CORRECT]
    fine = visit[K.SUMMARY_PENALTY_DECISION]
    refusal = PenaltyProvision(
        ("《食品生产经营监督检查管理办法》第四十八条",),
        warning=True,
        fine_max=3000,
        condition="拒不改正的",
    )
    table_item = order.content.item_ids[0]
    visit[K.SUMMARY_PENALTY_DECISION] = _with(fine, item_ids=(table_item,), provision=refusal)
    assert codes(visit) == ["fined_before_deadline"]
    # After the deadline has passed, a fine for refusing is what the order warned of.
    late = fine.content.decided_at.date() - timedelta(days=1)
    visit[K.ORDER_TO_CORRECT] = _with(order, deadline=late)
    assert codes(visit) == []


def test_a_fine_with_the_order_that_第二十八条_requires_is_consistent(visit) -> None:
    """The price-tag fine rests on a provision that fines the conduct itself: the order to
    correct by a date goes with it (第二十八条第一款), and both on the day are lawful."""
    fine = visit[K.SUMMARY_PENALTY_DECISION].content
    order = visit[K.ORDER_TO_CORRECT].content
    assert set(fine.item_ids) <= set(order.item_ids)
    assert fine.penalty is Penalty.FINE and fine.decided_at.date() < order.deadline
    assert check_visit(visit.values()) == []


def test_a_decision_only_on_findings_of_the_record(visit) -> None:
    record = visit[K.ONSITE_RECORD]
    compliant = next(it for it in record.content.items if not it.noncompliant)
    order = visit[K.ORDER_TO_CORRECT]
    visit[K.ORDER_TO_CORRECT] = _with(
        order, item_ids=(*order.content.item_ids, compliant.item_id, "no-such-item")
    )
    assert codes(visit) == ["decision_on_compliant_item", "unknown_item"]


def test_decided_by_officers_who_were_there(visit) -> None:
    order = visit[K.ORDER_TO_CORRECT]
    stranger = replace(order.header.inspectors[0], name="张三", badge_no="19030099999")
    inspectors = (*order.header.inspectors, stranger)
    visit[K.ORDER_TO_CORRECT] = replace(order, header=replace(order.header, inspectors=inspectors))
    assert codes(visit) == ["officer_not_present"]


def test_a_decision_served_after_seven_days(visit) -> None:
    """行政处罚法第六十一条: "当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事
    诉讼法》的有关规定，将行政处罚决定书送达当事人。\""""
    proof = visit[K.PROOF_OF_SERVICE]
    late = proof.content.served_at + timedelta(days=8)
    sigs = replace(proof.header.signatures, party_signed_at=late)
    visit[K.PROOF_OF_SERVICE] = replace(
        proof,
        header=replace(proof.header, signatures=sigs, issued_at=late),
        content=replace(proof.content, served_at=late),
    )
    # The no-penalty decision is late; the summary decision was not handed over on the spot.
    assert codes(visit) == ["served_late", "served_late", "summary_not_handed_over"]


def test_a_summary_decision_is_handed_over_on_the_spot(visit) -> None:
    """行政处罚法第五十二条: "……填写预定格式、编有号码的行政处罚决定书，并当场交付当事人。\""""
    proof = visit[K.PROOF_OF_SERVICE]
    visit[K.PROOF_OF_SERVICE] = _with(proof, method=ServiceMethod.POST, reference="EMS1234")
    assert codes(visit) == ["summary_not_handed_over"]


def test_served_only_after_it_was_made(visit) -> None:
    proof = visit[K.PROOF_OF_SERVICE]
    early = proof.content.served_at - timedelta(hours=1)
    visit[K.PROOF_OF_SERVICE] = _with(proof, served_at=early)
    assert set(codes(visit)) == {"served_before_issued"}


def test_a_credit_repair_notice_goes_only_with_a_published_decision(task, settings) -> None:
    """公示规定第二条: only decisions made in the general procedure are published, so a
    credit-repair notice never goes with a summary (当场) decision."""
    docs = sample_documents(task, INSPECTORS, settings)
    visit = [docs[k] for k in VISIT_KINDS]
    summary = docs[K.SUMMARY_PENALTY_DECISION]
    notice = docs[K.CREDIT_REPAIR_NOTICE]
    wrong = _with(notice, decision_number=summary.header.number, decision_title=summary.title)
    assert "credit_notice_for_summary_decision" in codes([*visit, wrong])


def test_one_party(visit) -> None:
    order = visit[K.ORDER_TO_CORRECT]
    other = replace(order.header.party, name="别的公司", uscc="91440300MA5XXXXXXX")
    visit[K.ORDER_TO_CORRECT] = replace(order, header=replace(order.header, party=other))
    assert "party_mismatch" in codes(visit)


def test_every_sample_variant_is_consistent(settings) -> None:
    """The benchmark's padded records and the test task keep the story."""
    from inspector_app.documents.samples import SampleOptions

    for n in (8, 12):
        docs = sample_visit(make_task(n), INSPECTORS, settings, SampleOptions(n_items=60))
        assert check_visit(docs.values()) == []
