"""``render_pdf(doc) -> bytes``: the one entry point from a document value to PDF bytes."""

from __future__ import annotations

import io
from functools import cache

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from inspector_app.documents.blocks import Ctx
from inspector_app.documents.canonical import content_sha256
from inspector_app.documents.fonts import clear_font_caches, register_fonts
from inspector_app.documents.gates import check_document
from inspector_app.documents.layout import (
    Furniture,
    Margins,
    Styles,
    canvas_maker,
    clear_image_cache,
    make_styles,
)
from inspector_app.documents.model import Document
from inspector_app.documents.qr import clear_qr_cache
from inspector_app.documents.settings import DocumentSettings, load_settings
from inspector_app.documents.stories import STORIES
from inspector_app.domain.entities import DocumentKind


@cache
def _styles_for(settings: DocumentSettings) -> Styles:
    return make_styles(dict(settings.styles))


def clear_render_caches() -> None:
    """Forget the per-content caches (font subsets, prepared images, QR matrices).

    They only ever return what would be computed afresh; tests use this to compare.
    """
    clear_font_caches()
    clear_image_cache()
    clear_qr_cache()


def render_pdf(doc: Document, settings: DocumentSettings | None = None) -> bytes:
    """The PDF of ``doc``; the same document and settings always give the same bytes.

    Raises DocumentRefused when the law forbids the document and, for a final (not draft)
    document, DocumentIncomplete listing everything that is missing.
    """
    register_fonts()
    # Plain Flate streams: ASCII85 on top is pure Python in reportlab 5 (no rl_accel) and
    # took half the time of a photo-heavy record, for a bigger file. Process-wide setting.
    rl_config.useA85 = 0
    settings = settings or load_settings()
    check_document(doc)
    styles = _styles_for(settings)
    raw = styles.raw
    margins = Margins.from_styles(raw)
    width, height = A4
    frame_width = width - margins.left - margins.right
    h = doc.header
    sha = content_sha256(doc)
    common = settings.wording["common"]
    furniture = Furniture(
        margins=margins,
        footer=common["page_footer"],
        footer_size=float(raw["footer"]["size"]),
        qr_value=settings.qr_text(h.id, sha),
        qr_size=styles.mm("qr_mm"),
        id_text=f"{common['document_id']} {h.id}",
        watermark=dict(raw["watermark"]) if h.draft else None,
    )
    if doc.kind is DocumentKind.ONSITE_RECORD:
        party_label, witness_label, inspector_label = settings.wording["onsite_record"][
            "page_signatures"
        ]
        sigs = h.signatures
        furniture.signature_slots = (
            (party_label, (sigs.party,) if sigs.party else ()),
            (witness_label, (sigs.witness,) if sigs.witness else ()),
            (inspector_label, tuple(o.signature for o in h.inspectors if o.signature)),
        )
        furniture.signature_height = 7 * mm
    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=f"{doc.title} {h.id}",
        author=h.agency.name,
        subject=f"sha256:{sha}",
        creator="Field Inspector",
        producer="Field Inspector (reportlab)",
        invariant=1,
    )
    frame = Frame(
        margins.left,
        margins.bottom,
        frame_width,
        height - margins.top - margins.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    ctx = Ctx(doc=doc, settings=settings, styles=styles, frame_width=frame_width)
    story = STORIES[doc.kind](ctx)
    template.build(story, canvasmaker=canvas_maker(furniture, h.issued_at))
    return out.getvalue()
