"""UI fixtures: window settings (geometry, drafts) go to a temporary file, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def private_settings(qapp, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "settings"
    folder.mkdir()
    qapp.setOrganizationName("FieldInspectorTests")
    qapp.setApplicationName("Field Inspector")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
