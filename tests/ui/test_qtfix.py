"""PySide6 6.12.0 on Python 3.11 loses a reference to None on every void call and to True
on every emit; the work-around keeps the window from aborting ("deallocating None")."""

from __future__ import annotations

import subprocess
import sys

from inspector_app.ui import qtfix

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
calls = sys.getrefcount(None) + 50_000  # more than None has references now
{install}
app = QApplication([])
label = QLabel()
for n in range(calls):  # without help, CPython aborts on the way
    label.setText("x")
print("alive")
"""


def _run(install: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(install=install)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_window_survives_more_void_calls_than_none_has_references(qapp) -> None:
    fixed = _run("import inspector_app.ui")
    assert fixed.returncode == 0 and "alive" in fixed.stdout, fixed.stderr[-500:]
    lost_none, _lost_true = qtfix.losses()
    if sys.version_info < (3, 12) and lost_none >= 0.5:  # this PySide6 has the bug
        broken = _run("")
        assert broken.returncode != 0 and "deallocating None" in broken.stderr
