"""Draw a sample round seal (a red ring, a star, the agency name on an arc, "样章").

Used once to make resources/documents/seal-sample.png and by agencies without a seal
scan to test their settings. A real seal is a scan the agency puts in its settings
folder; this one says 样章 (sample) so it can never pass for a real one.

    python -m inspector_app.documents.seal resources/documents/seal-sample.png
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from inspector_app.paths import resource

RED = (200, 16, 30, 235)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw_sample_seal(agency_name: str, size: int = 360, label: str = "样章") -> bytes:
    """A transparent PNG of a round seal bearing ``agency_name``; deterministic bytes."""
    font_path = str(resource("fonts", "wqy-microhei.ttc"))
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    ring = size * 0.035
    draw.ellipse(
        (ring / 2, ring / 2, size - ring / 2, size - ring / 2), outline=RED, width=int(ring)
    )
    draw.polygon(_star(c, c, size * 0.17), fill=RED)

    # The name runs clockwise along the top arc, each character upright to the centre.
    n = len(agency_name)
    char_px = int(size * 0.11)
    font = ImageFont.truetype(font_path, char_px, index=0)
    span = min(240.0, 18.0 * n)  # degrees of arc used
    radius = c - ring - char_px * 0.75
    for i, ch in enumerate(agency_name):
        angle_deg = -90 - span / 2 + span * (i + 0.5) / n
        a = math.radians(angle_deg)
        tile = Image.new("RGBA", (char_px * 2, char_px * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((char_px, char_px), ch, font=font, fill=RED, anchor="mm")
        tile = tile.rotate(-(angle_deg + 90), resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(a) - char_px
        y = c + radius * math.sin(a) - char_px
        img.alpha_composite(tile, (int(round(x)), int(round(y))))

    small = ImageFont.truetype(font_path, int(size * 0.1), index=0)
    draw.text((c, c + size * 0.28), label, font=small, fill=RED, anchor="mm")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover - a one-off tool
    target = Path(sys.argv[1])
    name = sys.argv[2] if len(sys.argv) > 2 else "深圳市市场监督管理局福田监管局"
    target.write_bytes(draw_sample_seal(name))
    print(f"wrote {target} ({target.stat().st_size} bytes)")
