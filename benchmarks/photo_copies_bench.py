"""Photos in documents: a 60-item 现场笔录 with six 12-megapixel camera photos, printed
from the originals (as before) and from the copies made at import; prints JSON lines
{"name", "value", "unit"}.

    .venv/bin/python benchmarks/photo_copies_bench.py [--runs 5] [--out DIR]

The photos are made to behave like a phone camera's: 4000 × 3000, a lit scene of shelves
and labelled boxes (edges and text at several sizes), lens softness, sensor grain, JPEG
quality 92 with 4:2:0 chroma, half of them stored on their side with EXIF orientation 6
(as phones write them). Flat colours would compress to nothing and flatter both sides.

- ``originals.pdf_size`` is the baseline (the JPEG passes into the PDF as it is);
  ``copies.pdf_size`` the same record through ``services.photos.check_photo`` copies;
  the goal is under 2 MB;
- ``copy_ms_p50``: making one copy at import (decode at reduced size, turn upright,
  resample, encode), median over every photo and run;
- render p50 of the record either way (the smaller images are also cheaper to write).

``--out DIR`` keeps both PDFs to look at, e.g. ``pdftoppm -png -r 150 -f N -l N``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from documents_bench import record_60  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

from inspector_app.documents import render_pdf  # noqa: E402
from inspector_app.paths import resource  # noqa: E402
from inspector_app.services.photos import check_photo  # noqa: E402

SIZE = (4000, 3000)
LABELS = ("保质期至2025年01月15日", "生产日期2024.07.03", "冷藏 0-4℃", "批号 A240703-2", "净含量")


def emit(name: str, value: float | bool | None, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}, ensure_ascii=False), flush=True)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", "wqy-microhei.ttc")), size, index=0)


def camera_photo(seed: int, size: tuple[int, int] = SIZE) -> bytes:
    """A 12-megapixel JPEG as a phone camera would write it (see the module docstring)."""
    rng = random.Random(seed)
    w, h = size
    light = Image.effect_noise((w // 200, h // 200), 40).resize(size, Image.Resampling.BICUBIC)
    tint = tuple(rng.randint(150, 230) for _ in range(3))
    scene = Image.merge("RGB", [light.point(lambda v, t=t: min(255, v * t // 160)) for t in tint])
    draw = ImageDraw.Draw(scene)
    for shelf in range(4):  # shelves, each with a row of boxes
        y = h * (shelf + 1) // 5
        draw.rectangle((0, y, w, y + 40), fill=(90, 80, 70))
        x = rng.randint(0, 120)
        while x < w - 200:
            bw, bh = rng.randint(250, 520), rng.randint(300, h // 5 - 80)
            colour = tuple(rng.randint(30, 230) for _ in range(3))
            draw.rectangle((x, y - bh, x + bw, y), fill=colour, outline=(20, 20, 20), width=6)
            label = LABELS[rng.randrange(len(LABELS))]
            size_px = rng.choice((28, 40, 64))
            draw.rectangle((x + 15, y - bh + 20, x + bw - 15, y - bh + 40 + size_px), fill="white")
            draw.text((x + 22, y - bh + 28), label, font=_font(size_px), fill=(0, 0, 0))
            x += bw + rng.randint(10, 60)
    # A large price card: what an inspector photographs to be read in the record.
    card = (w // 3, h // 12, 2 * w // 3, h // 12 + 420)
    draw.rectangle(card, fill="white", outline="black", width=8)
    draw.text((w // 3 + 40, h // 12 + 40), "保质期至2025年01月15日", font=_font(150), fill="black")
    draw.text((w // 3 + 40, h // 12 + 230), f"货架第{seed}层 过期食品", font=_font(120), fill="red")
    scene = scene.filter(ImageFilter.GaussianBlur(0.8))  # lens and demosaicing softness
    # Surface texture and sensor grain: what makes a real photo weigh 3-5 MB.
    texture = Image.effect_noise((w // 3, h // 3), 60).resize(size, Image.Resampling.BILINEAR)
    scene = Image.blend(scene, Image.merge("RGB", [texture] * 3), 0.18)
    grain = Image.effect_noise(size, 30).convert("RGB")
    scene = Image.blend(scene, grain, 0.16)
    exif = Image.Exif()
    exif[0x0112] = 1
    if seed % 2:  # stored on its side, shown upright by its EXIF orientation
        scene = scene.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    out = io.BytesIO()
    scene.save(out, format="JPEG", quality=92, subsampling=2, exif=exif)
    return out.getvalue()


def with_photos(doc, images: list[bytes]):  # type: ignore[no-untyped-def]
    photos = tuple(replace(p, image=img) for p, img in zip(doc.header.photos, images, strict=True))
    return replace(doc, header=replace(doc.header, photos=photos))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep originals.pdf and copies.pdf here")
    args = parser.parse_args()
    runs = max(args.runs, 1)

    originals = [camera_photo(seed) for seed in range(1, 7)]
    emit("camera_photo.size_p50", round(statistics.median(map(len, originals)) / 1024, 1), "KiB")
    copy_ms: list[float] = []
    copies: list[bytes] = []
    for _ in range(runs):
        copies = []
        for data in originals:
            t = time.perf_counter()
            checked = check_photo(data)
            copy_ms.append((time.perf_counter() - t) * 1000)
            copies.append(data if checked.copy is None else checked.copy)
    emit("copy_ms_p50", round(statistics.median(copy_ms), 1), "ms")
    emit("copy.size_p50", round(statistics.median(map(len, copies)) / 1024, 1), "KiB")

    doc, settings = record_60()
    for name, images in (("originals", originals), ("copies", copies)):
        record = with_photos(doc, images)
        pdf = render_pdf(record, settings)  # warm-up
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            render_pdf(record, settings)
            times.append((time.perf_counter() - t) * 1000)
        key = f"onsite_record_60_items_6_photos.{name}"
        emit(f"{key}.pdf_size", round(len(pdf) / 1024, 1), "KiB")
        emit(f"{key}.render_p50", round(statistics.median(times), 1), "ms")
        if name == "copies":
            emit(f"{key}.goal_under_2MB", len(pdf) < 2 * 1024 * 1024, "met")
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{name}.pdf").write_bytes(pdf)


if __name__ == "__main__":
    main()
