"""Hostile text prints literally; final documents are refused until complete."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from inspector_app.documents import (
    DocumentIncomplete,
    DocumentRefused,
    Penalty,
    RecordItem,
    Refusal,
    ServiceMethod,
    Signatures,
    render_pdf,
)
from inspector_app.domain.entities import DocumentKind, PartyType, PenaltyProvision

from .helpers import pdf_text, squash

HOSTILE = [
    "<b>不是粗体</b>",
    "A & B &amp; C",
    '<font name="Courier" color="red">x</font>',
    "]]>",
    "<para>段落</para><br/>",
    "𠀀生僻字堃",  # outside GB 2312: falls back to the Hei face
]


def test_hostile_text_prints_literally(docs, settings) -> None:
    doc = docs[DocumentKind.ONSITE_RECORD]
    c = doc.content
    long_note = "长说明" * 30 + HOSTILE[0]  # wraps: goes through a Paragraph
    items = (
        RecordItem(1, HOSTILE[0], "不符合", HOSTILE[1]),
        RecordItem(2, HOSTILE[2], "符合", long_note),
        *c.items[2:],
    )
    party = replace(doc.header.party, name="某某<i>公司</i> & 分店", address=HOSTILE[4])
    photo = replace(doc.header.photos[0], caption=HOSTILE[3] + HOSTILE[0])
    hostile = replace(
        doc,
        header=replace(doc.header, party=party, photos=(photo, *doc.header.photos[1:])),
        content=replace(c, items=items, party_statement="\n".join(HOSTILE)),
    )
    text = pdf_text(render_pdf(hostile, settings))
    for s in [*HOSTILE[:5], "某某<i>公司</i> & 分店", long_note]:
        assert squash(s) in text, s
    assert "堃" in text


def test_a_complete_final_document_renders(docs, settings) -> None:
    for doc in docs.values():
        assert not doc.header.draft
        render_pdf(doc, settings)


def test_final_document_lists_everything_missing(docs, settings) -> None:
    doc = docs[DocumentKind.SUMMARY_PENALTY_DECISION]
    own = doc.header.inspectors[0]
    bare = replace(
        doc,
        header=replace(
            doc.header,
            number=None,
            inspectors=(own, replace(own, name="王五", badge_no="", signature=None)),
            signatures=Signatures(),
        ),
    )
    with pytest.raises(DocumentIncomplete) as err:
        render_pdf(bare, settings)
    message = str(err.value)
    assert "当场行政处罚决定书" in message
    assert "至少两名深圳市市场监督管理局福田监管局执法人员" in message and "现有1名" in message
    assert "执法人员王五的执法证号" in message
    assert "当事人签名，或者拒绝签名的记录" in message
    assert "文书编号" in message
    assert len(err.value.missing) == 4


def test_an_order_for_an_absent_party_needs_no_signature_of_the_party(docs, settings) -> None:
    """行政处罚法第六十一条: "当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》
    的有关规定，将行政处罚决定书送达当事人。" A decision or order made while the party is away
    is final without its signature; the 送达回证 records its receipt."""
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    absent = replace(doc, header=replace(doc.header, signatures=Signatures()))
    text = pdf_text(render_pdf(absent, settings))
    assert "当事人签名" not in text


def test_a_draft_may_lack_them(docs, settings) -> None:
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    draft = replace(
        doc,
        header=replace(doc.header, number=None, inspectors=(), signatures=Signatures(), draft=True),
    )
    text = pdf_text(render_pdf(draft, settings))
    assert "草稿DRAFT" in text and "（未编号）" in text


def test_refusal_needs_a_witness_or_a_recording(docs, settings) -> None:
    doc = docs[DocumentKind.ONSITE_RECORD]
    unwitnessed = replace(
        doc, header=replace(doc.header, signatures=Signatures(refusal=Refusal("当事人拒绝签名")))
    )
    with pytest.raises(DocumentIncomplete, match="见证人或者音像记录"):
        render_pdf(unwitnessed, settings)
    witnessed = replace(
        doc,
        header=replace(
            doc.header,
            signatures=Signatures(
                refusal=Refusal(
                    "当事人拒绝签名", witness="王某（社区网格员）", av_reference="DSJ-0042"
                )
            ),
        ),
    )
    text = pdf_text(render_pdf(witnessed, settings))
    assert "当事人签名当事人拒绝签名。见证人：王某（社区网格员）；音像记录：DSJ-0042" in text


@pytest.mark.parametrize(
    ("party_type", "amount", "allowed"),
    [
        (PartyType.CITIZEN, Decimal(200), True),
        (PartyType.CITIZEN, Decimal("200.01"), False),
        (PartyType.ORGANISATION, Decimal(3000), True),
        (PartyType.ORGANISATION, Decimal(3001), False),
    ],
)
def test_summary_procedure_fine_limits(docs, settings, party_type, amount, allowed) -> None:
    doc = docs[DocumentKind.SUMMARY_PENALTY_DECISION]
    c = doc.content
    d = replace(
        doc,
        header=replace(doc.header, party=replace(doc.header.party, party_type=party_type)),
        content=replace(c, amount=amount, notice=replace(c.notice, proposed_amount=amount)),
    )
    if allowed:
        render_pdf(d, settings)
    else:
        with pytest.raises(DocumentRefused, match="第五十一条"):
            render_pdf(d, settings)
        # not even as a draft
        with pytest.raises(DocumentRefused):
            render_pdf(replace(d, header=replace(d.header, draft=True)), settings)


def test_summary_warning_and_on_the_spot_collection(docs, settings) -> None:
    doc = docs[DocumentKind.SUMMARY_PENALTY_DECISION]
    c = doc.content
    warns = PenaltyProvision(("《食品生产经营监督检查管理办法》第四十八条",), warning=True)
    warning = replace(
        doc,
        content=replace(
            c,
            penalty=Penalty.WARNING,
            amount=None,
            provision=warns,
            notice=replace(c.notice, proposed="警告", proposed_amount=None),
        ),
    )
    assert "给予警告" in pdf_text(render_pdf(warning, settings))
    collected = replace(
        doc,
        content=replace(doc.content, amount=Decimal(100), collected_on_spot=True, receipt_no="R-1"),
    )
    assert "当场收缴" in pdf_text(render_pdf(collected, settings))
    with pytest.raises(DocumentRefused, match="第六十八条"):
        render_pdf(
            replace(collected, content=replace(collected.content, amount=Decimal(150))), settings
        )


def test_credit_repair_notice_refused_for_unpublished_penalties(docs, settings) -> None:
    """公示规定第二条: "市场监督管理部门对适用普通程序作出行政处罚决定的相关信息，应当记录于
    国家企业信用信息公示系统，并向社会公示。仅受到警告行政处罚的不予公示。"
    """
    doc = docs[DocumentKind.CREDIT_REPAIR_NOTICE]
    facts = doc.content.facts
    for change in ({"summary_procedure": True}, {"penalties": ("warning",)}):
        unpublished = replace(doc.content, facts=replace(facts, **change))
        with pytest.raises(DocumentRefused, match="不予公示"):
            render_pdf(replace(doc, content=unpublished), settings)


def test_left_service_needs_photo_or_recording(docs, settings) -> None:
    doc = docs[DocumentKind.PROOF_OF_SERVICE]
    refused = Signatures(refusal=Refusal("受送达人拒绝签收", witness="王某（社区网格员）"))
    left = replace(
        doc,
        header=replace(doc.header, signatures=refused),
        content=replace(doc.content, method=ServiceMethod.LEFT),
    )
    with pytest.raises(DocumentIncomplete, match="留置送达的照片或者音像记录"):
        render_pdf(left, settings)
    filmed = replace(left, content=replace(left.content, av_reference="DSJ-0043"))
    assert "留置送达" in pdf_text(render_pdf(filmed, settings))
