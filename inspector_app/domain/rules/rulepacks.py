"""首违不罚 / 轻微免罚 lists as editable rule packs (JSON data, one file per list).

《中华人民共和国行政处罚法》第三十三条第一款 [L]: "违法行为轻微并及时改正，没有造成危害
后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
SAMR and the provinces publish lists (清单) of the matters and conditions under which
they apply this article; the lists change and differ by province, so they are data.

A pack file::

    {"id": "...", "title": "...", "issuer": "...", "effective_from": "2025-02-07",
     "note": "...", "entries": [ENTRY, ...]}

An entry: ``id``, ``list`` ("first_violation" | "minor"), ``title``,
``matter_codes`` (may be empty), ``conditions``, ``source``, ``effective_from``,
``note``. A condition: ``key``, ``description`` and optionally ``check``, a
machine-checkable predicate ``{"fact": NAME, "op": "<=", "value": 500}`` over the
facts the inspector recorded (see :meth:`RulePacks.match`). Conditions without a
check, or whose fact was not recorded, are reported as unverified for the inspector.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.domain.entities import Finding

LISTS = ("first_violation", "minor")

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": lambda fact, value: fact in value,
    "not_in": lambda fact, value: fact not in value,
}


class RulePackError(ValueError):
    """A rule-pack file is unreadable or malformed; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Condition:
    key: str
    description: str
    fact: str | None = None
    op: str | None = None
    value: Any = None

    @property
    def checkable(self) -> bool:
        return self.fact is not None

    def evaluate(self, facts: Mapping[str, Any]) -> bool | None:
        """True/False when checkable and the fact is known; None when it needs a person."""
        if self.fact is None or self.op is None or self.fact not in facts:
            return None
        try:
            return bool(_OPS[self.op](facts[self.fact], self.value))
        except TypeError:
            return False


@dataclass(frozen=True, slots=True)
class RulePackEntry:
    id: str
    list: str
    title: str
    matter_codes: tuple[str, ...]
    conditions: tuple[Condition, ...]
    source: str
    effective_from: date
    note: str = ""
    pack_id: str = ""

    def citation(self) -> str:
        """The list and the entry's words, as a document cites them (no internal id)."""
        return f"{self.source}（{self.title}）"


@dataclass(frozen=True, slots=True)
class RulePack:
    id: str
    title: str
    issuer: str
    effective_from: date
    entries: tuple[RulePackEntry, ...]
    note: str = ""
    file: str = ""


@dataclass(frozen=True, slots=True)
class PackMatch:
    """One entry that covers the finding, and how its conditions fared."""

    entry: RulePackEntry
    failed: tuple[Condition, ...]
    unverified: tuple[Condition, ...]

    @property
    def matched(self) -> bool:
        """No condition failed. Unverified ones must be confirmed by the inspector."""
        return not self.failed


@dataclass(frozen=True, slots=True)
class RulePacks:
    packs: tuple[RulePack, ...]

    def active_entries(self, today: date) -> tuple[RulePackEntry, ...]:
        return tuple(
            e
            for p in self.packs
            if p.effective_from <= today
            for e in p.entries
            if e.effective_from <= today
        )

    def entry(self, entry_id: str) -> RulePackEntry | None:
        for p in self.packs:
            for e in p.entries:
                if e.id == entry_id:
                    return e
        return None

    def covering(
        self, finding: Finding, today: date, *, list_name: str | None = None
    ) -> tuple[RulePackEntry, ...]:
        """Active entries naming the finding's matter code, or the entry the finding names."""
        return tuple(
            e
            for e in self.active_entries(today)
            if (list_name is None or e.list == list_name)
            and (finding.matter_code in e.matter_codes or e.id == finding.rule_pack_entry)
        )

    def match(
        self,
        finding: Finding,
        facts: Mapping[str, Any],
        today: date,
        *,
        list_name: str | None = None,
    ) -> list[PackMatch]:
        """Every active entry covering the finding, with failed and unverified conditions.

        The facts are the recorded ones merged over facts taken from the finding
        (``corrected``, ``minor``, ``harm``, ``severity``, ``party_type``,
        ``affects_safety``, ``matter_code``, ``catering``, ``industry``), so a pack can
        test those too: an entry excluding catering binds on the finding's own record.
        """
        merged = {**finding_facts(finding), **facts}
        result: list[PackMatch] = []
        for entry in self.covering(finding, today, list_name=list_name):
            failed: list[Condition] = []
            unverified: list[Condition] = []
            for cond in entry.conditions:
                outcome = cond.evaluate(merged)
                if outcome is None:
                    unverified.append(cond)
                elif not outcome:
                    failed.append(cond)
            result.append(PackMatch(entry, tuple(failed), tuple(unverified)))
        return result


def finding_facts(finding: Finding) -> dict[str, Any]:
    """The finding's own facts; ``catering`` only where known, so an entry excluding
    catering is left for the inspector to confirm rather than assumed satisfied."""
    known = {} if finding.catering is None else {"catering": finding.catering}
    return known | {
        "matter_code": finding.matter_code,
        "severity": str(finding.severity),
        "party_type": str(finding.party_type),
        "affects_safety": finding.affects_safety,
        "minor": finding.minor,
        "harm": finding.harm,
        "corrected": finding.corrected,
        "industry": finding.industry,
    }


