"""Helpers for the window tests against a real server: the sync tests' world (a real
server on loopback with the demo data, laptops signed in to it) and a way to answer a
modal dialog that the code under test opens with ``exec()``.

Loaded by path (``load()`` below), since test folders are not packages.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

HERE = Path(__file__).resolve().parent


def load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def syncworld() -> ModuleType:
    return load("syncworld", HERE.parent / "sync" / "syncworld.py")


class Answers:
    """Queue what to do with the next modal dialogs, in order, as a user would.

    ``expect(SignInDialog, fill)`` waits for a modal dialog of that class and calls
    ``fill(dialog)``; the code under test is meanwhile blocked in that dialog's
    ``exec()``. ``seen`` lists the dialogs answered, ``missed`` the expected ones that
    never came, ``unexpected`` the ones nobody expected (closed after a few seconds, so
    a test fails instead of hanging in ``exec()``).
    """

    TICK_MS = 20
    PATIENCE = 1500  # ticks (~30 s) for an expected dialog to come
    STRANGER = 250  # ticks (~5 s) before an unexpected dialog is closed

    def __init__(self) -> None:
        self.queue: list[tuple[type[QWidget], Callable[[Any], None]]] = []
        self.seen: list[str] = []
        self.missed: list[str] = []
        self.unexpected: list[str] = []
        self._waiting = 0
        self._stranger = 0
        self._timer = QTimer()
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def expect(self, cls: type[QWidget], act: Callable[[Any], None]) -> None:
        self.queue.append((cls, act))

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        widget = QApplication.activeModalWidget()
        shown = widget is not None and widget.isVisible()
        if self.queue:
            cls, act = self.queue[0]
            if shown and isinstance(widget, cls):
                self.queue.pop(0)
                self.seen.append(cls.__name__)
                self._waiting = self._stranger = 0
                act(widget)
                return
            self._waiting += 1
            if self._waiting > self.PATIENCE:
                self.missed.append(cls.__name__)
                self.queue.pop(0)
                self._waiting = 0
        if shown and not (self.queue and isinstance(widget, self.queue[0][0])):
            self._stranger += 1
            if self._stranger > self.STRANGER:
                self.unexpected.append(type(widget).__name__)
                self._stranger = 0
                widget.close()
        else:
            self._stranger = 0
