"""Finding characters that are not text (lone surrogates, NUL) wherever they hide."""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.domain.text import bad_char, find_bad_text


@dataclass(frozen=True)
class _Item:
    title: str
    tags: tuple[str, ...] = ()


def test_bad_char() -> None:
    assert bad_char("货架上的过期食品 ok") is None
    assert bad_char("ab\ud800c") == (2, "\ud800")
    assert bad_char("过期\udcff") == (2, "\udcff")
    assert bad_char("a\x00b") == (1, "\x00")
    assert bad_char("𠀀生僻字") is None  # a real astral character is text


def test_find_bad_text_names_the_path() -> None:
    value = {"note": "ok", "measurements": {"温度": ["3", "4\ud800"]}, "n": 3}
    hit = find_bad_text(value)
    assert hit is not None and (hit.path, hit.position, hit.code) == (
        "measurements.温度[1]",
        1,
        "U+D800",
    )
    assert find_bad_text({"k\x00": 1}) is not None
    item = find_bad_text([_Item("t"), _Item("t", ("a", "\udc80"))])
    assert item is not None and item.path == "[1].tags[1]"
    assert find_bad_text({"a": [1, 2.5, None, b"\xff", _Item("好")]}) is None
    assert "position 2" in (find_bad_text("x\x00") or _fail()).describe("The note")


def _fail():  # type: ignore[no-untyped-def]
    raise AssertionError("expected a finding")
