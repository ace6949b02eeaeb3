"""Shared fixtures for the whole suite."""

from __future__ import annotations

import os

# Qt must never look for a screen in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tokens and audit keys go to 0600 files in the profile: never a developer's keyring.
os.environ.setdefault("INSPECTOR_KEYRING", "off")
