"""The windows' modules import nothing heavy: the database layer, the PDF renderer, the
charts, the rasteriser and the sync client load after the window is up (the warm-up,
ui/operations.py) or when their page first opens, so a cold start pays only for Qt and
the window itself (issue 13's cold-start goal). A page that imports a service module at
its top pulls all of them in; this test says which one did.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "sqlalchemy",
    "reportlab",
    "inspector_app.documents",
    "pypdfium2",
    "pyqtgraph",
    "numpy",
    "requests",
    "pydantic",
)


def test_the_windows_import_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import inspector_app.ui.main_window, inspector_app.ui.lead.window\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"imported at start-up: {out.stdout.strip()}"
