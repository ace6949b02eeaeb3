"""The compliance self-check sheet (合规体检自查表): a business's merged checklist with each
item's legal basis and a yes / no / not-applicable box, left behind after the visit.

It is not an enforcement document (no number, no seal, no QR code, not synced): its
wording and page are data in ``resources/documents/self_check.json``; it uses the
documents' fonts and the agency's type sizes (``styles.json``). Text from the data is
escaped before it reaches reportlab markup.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table

from inspector_app.documents.fonts import BODY_FONT, register_fonts
from inspector_app.documents.layout import Styles, make_styles
from inspector_app.documents.settings import DocumentSettings, load_settings
from inspector_app.paths import resource

BOX = "□"


@dataclass(frozen=True, slots=True)
class Basis:
    """One provision an item rests on: the citation and, where the law is on the laptop,
    the words of the cited paragraph."""

    cited: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class SheetItem:
    title: str
    content: str
    basis: tuple[Basis, ...]


@dataclass(frozen=True, slots=True)
class SheetGroup:
    department: str
    items: tuple[SheetItem, ...]


@dataclass(frozen=True, slots=True)
class SelfCheckSheet:
    business_name: str
    uscc: str
    address: str
    legal_rep: str
    agency: str
    issued_on: date
    groups: tuple[SheetGroup, ...]

    @property
    def n_items(self) -> int:
        return sum(len(g.items) for g in self.groups)


@cache
def _default_wording() -> dict[str, Any]:
    return dict(json.loads(resource("documents", "self_check.json").read_text(encoding="utf-8")))


def load_wording(folder: Path | None = None) -> dict[str, Any]:
    """The sheet's wording: an agency's ``self_check.json`` over the shipped one."""
    wording = dict(_default_wording())
    if folder is not None and (folder / "self_check.json").is_file():
        wording.update(json.loads((folder / "self_check.json").read_text(encoding="utf-8")))
    return wording


_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (headings number departments so)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _numbered_canvas(draw_footer: Any) -> type[Canvas]:
    """reportlab's two-pass canvas recipe: pages kept until the count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._kept: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._kept)
            for state in self._kept:
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def render_self_check(
    sheet: SelfCheckSheet,
    settings: DocumentSettings | None = None,
    wording: dict[str, Any] | None = None,
) -> bytes:
    """The sheet as A4 PDF bytes; the same sheet gives the same bytes."""
    register_fonts()
    rl_config.useA85 = 0
    settings = settings or load_settings()
    w = wording or load_wording()
    styles = make_styles(dict(settings.styles))
    page = w["page"]
    left, right = page["left_mm"] * mm, page["right_mm"] * mm
    top, bottom = page["top_mm"] * mm, page["bottom_mm"] * mm
    width, height = A4
    day = chinese_date(sheet.issued_on)
    footer = w["footer"]

    def draw_footer(canv: Canvas, n: int, total: int) -> None:
        canv.saveState()
        canv.setFont(BODY_FONT, 8.5)
        canv.setFillColor(colors.black)
        text = footer.format(agency=sheet.agency, date=day, page=n, pages=total)
        canv.drawCentredString(width / 2, bottom - 10 * mm, text)
        canv.restoreState()

    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=f"{w['title']} {sheet.business_name}",
        author=sheet.agency,
        creator="Field Inspector",
        producer="Field Inspector (reportlab)",
        invariant=1,
    )
    frame_width = width - left - right
    frame = Frame(left, bottom, frame_width, height - top - bottom, 0, 0, 0, 0, id="body")
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    template.build(
        _story(sheet, styles, w, frame_width, day), canvasmaker=_numbered_canvas(draw_footer)
    )
    return out.getvalue()


def _story(
    sheet: SelfCheckSheet, styles: Styles, w: dict[str, Any], frame_width: float, day: str
) -> list[Any]:
    t = styles.table
    small = ParagraphStyle("sc_small", parent=styles.small, textColor=colors.HexColor("#444444"))
    centre = ParagraphStyle("sc_centre", parent=t, alignment=TA_CENTER)
    story: list[Any] = [
        Paragraph(escape(w["title"]), styles.title),
        Paragraph(escape(w["subtitle"]), ParagraphStyle("sc_sub", parent=centre, spaceAfter=8)),
    ]
    labels = w["party"]
    values = (sheet.business_name, sheet.uscc, sheet.address, sheet.legal_rep)
    party = Table(
        [
            [Paragraph(f"<b>{escape(label)}</b>", t), Paragraph(escape(value or "—"), t)]
            for label, value in zip(labels, values, strict=True)
        ],
        colWidths=[40 * mm, frame_width - 40 * mm],
        style=_grid(),
    )
    story += [party, Spacer(1, 4 * mm)]
    story.append(Paragraph(escape(w["intro"].format(agency=sheet.agency)), styles.body))
    story.append(Spacer(1, 2 * mm))
    widths = [c * mm for c in w["column_mm"]]
    widths[-1] = frame_width - sum(widths[:-1])
    head = [Paragraph(escape(c), styles.table_head) for c in w["columns"]]
    seq = 0
    for n, group in enumerate(sheet.groups, start=1):
        heading = w["group_heading"].format(
            n=chinese_ordinal(n), department=group.department, count=len(group.items)
        )
        # The department's heading is the table's first row: repeated with the column
        # heads on every page the table runs to, never left alone at a page's foot.
        title = Paragraph(escape(heading), ParagraphStyle("sc_dept", parent=styles.heading))
        rows: list[list[Any]] = [[title, "", "", "", "", ""], head]
        for item in group.items:
            seq += 1
            what = f"<b>{escape(item.title)}</b>"
            if item.content:
                what += f"<br/>{escape(item.content)}"
            rows.append(
                [
                    Paragraph(str(seq), centre),
                    Paragraph(what, t),
                    Paragraph(BOX, centre),
                    Paragraph(BOX, centre),
                    Paragraph(BOX, centre),
                    _basis_cell(item.basis, t, small, int(w["quote_limit"])),
                ]
            )
        story.append(Spacer(1, 3 * mm))
        story.append(Table(rows, colWidths=widths, repeatRows=2, style=_grid(header=True)))
    story.append(Spacer(1, 6 * mm))
    for line in w["closing"]:
        story.append(Paragraph(escape(line), styles.body_left))
    story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(escape(w["issued"].format(agency=sheet.agency, date=day)), styles.body_left)
    )
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(escape(w["notice"]), small))
    return story


def _basis_cell(
    basis: tuple[Basis, ...], t: ParagraphStyle, small: ParagraphStyle, limit: int
) -> list[Paragraph]:
    if not basis:
        return [Paragraph("—", t)]
    cell = []
    for b in basis:
        cell.append(Paragraph(escape(b.cited), t))
        if b.quote:
            quote = b.quote if len(b.quote) <= limit else b.quote[:limit] + "……"
            cell.append(Paragraph(escape(f"“{quote}”"), small))
    return cell


def _grid(*, header: bool = False) -> list[tuple[Any, ...]]:
    style: list[tuple[Any, ...]] = [
        ("GRID", (0, 1 if header else 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:  # row 0 the department (no box), row 1 the column heads
        style.append(("SPAN", (0, 0), (-1, 0)))
        style.append(("LEFTPADDING", (0, 0), (0, 0), 0))
        style.append(("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#eeeeee")))
        style.append(("VALIGN", (1, 2), (1, -1), "TOP"))
        style.append(("VALIGN", (-1, 2), (-1, -1), "TOP"))
    return style
