"""Hostile text prints literally; final documents are refused until complete."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from inspector_app.documents import (
    DocumentIncomplete,
    DocumentRefused,
    Officer,
    Penalty,
    RecordItem,
    Refusal,
    ServiceMethod,
    Signatures,
    render_pdf,
)
from inspector_app.domain.entities import DocumentKind, PartyType

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
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    bare = replace(
        doc,
        header=replace(
            doc.header,
            number=None,
            inspectors=(Officer("李明轩", "19030012345"), Officer("王五", "")),
            signatures=Signatures(),
        ),
    )
    with pytest.raises(DocumentIncomplete) as err:
        render_pdf(bare, settings)
    message = str(err.value)
    assert "责令改正通知书" in message
    assert "至少两名执法人员" in message and "现有1名" in message
    assert "执法人员王五的执法证号" in message
    assert "当事人签名，或者拒绝签名的记录" in message
    assert "文书编号" in message
    assert len(err.value.missing) == 4


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
    assert "当事人拒绝签名：当事人拒绝签名。见证人：王某（社区网格员）；音像记录：DSJ-0042" in text


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
    d = replace(
        doc,
        header=replace(doc.header, party=replace(doc.header.party, party_type=party_type)),
        content=replace(doc.content, amount=amount),
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
    warning = replace(doc, content=replace(doc.content, penalty=Penalty.WARNING, amount=None))
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
    doc = docs[DocumentKind.CREDIT_REPAIR_NOTICE]
    for change in ({"summary_procedure": True}, {"warning_only": True}):
        with pytest.raises(DocumentRefused, match="不予公示"):
            render_pdf(replace(doc, content=replace(doc.content, **change)), settings)


def test_left_service_needs_photo_or_recording(docs, settings) -> None:
    doc = docs[DocumentKind.PROOF_OF_SERVICE]
    left = replace(doc, content=replace(doc.content, method=ServiceMethod.LEFT))
    with pytest.raises(DocumentIncomplete, match="留置送达的照片或者音像记录"):
        render_pdf(left, settings)
    filmed = replace(left, content=replace(left.content, av_reference="DSJ-0043"))
    assert "留置送达" in pdf_text(render_pdf(filmed, settings))
