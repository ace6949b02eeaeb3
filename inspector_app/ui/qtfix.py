"""A work-around for a reference-counting bug in PySide6 6.12.0's ``Signal.emit``.

Each ``SignalInstance.emit`` called from Python returns ``True`` without taking a
reference to it, so every emit lowers ``True``'s count by one; after some thousands
of emits CPython (3.11, where ``True`` is not immortal) frees it and aborts with
"bool_dealloc: deallocating True or False". We saw it abort the window benchmark.

:func:`install` measures the leak on a throw-away signal and, only if it is exactly
one reference per emit, wraps ``emit`` to give the reference back; it measures again
and takes the wrapper off if the count still moves. A PySide6 without the bug is left
alone, so the fix retires itself when PySide6 is upgraded.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_PROBES = 16
_original_emit = SignalInstance.emit
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _leak_per_emit() -> float:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    return (before - sys.getrefcount(True)) / _PROBES


def _emit_keeping_true(self: Any, *args: Any) -> Any:
    result = _original_emit(self, *args)
    if result is True:
        _incref(True)  # the reference PySide6 6.12.0 failed to take
    return result


def install() -> bool:
    """Wrap ``emit`` if this PySide6 leaks; True when the wrapper is in place."""
    if SignalInstance.emit is _emit_keeping_true:
        return True
    if _leak_per_emit() != 1:
        return False
    SignalInstance.emit = _emit_keeping_true  # type: ignore[method-assign]
    if _leak_per_emit() != 0:
        SignalInstance.emit = _original_emit  # type: ignore[method-assign]
        log.error("PySide6 Signal.emit loses references and the work-around did not help")
        return False
    log.info("PySide6 Signal.emit reference leak worked around")
    return True
