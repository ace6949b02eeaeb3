"""Page furniture and styles: A4 with GB/T 9704 margins, "第n页 共N页", QR, watermark.

Page furniture is drawn by a two-pass canvas (reportlab's NumberedCanvas recipe): pages
are kept until the end, when the total page count is known, and then each gets its
footer, the QR code, the draft watermark and (for the 现场笔录) the signature line.
"""

from __future__ import annotations

import copy
import hashlib
import io
import itertools
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from inspector_app.documents.fonts import BODY_FONT, HEADING_FONT
from inspector_app.documents.model import DocumentError
from inspector_app.documents.qr import qr_matrix

FONTS = {"body": BODY_FONT, "heading": HEADING_FONT}


@dataclass(frozen=True, slots=True)
class Styles:
    agency: ParagraphStyle
    title: ParagraphStyle
    number: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    body_left: ParagraphStyle
    right: ParagraphStyle
    small: ParagraphStyle
    table: ParagraphStyle
    table_head: ParagraphStyle
    raw: dict[str, Any]

    def mm(self, key: str) -> float:
        return float(self.raw[key]) * mm


def _style(name: str, spec: dict[str, Any], **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONTS[spec.get("font", "body")],
        fontSize=float(spec["size"]),
        leading=float(spec.get("leading", spec["size"] * 1.5)),
        wordWrap="CJK",
        **kw,
    )


def make_styles(raw: dict[str, Any]) -> Styles:
    body = raw["body"]
    return Styles(
        agency=_style("agency", raw["agency"], alignment=TA_CENTER),
        title=_style("title", raw["title"], alignment=TA_CENTER, spaceAfter=4),
        number=_style("number", raw["number"], alignment=TA_RIGHT, spaceAfter=8),
        heading=_style("heading", raw["heading"], spaceBefore=8, spaceAfter=3, keepWithNext=1),
        body=_style("body", body, alignment=TA_JUSTIFY, firstLineIndent=2 * body["size"]),
        body_left=_style("body_left", body, alignment=TA_LEFT),
        right=_style("right", body, alignment=TA_RIGHT),
        small=_style("small", raw["small"], alignment=TA_LEFT),
        table=_style("table", raw["table"], alignment=TA_LEFT),
        table_head=_style("table_head", {**raw["table"], "font": "heading"}, alignment=TA_CENTER),
        raw=raw,
    )


