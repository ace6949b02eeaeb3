"""The CJK fonts every document embeds, shipped in resources/fonts with their licences.

Each font is parsed once per process (``register_fonts``). reportlab embeds in every PDF
a subset of the glyphs the document uses (up to 256 characters per subset). Making a
subset of these 5 MB CJK fonts and Flate-compressing it is about a quarter of a 60-item
record, so the registered faces get two process-wide helpers (``_SubsetCache``):

- the ``glyf`` table is sliced out of the font file once, not once per subset (reportlab
  copies the 5 MB table each time it makes a subset);
- a subset (the exact code points in order) maps to its font program and compressed
  stream, kept in a small LRU: preview-then-print, a re-issued document or drafts of the
  same record embed the same subsets and reuse them byte for byte.

The embedded bytes are reportlab's own (tests/documents/test_caches.py) but for one table:
each subset's ``post`` table names its glyphs (``uni6DF1``, ``with_glyph_names``).
reportlab writes a nameless ``post`` (format 3); a viewer needs no names (the subset is
symbolic: codes select glyphs through its ``cmap``, and ``ToUnicode`` gives the text), but
printing does. CUPS turns a PDF into PostScript for most printer drivers (Ghostscript's
``ps2write``), and PostScript fonts carry no ``ToUnicode``: the glyph names are all that
is left of the text, and what Ghostscript reads back into ``ToUnicode`` when the
PostScript becomes a PDF again (a PDF printer such as cups-pdf, a printer that keeps a
searchable copy). Unnamed, the glyphs came back as Mac Roman letters. The glyph shapes,
codes and widths are untouched: the pages look exactly the same.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontMaker

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

SUBSET_CACHE_SIZE = 48  # subsets per face; each is at most ~150 KB raw + compressed
FONT_ZLIB_LEVEL = 3  # vs 6 (zlib default): ~4 ms less per fresh 60-item record, +1.7% size


def glyph_name(code_point: int) -> str:
    """The Adobe Glyph List name of a character: ``uni6DF1``, ``u20B9F`` past the BMP."""
    return f"uni{code_point:04X}" if code_point <= 0xFFFF else f"u{code_point:05X}"


def _tables(program: bytes) -> dict[str, bytes]:
    (count,) = struct.unpack_from(">H", program, 4)
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", program, 12 + 16 * i)
        tables[tag.decode("latin-1")] = program[offset : offset + length]
    return tables


def with_glyph_names(program: bytes, subset: list[int]) -> bytes:
    """reportlab's subset font ``program`` (``subset``: the code points, in code order)
    with a format 2 ``post`` table naming each glyph after its character (``uni4E00``);
    glyphs only used inside others, and ``.notdef``, keep neutral names."""
    tables = _tables(program)
    cmap = tables["cmap"]
    (offset,) = struct.unpack_from(">L", cmap, 8)  # the one subtable: (1, 0), format 6
    fmt, _length, _language, first, count = struct.unpack_from(">5H", cmap, offset)
    if fmt != 6:
        return program
    gids = struct.unpack_from(f">{count}H", cmap, offset + 10)
    (glyphs,) = struct.unpack_from(">H", tables["maxp"], 4)
    names: dict[int, str] = {}
    for code, gid in enumerate(gids, first):
        if 0 < gid < glyphs and code < len(subset) and subset[code] > 0:
            names.setdefault(gid, glyph_name(subset[code]))
    index = [0]  # .notdef: the first of the 258 standard Macintosh names
    strings = bytearray()
    for gid in range(1, glyphs):
        name = names.get(gid, f"g{gid}").encode("ascii")
        index.append(258 + gid - 1)
        strings += bytes([len(name)]) + name
    post = tables["post"]
    header = b"\x00\x02\x00\x00" + post[4:32].ljust(28, b"\x00")
    out = TTFontMaker()
    for tag, data in tables.items():
        out.add(tag, data)
    out.add("post", header + struct.pack(f">H{glyphs}H", glyphs, *index) + bytes(strings))
    return out.makeStream()


class _Flate(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's FlateDecode filter, remembering the output for a subset it has seen."""

    def __init__(self, cache: _SubsetCache) -> None:
        self._cache = cache

    def encode(self, text: Any) -> bytes:
        return self._cache.compressed(text)


class _SubsetCache:
    """Per font face: memoised ``glyf`` table, subsets and their compressed streams."""

    def __init__(self, face: Any, size: int = SUBSET_CACHE_SIZE) -> None:
        self.face = face
        self.size = size
        self._lock = threading.Lock()
        self._subsets: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._zipped: OrderedDict[bytes, bytes] = OrderedDict()
        self._tables: dict[str, bytes] = {}
        self._make_subset = face.makeSubset
        self._get_table = face.get_table
        self._add_subset_objects = face.addSubsetObjects
        self.flate = _Flate(self)
        self.hits = 0
        self.misses = 0

    def install(self) -> None:
        # Instance attributes shadow the methods reportlab calls on ``self``.
        self.face.get_table = self.get_table
        self.face.makeSubset = self.make_subset
        self.face.addSubsetObjects = self.add_subset_objects

    def get_table(self, tag: str) -> bytes:
        if tag != "glyf":
            return self._get_table(tag)
        table = self._tables.get(tag)
        if table is None:
            table = self._tables[tag] = self._get_table(tag)
        return table

    def make_subset(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        with self._lock:
            hit = self._subsets.get(key)
            if hit is not None:
                self._subsets.move_to_end(key)
                self.hits += 1
                return hit
        data = with_glyph_names(self._make_subset(subset), subset)
        with self._lock:
            self.misses += 1
            self._subsets[key] = data
            while len(self._subsets) > self.size:
                self._subsets.popitem(last=False)
        return data

    def compressed(self, data: Any) -> bytes:
        if isinstance(data, str):
            data = data.encode("utf8")
        with self._lock:
            hit = self._zipped.get(data)
            if hit is not None:
                self._zipped.move_to_end(data)
                return hit
        out = zlib.compress(data, FONT_ZLIB_LEVEL)
        with self._lock:
            self._zipped[data] = out
            while len(self._zipped) > self.size:
                self._zipped.popitem(last=False)
        return out

    def add_subset_objects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        ref = self._add_subset_objects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.face.filename}({fontname})")
        if stream is not None and stream.filters:
            stream.filters = [self.flate if f is pdfdoc.PDFZCompress else f for f in stream.filters]
        return ref

    def clear(self) -> None:
        with self._lock:
            self._subsets.clear()
            self._zipped.clear()


SUBSET_CACHES: dict[str, _SubsetCache] = {}


@cache
def register_fonts() -> tuple[str, str]:
    """Register the body and heading fonts with reportlab once; returns their names."""
    for font in FONT_FILES:
        path = resource("fonts", font.filename)
        if not path.is_file():
            raise FileNotFoundError(f"Font file missing: {path}. Reinstall Field Inspector.")
        ttf = TTFont(font.name, str(path), subfontIndex=font.subfont_index)
        subsets = _SubsetCache(ttf.face)
        subsets.install()
        SUBSET_CACHES[font.name] = subsets
        pdfmetrics.registerFont(ttf)
    return BODY_FONT, HEADING_FONT


def clear_font_caches() -> None:
    """Forget cached subsets (tests use it to compare cached with fresh output)."""
    for c in SUBSET_CACHES.values():
        c.clear()


def covers(font_name: str, text: str) -> bool:
    """True when every character of ``text`` has a glyph in the registered font."""
    face = pdfmetrics.getFont(font_name).face
    cmap = face.charToGlyph
    return all(ord(ch) in cmap for ch in text if not ch.isspace())
