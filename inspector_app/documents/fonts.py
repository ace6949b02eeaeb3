"""The CJK fonts every document embeds, shipped in resources/fonts with their licences."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from inspector_app.paths import resource

BODY_FONT = "FISong"  # AR PL SungtiL GB: a Song (宋体) style body face
HEADING_FONT = "FIHei"  # WenQuanYi Micro Hei: a Hei (黑体) style heading face


@dataclass(frozen=True, slots=True)
class FontFile:
    name: str
    filename: str
    subfont_index: int = 0


FONT_FILES = (
    FontFile(BODY_FONT, "gbsn00lp.ttf"),
    FontFile(HEADING_FONT, "wqy-microhei.ttc", 0),
)


@cache
def register_fonts() -> tuple[str, str]:
    """Register the body and heading fonts with reportlab once; returns their names."""
    for font in FONT_FILES:
        path = resource("fonts", font.filename)
        if not path.is_file():
            raise FileNotFoundError(f"Font file missing: {path}. Reinstall Field Inspector.")
        pdfmetrics.registerFont(TTFont(font.name, str(path), subfontIndex=font.subfont_index))
    return BODY_FONT, HEADING_FONT


def covers(font_name: str, text: str) -> bool:
    """True when every character of ``text`` has a glyph in the registered font."""
    face = pdfmetrics.getFont(font_name).face
    cmap = face.charToGlyph
    return all(ord(ch) in cmap for ch in text if not ch.isspace())
