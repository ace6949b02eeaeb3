"""Rule packs: the shipped SAMR 2025 lists and the loader's validation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inspector_app.domain.entities import Finding, Severity
from inspector_app.domain.rules import RulePackError, load_rule_packs

PACKS = Path(__file__).parents[2] / "resources/reference/rulepacks"
TODAY = date(2026, 3, 1)


def _finding(**kw: object) -> Finding:
    base = Finding("t1", "i1", "FS-001", "经营超过保质期的食品", Severity.GENERAL, corrected=True)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_shipped_packs_load() -> None:
    packs = load_rule_packs(PACKS)
    ids = {p.id for p in packs.packs}
    assert ids == {"samr-2025-first-violation", "samr-2025-minor"}
    for pack in packs.packs:
        assert pack.note and pack.effective_from == date(2025, 2, 7)
        assert all(e.list in ("first_violation", "minor") for e in pack.entries)
    assert packs.entry("samr-2025-fv-05") is not None
    assert not packs.active_entries(date(2025, 2, 6))
    assert packs.active_entries(TODAY)


def test_expired_food_entry_conditions() -> None:
    packs = load_rule_packs(PACKS)
    finding = _finding(rule_pack_entry="samr-2025-fv-05")
    facts = {"catering": False, "supplier_named": True, "goods_value": 500, "incident": False}
    [m] = packs.match(finding, facts, TODAY)
    assert m.matched and not m.unverified

    [m] = packs.match(finding, {**facts, "goods_value": 501, "catering": True}, TODAY)
    assert not m.matched
    assert {c.key for c in m.failed} == {"goods_value_max", "not_catering"}

    [m] = packs.match(finding, {"goods_value": 66}, TODAY)
    assert m.matched and {c.key for c in m.unverified} == {
        "not_catering",
        "supplier_named",
        "no_incident",
    }


def test_licence_lapse_entry() -> None:
    packs = load_rule_packs(PACKS)
    finding = _finding(rule_pack_entry="samr-2025-fv-02")
    ok = {"lapse_days": 29, "meets_licence_conditions": True, "incident": False}
    [m] = packs.match(finding, ok, TODAY)
    assert m.matched
    [m] = packs.match(finding, {**ok, "lapse_days": 30}, TODAY)
    assert [c.key for c in m.failed] == ["lapse_under_one_month"]


def test_matter_codes_select_entries(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", _pack(entries=[_entry(matter_codes=["FS-001"])]))
    packs = load_rule_packs(tmp_path)
    assert len(packs.match(_finding(), {}, TODAY)) == 1
    assert packs.match(_finding(matter_code="OTHER"), {}, TODAY) == []


def test_future_pack_is_inactive(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", _pack(effective_from="2027-01-01", entries=[_entry()]))
    packs = load_rule_packs(tmp_path)
    assert packs.active_entries(TODAY) == ()
    assert packs.active_entries(date(2027, 1, 1))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "无法读取"),
        (json.dumps({"id": "x", "title": "t", "effective_from": "2025-01-01"}), "entries"),
        ("null", "JSON 对象"),
    ],
)
def test_bad_file_is_named(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "broken.json").write_text(content, encoding="utf-8")
    with pytest.raises(RulePackError, match="broken.json") as err:
        load_rule_packs(tmp_path)
    assert problem in str(err.value)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"list": "maybe"}, "list"),
        ({"effective_from": "2025-13-01"}, "ISO"),
        ({"title": ""}, "title"),
        ({"matter_codes": "FS-001"}, "matter_codes"),
        (
            {"conditions": [{"key": "k", "description": "d", "check": {"fact": "x", "op": "~"}}]},
            "~",
        ),
        (
            {"conditions": [{"key": "k", "description": "d", "check": {"fact": "x", "op": "<"}}]},
            "value",
        ),
    ],
)
def test_bad_entry(tmp_path: Path, entry: dict[str, Any], problem: str) -> None:
    _write(tmp_path / "bad.json", _pack(entries=[_entry(**entry)]))
    with pytest.raises(RulePackError, match="bad.json") as err:
        load_rule_packs(tmp_path)
    assert problem in str(err.value)


def test_duplicate_entry_ids_across_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", _pack(entries=[_entry()]))
    _write(tmp_path / "b.json", _pack(id="other", entries=[_entry()]))
    with pytest.raises(RulePackError, match="重复"):
        load_rule_packs(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RulePackError):
        load_rule_packs(tmp_path / "nope")


def _entry(**kw: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "e1",
        "list": "first_violation",
        "title": "经营超过保质期的食品",
        "matter_codes": [],
        "conditions": [
            {
                "key": "goods_value_max",
                "description": "违法货值金额不超过500元",
                "check": {"fact": "goods_value", "op": "<=", "value": 500},
            }
        ],
        "source": "测试清单",
        "effective_from": "2025-02-07",
        "note": "",
    }
    entry.update(kw)
    return entry


def _pack(**kw: Any) -> dict[str, Any]:
    pack: dict[str, Any] = {
        "id": "test",
        "title": "测试清单",
        "issuer": "测试",
        "effective_from": "2025-02-07",
        "entries": [],
    }
    pack.update(kw)
    return pack


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
