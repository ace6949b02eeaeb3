"""``inspector-app selftest``: check an installation headless and say what is wrong.

IT runs this after installing on a laptop; every failed check names what to do.
"""

from __future__ import annotations

import platform
import sqlite3
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from inspector_app import __version__
from inspector_app.paths import resource, resources_dir

REQUIRED_RESOURCES = (
    "fonts/gbsn00lp.ttf",
    "fonts/wqy-microhei.ttc",
    "translations/zh_CN.ts",
    "demo/businesses.csv",
    "demo/departments.csv",
    "demo/inspectors.csv",
    "demo/teams.csv",
    "demo/equivalences.csv",
    "reference/rulepacks",
)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(slots=True)
class SelftestReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def render(self) -> str:
        lines = [
            f"Field Inspector {__version__} self-test, {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC",
            f"Python {platform.python_version()} on {platform.platform()}",
            "",
        ]
        for c in self.checks:
            lines.append(f"[{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
        lines.append("")
        failed = [c for c in self.checks if not c.ok]
        lines.append(
            "All checks passed." if not failed else f"{len(failed)} check(s) failed; see above."
        )
        return "\n".join(lines)


def _run(report: SelftestReport, name: str, check: Callable[[], str]) -> None:
    try:
        report.checks.append(Check(name, True, check()))
    except Exception as exc:  # a self-test reports every failure instead of stopping
        detail = f"{type(exc).__name__}: {exc}"
        tb = traceback.extract_tb(exc.__traceback__)
        if tb:
            detail += f" (at {Path(tb[-1].filename).name}:{tb[-1].lineno})"
        report.checks.append(Check(name, False, detail))


def _check_resources() -> str:
    root = resources_dir()
    missing = [p for p in REQUIRED_RESOURCES if not (root / p).exists()]
    if missing:
        raise FileNotFoundError(f"missing in {root}: {', '.join(missing)}; reinstall the app")
    return f"{root}"


def _check_fonts() -> str:
    from inspector_app.documents.fonts import BODY_FONT, HEADING_FONT, covers, register_fonts

    register_fonts()
    sample = "深市监责改〔2026〕12号 现场笔录 统一社会信用代码 第1页 共2页"
    for font in (BODY_FONT, HEADING_FONT):
        if not covers(font, sample):
            raise ValueError(f"font {font} lacks glyphs needed for documents")
    return "Song and Hei CJK fonts load and cover document text"


def _check_sqlite() -> str:
    version = sqlite3.sqlite_version_info
    if version < (3, 35):
        raise RuntimeError(f"SQLite {sqlite3.sqlite_version} is too old; 3.35 or newer needed")
    return f"SQLite {sqlite3.sqlite_version}"


def _check_database() -> str:
    from inspector_app.services.demo import demo_tasks
    from inspector_app.services.profile import open_profile
    from inspector_app.services.tasks import import_tasks, list_tasks
    from inspector_app.store.audit_check import verify_chain

    with tempfile.TemporaryDirectory(prefix="inspector-selftest-") as tmp:
        with open_profile(Path(tmp) / "profile") as profile:
            tasks = demo_tasks()
            import_tasks(profile, tasks)
            listed = list_tasks(profile)
            if len(listed) != len(tasks):
                raise RuntimeError(f"wrote {len(tasks)} tasks but read back {len(listed)}")
            with profile.db.session() as session:
                verdict = verify_chain(session)
                integrity = session.connection().exec_driver_sql("PRAGMA integrity_check")
                result = integrity.scalar()
            if result != "ok":
                raise RuntimeError(f"integrity check: {result}")
            if not verdict.ok:
                raise RuntimeError(f"audit chain: {verdict.reason}")
    return f"migrations applied, {len(tasks)} demo tasks written and read back, integrity ok"


def _check_rule_packs() -> str:
    from inspector_app.domain.rules.rulepacks import load_rule_packs

    packs = load_rule_packs(resource("reference", "rulepacks"))
    entries = sum(len(pack.entries) for pack in packs.packs)
    return f"{len(packs.packs)} rule packs, {entries} entries"


def _check_documents(folder: Path) -> Callable[[], str]:
    def check() -> str:
        from inspector_app.services.documents import render_demo_documents

        written = render_demo_documents(folder)
        return f"{len(written)} documents written to {folder}"

    return check


def run_selftest(*, documents_dir: Path | None = None) -> SelftestReport:
    report = SelftestReport()
    _run(report, "resources", _check_resources)
    _run(report, "sqlite", _check_sqlite)
    _run(report, "fonts", _check_fonts)
    _run(report, "rule packs", _check_rule_packs)
    _run(report, "database and migrations", _check_database)
    if documents_dir is not None:
        _run(report, "documents", _check_documents(documents_dir))
    return report
