"""Compile resources/translations/*.ts into .qm files for a build (never committed).

The PyInstaller spec calls ``compile_all(out)`` and ships the .qm files beside the
.ts; ``python packaging/compile_translations.py OUT`` does the same by hand. A wheel
ships only the .ts: the app compiles it at first run with PySide6's own lrelease
into the cache folder (``inspector_app/ui/i18n.py``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def lrelease() -> str:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise SystemExit("lrelease not found: install PySide6 (it ships lrelease)")
    return found


def compile_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    if not made:
        raise SystemExit(f"no .ts files in {TRANSLATIONS}")
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "translations"
    for path in compile_all(target):
        print(path)
