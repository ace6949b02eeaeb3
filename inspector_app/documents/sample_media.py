"""Deterministic stand-ins for signatures and photos (the demo, the self-test, benchmarks)."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from inspector_app.paths import resource


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", "wqy-microhei.ttc")), size, index=0)


def signature_png(name: str) -> bytes:
    """A handwriting-like signature of ``name``: slanted dark-blue strokes, transparent PNG."""
    w, h = 60 * max(len(name), 2) + 40, 90
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    tile = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((20, 10), name, font=_font(58), fill=(20, 30, 110, 255))
    tile = tile.transform(
        (w, h), Image.Transform.AFFINE, (1, 0.25, -12, 0, 1, 0), resample=Image.Resampling.BICUBIC
    )
    img.alpha_composite(tile)
    draw = ImageDraw.Draw(img)
    draw.line([(15, h - 14), (w // 2, h - 8), (w - 10, h - 18)], fill=(20, 30, 110, 255), width=3)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def photo_jpeg(caption: str, seed: int, size: tuple[int, int] = (800, 600)) -> bytes:
    """A stand-in evidence photo: a coloured scene with the caption written on it."""
    w, h = size
    base = ((seed * 53) % 120 + 90, (seed * 97) % 120 + 90, (seed * 31) % 120 + 90)
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    for i in range(0, w, 40):
        shade = tuple(max(0, c - (i * 60) // w) for c in base)
        draw.rectangle((i, h // 2, i + 38, h - 1), fill=shade)
    draw.rectangle((40, 40, w - 40, 150), fill=(255, 255, 255))
    draw.text((60, 70), caption[:18], font=_font(40), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()
