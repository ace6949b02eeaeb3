"""Text that can be stored, synced and printed.

A Python string may hold what no file can: a lone surrogate (U+D800..U+DFFF on its own,
from a bad paste, a broken input method, or bytes decoded with ``surrogateescape``).
UTF-8 cannot encode it, so SQLite, JSON on the wire, PostgreSQL and reportlab all fail
on it, each with its own raw exception. NUL (U+0000) is refused as well: PostgreSQL text
cannot hold it, and no one types it. Callers check user text here first and refuse it
with a message that says which field and where.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BadText:
    """Where a string holds a character that is not text."""

    path: str  # e.g. "note", "measurements.温度", "items[3].note"; "" for the value itself
    position: int  # 0-based index in that string
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    def describe(self, what: str) -> str:
        """``what`` names the field for a person, e.g. "The note"."""
        where = f" ({printable(self.path)})" if self.path else ""
        kind = "a NUL character" if self.char == "\x00" else "a broken character"
        return (
            f"{what}{where} contains {kind} ({self.code}) at position {self.position + 1}, "
            "which cannot be stored or printed. Delete it and type the text again."
        )


def bad_char(s: str) -> tuple[int, str] | None:
    """(index, character) of the first lone surrogate or NUL in ``s``, or None."""
    try:
        s.encode("utf-8")  # C speed; fails exactly on lone surrogates
    except UnicodeEncodeError as exc:
        return exc.start, s[exc.start]
    nul = s.find("\x00")
    return None if nul < 0 else (nul, "\x00")


def printable(s: str) -> str:
    """``s`` with every character that is not text shown as an escape (``\\ud800``),
    so a message about it can itself be printed."""
    return s.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def find_bad_text(value: object, path: str = "") -> BadText | None:
    """The first string inside ``value`` (a string, or strings in lists, tuples, sets,
    mapping keys and values, dataclass fields) holding a character that is not text."""
    if isinstance(value, str):
        found = bad_char(value)
        return None if found is None else BadText(path, found[0], found[1])
    if isinstance(value, Mapping):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (found := bad_char(key)) is not None:
                return BadText(sub, found[0], found[1])
            if (hit := find_bad_text(item, sub)) is not None:
                return hit
        return None
    if isinstance(value, list | tuple | set | frozenset):
        for n, item in enumerate(value):
            if (hit := find_bad_text(item, f"{path}[{n}]")) is not None:
                return hit
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            sub = f"{path}.{f.name}" if path else f.name
            if (hit := find_bad_text(getattr(value, f.name), sub)) is not None:
                return hit
    return None


__all__ = ["BadText", "bad_char", "find_bad_text", "printable"]
