"""The password that opens a profile on this laptop, online or not (offline unlock).

One panel serves twice: in a dialog when a profile is opened, and over the window
when it locks after idle time (``lock.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import Inspector
from inspector_app.services import ServiceError
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import OperationRunner

log = logging.getLogger(__name__)

#: ``check(password)`` raises ServiceError when the password does not open the profile.
Check = Callable[[str], Any]


class UnlockPanel(QWidget):
    unlocked = Signal()
    switch_requested = Signal()

    def __init__(
        self,
        user: Inspector,
        check: Check,
        parent: QWidget | None = None,
        *,
        where: str = "",
        hint: str = "",
        locked: bool = False,
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        """``meanwhile``: run once on this thread while the first password is checked in
        the worker (the session imports the window's modules then)."""
        super().__init__(parent)
        self.check = check
        self.meanwhile = meanwhile
        self.runner = OperationRunner(self)
        title = self.tr("Locked") if locked else self.tr("Open profile")
        self.title = QLabel(
            f"<h2>{escape(title)}</h2><p><b>{escape(user.display_name)}</b> "
            f"({escape(user.username)})<br><span style='color:gray'>{escape(where)}</span></p>",
            self,
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.returnPressed.connect(self.submit)
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button = QPushButton(self.tr("S&witch profile…"), self)
        self.switch_button.clicked.connect(self.switch_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(QLabel(self.tr("Enter your password to continue."), self))
        layout.addWidget(self.password)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setFocusProxy(self.password)

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.message.setText(self.tr("Enter your password."))
            return
        self._busy(True)
        self.runner.run(lambda: self.check(password), on_success=self._ok, on_failure=self._refused)
        meanwhile, self.meanwhile = self.meanwhile, None
        if meanwhile is not None:
            meanwhile()

    def _busy(self, busy: bool) -> None:
        for widget in (self.password, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)

    def _ok(self, _result: object) -> None:
        self._busy(False)
        self.password.clear()
        self.message.clear()
        self.unlocked.emit()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ServiceError):
            self.message.setText(error_text(exc))
        else:
            log.error("unlocking failed", exc_info=exc)
            self.message.setText(self.tr("Unlocking failed ({error}).").format(error=exc))
        self.password.clear()
        self.password.setFocus()


class UnlockDialog(QDialog):
    """Asks the password of a profile being opened. ``switched`` is True when the user
    chose another profile instead."""

    def __init__(
        self,
        user: Inspector,
        check: Check,
        parent: QWidget | None = None,
        *,
        where: str = "",
        hint: str = "",
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Field Inspector"))
        self.switched = False
        self.panel = UnlockPanel(user, check, self, where=where, hint=hint, meanwhile=meanwhile)
        self.panel.unlocked.connect(self.accept)
        self.panel.switch_requested.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.setMinimumWidth(420)
        self.panel.setFocus()

    def _switch(self) -> None:
        self.switched = True
        self.reject()

    def reject(self) -> None:
        self.panel.runner.wait()
        super().reject()
