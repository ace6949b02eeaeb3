"""The layers of DESIGN.md hold: only the UI imports Qt; the domain imports nothing of ours."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEADLESS = [
    "inspector_app",
    "inspector_app.domain",
    "inspector_app.store",
    "inspector_app.services",
    "inspector_app.sync",
    "inspector_app.documents",
    "inspector_app.cli",
    "inspector_server",
]


def _modules_under(package: str) -> list[str]:
    base = ROOT / package.replace(".", "/")
    names = []
    for path in sorted(base.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


@pytest.mark.parametrize("package", HEADLESS)
def test_importing_headless_packages_never_loads_qt(package: str) -> None:
    modules = [m for m in _modules_under(package) if not m.startswith("inspector_app.ui")]
    if package == "inspector_app.cli":
        modules = ["inspector_app.cli"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "", f"{package} pulled in Qt: {out.stdout.strip()}"


def test_domain_imports_nothing_of_ours_but_the_domain() -> None:
    offenders = []
    for path in (ROOT / "inspector_app" / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                ours = name.startswith(("inspector_app", "inspector_server"))
                if ours and not name.startswith("inspector_app.domain"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
                if name.split(".")[0] in {"PySide6", "sqlalchemy", "requests", "reportlab"}:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
