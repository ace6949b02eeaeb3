"""Reference data on the laptop: what pull delivered, else the copies shipped in resources/.

The rules and the documents read rule packs, the discretion benchmark, agency settings,
wording and the officers' roster through here (never from resources/ directly), so a
rule-pack or agency change published on the server (``inspector-server import-reference``)
takes effect at the laptop's next sync. A profile holding no record of a kind uses the
shipped copy of that kind; a record that no longer parses is logged and skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inspector_app.domain.reference import (
    AGENCY,
    BENCHMARK,
    ROSTER,
    RULE_PACK,
    WORDING,
    RosterOfficer,
)
from inspector_app.domain.rules.benchmark import (
    BenchmarkError,
    DiscretionBenchmark,
    load_benchmarks,
    parse_benchmark,
)
from inspector_app.domain.rules.rulepacks import (
    RulePackError,
    RulePacks,
    combine_rule_packs,
    load_rule_packs,
    parse_rule_pack,
)
from inspector_app.paths import resource
from inspector_app.services.profile import Profile
from inspector_app.store.models import ReferenceRow

log = logging.getLogger(__name__)

REFERENCE_DIR = "reference"  # in the profile folder: agency settings as files for documents


@dataclass(frozen=True, slots=True)
class ReferenceSummary:
    """What the profile holds of each kind, for a settings or about page."""

    kind: str
    names: tuple[str, ...]
    shipped: bool  # nothing received yet: the copies in resources/ are used


def _records(profile: Profile, kind: str) -> list[tuple[str, dict[str, Any]]]:
    with profile.db.session() as s:
        rows = s.scalars(
            select(ReferenceRow).where(ReferenceRow.kind == kind).order_by(ReferenceRow.id)
        ).all()
    out = []
    for row in rows:
        content = row.data.get("content")
        if isinstance(content, dict):
            out.append((str(row.data.get("name") or row.id.partition(":")[2]), content))
    return out


def summary(profile: Profile) -> list[ReferenceSummary]:
    return [
        ReferenceSummary(kind, tuple(n for n, _ in found), not found)
        for kind in (RULE_PACK, BENCHMARK, AGENCY, WORDING, ROSTER)
        for found in (_records(profile, kind),)
    ]


# -- the rules' data ----------------------------------------------------------------------


@cache
def _shipped_packs() -> RulePacks:
    return load_rule_packs(resource("reference", "rulepacks"))


def rule_packs(profile: Profile) -> RulePacks:
    """The 首违不罚/轻微免罚 lists the server published, else the shipped ones."""
    packs = []
    for name, content in _records(profile, RULE_PACK):
        try:
            packs.append(parse_rule_pack(content, name))
        except RulePackError as exc:
            log.error("rule pack %s from the server cannot be read, skipped: %s", name, exc)
    if not packs:
        return _shipped_packs()
    try:
        return combine_rule_packs(packs)
    except RulePackError as exc:
        log.error("the server's rule packs clash (%s); the shipped ones are used", exc)
        return _shipped_packs()


@cache
def _shipped_benchmark() -> DiscretionBenchmark | None:
    return load_benchmarks(resource("reference", "benchmarks")).default()


def benchmark(profile: Profile) -> DiscretionBenchmark | None:
    """The local discretion benchmark (裁量基准): the published default, else the shipped one."""
    found: list[DiscretionBenchmark] = []
    for name, content in _records(profile, BENCHMARK):
        try:
            found.append(parse_benchmark(content, name))
        except BenchmarkError as exc:
            log.error("benchmark %s from the server cannot be read, skipped: %s", name, exc)
    if not found:
        return _shipped_benchmark()
    marked = [b for b in found if b.default]
    return marked[0] if len(marked) == 1 else (found[0] if len(found) == 1 else None)


# -- officers -----------------------------------------------------------------------------


@cache
def _demo_roster() -> dict[str, RosterOfficer]:
    from inspector_app.services.demo import demo_dataset

    data = demo_dataset()
    names = {d.code: d.name for d in data.departments}
    return {
        p.id: RosterOfficer(
            p.id,
            p.username,
            p.display_name,
            p.badge_no,
            p.department_code,
            names.get(p.department_code, ""),
        )
        for p in data.inspectors
        if p.badge_no
    }


def roster(profile: Profile) -> dict[str, RosterOfficer]:
    """Officers by user id: the server's roster, else the demo's; the signed-in user always."""
    officers: dict[str, RosterOfficer] = {}
    for _name, content in _records(profile, ROSTER):
        for entry in content.get("officers") or ():
            try:
                officer = RosterOfficer.from_json(entry)
            except (KeyError, TypeError):
                log.error("a roster entry from the server cannot be read: %r", entry)
                continue
            officers[officer.id] = officer
    if not officers:
        officers = dict(_demo_roster())
    user = profile.user
    if user is not None and user.id not in officers:
        officers[user.id] = RosterOfficer(
            user.id, user.username, user.display_name, user.badge_no, user.department_code
        )
    return officers


def team_names(profile: Profile) -> dict[str, str]:
    """Team names by id, from the server's roster (the demo's teams without one)."""
    records = _records(profile, ROSTER)
    names: dict[str, str] = {}
    for _name, content in records:
        for entry in content.get("teams") or ():
            if isinstance(entry, dict) and entry.get("id") and entry.get("name"):
                names[str(entry["id"])] = str(entry["name"])
    if not records:
        from inspector_app.services.demo import demo_dataset

        names = {t.id: t.name for t in demo_dataset().teams}
    return names


# -- document settings --------------------------------------------------------------------


def _shipped_agency() -> dict[str, Any]:
    return dict(json.loads(resource("documents", "agency.json").read_text(encoding="utf-8")))


def agency_content(profile: Profile, department_code: str) -> dict[str, Any] | None:
    """The agency settings (agency.json's content) of the agency acting for a department."""
    for name, content in _records(profile, AGENCY):
        if name == department_code:
            return content
    shipped = _shipped_agency()
    code = (shipped.get("agency") or {}).get("department_code")
    if code == department_code:
        return shipped
    return None


def agency_departments(profile: Profile) -> list[str]:
    """Departments with agency settings (the published ones, or the shipped agency's)."""
    published = [name for name, _ in _records(profile, AGENCY)]
    if published:
        return published
    code = (_shipped_agency().get("agency") or {}).get("department_code")
    return [code] if isinstance(code, str) and code else []


def settings_folder(profile: Profile, department_code: str) -> Path | None:
    """A folder holding this agency's ``agency.json`` and the published ``wording.json``, as
    ``documents.load_settings`` reads them (files it lacks come from resources/documents).

    Written once per content (the folder's name is the hash of what it holds), so a
    document issued later with the same settings reads the same files.
    """
    agency = agency_content(profile, department_code)
    if agency is None:
        return None
    files = {"agency.json": agency}
    for _name, content in _records(profile, WORDING):
        files["wording.json"] = content
    blob = json.dumps(files, ensure_ascii=False, sort_keys=True).encode("utf-8")
    folder = profile.folder / REFERENCE_DIR / hashlib.sha256(blob).hexdigest()[:16]
    if not folder.is_dir():
        # A folder of this writer's own: two threads (the documents list read in the
        # background, an issue on the operations thread) or two processes may write the
        # same content at once, and must not write into one another's half-made folder.
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(
            tempfile.mkdtemp(prefix=folder.name + ".", suffix=".partial", dir=folder.parent)
        )
        for name, content in files.items():
            (partial / name).write_text(json.dumps(content, ensure_ascii=False), "utf-8")
        # Seal image: a file name in agency.json refers to resources/documents, whose
        # copy load_settings falls back to.
        try:
            partial.replace(folder)
        except OSError:
            if not folder.is_dir():  # not another writer that got there first
                raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)  # only left when another won
    return folder
