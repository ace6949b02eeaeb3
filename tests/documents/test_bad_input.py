"""Input a person can give that once broke rendering: a note longer than a page, a
character that is not text, an image that cannot be read. Each is a clear error or a
document that prints all of it."""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image

from inspector_app.documents import DocumentError, render_pdf
from inspector_app.domain.entities import DocumentKind

from .helpers import page_count, pdf_text

# A 5,000-character note: a row far taller than a page (it failed from ~600 characters).
NOTE = ("货架第三层发现过期食品，生产日期为二〇二五年一月，保质期十二个月，已责令下架。" * 130)[
    :5000
]


def _with_note(doc, n: int, note: str):  # type: ignore[no-untyped-def]
    items = list(doc.content.items)
    items[n] = replace(items[n], note=note)
    return replace(doc, content=replace(doc.content, items=tuple(items)))


def test_a_note_longer_than_a_page_flows_on_to_the_next_pages(docs, settings) -> None:
    doc = _with_note(docs[DocumentKind.ONSITE_RECORD], 2, NOTE)
    pdf = render_pdf(doc, settings)
    text = pdf_text(pdf)
    # Every character, in order, with no space added where a page or line broke it
    # (page furniture and the repeated table header set aside).
    w = settings.wording["onsite_record"]
    signers = "".join(f"{label}：" for label in w["page_signatures"])
    columns = "".join(w["items_columns"])
    flowing = re.sub(rf"{signers}(?:核验码)?{doc.header.id}第\d+页共\d+页{columns}", "", text)
    assert NOTE in flowing
    assert page_count(pdf) >= page_count(render_pdf(docs[DocumentKind.ONSITE_RECORD], settings)) + 4
    last = doc.content.items[-1]
    assert last.title in text  # the rows after it are all there


@pytest.mark.parametrize("char", ["\ud800", "\udcff", "\x00"])
def test_a_character_that_is_not_text_is_a_clear_error(docs, settings, char: str) -> None:
    doc = _with_note(docs[DocumentKind.ONSITE_RECORD], 3, f"过期{char}食品")
    with pytest.raises(DocumentError) as caught:
        render_pdf(doc, settings)
    message = str(caught.value)
    assert "content.items[3].note" in message and "position 3" in message
    assert f"U+{ord(char):04X}" in message


def test_an_image_that_cannot_be_read_is_a_clear_error(docs, settings) -> None:
    # A PNG whose header claims 900 megapixels: a decompression bomb to any reader.
    out = io.BytesIO()
    Image.new("1", (1, 1)).save(out, format="PNG")
    bomb = bytearray(out.getvalue())
    ihdr = bomb.index(b"IHDR")
    bomb[ihdr + 4 : ihdr + 12] = struct.pack(">II", 30000, 30000)
    bomb[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(bomb[ihdr : ihdr + 17])))
    doc = docs[DocumentKind.ONSITE_RECORD]
    officer = replace(doc.header.inspectors[0], signature=bytes(bomb))
    bad = replace(doc, header=replace(doc.header, inspectors=(officer, *doc.header.inspectors[1:])))
    with pytest.raises(DocumentError, match="cannot be read"):
        render_pdf(bad, settings)
