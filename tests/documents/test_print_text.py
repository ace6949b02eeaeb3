"""A document keeps its text through a printer's PostScript step.

CUPS hands most printer drivers, and Debian's cups-pdf, PostScript made by Ghostscript
(``ps2write``) from the PDF; cups-pdf makes a PDF of it again (``pdfwrite``). PostScript
has no transparency and its fonts no ``ToUnicode``: a soft-masked signature made the
whole page a picture, and unnamed glyphs came back as Mac Roman letters. The documents
mask their images with a 1-bit stencil and name their glyphs (``uni6DF1``), and the
round trip below, the queue's default one, gives back every character.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from inspector_app.documents import render_pdf
from inspector_app.documents.fonts import glyph_name
from inspector_app.documents.layout import STENCIL_SCALE, StencilMask
from inspector_app.documents.samples import signature_png
from inspector_app.domain.entities import DocumentKind

from .helpers import squash


def _fonts(pdf: bytes) -> dict[str, dict]:
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def _table(program: bytes, tag: bytes) -> bytes:
    (count,) = struct.unpack_from(">H", program, 4)
    for i in range(count):
        name, _sum, offset, length = struct.unpack_from(">4sLLL", program, 12 + 16 * i)
        if name == tag:
            return program[offset : offset + length]
    raise KeyError(tag)


def _post_names(post: bytes) -> list[str]:
    assert post[:4] == b"\x00\x02\x00\x00"  # format 2: glyph names
    (glyphs,) = struct.unpack_from(">H", post, 32)
    index = struct.unpack_from(f">{glyphs}H", post, 34)
    pos, strings = 34 + 2 * glyphs, []
    while pos < len(post):
        n = post[pos]
        strings.append(post[pos + 1 : pos + 1 + n].decode("ascii"))
        pos += 1 + n
    return [".notdef" if i == 0 else strings[i - 258] for i in index]


def test_every_glyph_is_named_after_its_character(docs, settings) -> None:
    pdf = render_pdf(docs[DocumentKind.ONSITE_RECORD], settings)
    fonts = _fonts(pdf)
    assert len(fonts) >= 2
    for base, font in fonts.items():
        program = font["/FontDescriptor"]["/FontFile2"].get_data()
        names = _post_names(_table(program, b"post"))
        cmap = _table(program, b"cmap")
        (offset,) = struct.unpack_from(">L", cmap, 8)
        _fmt, _len, _lang, first, count = struct.unpack_from(">5H", cmap, offset)
        gids = struct.unpack_from(f">{count}H", cmap, offset + 10)
        tounicode = font["/ToUnicode"].get_data().decode()
        chars = {
            int(c, 16): int(u, 16)
            for c, u in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4,6})>", tounicode)
        }
        named = 0
        for code, gid in enumerate(gids, first):
            if chars.get(code) and gid:
                assert names[gid] == glyph_name(chars[code]), (base, code)
                named += 1
        assert named >= 10, base


def test_glyph_names_past_the_bmp() -> None:
    assert glyph_name(0x6DF1) == "uni6DF1"
    assert glyph_name(0x41) == "uni0041"
    assert glyph_name(0x20B9F) == "u20B9F"


def test_images_with_alpha_have_a_stencil_mask_not_a_soft_mask(docs, settings) -> None:
    pdf = render_pdf(docs[DocumentKind.ONSITE_RECORD], settings)
    assert b"/SMask" not in pdf
    masked = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for xobj in page["/Resources"]["/XObject"].values():
            image = xobj.get_object()
            if "/Mask" not in image:
                continue
            mask = image["/Mask"].get_object()
            assert bool(mask["/ImageMask"])
            assert mask["/Width"] == image["/Width"] * STENCIL_SCALE
            assert mask["/Height"] == image["/Height"] * STENCIL_SCALE
            masked += 1
    assert masked  # the signatures


def test_the_stencil_paints_the_ink_and_leaves_the_paper() -> None:
    png = Image.open(io.BytesIO(signature_png("李明轩")))
    alpha = png.getchannel("A")
    stencil = StencilMask(alpha)
    bits = Image.frombytes("1", (stencil.width, stencil.height), zlib.decompress(stencil.content))
    painted = bits.convert("L").point(lambda v: 255 - v).resize(alpha.size, Image.Resampling.BOX)
    # Sample 0 paints: where the signature's ink is (alpha at least half), and only there.
    ink = [a >= 128 for a in alpha.tobytes()]
    cover = [p >= 128 for p in painted.tobytes()]
    agree = sum(a == c for a, c in zip(ink, cover, strict=True)) / len(ink)
    assert sum(ink) > 100 and agree > 0.98


needs_gs = pytest.mark.skipif(
    not (shutil.which("gs") and shutil.which("pdftotext")),
    reason="Ghostscript and pdftotext (poppler-utils) are needed",
)


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return squash(done.stdout.decode("utf-8"))


def _through_postscript(pdf: Path, out: Path) -> None:
    """What Debian's CUPS does to a job for cups-pdf (and, up to the PostScript, for a
    PostScript printer): the pdftops filter's Ghostscript command, then cups-pdf's."""
    ps = out.with_suffix(".ps")
    gs = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER"]
    subprocess.run(
        [*gs, "-sDEVICE=ps2write", "-dLanguageLevel=2", "-r300", "-dCompressFonts=false"]
        + ["-dNoT3CCITT", "-dNOINTERPOLATE", f"-sOutputFile={ps}", str(pdf)],
        check=True,
        timeout=120,
    )
    subprocess.run([*gs, "-sDEVICE=pdfwrite", f"-sOutputFile={out}", str(ps)], check=True)


@needs_gs
@pytest.mark.parametrize(
    "kind",
    [DocumentKind.ONSITE_RECORD, DocumentKind.SUMMARY_PENALTY_DECISION],
    ids=lambda k: k.value,
)
def test_the_text_survives_the_postscript_round_trip(docs, settings, tmp_path, kind) -> None:
    doc = docs[kind]
    original = tmp_path / "original.pdf"
    original.write_bytes(render_pdf(doc, settings))
    printed = tmp_path / "printed.pdf"
    _through_postscript(original, printed)
    text = _text(printed)
    number = doc.header.number
    assert number is not None
    assert f"{number.type_code}〔{number.year}〕{number.seq}号" in text
    assert text == _text(original)  # every character, in order
