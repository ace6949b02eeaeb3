"""Reference records: the data an agency edits and the server hands to every laptop.

A ``reference`` record (DESIGN.md "Entities") has the id ``<kind>:<name>`` and the data
``{"kind", "name", "content"}``, where ``content`` is the JSON an administrator edits:

``rule_pack``
    a 首违不罚/轻微免罚 list (``domain.rules.rulepacks``); name: the pack id.
``benchmark``
    a local 裁量基准 (``domain.rules.benchmark``); name: the benchmark id.
``agency``
    an agency's document settings (``resources/documents/agency.json``: name, 机关代字,
    review body, court, type codes, seal, verification address); name: the agency's
    ``department_code``, the department it issues documents for.
``wording``
    the documents' wording (``resources/documents/wording.json``); name: ``default``.
``roster``
    the officers a laptop prints on documents (name, 执法证号, department); name:
    ``officers``. The server writes it from its accounts.

The server and the laptop both read them through this module; the laptop falls back to
the copies shipped in ``resources/`` when its profile holds none of a kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inspector_app.domain.rules.benchmark import BenchmarkError, parse_benchmark
from inspector_app.domain.rules.rulepacks import RulePackError, parse_rule_pack

RULE_PACK = "rule_pack"
BENCHMARK = "benchmark"
AGENCY = "agency"
WORDING = "wording"
ROSTER = "roster"
KINDS = (RULE_PACK, BENCHMARK, AGENCY, WORDING, ROSTER)
ROSTER_NAME = "officers"
WORDING_NAME = "default"


def record_id(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def record_data(kind: str, name: str, content: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "name": name, "content": dict(content)}


@dataclass(frozen=True, slots=True)
class RosterOfficer:
    """One officer as documents name them (the account's public part, no password)."""

    id: str
    username: str
    display_name: str
    badge_no: str
    department_code: str
    agency: str = ""  # the department's name, e.g. 深圳市福田区消防救援大队

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "badge_no": self.badge_no,
            "department_code": self.department_code,
            "agency": self.agency,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> RosterOfficer:
        return cls(
            id=str(d["id"]),
            username=str(d.get("username") or ""),
            display_name=str(d.get("display_name") or ""),
            badge_no=str(d.get("badge_no") or ""),
            department_code=str(d.get("department_code") or ""),
            agency=str(d.get("agency") or ""),
        )


def agency_problems(content: Mapping[str, Any]) -> list[str]:
    """What an agency settings file lacks to number and head a document (empty: fine)."""
    problems: list[str] = []
    agency = content.get("agency")
    if not isinstance(agency, Mapping):
        return ["缺少 agency 对象（机关名称、机关代字、复议机关、法院）"]
    for key in ("name", "code", "review_body", "court", "department_code"):
        if not isinstance(agency.get(key), str) or not str(agency.get(key)).strip():
            problems.append(f"agency.{key} 为空")
    codes = content.get("type_codes")
    if not isinstance(codes, Mapping) or not codes:
        problems.append("缺少 type_codes（各类文书的类型代字）")
    return problems


def check_content(kind: str, name: str, content: Any) -> list[str]:
    """Problems with one record's content, in words an administrator can act on."""
    if kind not in KINDS:
        return [f"未知的参考数据类型 {kind!r}（可用：{'、'.join(KINDS)}）"]
    if not isinstance(content, Mapping):
        return [f"{name}: 内容应为 JSON 对象"]
    try:
        if kind == RULE_PACK:
            parse_rule_pack(content, name)
        elif kind == BENCHMARK:
            parse_benchmark(content, name)
    except (RulePackError, BenchmarkError) as exc:
        return [str(exc)]
    if kind == AGENCY:
        return [f"{name}: {p}" for p in agency_problems(content)]
    if kind == ROSTER and not isinstance(content.get("officers"), list):
        return [f"{name}: 缺少 officers 列表"]
    return []


def record_name(kind: str, content: Mapping[str, Any], fallback: str) -> str:
    """The name a file's content is published under (its own id where it has one)."""
    if kind in (RULE_PACK, BENCHMARK) and isinstance(content.get("id"), str):
        return str(content["id"])
    if kind == AGENCY:
        agency = content.get("agency")
        if isinstance(agency, Mapping) and isinstance(agency.get("department_code"), str):
            return str(agency["department_code"])
    return fallback
