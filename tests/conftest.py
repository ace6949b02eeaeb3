"""Shared fixtures for the whole suite."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Qt must never look for a screen in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nor read or write the developer's own settings, nor fill their cache.
_scratch = tempfile.mkdtemp(prefix="inspector-tests-")
atexit.register(shutil.rmtree, _scratch, True)
os.environ.setdefault("INSPECTOR_SETTINGS", os.path.join(_scratch, "settings.json"))
os.environ.setdefault("INSPECTOR_CACHE", os.path.join(_scratch, "cache"))
# Tokens and audit keys go to 0600 files in the profile: never a developer's keyring.
os.environ.setdefault("INSPECTOR_KEYRING", "off")


def pytest_sessionstart(session) -> None:  # type: ignore[no-untyped-def]
    """A print queue named to the tests must be there: without it every print test would
    wait minutes for a file that never comes (as on a machine where cupsd is not running)."""
    queue = os.environ.get("INSPECTOR_TEST_PRINTER")
    if not queue:
        return
    import subprocess

    lpstat = shutil.which("lpstat")
    said = (
        subprocess.run([lpstat, "-a", queue], capture_output=True, text=True, check=False)
        if lpstat
        else None
    )
    if said is None or said.returncode != 0 or "accepting" not in said.stdout:
        import pytest

        why = (said.stderr or said.stdout).strip() if said else "lpstat is not installed"
        raise pytest.UsageError(
            f"INSPECTOR_TEST_PRINTER={queue}, but CUPS has no such queue accepting jobs ({why}); "
            "start cupsd and add the queue (see .ci/run), or unset the variable"
        )
