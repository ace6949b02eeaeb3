"""Run a service call off the GUI thread and hand its result back on the GUI thread.

Anki's ``CollectionOp`` habit: every UI action that touches data is one small
operation; a mutation's ``Changes`` goes out through the window's one
``data_changed`` signal, and views refresh from that.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], finished: Any) -> None:
        super().__init__()
        self.job_id, self.fn, self.finished = job_id, fn, finished

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self.finished.emit(self.job_id, False, exc)
        else:
            self.finished.emit(self.job_id, True, result)


class OperationRunner(QObject):
    """Runs operations one at a time, in order, on a private thread pool.

    Results come back through ``_finished``, a signal of this GUI-thread object
    connected to one of its own slots, so Qt queues them onto the GUI thread.
    """

    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        # One writer at a time: user actions stay in the order they were made.
        self.pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback, Callback]] = {}
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(self, fn: Callable[[], Any], *, on_success: Callback, on_failure: Callback) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_failure)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Job(job_id, fn, self._finished))

    @Slot(int, bool, object)
    def _on_finished(self, job_id: int, ok: bool, value: Any) -> None:
        on_success, on_failure = self._callbacks.pop(job_id)
        try:
            (on_success if ok else on_failure)(value)
        finally:
            if not self._callbacks:
                self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
