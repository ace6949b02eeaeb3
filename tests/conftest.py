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
