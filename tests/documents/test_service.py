"""Service (送达): every lawful method with what it needs; the recipient's cell is a
signature or a recorded refusal, and its time is the time of service."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from inspector_app.documents import (
    DocumentIncomplete,
    Refusal,
    ServiceMethod,
    Signatures,
    render_pdf,
)
from inspector_app.documents.samples import signature_png
from inspector_app.domain.entities import DocumentKind

from .helpers import pdf_text

K = DocumentKind


@pytest.fixture()
def proof(docs):
    return docs[K.PROOF_OF_SERVICE]


def _served(proof, *, signatures=None, **content):
    header = proof.header if signatures is None else replace(proof.header, signatures=signatures)
    return replace(proof, header=header, content=replace(proof.content, **content))


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end, text.index(start))]


def test_the_recipients_cell_is_a_signature_never_typed_text(proof, settings) -> None:
    """The cell for the recipient's signature holds the handwriting (an image) and no text;
    the recipient's name stands in its own row."""
    text = pdf_text(render_pdf(proof, settings))
    assert _between(text, "签名或者盖章", "代收人与受送达人关系") == ""
    assert "收件人陈志强（法定代表人）" in text
    refused = Signatures(refusal=Refusal("受送达人拒绝签收", witness="王某（社区网格员）"))
    left = _served(proof, signatures=refused, method=ServiceMethod.LEFT, av_reference="DSJ-7")
    text = pdf_text(render_pdf(left, settings))
    cell = _between(text, "签名或者盖章", "代收人与受送达人关系")
    assert cell == "受送达人拒绝签收。见证人：王某（社区网格员）；音像记录：—"
    assert "留置送达照片／音像记录DSJ-7" in text


def test_the_signing_time_is_the_time_of_service(proof, settings) -> None:
    """民事诉讼法 (through 行政处罚法第六十一条): the date the recipient signs the 送达回证 is the
    date of service; the two cannot disagree."""
    sigs = proof.header.signatures
    later = replace(sigs, party_signed_at=sigs.party_signed_at + timedelta(hours=2))
    with pytest.raises(DocumentIncomplete, match="签收时间与送达时间须一致"):
        render_pdf(_served(proof, signatures=later), settings)
    unsigned_time = replace(sigs, party_signed_at=None)
    with pytest.raises(DocumentIncomplete, match="签收时间"):
        render_pdf(_served(proof, signatures=unsigned_time), settings)


def test_a_document_is_made_before_it_is_served(proof, settings) -> None:
    first, *rest = proof.content.documents
    moved = replace(first, issued_at=proof.content.served_at + timedelta(hours=1))
    with pytest.raises(DocumentIncomplete, match="先作出，后送达"):
        render_pdf(_served(proof, documents=(moved, *rest)), settings)


def test_a_proxy_gives_relationship_reason_and_a_witness_signs(proof, settings) -> None:
    """代收: someone other than the addressee or its legal representative receives it; the
    proof says who, their relationship and why, and a witness named signs."""
    proxy = _served(proof, recipient="王丽")
    with pytest.raises(DocumentIncomplete) as err:
        render_pdf(proxy, settings)
    assert {"代收人与受送达人的关系", "代收理由"} <= set(err.value.missing)
    complete = _served(
        proof,
        recipient="王丽",
        proxy_relationship="店长（负责收件）",
        proxy_reason="法定代表人外出，由负责收件的店长代收",
        witness="李四（社区网格员）",
    )
    with pytest.raises(DocumentIncomplete, match="见证人李四（社区网格员）的签名"):
        render_pdf(complete, settings)
    sigs = replace(
        proof.header.signatures,
        witness_name="李四（社区网格员）",
        witness=signature_png("李四"),
        witness_signed_at=proof.content.served_at,
    )
    witnessed = replace(complete, header=replace(complete.header, signatures=sigs))
    text = pdf_text(render_pdf(witnessed, settings))
    assert "店长（负责收件）" in text and "法定代表人外出，由负责收件的店长代收" in text
    assert "见证人李四（社区网格员）见证人签名" in text


@pytest.mark.parametrize(
    ("method", "missing", "fields"),
    [
        (ServiceMethod.POST, "邮件号", {"reference": "EMS 1187 2245 6CN"}),
        (
            ServiceMethod.ELECTRONIC,
            "确认书（行政处罚法第六十一条第二款）",
            {"consent_reference": "送达地址确认书（2026-11-03）", "reference": "shop@example.cn"},
        ),
        (
            ServiceMethod.ENTRUSTED,
            "受委托送达的机关",
            {"entrusted_to": "深圳市南山区市场监督管理局"},
        ),
        (
            ServiceMethod.PUBLIC,
            "公告的载体和日期",
            {"reference": "本局官网 2026-11-20", "remarks": "受送达人下落不明，邮寄被退回"},
        ),
    ],
)
def test_every_lawful_method_with_what_it_needs(proof, settings, method, missing, fields) -> None:
    """行政处罚法第六十一条: service "依照《中华人民共和国民事诉讼法》的有关规定"; "当事人同意
    并签订确认书的，行政机关可以采用传真、电子邮件等方式". A decision for an absent party is
    served by post, by an entrusted agency, electronically with consent, or by public notice."""
    absent = Signatures()
    bare = _served(proof, signatures=absent, method=method)
    if method is ServiceMethod.ENTRUSTED:
        absent = proof.header.signatures  # the entrusted agency hands it over against signature
        bare = _served(proof, method=method)
    with pytest.raises(DocumentIncomplete, match=missing):
        render_pdf(bare, settings)
    done = _served(proof, signatures=absent, method=method, **fields)
    text = pdf_text(render_pdf(done, settings))
    assert method.value in text
    for value in fields.values():
        assert value.replace(" ", "") in text


def test_leaving_it_needs_a_refusal_and_a_record(proof, settings) -> None:
    """留置送达: the refusal noted, with a witness or an audio-visual record (行政强制法第十八条
    style), and the leaving photographed or filmed (DOMAIN.md)."""
    left = _served(proof, method=ServiceMethod.LEFT, av_reference="DSJ-0043")
    with pytest.raises(DocumentIncomplete, match="拒绝签收的情况"):
        render_pdf(left, settings)
