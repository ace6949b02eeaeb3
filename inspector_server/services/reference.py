"""Reference records on the server: what an administrator publishes to every laptop.

``import_reference(session, folders)`` reads folders laid out like the shipped
``resources/reference`` and ``resources/documents``::

    rulepacks/*.json     首违不罚/轻微免罚 lists        -> reference rule_pack:<pack id>
    benchmarks/*.json    local 裁量基准                -> reference benchmark:<id>
    agencies/*.json      one agency.json per agency    -> reference agency:<department_code>
    agency.json          one agency's settings         -> reference agency:<department_code>
    wording.json         the documents' wording        -> reference wording:default

and writes each as a ``reference`` record (readable by everyone, written only here), so
the next sync carries a changed rule pack or agency setting to every laptop. A file that
does not validate is reported with the reason and skipped; the others are imported.
``publish_roster`` writes the officers a laptop prints on documents from the accounts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.reference import (
    AGENCY,
    BENCHMARK,
    ROSTER,
    ROSTER_NAME,
    RULE_PACK,
    WORDING,
    WORDING_NAME,
    RosterOfficer,
    check_content,
    record_data,
    record_id,
    record_name,
)
from inspector_server.models import Department, Team, User
from inspector_server.services.sync import server_put

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
#: What seed-demo publishes: the shipped rule packs, benchmarks, agency settings, wording.
SHIPPED = (RESOURCES / "reference", RESOURCES / "documents")

_LAYOUT = (
    ("rulepacks", RULE_PACK),
    ("benchmarks", BENCHMARK),
    ("agencies", AGENCY),
)
_SINGLE = (("agency.json", AGENCY), ("wording.json", WORDING))


@dataclass
class ReferenceReport:
    imported: list[str] = field(default_factory=list)  # record ids written (new or changed)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _files(folder: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for sub, kind in _LAYOUT:
        found += [(kind, p) for p in sorted((folder / sub).glob("*.json"))]
    found += [(kind, folder / name) for name, kind in _SINGLE if (folder / name).is_file()]
    return found


def import_reference(session: Session, folders: list[Path]) -> ReferenceReport:
    """Publish every reference file in ``folders`` (call inside a write transaction)."""
    report = ReferenceReport()
    for folder in folders:
        if not folder.is_dir():
            report.problems.append(f"{folder}: 不是目录")
            continue
        files = _files(folder)
        if not files:
            report.problems.append(
                f"{folder}: 没有参考数据文件（rulepacks/、benchmarks/、agencies/、agency.json、"
                "wording.json）"
            )
        for kind, path in files:
            try:
                content: Any = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                report.problems.append(f"{path}: 无法读取（{exc}）")
                continue
            name = WORDING_NAME if kind == WORDING else None
            if not isinstance(content, dict):
                report.problems.append(f"{path}: 内容应为 JSON 对象")
                continue
            name = name or record_name(kind, content, path.stem)
            problems = check_content(kind, path.name, content)
            if problems:
                report.problems += [f"{path}: {p}" for p in problems]
                continue
            rid = record_id(kind, name)
            changed = server_put(
                session, entity="reference", record_id=rid, data=record_data(kind, name, content)
            )
            (report.imported if changed else report.unchanged).append(rid)
    return report


def publish_roster(session: Session) -> bool:
    """The active officers with a badge number, as documents name them, and the teams'
    names, which a lead's statistics show on the laptop (no secrets)."""
    names = {d.code: d.name for d in session.scalars(select(Department))}
    officers = [
        RosterOfficer(
            id=u.id,
            username=u.username,
            display_name=u.display_name or u.username,
            badge_no=u.badge_no or "",
            department_code=u.department_code or "",
            agency=names.get(u.department_code or "", ""),
        ).to_json()
        for u in session.scalars(select(User).order_by(User.username))
        if u.is_active and u.badge_no
    ]
    teams = [{"id": t.id, "name": t.name} for t in session.scalars(select(Team).order_by(Team.id))]
    return server_put(
        session,
        entity="reference",
        record_id=record_id(ROSTER, ROSTER_NAME),
        data=record_data(ROSTER, ROSTER_NAME, {"officers": officers, "teams": teams}),
    )
