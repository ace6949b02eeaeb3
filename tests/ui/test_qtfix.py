"""Emitting a signal from Python never costs a reference to True (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import inspector_app.ui  # noqa: F401  (installs the work-around)


class _Emitter(QObject):
    changed = Signal(str)
    done = Signal()


def test_emits_leave_the_count_of_true_alone(qapp) -> None:
    emitter = _Emitter()
    seen: list[str] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for n in range(500):
        emitter.changed.emit(str(n))
        emitter.done.emit()
    # Without the work-around: -1000, one reference to True lost per emit. A few
    # references come and go with the interpreter's own bookkeeping.
    assert abs(sys.getrefcount(True) - before) < 10
    assert len(seen) == 500
