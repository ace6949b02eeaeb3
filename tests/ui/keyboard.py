"""Keyboard helpers the window tests share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def wait_op(qtbot: Any, window: Any) -> None:
    """Until the window's operation (a write off the GUI thread) has ended."""
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=10_000)


def press(qtbot: Any, key: Qt.Key, mods: Qt.KeyboardModifier = CTRL_SHIFT) -> None:
    """A key as the user presses it: to the widget with the focus."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, key, mods)