@dataclass(frozen=True, slots=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float

    @classmethod
    def from_styles(cls, raw: dict[str, Any]) -> Margins:
        p = raw["page"]
        return cls(p["top_mm"] * mm, p["bottom_mm"] * mm, p["left_mm"] * mm, p["right_mm"] * mm)


@dataclass(slots=True)
class Furniture:
    """What every page gets once the page count is known."""

    margins: Margins
    footer: str  # with {page} and {pages}
    footer_size: float
    qr_value: str
    qr_size: float
    id_text: str
    watermark: dict[str, Any] | None = None
    # 现场笔录: every page carries the signatures: (label, images) per signer.
    signature_slots: tuple[tuple[str, tuple[bytes, ...]], ...] = ()
    signature_height: float = 10 * mm
    _qr_form: str | None = field(default=None, init=False)

    def _qr_form_name(self, canv: Canvas) -> str:
        """Encode the QR code once (reportlab's encoder) and keep it as a form XObject."""
        if self._qr_form is None:
            name = "FIqr"
            modules = qr_modules(self.qr_value)
            n = len(modules)
            border = 2
            box = self.qr_size / (n + 2 * border)
            canv.beginForm(name, lowerx=0, lowery=0, upperx=self.qr_size, uppery=self.qr_size)
            ops: list[str] = []
            for r, row in enumerate(modules):
                y = self.qr_size - (r + border + 1) * box
                c = 0
                for dark, run in itertools.groupby(row):
                    count = len(list(run))
                    if dark:
                        ops.append(
                            f"{(c + border) * box:.3f} {y:.3f} {count * box:.3f} {box:.3f} re"
                        )
                    c += count
            # One literal fill of all module runs: ~800 rects through Path objects cost
            # more than the rest of the page furniture.
            canv.addLiteral("0 g\n" + "\n".join(ops) + "\nf")
            canv.endForm()
            self._qr_form = name
        return self._qr_form

    def draw(self, canv: Canvas, page: int, pages: int) -> None:
        width, height = A4
        m = self.margins
        canv.saveState()
        if self.watermark:
            wm = self.watermark
            canv.setFillGray(float(wm.get("gray", 0.8)))
            canv.setFont(HEADING_FONT, float(wm.get("size", 60)))
            canv.translate(width / 2, height / 2)
            canv.rotate(float(wm.get("angle", 40)))
            canv.drawCentredString(0, 0, wm.get("text", "草稿 DRAFT"))
            canv.restoreState()
            canv.saveState()
        canv.setFillColor(colors.black)
        # QR code at the top right, inside the top margin.
        size = self.qr_size
        x = width - m.right - size
        y = height - m.top + 3 * mm
        form = self._qr_form_name(canv)
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(form)
        canv.restoreState()
        if self.signature_slots:
            base = m.bottom - 10 * mm
            x = m.left
            canv.setFont(BODY_FONT, 10)
            for label, images in self.signature_slots:
                canv.drawString(x, base, f"{label}：")
                x += canv.stringWidth(f"{label}：", BODY_FONT, 10) + 1 * mm
                used = 0.0
                for png in images:
                    used += _draw_image(canv, png, x + used, base - 2.5 * mm, self.signature_height)
                    used += 2 * mm
                x += max(used, 22 * mm) + 6 * mm
        # The document id on every page, in the footer where a seal never reaches.
        canv.setFont(BODY_FONT, 6)
        canv.drawRightString(width - m.right, 14 * mm, self.id_text)
        canv.setFont(BODY_FONT, self.footer_size)
        canv.drawCentredString(
            (m.left + width - m.right) / 2, 14 * mm, self.footer.format(page=page, pages=pages)
        )
        canv.restoreState()


def qr_modules(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``value`` as reportlab's QR encoder lays them out."""
    return qr_matrix(value, level)


class Para(Paragraph):
    """A Paragraph that lays out its lines once per width.

    reportlab wraps a table cell again for every table measure: a long table inside a
    heading's keep-with-next group, split across pages, wraps each cell three or four
    times at the same width. Line breaking of CJK text measures every character, so the
    repeats cost about a fifth of a 60-item record; the layout at a width never changes,
    so it is kept.
    """

    _memo: tuple[float, Any, list[float], float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth and not getattr(self, "_splitpara", 0):
            _, self.blPara, self._wrapWidths, self.height = memo
            self.width = availWidth
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= 1e-8 and hasattr(self, "blPara"):
            self._memo = (availWidth, self.blPara, self._wrapWidths, self.height)
        return width, height

    def _get_split_blParaFunc(self) -> Callable[[Any, int, int], list[Any]]:  # noqa: N802
        if self.style.wordWrap == "CJK" and self.blPara.kind == 1:
            return _split_cjk_lines
        return super()._get_split_blParaFunc()  # type: ignore[no-any-return]


def _split_cjk_lines(bl_para: Any, start: int, stop: int) -> list[Any]:
    """The fragments of lines ``start..stop`` of a CJK paragraph, for the part of it that
    goes on to the next page (or the next part of a table cell).

    reportlab's own joins every line to the next with a space, which is right where
    Latin lines broke at spaces; CJK text breaks between any two characters, and the
    part carried over (re-wrapped) then shows a space at every former line end. A space
    is put back only between two Latin letters or digits, where one was consumed.
    """
    frags: list[Any] = []
    for line in bl_para.lines[start:stop]:
        words = list(line.words)
        if frags and words and not getattr(frags[-1], "lineBreak", False):
            before, after = frags[-1].text, words[0].text
            if _latin(before[-1:]) and _latin(after[:1]):
                frags[-1] = frags[-1].clone(text=before + " ")
        frags.extend(words)
    return frags


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class RowSplitTable(Table):
    """A table whose rows may split across pages (``splitInRow``): a cell taller than a
    page (a 5,000-character note) flows on to the next page instead of failing the render.

    Short rows still move whole to the next page; a tall row (over ``TALL_ROW`` points)
    that does not fit is split where the page ends, its cells aligned to its top, rather
    than moved below a repeated header on the same page (what reportlab does when it
    splits by rows first).

    reportlab measures a cell being split at its column width, not at the width inside
    the cell's padding that it is drawn at; a paragraph split at the wider measure is
    re-broken when drawn and no longer fits the height it was given. The split is
    measured at the drawn width here.
    """

    TALL_ROW = 150.0  # points: about ten lines of table text

    _in_split_cell = False

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("splitInRow", 1)
        super().__init__(*args, **kw)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        fit = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        heights = self._rowHeights
        if fit < len(heights) and heights[fit] > self.TALL_ROW:
            # The row starts on this page: its short cells (number, title) print at its
            # top, not in the middle of its height, which may be pages further on.
            for style in self._cellStyles[fit]:
                if style.valign == "MIDDLE":
                    style.valign = "TOP"
            parts: list[Flowable] = self._splitRows(availHeight, doInRowSplit=1)
            if parts:
                return parts
        return list(super().split(availWidth, availHeight))

    def _splitCell(  # noqa: N802 - reportlab's name
        self, value: Any, style: Any, old_height: float, new_height: float, width: float
    ) -> Any:
        self._in_split_cell = True
        try:
            inner = width - style.leftPadding - style.rightPadding
            return super()._splitCell(value, style, old_height, new_height, inner)
        finally:
            self._in_split_cell = False

    def _listCellGeom(self, V: Any, w: float, s: Any, *args: Any, **kw: Any) -> Any:  # noqa: N802, N803
        if self._in_split_cell:  # _splitCell was given the inner width: do not take it twice
            w += s.leftPadding + s.rightPadding
        return super()._listCellGeom(V, w, s, *args, **kw)


class KeyedImage:
    """Image bytes that reportlab names by a content key instead of decoding them to hash.

    ``Canvas.drawImage`` hashes the decoded pixels of an ImageReader on every call; for
    anything else it hashes ``str(image)``. This wrapper gives a content key as its
    ``str`` and hands reportlab the ImageReader interface, so a JPEG passes through
    undecoded and an image drawn on every page is stored and named once.
    """

    def __init__(self, data: bytes) -> None:
        self.key = "fi-img-" + hashlib.sha1(data).hexdigest()
        self._reader = ImageReader(io.BytesIO(data))

    def __str__(self) -> str:
        return self.key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


class _Key:
    """What ``Canvas.drawImage`` is handed once the image object is registered: its key."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """An image as its PDF XObject needs it: JPEG bytes as they are (DCTDecode), or the
    pixels of anything else decoded and Flate-compressed once, with its alpha channel as
    a stencil mask (:class:`StencilMask`).
    Kept per content (SHA-256) so the seal, the inspectors' signatures and photos that
    recur across documents and pages are neither decoded nor compressed again."""

    key: str  # str() of the image for reportlab's naming: "fi-img-<sha1>"
    name: str  # the XObject name reportlab derives from the key and mask="auto"
    template: pdfdoc.PDFImageXObject
    size: tuple[int, int]


STENCIL_SCALE = 4  # mask pixels per image pixel along each side (see StencilMask)
STENCIL_MAX_SIDE = 4096  # ...unless the mask would be larger than this


class StencilMask(pdfdoc.PDFObject):
    """An image's alpha channel as a 1-bit mask (``/Mask``, PDF's explicit masking), not
    a soft mask (``/SMask``).

    A soft mask is transparency, which PostScript has not: CUPS's PostScript step
    (Ghostscript's ``ps2write``, used for most printer drivers and by cups-pdf) then
    rasterises the whole page, and a page with a signature or the seal reaches the
    printer as a picture, its text gone (a printed file with no text; on paper, text as
    sharp as the raster). A 1-bit mask is plain PostScript (an ImageType 3 image): the
    page stays vector. The mask has ``STENCIL_SCALE`` times the image's pixels each way
    (1000-2000 dpi at the sizes signatures and seals are drawn), the alpha channel
    smoothed up to it and cut at half coverage, so the strokes' anti-aliased edges stay
    smooth at any printer's resolution (dithering instead looked grainy on screen); what
    is under the image (the agency name and date under the seal) still shows wherever
    the ink is not. Ink less than half opaque (the faint rim of a scanned seal) is left
    out rather than blended: a printer prints no partial transparency either.
    """

    def __init__(self, alpha: Any) -> None:  # a PIL "L" image
        from PIL import Image

        w, h = alpha.size
        scale = max(1, min(STENCIL_SCALE, STENCIL_MAX_SIDE // max(w, h, 1)))
        if scale > 1:
            alpha = alpha.resize((w * scale, h * scale), Image.Resampling.BILINEAR)
        # Sample 0 paints the image, 1 masks it out (the Decode array's default [0 1]).
        cut = alpha.point(lambda v: 0 if v >= 128 else 255)
        bits = cut.convert("1", dither=Image.Dither.NONE)
        self.width, self.height = bits.size
        data = bits.tobytes()
        self.name = "fi-mask-" + hashlib.sha1(data).hexdigest()
        self.content = zlib.compress(data)

    def format(self, document: Any) -> bytes:
        stream = pdfdoc.PDFStream(content=self.content)
        d = stream.dictionary
        d["Type"] = pdfdoc.PDFName("XObject")
        d["Subtype"] = pdfdoc.PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["ImageMask"] = pdfdoc.PDFtrue
        d["BitsPerComponent"] = 1
        d["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        d["Length"] = len(self.content)
        return stream.format(document)


class MaskedImageXObject(pdfdoc.PDFImageXObject):
    """reportlab's image XObject, with the alpha channel as a :class:`StencilMask`."""

    stencil: Any = None  # the reference to the registered StencilMask, once drawn

    def _checkTransparency(self, im: Any) -> None:
        alpha = getattr(im, "_dataA", None)
        if self.mask == "auto" and alpha is not None:
            self.mask = None
            self._stencil = StencilMask(alpha._image)
        else:
            super()._checkTransparency(im)

    def format(self, document: Any) -> bytes:
        if self.stencil is None:
            return super().format(document)
        # reportlab's PDFImageXObject.format (5.x), for an RGB or grey image, plus /Mask.
        stream = pdfdoc.PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = pdfdoc.PDFName("XObject")
        d["Subtype"] = pdfdoc.PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = self.bitsPerComponent
        d["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
        if getattr(self, "_decode", None):
            d["Decode"] = pdfdoc.PDFArray(self._decode)
        d["Filter"] = pdfdoc.PDFArray(map(pdfdoc.PDFName, self._filters))
        d["Length"] = len(self.streamContent)
        d["Mask"] = self.stencil
        return stream.format(document)


_PREPARED: OrderedDict[str, PreparedImage] = OrderedDict()
_PREPARED_MAX = 64
_PREPARED_LOCK = threading.Lock()


def prepared_image(data: bytes) -> PreparedImage:
    digest = hashlib.sha256(data).hexdigest()
    with _PREPARED_LOCK:
        hit = _PREPARED.get(digest)
        if hit is not None:
            _PREPARED.move_to_end(digest)
            return hit
    try:
        keyed = KeyedImage(data)
        name = _digester(f"{keyed.key}auto")
        template = MaskedImageXObject(name, keyed, mask="auto")
    except Exception as exc:  # Pillow's and reportlab's errors for bad image bytes vary
        raise DocumentError(
            f"An image in the document ({digest[:12]}…) cannot be read "
            f"({type(exc).__name__}). Replace the photo or signature."
        ) from exc
    prepared = PreparedImage(keyed.key, name, template, (template.width, template.height))
    with _PREPARED_LOCK:
        _PREPARED[digest] = prepared
        while len(_PREPARED) > _PREPARED_MAX:
            _PREPARED.popitem(last=False)
    return prepared


def clear_image_cache() -> None:
    with _PREPARED_LOCK:
        _PREPARED.clear()


def _register(canv: Canvas, p: PreparedImage) -> None:
    """What ``Canvas.drawImage`` does the first time it meets an image in a document,
    with a copy of the prepared XObject instead of decoding and compressing again."""
    doc = canv._doc
    reg_name = doc.getXObjectName(p.name)
    if doc.idToObject.get(reg_name) is not None:
        return
    img = copy.copy(p.template)
    img.name = p.name
    stencil = getattr(img, "_stencil", None)
    canv._setXObjects(img)
    doc.Reference(img, reg_name)
    doc.addForm(p.name, img)
    if stencil is not None:
        m_reg_name = doc.getXObjectName(stencil.name)
        if doc.idToObject.get(m_reg_name) is None:
            # A copy: Reference marks the object it registers, and the prepared one
            # serves every document.
            img.stencil = doc.Reference(copy.copy(stencil), m_reg_name)
        else:
            img.stencil = pdfdoc.PDFObjectReference(m_reg_name)
        del img._stencil


def image_size(data: bytes) -> tuple[int, int]:
    """Pixel size of image bytes."""
    return prepared_image(data).size


def draw_image(canv: Canvas, data: bytes, x: float, y: float, w: float, h: float) -> None:
    p = prepared_image(data)
    _register(canv, p)
    # Found registered under the same name, drawImage only places it.
    canv.drawImage(_Key(p.key), x, y, w, h, mask="auto")


def _draw_image(canv: Canvas, data: bytes, x: float, y: float, height: float) -> float:
    iw, ih = image_size(data)
    w = height * iw / ih
    draw_image(canv, data, x, y, w, height)
    return w


class Picture(Flowable):
    """An image of a fixed size, drawn through :class:`KeyedImage`."""

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self.data, self.width, self.height = data, width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_image(self.canv, self.data, 0, 0, self.width, self.height)


def fixed_timestamp(canv: Canvas, at: datetime) -> None:
    """Make the PDF's creation date ``at`` (invariant mode otherwise prints 2000-01-01)."""
    ts = canv._doc._timeStamp  # reportlab has no public setter; invariant mode must be on
    ts.YMDhms = (at.year, at.month, at.day, at.hour, at.minute, at.second)
    offset = at.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    ts.dhh, ts.dmm = int(minutes / 60), abs(minutes) % 60


def canvas_maker(furniture: Furniture, issued_at: datetime) -> Callable[..., Canvas]:
    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any) -> None:
            kw["invariant"] = 1
            # Otherwise every page references (unembedded) Helvetica as its initial font.
            kw["initialFontName"] = BODY_FONT
            super().__init__(*args, **kw)
            fixed_timestamp(self, issued_at)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                furniture.draw(self, self._pageNumber, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return PagedCanvas


class SealBlock(Flowable):
    """Agency name and date at the right, the seal over them (section 10 of a decision)."""

    def __init__(
        self,
        agency: str,
        date_text: str,
        seal: bytes | None,
        seal_size: float,
        style: ParagraphStyle,
    ):
        super().__init__()
        self.agency, self.date_text, self.seal = agency, date_text, seal
        self.seal_size, self.style = seal_size, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        # The seal may stand out above and below the block, as a real seal over text
        # does; only ~70% of it takes space, so a short notice keeps to one page. Without
        # an image the seal is stamped by hand over the name and date.
        if self.seal:
            self.height = max(self.seal_size * 0.7, 3 * self.style.leading) + 2 * mm
        else:
            self.height = 2.5 * self.style.leading + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        s = self.style
        right = self.width - 8 * mm
        c.setFont(s.fontName, s.fontSize)
        mid = self.height / 2
        c.drawRightString(right, mid + 2, self.agency)
        c.drawRightString(right, mid - s.leading, self.date_text)
        if self.seal:
            w = max(c.stringWidth(self.agency, s.fontName, s.fontSize), 30 * mm)
            cx = right - w / 2
            size = self.seal_size
            draw_image(c, self.seal, cx - size / 2, mid - size / 2, size, size)
