"""PostgreSQL's ``hashtextextended(text, seed)`` in pure Python, bit for bit.

The draw ranks every business by a seeded 64-bit hash of its USCC. On PostgreSQL
the ranking runs inside the database as ``hashtextextended(uscc, seed)`` (one C call
per row, parallel scan: about half a second for 6.5 million rows, where ``md5()``
takes four); on SQLite, and for anyone checking a published draw without
PostgreSQL, this module computes the same numbers.

The function is Bob Jenkins' lookup3 ``hashlittle`` with a 64-bit seed, as in
PostgreSQL's ``src/common/hashfn.c`` (``hash_bytes_extended``), which
``hashtextextended`` applies to the text's bytes for deterministic collations.
PostgreSQL keeps it stable across releases because hash partitions depend on it
(11 and later). The little-endian variant is implemented, which is what PostgreSQL
computes on x86-64 and ARM64 servers; the planning tests compare both sides on
PostgreSQL whenever ``INSPECTOR_TEST_PG_URL`` is set.
"""

from __future__ import annotations

_M = 0xFFFFFFFF


def _rot(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & _M


def _mix(a: int, b: int, c: int) -> tuple[int, int, int]:
    a = ((a - c) & _M) ^ _rot(c, 4)
    c = (c + b) & _M
    b = ((b - a) & _M) ^ _rot(a, 6)
    a = (a + c) & _M
    c = ((c - b) & _M) ^ _rot(b, 8)
    b = (b + a) & _M
    a = ((a - c) & _M) ^ _rot(c, 16)
    c = (c + b) & _M
    b = ((b - a) & _M) ^ _rot(a, 19)
    a = (a + c) & _M
    c = ((c - b) & _M) ^ _rot(b, 4)
    b = (b + a) & _M
    return a, b, c


def _final(a: int, b: int, c: int) -> tuple[int, int, int]:
    c ^= b
    c = (c - _rot(b, 14)) & _M
    a ^= c
    a = (a - _rot(c, 11)) & _M
    b ^= a
    b = (b - _rot(a, 25)) & _M
    c ^= b
    c = (c - _rot(b, 16)) & _M
    a ^= c
    a = (a - _rot(c, 4)) & _M
    b ^= a
    b = (b - _rot(a, 14)) & _M
    c ^= b
    c = (c - _rot(b, 24)) & _M
    return a, b, c


def hash_bytes_extended(data: bytes, seed: int) -> int:
    """``hash_bytes_extended(k, len, seed)`` as an unsigned 64-bit integer."""
    seed &= 0xFFFFFFFFFFFFFFFF
    n = len(data)
    a = b = c = (0x9E3779B9 + n + 3923095) & _M
    if seed:
        a = (a + (seed >> 32)) & _M
        b = (b + (seed & _M)) & _M
        a, b, c = _mix(a, b, c)
    pos = 0
    while n - pos >= 12:
        a = (a + int.from_bytes(data[pos : pos + 4], "little")) & _M
        b = (b + int.from_bytes(data[pos + 4 : pos + 8], "little")) & _M
        c = (c + int.from_bytes(data[pos + 8 : pos + 12], "little")) & _M
        a, b, c = _mix(a, b, c)
        pos += 12
    tail = data[pos:]
    if tail:
        # Little-endian tail: bytes 0-3 into a, 4-7 into b, 8-10 into c's upper three
        # bytes (its lowest byte is "reserved for the length", which the initial value holds).
        a = (a + int.from_bytes(tail[0:4], "little")) & _M
        b = (b + int.from_bytes(tail[4:8], "little")) & _M
        c = (c + (int.from_bytes(tail[8:11], "little") << 8)) & _M
    a, b, c = _final(a, b, c)
    return (b << 32) | c


def hashtextextended(text: str, seed: int) -> int:
    """PostgreSQL's ``hashtextextended(text, bigint)``: a signed 64-bit integer."""
    value = hash_bytes_extended(text.encode("utf-8"), seed)
    return value - (1 << 64) if value >= 1 << 63 else value
