"""Text into reportlab paragraph markup: always escaped, with a font fallback for rare glyphs.

Every string that comes from a user or from data enters a Paragraph through
:func:`text`, so ``<b>``, ``&``, ``<font>`` or ``]]>`` in a note prints literally.
Characters the Song body font lacks (it covers GB 2312) are set in the Hei font,
which covers far more, so no glyph prints as an empty box.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from inspector_app.documents.fonts import HEADING_FONT, register_fonts


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def text(value: object, font: str | None = None) -> str:
    """``value`` as literal paragraph text; runs the font lacks switch to the Hei font."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if font is None or font == HEADING_FONT:
        return escape(s).replace("\n", "<br/>")
    have = _glyphs(font)
    if all(ord(ch) in have or ch.isspace() for ch in s):
        return escape(s).replace("\n", "<br/>")
    fallback = _glyphs(HEADING_FONT)
    out: list[str] = []
    run: list[str] = []
    run_fallback = False
    for ch in s:
        needs = not ch.isspace() and ord(ch) not in have and ord(ch) in fallback
        if needs != run_fallback and run:
            out.append(_emit("".join(run), run_fallback))
            run = []
        run_fallback = needs
        run.append(ch)
    if run:
        out.append(_emit("".join(run), run_fallback))
    return "".join(out).replace("\n", "<br/>")


def covered(s: str, font: str) -> bool:
    """True when ``font`` has a glyph for every non-space character of ``s``."""
    have = _glyphs(font)
    return all(ord(ch) in have or ch.isspace() for ch in s)


def _emit(chunk: str, fallback: bool) -> str:
    body = escape(chunk)
    return f'<font name="{HEADING_FONT}">{body}</font>' if fallback else body
