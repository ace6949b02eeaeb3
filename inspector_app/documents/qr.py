"""QR modules from reportlab's encoder, with its mask choice computed quickly.

reportlab's ``QRCode.make`` lays the symbol out nine times (eight trial masks, then the
chosen one) and scores each trial with list code: ~9 ms of a 60-item record, for a
code every page carries. Here the trial matrices are the unmasked layout XOR a
per-version mask (rows as ints), and the four penalty rules run on ints and strings.
The choice is reportlab's own, rule for rule (including its quirks: the finder-like
pattern counts in rows only, never at the last start position), so the symbol and the
PDF bytes are unchanged; the final symbol is that trial with reportlab's own format
(and version) information written in, as ``makeImpl`` does.
``tests/documents/test_qr.py`` checks the choice against reportlab for many payloads.

The matrix of a payload is also kept (a small LRU): preview-then-print and any other
second render of the same document skip the encoder entirely.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.qrencoder import QRUtil

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"  # reportlab's rule 3 pattern (dark=1)


def qr_matrix(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``value`` exactly as reportlab's encoder lays them out."""
    return _qr_matrix(value, level)


@lru_cache(maxsize=128)
def _qr_matrix(value: str, level: str) -> tuple[tuple[bool, ...], ...]:
    qr = QrCodeWidget(value, barLevel=level).qr
    if qr.version is None:
        qr.version = qr.calculate_version()
    best, rows = best_mask_rows(qr)
    # The final symbol is the chosen trial with the format (and version) information
    # written in, which reportlab's trial layout leaves light: the same as makeImpl.
    n = qr.moduleCount
    qr.modules = [[c == "1" for c in format(r, f"0{n}b")] for r in rows]
    qr.setupTypeInfo(False, best)
    if qr.version >= 7:
        qr.setupTypeNumber(False)
    return tuple(tuple(bool(m) for m in row) for row in qr.modules)


def clear_qr_cache() -> None:
    _qr_matrix.cache_clear()


def reportlab_matrix(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """reportlab's own ``make()``, unaccelerated: the reference the tests compare with."""
    widget = QrCodeWidget(value, barLevel=level)
    widget.qr.make()
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


def best_mask(qr: Any) -> int:
    """The mask pattern reportlab's ``getBestMaskPattern`` picks for ``qr`` (version set)."""
    return best_mask_rows(qr)[0]


def best_mask_rows(qr: Any) -> tuple[int, list[int]]:
    """reportlab's mask choice for ``qr`` and that trial layout, rows as ints (MSB = col 0)."""
    qr.makeImpl(True, 0)  # the trial layout: type info light, data under mask 0
    n = qr.moduleCount
    masks = _data_masks(qr.version, tuple(qr.dataPosIterator()), n)
    rows0 = [int("".join("1" if m else "0" for m in row), 2) for row in qr.modules]
    base = [r ^ m for r, m in zip(rows0, masks[0], strict=True)]
    best, best_score, best_rows = 0, 0, base
    for i in range(8):
        rows = [b ^ m for b, m in zip(base, masks[i], strict=True)]
        score = _lost_point(rows, n)
        if i == 0 or best_score > score:
            best, best_score, best_rows = i, score, rows
    return best, best_rows


@lru_cache(maxsize=16)
def _data_masks(version: int, positions: tuple[tuple[int, int], ...], n: int) -> list[list[int]]:
    """Per mask pattern, per row: the bits of the data modules that the mask inverts."""
    out = []
    for i in range(8):
        mask = QRUtil.getMask(i)
        rows = [0] * n
        for col, row in positions:
            if mask(row, col):
                rows[row] |= 1 << (n - 1 - col)
        out.append(rows)
    return out


def _lost_point(rows: list[int], n: int) -> int:
    strs = [format(r, f"0{n}b") for r in rows]
    cols = ["".join(c) for c in zip(*strs, strict=True)]
    score = 0
    # Rule 1: runs of 5 or more of one colour, down columns and along rows: 3 + (len - 5).
    for line in cols:
        for m in _RUN.finditer(line):
            score += m.end() - m.start() - 2
    for line in strs:
        for m in _RUN.finditer(line):
            score += m.end() - m.start() - 2
    # Rule 2: each 2x2 block of one colour, 3.
    full = (1 << n) - 1
    pair = (1 << (n - 1)) - 1
    for a, b in zip(rows, rows[1:], strict=False):
        same_v = ~(a ^ b) & full
        same_h = ~(a ^ (a >> 1)) & pair
        score += 3 * (same_v & (same_v >> 1) & same_h).bit_count()
    # Rule 3: 1011101 0000 along rows only (reportlab compares column tuples with a
    # list, which never matches), non-overlapping, start positions below n - 11.
    limit = n - len(_FINDER)
    for line in strs:
        j = line.find(_FINDER)
        while 0 <= j < limit:
            score += 40
            j = line.find(_FINDER, j + len(_FINDER))
    # Rule 4: dark share away from 50%, 10 per 5%.
    dark = sum(r.bit_count() for r in rows)
    score += 10 * (abs(100 * dark // (n * n) - 50) // 5)
    return score
