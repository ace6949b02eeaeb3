"""Layout: the seal and signatures stay with the last lines of the text; no sample seal on a
final document; the number labelled as the number and the id as the verification code."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from inspector_app.documents import Document, Fact, load_settings, render_pdf
from inspector_app.documents.layout import prepared_image
from inspector_app.documents.samples import SampleOptions, sample_documents
from inspector_app.documents.settings import default_folder
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentKind

from .conftest import INSPECTORS, make_task
from .helpers import pdf_text, squash

K = DocumentKind


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text; poppler's pdftotext where installed (ten times pypdf's speed)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return [squash(p) for p in out.stdout.decode("utf-8").split("\f")[:-1]]
    return [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def closing_only_pages(doc: Document, pdf: bytes) -> list[int]:
    """Pages (from 2) that open with the seal, a signature table or the 文号 line: pages
    that hold nothing of the text itself. Page furniture is drawn last, so a page's text
    opens with whatever the body put first on it."""
    closing = (
        squash(doc.header.agency.name),
        "当事人签名",
        "执法人员签名",
        "见证人签名",
        "执法人员执法证号",
        "牵头部门",
        "文号：",
    )
    return [n for n, text in enumerate(page_texts(pdf), 1) if n > 1 and text.startswith(closing)]


def _grow(doc: Document, k: int) -> Document:
    """The same document with ``k`` more lines of text, to move its end down the pages."""
    c = doc.content
    line = "执法人员对当事人经营场所的相关区域逐一进行了检查，并就有关情况询问了在场人员。"
    if doc.kind is K.ORDER_TO_CORRECT:
        return replace(doc, content=replace(c, actions=(*c.actions, *[line] * k)))
    if doc.kind is K.RISK_REMINDER:
        return replace(doc, content=replace(c, risks=(*c.risks, *[line] * k)))
    if doc.kind is K.JOINT_RESULT_NOTICE:
        return replace(doc, content=replace(c, overall=c.overall + line * k))
    if doc.kind in (K.NO_PENALTY_DECISION, K.SUMMARY_PENALTY_DECISION):
        r = c.reasoning
        extra = tuple(Fact(f"补充事实{i}", line) for i in range(k))
        return replace(doc, content=replace(c, reasoning=replace(r, facts=(*r.facts, *extra))))
    if doc.kind is K.ONSITE_RECORD:
        return replace(doc, content=replace(c, party_statement=c.party_statement + line * k))
    if doc.kind is K.CREDIT_REPAIR_NOTICE:
        return replace(doc, content=replace(c, penalty_summary=c.penalty_summary + line * k))
    return replace(doc, content=replace(c, remarks=c.remarks + line * k))


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_no_page_holds_only_the_seal_or_the_signatures(docs, settings, kind) -> None:
    """Wherever the text ends on a page, the seal and the signature table go with its last
    lines: 行政处罚法第五十九条 "行政处罚决定书必须盖有作出行政处罚决定的行政机关的印章" is
    worth nothing on a page that could be attached to any text."""
    doc = docs[kind]
    for k in range(0, 18):
        grown = _grow(doc, k)
        pdf = render_pdf(grown, settings)
        assert closing_only_pages(grown, pdf) == [], (kind, k)


def test_the_check_would_see_a_page_of_signatures(docs, settings) -> None:
    """The check above is not blind: a page break before the closing is caught."""
    from reportlab.platypus import PageBreak

    from inspector_app.documents import stories

    doc = docs[K.ORDER_TO_CORRECT]
    original = stories.STORIES[K.ORDER_TO_CORRECT]

    def broken(ctx):  # the body, a page break, then the seal, signatures and 文号
        flow = original(ctx)
        kept = flow[-1]._content
        return [*flow[:-1], *kept[:-3], PageBreak(), *kept[-3:]]

    stories.STORIES[K.ORDER_TO_CORRECT] = broken
    try:
        pdf = render_pdf(doc, settings)
    finally:
        stories.STORIES[K.ORDER_TO_CORRECT] = original
    assert closing_only_pages(doc, pdf) != []


def _has_image(pdf: bytes, image: bytes) -> bool:
    return prepared_image(image).name.encode() in pdf


def test_no_sample_seal_on_a_final_document(docs, drafts, settings) -> None:
    """The shipped seal is a sample (样章): it may show on a draft, never on a final document."""
    assert settings.seal_is_sample and settings.seal_png is not None
    for kind in DocumentKind:
        assert not _has_image(render_pdf(docs[kind], settings), settings.seal_png), kind
    assert _has_image(render_pdf(drafts[K.ORDER_TO_CORRECT], settings), settings.seal_png)


def test_an_agencys_own_seal_is_printed_on_final_documents(task, tmp_path) -> None:
    shutil.copy(default_folder() / "seal-sample.png", tmp_path / "our-seal.png")
    data = json.loads((default_folder() / "agency.json").read_text(encoding="utf-8"))
    data["seal_image"] = "our-seal.png"
    data["seal_is_sample"] = False
    (tmp_path / "agency.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    own = load_settings(tmp_path)
    doc = sample_documents(task, INSPECTORS, own)[K.NO_PENALTY_DECISION]
    assert own.seal_png is not None and _has_image(render_pdf(doc, own), own.seal_png)


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_the_number_is_the_number_and_the_id_the_verification_code(docs, settings, kind):
    doc = docs[kind]
    text = pdf_text(render_pdf(doc, settings))
    assert f"文号：{format_document_number(doc.header.number)}" in text
    assert f"核验码：{doc.header.id}" in text
    assert f"核验码{doc.header.id}" in text  # in every page's footer
    assert "文书编号（核验码）" not in text
    assert f"{settings.verify_base_url}/verify/{doc.header.id}" in text


def test_a_long_record_keeps_its_closing_with_the_text(settings) -> None:
    for n in (20, 33, 41, 60):
        doc = sample_documents(make_task(8), INSPECTORS, settings, SampleOptions(n_items=n))[
            K.ONSITE_RECORD
        ]
        assert closing_only_pages(doc, render_pdf(doc, settings)) == [], n
