"""Story pieces every kind uses: heading, party header, inspectors, photos, signatures,
the reasoned sections, remedies and the seal. All data text goes through ``markup.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from inspector_app.documents import markup
from inspector_app.documents.kinds import PriorNotice, Reasoning
from inspector_app.documents.layout import Para, Picture, SealBlock, Styles, image_size
from inspector_app.documents.model import Document
from inspector_app.documents.settings import DocumentSettings
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentNumber, PenaltyProvision

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

    def table_heading(self, value: str, room: float = 40 * mm) -> list[Flowable]:
        """A heading over a long table: a new page only when less than ``room`` is left.

        A heading's keep-with-next would move the whole table to the next page whenever it
        does not fit on this one, leaving most of a page empty; the table splits instead.
        """
        heading = self.heading(value)
        heading.keepWithNext = 0
        return [CondPageBreak(room), heading]

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


def party_table(ctx: Ctx, *, compact: bool = False) -> Table:
    """当事人 header (DOMAIN.md "Party header"); ``compact`` pairs the short fields two to a
    row, for a form that must fit one page (the 送达回证)."""
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
    fw = ctx.frame_width
    if compact:
        v = dict(rows)
        t = form_table(
            ctx,
            [
                [("name", v["name"]), ("licence_name", v["licence_name"])],
                [("uscc", v["uscc"]), ("legal_rep", v["legal_rep"])],
                [("address", v["address"])],
                [("id_no", v["id_no"]), ("phone", v["phone"])],
            ],
            labels,
        )
        t.spaceAfter = 4
        return t
    value_width = fw - 60 * mm
    data = [[ctx.cell(labels[k], head=True), ctx.short(v, value_width)] for k, v in rows]
    t = Table(data, colWidths=[60 * mm, value_width], spaceAfter=6)
    t.setStyle(ctx.grid())
    return t


def form_table(
    ctx: Ctx,
    rows: list[list[tuple[str, Any]]],
    labels: dict[str, str] | None = None,
    label_mm: float = 30,
) -> Table:
    """A form of labelled fields, two to a row or one across: ``rows`` of (label, value)
    pairs; a label is looked up in ``labels`` when given; a value is text or a flowable."""
    fw = ctx.frame_width
    lw = label_mm * mm
    vw = fw / 2 - lw
    data: list[list[Any]] = []
    spans = []
    for r, row in enumerate(rows):
        line: list[Any] = []
        for key, value in row:
            label = labels.get(key, key) if labels is not None else key
            width = vw if len(row) == 2 else fw - lw
            cell = value if not isinstance(value, str) else ctx.short(value, width)
            line += [ctx.cell(label, head=True), cell]
        if len(row) == 1:
            line += ["", ""]
            spans.append(("SPAN", (1, r), (3, r)))
        data.append(line)
    t = Table(data, colWidths=[lw, vw, lw, vw])
    t.setStyle(ctx.grid())
    if spans:
        t.setStyle(TableStyle(spans))
    return t


def inspectors_table(ctx: Ctx, *, with_agency: bool = False) -> Table:
    """The officers acting, with their badge numbers (and, in a joint visit, their agency)."""
    common = ctx.settings.wording["common"]
    fw = ctx.frame_width
    if with_agency:
        heads = ctx.settings.wording["onsite_record"]["officers_columns"]
        widths = [0.22 * fw, 0.5 * fw, 0.28 * fw]
        data: list[list[Any]] = [[ctx.cell(x, head=True) for x in heads]]
        for o in ctx.doc.header.inspectors:
            data.append(
                [
                    ctx.short(o.name, widths[0]),
                    ctx.short(o.agency or o.department_code, widths[1]),
                    ctx.short(o.badge_no, widths[2]),
                ]
            )
    else:
        widths = [fw / 2] * 2
        data = [[ctx.cell(common["inspectors"], head=True), ctx.cell(common["badge"], head=True)]]
        for o in ctx.doc.header.inspectors:
            data.append([ctx.short(o.name, fw / 2), ctx.short(o.badge_no, fw / 2)])
    t = Table(data, colWidths=widths)
    t.setStyle(ctx.grid())
    return t


def picture(data: bytes, max_w: float, max_h: float) -> Picture:
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
        cells.append([picture(photo.image, pw, ph), ctx.p(caption, "small")])
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


def party_signature_cell(ctx: Ctx, width: float) -> Any:
    """The party's (or recipient's) signature image, or the recorded refusal; never a typed name."""
    sigs = ctx.doc.header.signatures
    if sigs.party is not None:
        return picture(sigs.party, width, ctx.styles.mm("signature_height_mm"))
    if sigs.refusal is not None:
        r = sigs.refusal
        return ctx.cell(
            ctx.w(
                "common",
                "refusal",
                note=r.note,
                witness=r.witness or "—",
                av=r.av_reference or "—",
            )
        )
    return ctx.cell("")


def signatures_block(
    ctx: Ctx,
    *,
    party: bool | None = None,
    witness: bool = False,
    recorder: str = "",
    officers: bool = True,
) -> Flowable:
    """Signature rows: the party (when it signs or refused, or ``party=True`` to leave it a
    place), a witness (always with ``witness=True``), every officer, and the 记录人."""
    h = ctx.doc.header
    common = ctx.settings.wording["common"]
    sig_h = ctx.styles.mm("signature_height_mm")
    sig_w = 45 * mm
    rows: list[list[Any]] = []
    sigs = h.signatures
    if party is None:
        party = sigs.party is not None or sigs.refusal is not None
    if party:
        date_cell = (
            ctx.cell(ctx.datetime(sigs.party_signed_at)) if sigs.party_signed_at else ctx.cell("")
        )
        rows.append(
            [
                ctx.cell(common["party_signature"], head=True),
                party_signature_cell(ctx, sig_w),
                date_cell,
            ]
        )
    if witness or sigs.witness_name or sigs.witness is not None:
        witness_cell: Any = (
            picture(sigs.witness, sig_w, sig_h) if sigs.witness is not None else ctx.cell("")
        )
        rows.append(
            [
                ctx.cell(common["witness_signature"], head=True),
                witness_cell,
                ctx.cell(sigs.witness_name),
            ]
        )
    for o in h.inspectors if officers else ():
        img: Any = picture(o.signature, sig_w, sig_h) if o.signature else ctx.cell("")
        rows.append(
            [
                ctx.cell(common["inspector_signature"], head=True),
                img,
                ctx.cell(f"{o.name}（{o.badge_no}）"),
            ]
        )
    if recorder:
        rows.append(
            [
                ctx.cell(ctx.settings.wording["onsite_record"]["recorder"], head=True),
                ctx.cell(recorder),
                ctx.cell(""),
            ]
        )
    if not rows:
        return Spacer(1, 0)
    fw = ctx.frame_width
    t = Table(rows, colWidths=[32 * mm, fw - 32 * mm - 48 * mm, 48 * mm], spaceBefore=6 * mm)
    t.setStyle(ctx.grid())
    return t


def kept_with_tail(body: list[Flowable], closing: list[Flowable], tail: int = 1) -> list[Flowable]:
    """``body`` with its last ``tail`` flowables kept on one page with ``closing``.

    A page never holds only a seal, a signature table or the 文号 line: they follow the
    last lines of the text (reportlab's KeepTogether moves them to the next page together
    when they do not fit).
    """
    tail = min(tail, len(body))
    head, last = body[: len(body) - tail], body[len(body) - tail :]
    return [*head, KeepTogether([*last, *closing])]


def remedies_block(ctx: Ctx, doc_word: str) -> list[Flowable]:
    if not ctx.settings.remedy_clause:
        return []
    a = ctx.doc.header.agency
    text = ctx.w("common", "remedies", doc=doc_word, review_body=a.review_body, court=a.court)
    return [ctx.p(text)]


def seal_image(ctx: Ctx) -> bytes | None:
    """The seal to print: a sample seal (样章) only on drafts, never on a final document;
    the agency's own seal scan wherever it has configured one."""
    s = ctx.settings
    if s.seal_png is None or (s.seal_is_sample and not ctx.doc.header.draft):
        return None
    return s.seal_png


