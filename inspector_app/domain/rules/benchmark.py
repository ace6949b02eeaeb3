"""The local discretion benchmark (行政处罚裁量基准) as reference data, one JSON file each.

《中华人民共和国行政处罚法》第三十四条 [L]: "行政机关可以依法制定行政处罚裁量基准，规范行使
行政处罚裁量权。行政处罚裁量基准应当向社会公布。" A benchmark is the agency's own rule for
where a 从轻 (lighter) fine lies in the statutory range and how a 减轻 (reduced, below
the minimum, 第三十二条) fine is set; it differs by province and changes, so it is data
with its citation, never a constant in code. The band "lowest 30% of the range" is often
attributed to SAMR's 2022 guidance; that attribution is carried as the shipped file's
citation and marked unverified there, not asserted here.

A file (``resources/reference/benchmarks/*.json``)::

    {"id": "...", "title": "...", "issuer": "...", "citation": "...",
     "effective_from": "YYYY-MM-DD", "verified": false, "default": true, "note": "...",
     "lenient": {"from": 0.0, "to": 0.3, "text": "...", "citation": "..."},
     "reduce": {"allowed": true, "floor_share": null, "text": "...", "citation": "..."},
     "entries": [{"id": "...", "title": "...", "basis": ["..."], "note": "...",
                  "lenient": {...}, "reduce": {...}}]}

``lenient`` gives the band as shares of the range from the legal minimum to the maximum
(``from`` 0 is the minimum). ``reduce.floor_share`` is the lowest reduced fine as a share
of the legal minimum (``null``: the benchmark sets none). An entry (named by a check
item's ``benchmark`` column) may override either for one matter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any


class BenchmarkError(ValueError):
    """A benchmark file is unreadable or malformed; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class LenientBand:
    """从轻: the part of the statutory range a lighter fine is taken from."""

    low_share: float
    high_share: float
    text: str
    citation: str

    def fine_range(self, lo: int, hi: int) -> tuple[int, int]:
        """The band in whole yuan (rounded half up) inside ``lo``–``hi``."""
        if lo < 0 or hi < lo:
            raise ValueError(f"罚款幅度无效：{lo}–{hi}")
        width = hi - lo
        return (lo + _share(self.low_share, width), lo + _share(self.high_share, width))


@dataclass(frozen=True, slots=True)
class ReduceRule:
    """减轻: whether and how far a fine may go below the statutory minimum."""

    allowed: bool
    floor_share: float | None
    text: str
    citation: str

    def fine_range(self, lo: int) -> tuple[int, int] | None:
        """Whole yuan below the minimum ``lo``; None when there is nothing below it."""
        if not self.allowed or lo <= 1:
            return None
        floor = 1 if self.floor_share is None else max(1, _share(self.floor_share, lo))
        return (floor, lo - 1) if floor <= lo - 1 else None


@dataclass(frozen=True, slots=True)
class BenchmarkEntry:
    id: str
    title: str
    basis: tuple[str, ...] = ()
    lenient: LenientBand | None = None
    reduce: ReduceRule | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class DiscretionBenchmark:
    id: str
    title: str
    issuer: str
    citation: str
    effective_from: date
    lenient: LenientBand
    reduce: ReduceRule
    entries: tuple[BenchmarkEntry, ...] = ()
    verified: bool = False
    default: bool = False
    note: str = ""
    file: str = ""

    def entry(self, entry_id: str) -> BenchmarkEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def lenient_for(self, entry_id: str = "") -> LenientBand:
        e = self.entry(entry_id) if entry_id else None
        return e.lenient if e is not None and e.lenient is not None else self.lenient

    def reduce_for(self, entry_id: str = "") -> ReduceRule:
        e = self.entry(entry_id) if entry_id else None
        return e.reduce if e is not None and e.reduce is not None else self.reduce


@dataclass(frozen=True, slots=True)
class Benchmarks:
    benchmarks: tuple[DiscretionBenchmark, ...]

    def get(self, benchmark_id: str) -> DiscretionBenchmark:
        for b in self.benchmarks:
            if b.id == benchmark_id:
                return b
        raise KeyError(benchmark_id)

    def default(self) -> DiscretionBenchmark | None:
        """The one marked ``default``, or the only one; None when that is ambiguous."""
        marked = [b for b in self.benchmarks if b.default]
        if len(marked) == 1:
            return marked[0]
        return self.benchmarks[0] if len(self.benchmarks) == 1 else None


