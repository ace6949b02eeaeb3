"""Run a service call off the GUI thread and hand its result back on the GUI thread.

Anki's ``CollectionOp`` habit: every UI action that touches data is one small
operation; a mutation's ``Changes`` goes out through the window's one
``data_changed`` signal, and views refresh from that.
"""

from __future__ import annotations

import importlib
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from inspector_app.services.errors import ServiceError

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
            self.finished.emit(self.job_id, False, [exc])
        else:
            # In a list: PySide 6.12 miscounts references to a bare None sent across
            # threads (a crash, "deallocating None"); a list is never None.
            self.finished.emit(self.job_id, True, [result])


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
            (on_success if ok else on_failure)(value[0])
        finally:
            if not self._callbacks:
                self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


class Operations(QObject):
    """The window's one door for user actions that change data.

    ``run`` runs a service call off the GUI thread; its ``Changes`` go out through
    ``data_changed``, the one signal every view refreshes from; a failure is shown
    by ``on_error`` (a message the user can act on, or a logged crash). A page that
    passes ``failed`` shows a refusal (a ``ServiceError``) itself, where the user
    acted, and then no dialog is put on top of it; a crash still reaches ``on_error``.
    """

    data_changed = Signal(object)  # Changes
    status = Signal(str, int)  # message, milliseconds

    def __init__(self, on_error: Callback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = OperationRunner(self)
        self._on_error = on_error
        self.prepare: Callable[[], None] = lambda: None  # runs on the GUI thread first

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def run(
        self,
        fn: Callable[[], Any],
        *,
        done: str = "",
        after: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        def succeeded(result: Any) -> None:
            changes = result[1] if isinstance(result, tuple) else result
            if done:
                self.status.emit(done, 5000)
            if changes is not None:
                self.data_changed.emit(changes)
            if after is not None:
                after(result)

        def failure(exc: BaseException) -> None:
            if failed is not None:
                failed(exc)
                if isinstance(exc, ServiceError):
                    return  # a refusal shown where the user acted: no dialog on top of it
            self._on_error(exc)

        self.prepare()
        self.runner.run(fn, on_success=succeeded, on_failure=failure)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.runner.wait(msecs)


#: What the task page and the first save need, loaded step by step on the GUI thread
#: after the window is up. Not in a worker thread: with PySide6 6.12 a Python import
#: in another thread while the GUI thread runs Qt code has crashed the process.
#: Each step holds the event loop while it imports, so the big ones are split where a
#: package allows it: SQLAlchemy's own imports of the standard library come first (a
#: subpackage cannot go before its package, whose __init__ imports the rest).
WARMUP_MODULES = (
    "typing_extensions",
    "asyncio",
    "importlib.metadata",
    "sqlalchemy",
    "sqlalchemy.orm",
    "inspector_app.store.models",
    "inspector_app.store.repositories",
    "inspector_app.services.tasks",
    "inspector_app.services.visit",
    "inspector_app.services.inspection",
    "inspector_app.services.evidence",
)

#: Loaded after those, once the task page shows its task: the sync client and the wire
#: models (requests, pydantic), which the status bar's sign-in figure and background sync
#: need. Over a second of imports on a slow laptop, so in steps too.
LATER_MODULES = (
    "urllib3",
    "charset_normalizer",
    "requests",
    "pydantic_core",
    "pydantic.main",
    "inspector_app.sync.protocol",
    "sqlalchemy.dialects.sqlite",
    "inspector_app.sync.client",
    "inspector_app.services.sync",
)


class _IntegrityJob(QRunnable):
    def __init__(self, check: Callable[[], str | None], done: Any) -> None:
        super().__init__()
        self.check, self.done = check, done

    def run(self) -> None:
        try:
            problem = self.check() or ""
        except Exception as exc:  # reported as a problem: the file could not be read
            log.exception("integrity check failed")
            problem = str(exc)
        self.done.emit(problem)


class Warmup(QObject):
    """Loads the services behind the task page once the window is usable: one module per
    turn of the event loop, so typing is never held up for long; then ``loaded``; then
    the sync client the same way, and ``later_loaded``. The integrity check a quick
    start-up skipped runs after, in a thread (SQLite releases the GIL and imports
    nothing); ``checked`` carries what it found ("" when sound)."""

    loaded = Signal()
    later_loaded = Signal()
    # A str, not an object that may be None: PySide 6.12 miscounts references to None
    # sent across threads.
    checked = Signal(str)

    def __init__(self, profile: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._steps: list[Callable[[], object]] = [
            *(lambda name=name: importlib.import_module(name) for name in WARMUP_MODULES),
            lambda: self.profile.db,  # the engine, so the first save does not wait for it
        ]
        self.done = False  # the task page's modules are loaded
        self._later = False  # the later steps are under way
        # A child timer, not QTimer.singleShot(callable): it dies with this object, so a
        # window closed (or replaced by the session) before the last step ends them.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def start(self, delay_ms: int = 0) -> None:
        self._timer.start(delay_ms)

    @property
    def finished(self) -> bool:
        """Every module is loaded (or the steps were stopped)."""
        return self.done and not self._later and not self._steps

    def stop(self) -> None:
        """No further steps (the window is closing; its profile closes next)."""
        self._timer.stop()
        self._steps.clear()
        self._later = False

    def _step(self) -> None:
        if self._steps:
            step = self._steps.pop(0)
            try:
                step()
            except Exception:  # the first action that needs it will say what is wrong
                log.exception("warm-up step failed")
            self._timer.start(0)
            return
        if not self.done:
            self.done, self._later = True, True
            self._steps = [
                lambda name=name: importlib.import_module(name) for name in LATER_MODULES
            ]
            self._timer.start(0)
            self.loaded.emit()
            return
        if not self._later:
            return  # stopped
        self._later = False
        self.later_loaded.emit()
        if not self.profile.checked:
            from inspector_app.services import check_integrity

            profile = self.profile
            self.pool.start(_IntegrityJob(lambda: check_integrity(profile), self.checked))

    def finish_now(self) -> None:
        """Load what is left at once, on this (the GUI) thread: an operation is about to
        run in a worker, where a first import must not happen."""
        while self._steps:
            step = self._steps.pop(0)
            try:
                step()
            except Exception:
                log.exception("warm-up step failed")

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
