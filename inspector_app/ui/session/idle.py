"""Notice when nobody has used the app for a while (no key, click, wheel or touch)."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """``idle`` fires once after ``timeout`` ms without input; input starts the count again.

    Input only stamps the time (events are many); one single-shot timer looks at the
    stamp when the time could be up, and waits the rest if it is not.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = 0
        self._last = time.monotonic()
        self._fired = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, ms: int) -> None:
        """0 switches the watch off."""
        self._timeout_ms = max(0, int(ms))
        self.reset()

    def reset(self) -> None:
        self._last = time.monotonic()
        self._fired = False
        if self._timeout_ms:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY:
            self._last = time.monotonic()
            if self._fired and self._timeout_ms:
                self._fired = False
                self._timer.start(self._timeout_ms)
        return False

    def _check(self) -> None:
        if not self._timeout_ms:
            return
        left = self._timeout_ms - (time.monotonic() - self._last) * 1000
        if left > 5:
            self._timer.start(int(left))
            return
        self._fired = True
        self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