def load_benchmarks(folder: Path) -> Benchmarks:
    """Read every ``*.json`` in ``folder`` (sorted by name); :class:`BenchmarkError` names
    the file and the problem. Ids must be unique, and at most one file is the default."""
    if not folder.is_dir():
        raise BenchmarkError(f"{folder}: 裁量基准目录不存在")
    found: list[DiscretionBenchmark] = []
    for path in sorted(folder.glob("*.json")):
        bench = load_benchmark(path)
        if any(b.id == bench.id for b in found):
            raise BenchmarkError(f"{path.name}: 裁量基准 id {bench.id!r} 重复")
        found.append(bench)
    if sum(b.default for b in found) > 1:
        raise BenchmarkError(f"{folder}: 有多个裁量基准标为 default，只能有一个")
    return Benchmarks(tuple(found))


def load_benchmark(path: Path) -> DiscretionBenchmark:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BenchmarkError(f"{path.name}: 无法读取（{exc}）") from exc
    try:
        return _benchmark(raw, path.name)
    except BenchmarkError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise BenchmarkError(f"{path.name}: {exc}") from exc


def _benchmark(raw: Any, where: str) -> DiscretionBenchmark:
    obj = _mapping(raw, where)
    entries = obj.get("entries", [])
    if not isinstance(entries, list):
        raise BenchmarkError(f"{where}: entries 必须是列表")
    parsed = tuple(_entry(e, f"{where} 第{i + 1}个条目") for i, e in enumerate(entries))
    ids = [e.id for e in parsed]
    if len(set(ids)) != len(ids):
        raise BenchmarkError(f"{where}: 条目 id 重复")
    text = _text(obj, "effective_from", where)
    try:
        effective = date.fromisoformat(text)
    except ValueError as exc:
        raise BenchmarkError(
            f"{where}: effective_from 不是 ISO 日期（YYYY-MM-DD）：{text!r}"
        ) from exc
    return DiscretionBenchmark(
        id=_text(obj, "id", where),
        title=_text(obj, "title", where),
        issuer=_text(obj, "issuer", where),
        citation=_text(obj, "citation", where),
        effective_from=effective,
        lenient=_lenient(obj.get("lenient"), f"{where} lenient"),
        reduce=_reduce(obj.get("reduce"), f"{where} reduce"),
        entries=parsed,
        verified=_flag(obj, "verified", where),
        default=_flag(obj, "default", where),
        note=str(obj.get("note", "")),
        file=where,
    )


def _entry(raw: Any, where: str) -> BenchmarkEntry:
    obj = _mapping(raw, where)
    basis = obj.get("basis", [])
    if not isinstance(basis, list) or not all(isinstance(b, str) for b in basis):
        raise BenchmarkError(f"{where}: basis 必须是字符串列表")
    return BenchmarkEntry(
        id=_text(obj, "id", where),
        title=_text(obj, "title", where),
        basis=tuple(basis),
        lenient=None if obj.get("lenient") is None else _lenient(obj["lenient"], where),
        reduce=None if obj.get("reduce") is None else _reduce(obj["reduce"], where),
        note=str(obj.get("note", "")),
    )


def _lenient(raw: Any, where: str) -> LenientBand:
    obj = _mapping(raw, where)
    low, high = _fraction(obj, "from", where), _fraction(obj, "to", where)
    if high <= low:
        raise BenchmarkError(f"{where}: to ({high}) 必须大于 from ({low})")
    return LenientBand(low, high, _text(obj, "text", where), _text(obj, "citation", where))


def _reduce(raw: Any, where: str) -> ReduceRule:
    obj = _mapping(raw, where)
    floor = obj.get("floor_share")
    if floor is not None:
        floor = _fraction(obj, "floor_share", where)
    return ReduceRule(
        allowed=_flag(obj, "allowed", where),
        floor_share=floor,
        text=_text(obj, "text", where),
        citation=_text(obj, "citation", where),
    )


def _share(share: float, amount: int) -> int:
    return int((Decimal(str(share)) * amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _mapping(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BenchmarkError(f"{where}: 应为 JSON 对象")
    return raw


def _text(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BenchmarkError(f"{where}: 缺少或为空的字段 {key}")
    return value


def _flag(obj: dict[str, Any], key: str, where: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise BenchmarkError(f"{where}: {key} 必须是 true 或 false")
    return value


def _fraction(obj: dict[str, Any], key: str, where: str) -> float:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise BenchmarkError(f"{where}: {key} 必须是 0 到 1 之间的数")
    return float(value)


def parse_benchmark(raw: Any, name: str) -> DiscretionBenchmark:
    """One benchmark from its JSON (a reference record's content); :class:`BenchmarkError`
    names ``name`` and the problem, as :func:`load_benchmark` does for a file."""
    try:
        return _benchmark(raw, name)
    except BenchmarkError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise BenchmarkError(f"{name}: {exc}") from exc