def load_rule_packs(folder: Path) -> RulePacks:
    """Read every ``*.json`` in ``folder`` (sorted by name) and validate it.

    Raises :class:`RulePackError` naming the file and the problem. Entry ids must be
    unique across all packs because findings and documents cite them.
    """
    if not folder.is_dir():
        raise RulePackError(f"{folder}: 规则包目录不存在")
    packs: list[RulePack] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        pack = _load_pack(path)
        for entry in pack.entries:
            if entry.id in seen:
                raise RulePackError(
                    f"{path.name}: 条目 id {entry.id!r} 与 {seen[entry.id]} 中的条目重复"
                )
            seen[entry.id] = path.name
        packs.append(pack)
    return RulePacks(tuple(packs))


def _load_pack(path: Path) -> RulePack:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulePackError(f"{path.name}: 无法读取（{exc}）") from exc
    try:
        return _parse_pack(raw, path.name)
    except RulePackError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise RulePackError(f"{path.name}: {exc}") from exc


def _parse_pack(raw: Any, file: str) -> RulePack:
    where = file
    obj = _mapping(raw, where)
    pack_id = _text(obj, "id", where)
    entries_raw = obj.get("entries")
    if not isinstance(entries_raw, list):
        raise RulePackError(f"{where}: 缺少 entries 列表")
    entries = tuple(
        _parse_entry(e, f"{where} 第{i + 1}个条目", pack_id) for i, e in enumerate(entries_raw)
    )
    return RulePack(
        id=pack_id,
        title=_text(obj, "title", where),
        issuer=str(obj.get("issuer", "")),
        effective_from=_date(obj, "effective_from", where),
        entries=entries,
        note=str(obj.get("note", "")),
        file=file,
    )


def _parse_entry(raw: Any, where: str, pack_id: str) -> RulePackEntry:
    obj = _mapping(raw, where)
    list_name = _text(obj, "list", where)
    if list_name not in LISTS:
        raise RulePackError(f"{where}: list 必须是 {' 或 '.join(LISTS)}，而不是 {list_name!r}")
    codes = obj.get("matter_codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise RulePackError(f"{where}: matter_codes 必须是字符串列表")
    conds = obj.get("conditions", [])
    if not isinstance(conds, list):
        raise RulePackError(f"{where}: conditions 必须是列表")
    return RulePackEntry(
        id=_text(obj, "id", where),
        list=list_name,
        title=_text(obj, "title", where),
        matter_codes=tuple(codes),
        conditions=tuple(
            _parse_condition(c, f"{where} 第{j + 1}个条件") for j, c in enumerate(conds)
        ),
        source=_text(obj, "source", where),
        effective_from=_date(obj, "effective_from", where),
        note=str(obj.get("note", "")),
        pack_id=pack_id,
    )


def _parse_condition(raw: Any, where: str) -> Condition:
    obj = _mapping(raw, where)
    key = _text(obj, "key", where)
    description = _text(obj, "description", where)
    check = obj.get("check")
    if check is None:
        return Condition(key, description)
    check = _mapping(check, f"{where} check")
    fact = _text(check, "fact", where)
    op = _text(check, "op", where)
    if op not in _OPS:
        raise RulePackError(f"{where}: 不支持的比较运算 {op!r}（可用：{'、'.join(_OPS)}）")
    if "value" not in check:
        raise RulePackError(f"{where}: check 缺少 value")
    value = check["value"]
    if op in ("in", "not_in") and not isinstance(value, list):
        raise RulePackError(f"{where}: 运算 {op} 的 value 必须是列表")
    return Condition(key, description, fact, op, value)


def _mapping(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: 应为 JSON 对象")
    return raw


def _text(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulePackError(f"{where}: 缺少或为空的字段 {key}")
    return value


def _date(obj: Mapping[str, Any], key: str, where: str) -> date:
    text = _text(obj, key, where)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise RulePackError(f"{where}: {key} 不是 ISO 日期（YYYY-MM-DD）：{text!r}") from exc


def parse_rule_pack(raw: Any, name: str) -> RulePack:
    """One pack from its JSON (a reference record's content); ``name`` says where it came
    from in error messages. Raises :class:`RulePackError` like :func:`load_rule_packs`."""
    try:
        return _parse_pack(raw, name)
    except RulePackError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise RulePackError(f"{name}: {exc}") from exc


def combine_rule_packs(packs: list[RulePack]) -> RulePacks:
    """Packs from reference records, sorted by id, entry ids unique across them."""
    seen: dict[str, str] = {}
    for pack in packs:
        for entry in pack.entries:
            if entry.id in seen:
                raise RulePackError(
                    f"{pack.file}: 条目 id {entry.id!r} 与 {seen[entry.id]} 中的条目重复"
                )
            seen[entry.id] = pack.file
    return RulePacks(tuple(sorted(packs, key=lambda p: p.id)))
