"""The render caches only ever return what would be computed afresh.

Fonts (glyf table, subsets and their compressed streams), prepared images and QR
matrices are kept across renders; paragraphs keep their lines per width. Each must give
the same PDF bytes as a render with every cache empty, and the QR mask choice must be
reportlab's own. A subset is reportlab's with its glyphs named (``with_glyph_names``).
"""

from __future__ import annotations

import random
import string
from dataclasses import replace

import pytest
from reportlab.platypus import Paragraph

from inspector_app.documents import render_pdf
from inspector_app.documents.fonts import (
    BODY_FONT,
    SUBSET_CACHES,
    register_fonts,
    with_glyph_names,
)
from inspector_app.documents.layout import Para, prepared_image
from inspector_app.documents.qr import _qr_matrix, qr_matrix, reportlab_matrix
from inspector_app.documents.render import clear_render_caches
from inspector_app.documents.samples import photo_jpeg, signature_png
from inspector_app.domain.entities import DocumentKind

from .helpers import decode_qr, parse_verify_url


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_cached_render_equals_uncached(docs, settings, kind) -> None:
    doc = docs[kind]
    clear_render_caches()
    cold = render_pdf(doc, settings)  # every cache empty
    warm = render_pdf(doc, settings)  # every cache hit
    assert warm == cold
    clear_render_caches()
    assert render_pdf(doc, settings) == cold


def test_font_subsets_are_reused_and_equal_to_fresh_ones(docs, settings) -> None:
    register_fonts()
    doc = docs[DocumentKind.ONSITE_RECORD]
    clear_render_caches()
    body = SUBSET_CACHES[BODY_FONT]
    misses, hits = body.misses, body.hits
    render_pdf(doc, settings)
    assert body.misses > misses
    render_pdf(doc, settings)
    assert body.hits > hits
    # A cached subset is byte for byte what reportlab makes from the font file, named.
    for key, data in list(body._subsets.items()):
        assert with_glyph_names(body._make_subset(list(key)), list(key)) == data


def test_other_content_still_gets_its_own_subsets(docs, settings) -> None:
    doc = docs[DocumentKind.ORDER_TO_CORRECT]
    before = render_pdf(doc, settings)
    other = replace(
        doc, content=replace(doc.content, consequence="逾期不改正的，依法予以处罚。鑫淼焱")
    )
    after = render_pdf(other, settings)
    assert after != before
    clear_render_caches()
    assert render_pdf(other, settings) == after


def test_prepared_images_are_kept_by_content() -> None:
    jpeg = photo_jpeg("现场照片1", 1)
    png = signature_png("李明轩")
    a, b = prepared_image(jpeg), prepared_image(bytes(jpeg))
    assert a is b  # same content, different bytes objects: one entry
    # A JPEG passes through as it is (DCTDecode), never decoded and re-compressed.
    assert a.template.streamContent == jpeg
    assert a.template._filters == ("DCTDecode",)
    p = prepared_image(png)
    assert p is not a and p.template._filters == ("FlateDecode",)
    assert p.size == (p.template.width, p.template.height)


def test_a_photo_is_embedded_verbatim(docs, settings) -> None:
    doc = docs[DocumentKind.ONSITE_RECORD]
    assert doc.header.photos
    pdf = render_pdf(doc, settings)
    for photo in doc.header.photos:
        assert photo.image in pdf
        assert pdf.count(photo.image) == 1  # stored once however often drawn


def test_para_keeps_lines_per_width(settings) -> None:
    from inspector_app.documents.render import _styles_for

    style = _styles_for(settings).table
    text = "检查事项：食品贮存、加工制作、从业人员健康管理等要求的落实情况" * 3
    p = Para(text, style)
    first = p.wrap(120, 1000)
    lines = p.blPara
    assert p.wrap(120, 1000) == first and p.blPara is lines
    ref = Paragraph(text, style)
    assert ref.wrap(120, 1000) == first
    # Another width lays out again, as reportlab does.
    assert p.wrap(300, 1000) == Paragraph(text, style).wrap(300, 1000)
    assert p.wrap(120, 1000) == first


def test_qr_mask_choice_is_reportlabs() -> None:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + ":-"
    for length in [1, 17, 40, 98, 99, 100, 101, 150, 230, 400]:
        for level in "LMQH":
            value = "".join(rng.choice(alphabet) for _ in range(length))
            _qr_matrix.cache_clear()
            assert qr_matrix(value, level) == reportlab_matrix(value, level), (length, level)


def test_qr_of_a_cached_render_still_scans(docs, settings) -> None:
    doc = docs[DocumentKind.ONSITE_RECORD]
    render_pdf(doc, settings)
    codes = decode_qr(render_pdf(doc, settings))
    assert len(codes) == 1 and parse_verify_url(codes[0])[1] == doc.header.id
