"""A work-around for PySide6 6.12.0 on Python 3.11: it loses references to None and True.

Measured here: every call of a method returning nothing (``setText``, ``update``,
``processEvents``, a ``QRunnable.run`` override…) gives back ``None`` without taking a
reference to it, and every ``Signal.emit`` does the same with ``True``. On Python 3.12
and later these objects are immortal and nothing happens; on 3.11 their counts fall
with every call until CPython frees them and aborts ("none_dealloc: deallocating None",
"bool_dealloc"): the window benchmark aborted after a few thousand calls, and a day of
use would too.

:func:`install` measures both losses on throw-away objects and, only where it finds
them, gives None, True and False what Python 3.12 gives them: a reference count so
high that no run can bring it down to zero. A PySide6 or a Python without the bug is
left alone, so the fix retires itself. The real cure is Python >= 3.12 or a PySide6
without the bug; see the project's notes.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBES = 16
#: Added to the counts: more references than any process can ever drop (2**60 calls).
_IMMORTAL = 2**60


class _Probe(QObject):
    ping = Signal()


def losses() -> tuple[float, float]:
    """References lost per call: (to None by a void method, to True by an emit)."""
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    lost_none = (before - sys.getrefcount(None)) / _PROBES
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost_true = (before - sys.getrefcount(True)) / _PROBES
    return lost_none, lost_true


def _raise_count(obj: object) -> None:
    # ob_refcnt is the first field of every object (Py_ssize_t), at id(obj).
    ctypes.c_ssize_t.from_address(id(obj)).value += _IMMORTAL


def install() -> bool:
    """Make None, True and False immortal if this PySide6 loses references to them."""
    if sys.version_info >= (3, 12):
        return False  # immortal already
    if sys.getrefcount(None) > _IMMORTAL:
        return True  # done before
    lost_none, lost_true = losses()
    if lost_none < 0.5 and lost_true < 0.5:
        return False
    for obj in (None, True, False):
        _raise_count(obj)
    log.info(
        "PySide6 loses references (None %.0f per void call, True %.0f per emit): "
        "None, True and False made immortal as on Python 3.12",
        lost_none,
        lost_true,
    )
    return True
