"""A photo offered as evidence: checked whole, and its copy for documents made once.

The original is the evidence: its bytes and SHA-256 are what sync uploads and what a
record names, untouched. Documents print a copy instead, made at import: the long side
at most the ``photo_long_side`` setting's pixels (``COPY_LONG_SIDE`` by default),
turned upright by its EXIF orientation (a PDF shows a JPEG's pixels as stored, so a
camera photo taken upright would otherwise print on its side), JPEG at ``COPY_QUALITY``.
Six camera photos then weigh a few hundred kilobytes in a 现场笔录 instead of twenty
megabytes.

The copy is not synced. It is a pure function of the original (and of the Pillow
version), and every laptop that can see a record downloads its originals, so a
teammate's laptop makes its own copy the first time a document needs it
(:func:`document_image`). Syncing it would add an upload on the slow link of a site
visit and a second blob each record would have to name, for bytes anyone can rebuild.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from inspector_app.services.errors import InvalidInput
from inspector_app.services.messages import Text
from inspector_app.services.settings import BY_KEY
from inspector_app.sync.limits import MAX_BLOB_BYTES  # not .protocol: no pydantic

log = logging.getLogger(__name__)

#: Longest side of the copy printed in documents, unless the ``photo_long_side`` setting
#: (``Profile.photo_long_side``) says otherwise: its declared default.
COPY_LONG_SIDE: int = BY_KEY["photo_long_side"].default
COPY_QUALITY = 80
#: An upright JPEG or PNG within the copy's size and this many bytes is its own copy.
COPY_KEEP_BYTES = 300_000
#: Pillow's own bound: beyond it a few kilobytes can unpack into gigabytes (a
#: decompression bomb). 89 megapixels is seven times a 12-megapixel camera's photo.
MAX_PHOTO_PIXELS = int(Image.MAX_IMAGE_PIXELS or 89_478_485)

_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_EXIF_ORIENTATION = 0x0112
EMPTY = Text(
    "photos.empty",
    en="The photo file is empty. Take the photo again.",
    zh="照片文件是空的，请重新拍摄。",
)
TOO_BIG = Text(
    "photos.too_big",
    en="The photo is {size}; photos of at most {limit} can be synced. Take it again at a "
    "lower resolution or quality setting, or export a smaller copy of it, and attach that.",
    zh="照片大小为 {size}，可同步的照片最大为 {limit}。请降低分辨率或画质重新拍摄，"
    "或导出较小的副本后再添加。",
)
NOT_A_PHOTO = Text(
    "photos.not_a_photo",
    en="This file is not a JPEG or PNG photo. Choose a photo file.",
    zh="该文件不是 JPEG 或 PNG 照片，请选择照片文件。",
)
DAMAGED = Text(
    "photos.damaged",
    en="The photo file is damaged ({why}). Take the photo again or choose another file.",
    zh="照片文件已损坏（{why}），请重新拍摄或选择其他文件。",
)
PIXELS = Text("photos.pixels", en=" ({w} × {h} pixels)", zh="（{w} × {h} 像素）")
TOO_MANY_PIXELS = Text(
    "photos.too_many_pixels",
    en="The image is too large{size}; photos of at most {limit} megapixels are accepted. "
    "Choose a camera photo.",
    zh="图像过大{size}，只接受不超过 {limit} 百万像素的照片。请选择相机拍摄的照片。",
)


@dataclass(frozen=True, slots=True)
class CheckedPhoto:
    mime: str
    width: int  # as stored (before any EXIF turn)
    height: int
    copy: bytes | None  # the document copy; None when the original serves as its own


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_photo(data: bytes, *, long_side: int = COPY_LONG_SIDE) -> CheckedPhoto:
    """Refuse what cannot be evidence, with a message saying what to do; decode the
    whole image (a truncated file is refused, not embedded damaged) and make its copy
    (at most ``long_side`` pixels long).

    Refused: an empty file, one over the sync limit (the server could never take it),
    anything but JPEG or PNG, a damaged or truncated file, and an image of more than
    ``MAX_PHOTO_PIXELS`` pixels.
    """
    if not data:
        raise InvalidInput(EMPTY)
    if len(data) > MAX_BLOB_BYTES:
        raise InvalidInput(TOO_BIG, size=megabytes(len(data)), limit=megabytes(MAX_BLOB_BYTES))
    if not data.startswith(_MAGIC):
        raise InvalidInput(NOT_A_PHOTO)
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            width, height = image.size
            if fmt not in _FORMATS:
                raise InvalidInput(NOT_A_PHOTO)
            if width * height > MAX_PHOTO_PIXELS:
                raise _too_many_pixels(width, height)
            copy = _document_copy(image, len(data), long_side)
    except Image.DecompressionBombError:
        # Pillow refuses past twice its bound while reading the header.
        raise _too_many_pixels(0, 0) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InvalidInput(DAMAGED, why=str(exc)) from exc
    return CheckedPhoto(_FORMATS[fmt], width, height, copy)


def make_document_copy(data: bytes, *, long_side: int = COPY_LONG_SIDE) -> bytes:
    """The document copy of photo bytes already accepted (older rows, downloaded photos).

    Raises the decoder's error for bytes that are not a readable photo.
    """
    with Image.open(io.BytesIO(data)) as image:
        if image.size[0] * image.size[1] > MAX_PHOTO_PIXELS:
            raise Image.DecompressionBombError(f"{image.size} is too many pixels")
        copy = _document_copy(image, len(data), long_side)
    return data if copy is None else copy


def _too_many_pixels(width: int, height: int) -> InvalidInput:
    size = PIXELS.bind(w=width, h=height) if width else ""
    return InvalidInput(TOO_MANY_PIXELS, size=size, limit=MAX_PHOTO_PIXELS // 1_000_000)


def _document_copy(image: Image.Image, n_bytes: int, long_side: int) -> bytes | None:
    """Decode every pixel (so truncation shows) and return the copy, or None when the
    original is already small, upright and light enough to print as it is."""
    width, height = image.size
    orientation = image.getexif().get(_EXIF_ORIENTATION, 1)
    scale = min(1.0, long_side / max(width, height, 1))
    if image.format == "JPEG" and scale < 1:
        # Let libjpeg decode at 1/2, 1/4 or 1/8 size: it still reads every byte, so a
        # truncated file fails all the same, in a fraction of the time and memory.
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    image.load()
    keep = (
        scale == 1
        and orientation in (None, 1)
        and n_bytes <= COPY_KEEP_BYTES
        and image.mode in ("RGB", "L", "RGBA", "LA", "P")
    )
    if keep:
        return None
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    _flat_rgb(upright).save(out, format="JPEG", quality=COPY_QUALITY, optimize=True)
    return out.getvalue()


def _flat_rgb(image: Image.Image) -> Image.Image:
    """RGB on white: a transparent PNG prints as it looks on screen, a CMYK JPEG as RGB."""
    if image.mode in ("RGB", "L"):
        return image.convert("RGB") if image.mode == "L" else image
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


__all__ = [
    "COPY_LONG_SIDE",
    "COPY_QUALITY",
    "MAX_PHOTO_PIXELS",
    "CheckedPhoto",
    "check_photo",
    "make_document_copy",
    "megabytes",
]
