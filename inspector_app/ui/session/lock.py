"""The lock over the window: nothing of the work shows, and no key reaches it, until the
user's password opens it again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPalette, QShortcut
from PySide6.QtWidgets import QFrame, QMainWindow, QVBoxLayout, QWidget

from inspector_app.ui.session.unlock import UnlockPanel


class LockOverlay(QWidget):
    """An opaque cover over the whole window (menus and tool bars too) holding the unlock
    panel. While it shows, the window's other parts are disabled and its shortcuts eaten."""

    def __init__(self, window: QMainWindow, panel: UnlockPanel) -> None:
        super().__init__(window)
        self.window_ = window
        self.panel = panel
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setMinimumWidth(420)
        frame.setMaximumWidth(520)
        inner = QVBoxLayout(frame)
        inner.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(frame, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._disabled: list[QWidget] = []
        self.hide()
        window.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.isVisible()

    def lock(self) -> None:
        if self.locked:
            return
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        self._disabled = [
            w
            for w in self.window_.findChildren(QWidget, options=direct)
            if w is not self and not w.isWindow() and w.isEnabled()
        ]
        for widget in self._disabled:
            widget.setEnabled(False)
        self.setGeometry(self.window_.rect())
        self.show()
        self.raise_()
        QCoreApplication.instance().installEventFilter(self)
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def unlock(self) -> None:
        QCoreApplication.instance().removeEventFilter(self)
        self.hide()
        for widget in self._disabled:
            widget.setEnabled(True)
        self._disabled = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window_ and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_.rect())
            return False
        # Disabled parts fire no shortcut, but an action or shortcut on the window itself
        # would (Ctrl+K check-in, Ctrl+Enter save…): none may act behind the lock.
        if self.locked and event.type() == QEvent.Type.Shortcut:
            owner = watched.parent() if isinstance(watched, QAction | QShortcut) else None
            return not (isinstance(owner, QWidget) and self.isAncestorOf(owner))
        return False
