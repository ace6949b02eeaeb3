"""Story pieces every kind uses: heading, party header, inspectors, photos, signatures,
the reasoned sections, remedies and the seal. All data text goes through ``markup.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from inspector_app.documents import markup
from inspector_app.documents.kinds import Reasoning
from inspector_app.documents.layout import Para, Picture, SealBlock, Styles, image_size
from inspector_app.documents.model import Document
from inspector_app.documents.settings import DocumentSettings
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentNumber

GRID_COMMANDS = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
GRID = TableStyle(GRID_COMMANDS)


@dataclass(frozen=True, slots=True)
class Ctx:
    doc: Document
    settings: DocumentSettings
    styles: Styles
    frame_width: float

    # --- wording -----------------------------------------------------------------
    def w(self, section: str, key: str, **values: Any) -> str:
        template = self.settings.wording[section][key]
        return template.format(**values) if values else template

    def date(self, d: date | datetime | None) -> str:
        if d is None:
            return ""
        return self.w("common", "date_format", y=d.year, m=d.month, d=d.day)

    def datetime(self, t: datetime | None) -> str:
        if t is None:
            return ""
        return self.w(
            "common", "datetime_format", y=t.year, m=t.month, d=t.day, H=t.hour, M=f"{t.minute:02d}"
        )

    def number(self, n: DocumentNumber | None) -> str:
        return format_document_number(n) if n is not None else ""

    # --- paragraphs --------------------------------------------------------------
    def p(self, value: object, style: str = "body") -> Paragraph:
        st = getattr(self.styles, style)
        return Para(markup.text(value, st.fontName), st)

    def heading(self, value: str) -> Paragraph:
        return self.p(value, "heading")

    def cell(self, value: object, head: bool = False) -> Paragraph:
        return self.p(value, "table_head" if head else "table")

    def grid(self) -> TableStyle:
        st = self.styles.table
        return TableStyle(
            [
                *GRID_COMMANDS,
                ("FONTNAME", (0, 0), (-1, -1), st.fontName),
                ("FONTSIZE", (0, 0), (-1, -1), st.fontSize),
                ("LEADING", (0, 0), (-1, -1), st.leading),
            ]
        )

    def short(self, value: object, width: float) -> str | Paragraph:
        """A table cell: plain text when it fits one line in the body font, else a Paragraph.

        Plain table strings are never parsed as markup, so they need no escaping; they
        save the paragraph machinery on the many short cells of a long record.
        """
        s = "" if value is None else str(value)
        st = self.styles.table
        if (
            "\n" not in s
            and markup.covered(s, st.fontName)
            and pdfmetrics.stringWidth(s, st.fontName, st.fontSize) <= width - 7
        ):
            return s
        return self.cell(s)


def head_block(ctx: Ctx) -> list[Flowable]:
    h = ctx.doc.header
    out: list[Flowable] = [ctx.p(h.agency.name, "agency"), ctx.p(ctx.doc.title, "title")]
    out.append(ctx.p(ctx.number(h.number) or "（未编号）", "number"))
    return out


def party_table(ctx: Ctx) -> Table:
    party = ctx.doc.header.party
    labels = ctx.settings.wording["common"]["party_header"]
    rows = [
        ("name", party.name),
        ("licence_name", party.licence_name),
        ("uscc", party.uscc),
        ("address", party.address),
        ("legal_rep", party.legal_rep),
        ("id_no", party.id_no),
        ("phone", party.phone),
    ]
    value_width = ctx.frame_width - 60 * mm
    data = [[ctx.cell(labels[k], head=True), ctx.short(v, value_width)] for k, v in rows]
    t = Table(data, colWidths=[60 * mm, value_width], spaceAfter=6)
    t.setStyle(ctx.grid())
    return t


def inspectors_table(ctx: Ctx) -> Table:
    common = ctx.settings.wording["common"]
    data = [[ctx.cell(common["inspectors"], head=True), ctx.cell(common["badge"], head=True)]]
    for o in ctx.doc.header.inspectors:
        data.append(
            [ctx.short(o.name, ctx.frame_width / 2), ctx.short(o.badge_no, ctx.frame_width / 2)]
        )
    t = Table(data, colWidths=[ctx.frame_width / 2] * 2)
    t.setStyle(ctx.grid())
    return t


def _image(data: bytes, max_w: float, max_h: float) -> Picture:
    iw, ih = image_size(data)
    scale = min(max_w / iw, max_h / ih)
    return Picture(data, iw * scale, ih * scale)


def photos_block(ctx: Ctx) -> list[Flowable]:
    photos = ctx.doc.header.photos
    if not photos:
        return []
    pw, ph = ctx.styles.mm("photo_width_mm"), ctx.styles.mm("photo_height_mm")
    cells = []
    for photo in photos:
        caption = ctx.w(
            "common",
            "photo_caption",
            ref=photo.ref,
            caption=photo.caption,
            captured_at=ctx.datetime(photo.captured_at),
        )
        cells.append([_image(photo.image, pw, ph), ctx.p(caption, "small")])
    rows = []
    for i in range(0, len(cells), 2):
        pair: list[Any] = cells[i : i + 2]
        while len(pair) < 2:
            pair.append("")
        rows.append(pair)
    col = ctx.frame_width / 2
    t = Table(rows, colWidths=[col, col])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("FONTNAME", (0, 0), (-1, -1), ctx.styles.table.fontName),
            ]
        )
    )
    # A photo cell is an image plus caption: nest them so they stay together.
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell != "":
                t._cellvalues[r][c] = [cell[0], Spacer(1, 1 * mm), cell[1]]
    return [ctx.heading(ctx.w("common", "photos")), t]


def signatures_block(ctx: Ctx) -> Flowable:
    h = ctx.doc.header
    common = ctx.settings.wording["common"]
    sig_h = ctx.styles.mm("signature_height_mm")
    sig_w = 45 * mm
    rows: list[list[Any]] = []
    sigs = h.signatures
    if sigs.party is not None:
        party_cell: Any = _image(sigs.party, sig_w, sig_h)
    elif sigs.refusal is not None:
        r = sigs.refusal
        party_cell = ctx.cell(
            ctx.w(
                "common",
                "refusal",
                note=r.note,
                witness=r.witness or "—",
                av=r.av_reference or "—",
            )
        )
    else:
        party_cell = ctx.cell("")
    date_cell = (
        ctx.cell(ctx.datetime(sigs.party_signed_at)) if sigs.party_signed_at else ctx.cell("")
    )
    rows.append([ctx.cell(common["party_signature"], head=True), party_cell, date_cell])
    if sigs.witness_name or sigs.witness is not None:
        witness_cell: Any = (
            _image(sigs.witness, sig_w, sig_h) if sigs.witness is not None else ctx.cell("")
        )
        rows.append(
            [
                ctx.cell(common["witness_signature"], head=True),
                witness_cell,
                ctx.cell(sigs.witness_name),
            ]
        )
    for o in h.inspectors:
        img: Any = _image(o.signature, sig_w, sig_h) if o.signature else ctx.cell("")
        rows.append(
            [
                ctx.cell(common["inspector_signature"], head=True),
                img,
                ctx.cell(f"{o.name}（{o.badge_no}）"),
            ]
        )
    fw = ctx.frame_width
    t = Table(rows, colWidths=[32 * mm, fw - 32 * mm - 48 * mm, 48 * mm])
    t.setStyle(ctx.grid())
    return KeepTogether([Spacer(1, 6 * mm), t])


def remedies_block(ctx: Ctx, doc_word: str) -> list[Flowable]:
    if not ctx.settings.remedy_clause:
        return []
    a = ctx.doc.header.agency
    text = ctx.w("common", "remedies", doc=doc_word, review_body=a.review_body, court=a.court)
    return [ctx.p(text)]


def seal_block(ctx: Ctx) -> Flowable:
    h = ctx.doc.header
    return SealBlock(
        h.agency.name,
        ctx.date(h.issued_at),
        ctx.settings.seal_png,
        ctx.styles.mm("seal_mm"),
        ctx.styles.body,
    )


def id_line(ctx: Ctx) -> Paragraph:
    return ctx.p(f"{ctx.w('common', 'document_id')}：{ctx.doc.header.id}", "small")


def reasoned_sections(ctx: Ctx, r: Reasoning) -> list[Flowable]:
    """Sections 1–7 of a reasoned decision (DOMAIN.md "Reasoned decision sections")."""
    w = ctx.settings.wording["decision"]
    out: list[Flowable] = [ctx.heading(w["s1"]), party_table(ctx)]
    out += [ctx.heading(w["s2"]), ctx.p(r.case_origin)]
    out.append(ctx.heading(w["s3"]))
    out += [ctx.p(f"{f.id}：{f.text}") for f in r.facts]
    out.append(ctx.heading(w["s4"]))
    for e in r.evidence:
        proves = "、".join(e.proves)
        desc = e.description if e.description.endswith(("。", ".")) else e.description + "。"
        line = w["s4_row"].format(no=e.no, name=e.name, description=desc, proves=proves)
        if e.photo_refs:
            line += f"（见{'、'.join(e.photo_refs)}）"
        out.append(ctx.p(line))
    out.append(ctx.heading(w["s5"]))
    if not r.statements:
        out.append(ctx.p(w["s5_none"]))
    for s in r.statements:
        verdict = w["s5_accepted"] if s.accepted else w["s5_rejected"]
        out.append(ctx.p(f"当事人称：{s.text}{verdict}{s.reason}"))
    out.append(ctx.heading(w["s6"]))
    out.append(ctx.p(w["s6_breach"].format(provisions="、".join(r.provisions_breached))))
    out.append(ctx.p(r.legal_analysis))
    out.append(ctx.heading(w["s7"]))
    out += [ctx.p(w["s7_row"].format(text=d.text, rule_id=d.rule_id)) for d in r.discretion]
    return out


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_BIG = ["", "万", "亿"]


def _int_upper(n: int) -> str:
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, gap = "", False
    for gi in reversed(range(len(groups))):
        g = groups[gi]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        gap = False
        digits = (g // 1000, g // 100 % 10, g // 10 % 10, g % 10)
        started = zero = False
        for i, d in enumerate(digits):
            if d == 0:
                zero = started
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _UNITS[3 - i]
            started = True
        out += _BIG[gi]
    return out


def yuan_upper(amount: Decimal) -> str:
    """人民币大写: 3000 -> 叁仟元整, 200.5 -> 贰佰元伍角, 1005 -> 壹仟零伍元整."""
    cents = int(amount.quantize(Decimal("0.01")) * 100)
    whole, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    out = _int_upper(whole) + "元"
    if not jiao and not fen:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    if fen:
        out += ("零" if not jiao else "") + _DIGITS[fen] + "分"
    return out
