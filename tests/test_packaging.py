"""A wheel built from the repo and installed elsewhere finds its resources and passes selftest."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("field_inspector-*.whl"))
    assert len(wheels) == 1
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheels[0]) as zf:
        names = zf.namelist()
        assert "inspector_app/resources/fonts/gbsn00lp.ttf" in names
        assert any(n.startswith("inspector_app/resources/demo/") for n in names)
        assert any(n.startswith("inspector_app/store/migrations/") for n in names)
        zf.extractall(target)
    return target


def _run_installed(target: Path, code: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd
    )
    assert out.returncode == 0, out.stderr + out.stdout
    return out.stdout


def test_installed_wheel_finds_its_resources(installed_wheel: Path, tmp_path: Path) -> None:
    out = _run_installed(
        installed_wheel,
        "import inspector_app, inspector_app.paths as p;"
        "print(inspector_app.__file__); print(p.resources_dir())",
        tmp_path,
    )
    module_file, resources = out.split()
    assert module_file.startswith(str(installed_wheel))
    assert resources == str(installed_wheel / "inspector_app" / "resources")


def test_installed_wheel_passes_selftest(installed_wheel: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    out = _run_installed(
        installed_wheel,
        "import sys; from inspector_app.cli import main;"
        f"sys.exit(main(['selftest', '--report', {str(report)!r}]))",
        tmp_path,
    )
    assert "All checks passed." in out
    assert "[FAIL]" not in report.read_text(encoding="utf-8")


def test_the_build_compiles_the_translations(tmp_path: Path) -> None:
    """packaging/compile_translations.py (run by the PyInstaller spec) makes .qm files Qt
    loads, and the app uses one shipped beside the .ts before compiling its own."""
    pytest.importorskip("PySide6")
    out = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "compile_translations.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    qm = tmp_path / "zh_CN.qm"
    code = (
        "from PySide6.QtCore import QTranslator;"
        f"t = QTranslator(); assert t.load({str(qm)!r});"
        "print(t.translate('MainWindow', '&File'))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.stdout.strip() == "文件(&F)", shown.stderr
