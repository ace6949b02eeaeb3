"""UI fixtures: window settings (geometry, drafts) go to a temporary file, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture
def demo_profile(tmp_path: Path) -> Iterator[Any]:
    """A profile holding the demo tasks, nobody signed in (no server)."""
    from inspector_app.services import open_profile
    from inspector_app.services.demo import load_demo

    with open_profile(tmp_path / "profile") as p:
        load_demo(p)
        yield p


@pytest.fixture
def demo_window(qtbot, demo_profile, monkeypatch) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The inspector's window over ``demo_profile``, shown and active, 1400x1000; the
    warnings it would show in a box are kept in ``window.warnings`` instead."""
    from PySide6.QtWidgets import QMessageBox

    from inspector_app.ui.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, msg, *a: shown.append(msg))
    w = MainWindow(demo_profile)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.visit.task is not None)
    w.resize(1400, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.warnings = shown  # type: ignore[attr-defined]
    yield w
    w.ops.wait()
    w.visit.documents.wait()