def seal_block(ctx: Ctx, label: str = "") -> Flowable:
    h = ctx.doc.header
    return SealBlock(
        label + h.agency.name,
        ctx.date(h.issued_at),
        seal_image(ctx),
        ctx.styles.mm("seal_mm"),
        ctx.styles.body,
    )


def id_line(ctx: Ctx) -> Paragraph:
    """文号 labelled as the number, the id as the verification code (核验码) and where to check."""
    h = ctx.doc.header
    common = ctx.settings.wording["common"]
    parts = []
    if h.number is not None:
        parts.append(f"{common['document_number']}：{ctx.number(h.number)}")
    parts.append(f"{common['document_id']}：{h.id}")
    hint = common["verify_hint"].format(url=ctx.settings.verify_url(h.id))
    return ctx.p("　".join(parts) + "（" + hint + "）", "small")


def reasoned_sections(
    ctx: Ctx,
    r: Reasoning,
    *,
    notice: PriorNotice | None = None,
    provision: PenaltyProvision | None = None,
    photos: bool = False,
) -> list[Flowable]:
    """Sections 1–7 of a reasoned decision (DOMAIN.md "Reasoned decision sections").

    ``notice``: the 告知 of 第四十四条 and whether the party stated and defended itself
    (section 5). ``provision``: the penalty provision, whose statutory range opens the
    reasons for the discretion (section 7). ``photos``: the evidence photos follow the
    evidence (section 4). Internal rule ids are never printed.
    """
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
    if photos:
        out += photos_block(ctx)
    out.append(ctx.heading(w["s5"]))
    if notice is not None:
        out.append(
            ctx.p(w["notice"].format(time=ctx.datetime(notice.told_at), proposed=notice.proposed))
        )
        if notice.waived:
            out.append(ctx.p(w["notice_waived"]))
        elif r.statements:
            out.append(ctx.p(w["notice_answered"]))
    if not r.statements and not (notice is not None and notice.waived):
        out.append(ctx.p(w["s5_none"]))
    for s in r.statements:
        verdict = w["s5_accepted"] if s.accepted else w["s5_rejected"]
        out.append(ctx.p(f"当事人称：{s.text}{verdict}{s.reason}"))
    out.append(ctx.heading(w["s6"]))
    out.append(ctx.p(w["s6_breach"].format(provisions="、".join(r.provisions_breached))))
    out.append(ctx.p(r.legal_analysis))
    out.append(ctx.heading(w["s7"]))
    if provision is not None:
        out.append(ctx.p(statutory_range(ctx, provision)))
    out += [ctx.p(w["s7_row"].format(text=d.text)) for d in r.discretion]
    return out


def statutory_range(ctx: Ctx, p: PenaltyProvision) -> str:
    """The statutory range in words, e.g. "《…》第…条规定，对该违法行为可以给予警告、
    处5000元以上50000元以下罚款（拒不改正的）。"."""
    w = ctx.settings.wording["decision"]
    parts = []
    if p.warning:
        parts.append(w["range_warning"])
    lo, hi = p.fine_min, p.fine_max
    if lo is not None and hi is not None:
        parts.append(w["range_fine"].format(lo=lo, hi=hi))
    elif hi is not None:
        parts.append(w["range_fine_max"].format(hi=hi))
    elif lo is not None:
        parts.append(w["range_fine_min"].format(lo=lo))
    text = "、".join(parts)
    if p.condition:
        text += w["range_condition"].format(condition=p.condition)
    return w["s7_range"].format(basis="、".join(p.basis), range=text)
