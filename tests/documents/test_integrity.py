"""Fonts embedded, QR code verifiable, same input same bytes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest

from inspector_app.documents import DocumentError, canonical_content, content_sha256, render_pdf
from inspector_app.documents.fonts import BODY_FONT, HEADING_FONT, register_fonts
from inspector_app.documents.markup import covered
from inspector_app.domain.entities import DocumentKind

from .helpers import decode_qr, font_descriptors, parse_verify_url


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_fonts_are_embedded(docs, settings, kind) -> None:
    fonts = font_descriptors(render_pdf(docs[kind], settings))
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts


def test_every_shipped_wording_has_glyphs_in_the_body_font(settings) -> None:
    register_fonts()

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for v in node.values():
                yield from strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v)

    lacking = {
        ch
        for s in strings(dict(settings.wording))
        for ch in re.sub(r"\{[^}]*\}", "", s)
        if not covered(ch, BODY_FONT)
    }
    # ASCII-only comment strings aside, everything prints in the Song face.
    assert not {ch for ch in lacking if ord(ch) > 127}, sorted(lacking)
    assert covered("深市监福责改〔2026〕12号 第1页 共2页 草稿 DRAFT", HEADING_FONT)


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_qr_code_opens_the_verification_page_with_id_and_content_hash(docs, settings, kind) -> None:
    """DESIGN.md: the QR code is "a URL of the server's public verification page (its base
    an agency setting) that any phone camera opens, with the id and the content hash in it"."""
    doc = docs[kind]
    codes = decode_qr(render_pdf(doc, settings))
    assert len(codes) == 1, codes
    assert codes[0].startswith(f"{settings.verify_base_url}/verify/")
    base, doc_id, sha = parse_verify_url(codes[0])
    assert base == settings.verify_base_url == "http://127.0.0.1:8000"
    assert doc_id == doc.header.id
    assert sha == hashlib.sha256(canonical_content(doc)).hexdigest() == content_sha256(doc)


def test_the_verification_server_is_set_at_run_time(docs, settings) -> None:
    """The embedded demo server knows its port only once started: settings take its URL."""
    live = settings.with_verify_base_url("http://127.0.0.1:54321/")
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    (code,) = decode_qr(render_pdf(doc, live))
    assert parse_verify_url(code) == ("http://127.0.0.1:54321", doc.header.id, content_sha256(doc))
    assert settings.verify_base_url == "http://127.0.0.1:8000"  # the shared defaults untouched
    with pytest.raises(DocumentError, match="verify_base_url"):
        settings.with_verify_base_url("127.0.0.1:8000")


def test_qr_code_is_on_every_page(docs, settings) -> None:
    doc = docs[DocumentKind.NO_PENALTY_DECISION]
    pdf = render_pdf(doc, settings)
    from .helpers import page_count

    assert page_count(pdf) >= 2
    assert decode_qr(pdf, page=2) == decode_qr(pdf, page=1)


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_same_input_gives_identical_bytes(docs, settings, kind) -> None:
    assert render_pdf(docs[kind], settings) == render_pdf(docs[kind], settings)


def test_identical_bytes_across_processes(docs, settings, tmp_path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tests/documents');"
        "from conftest import make_task, INSPECTORS;"
        "from inspector_app.documents import render_pdf, load_settings;"
        "from inspector_app.documents.samples import sample_documents;"
        "from inspector_app.domain.entities import DocumentKind;"
        "s = load_settings();"
        "d = sample_documents(make_task(), INSPECTORS, s)[DocumentKind.ONSITE_RECORD];"
        "sys.stdout.buffer.write(render_pdf(d, s))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert out.stdout == render_pdf(docs[DocumentKind.ONSITE_RECORD], settings)


def test_any_change_changes_the_hash(docs) -> None:
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    changed = replace(doc, content=replace(doc.content, conduct=doc.content.conduct + "。"))
    assert content_sha256(changed) != content_sha256(doc)
    doc = docs[DocumentKind.NO_PENALTY_DECISION]
    photo = doc.header.photos[0]
    other_photo = replace(photo, image=photo.image + b"\0")
    changed = replace(doc, header=replace(doc.header, photos=(other_photo,)))
    assert content_sha256(changed) != content_sha256(doc)


def test_creation_date_is_the_issue_date(docs, settings) -> None:
    doc = docs[DocumentKind.RISK_REMINDER]
    pdf = render_pdf(doc, settings)
    stamp = doc.header.issued_at.strftime("D:%Y%m%d%H%M%S").encode()
    assert stamp in pdf
