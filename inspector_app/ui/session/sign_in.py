"""Sign in to the central server: address, user name, password.

The sign-in itself (a network call) runs off the GUI thread; the dialog stays open
with the refusal in the user's language until it succeeds or the user cancels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from inspector_app.services import ServiceError
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import OperationRunner

log = logging.getLogger(__name__)

#: ``attempt(server, username, password)`` signs in (off the GUI thread) and returns
#: what the caller wants back, e.g. the profile it opened; it raises ServiceError.
Attempt = Callable[[str, str, str], Any]


class SignInDialog(QDialog):
    def __init__(
        self,
        attempt: Attempt,
        parent: QWidget | None = None,
        *,
        server_url: str = "",
        username: str = "",
        fixed_user: bool = False,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.attempt = attempt
        self.outcome: Any = None
        self.runner = OperationRunner(self)
        self.note = QLabel(note, self)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://inspector.example.gov.cn")
        self.username = QLineEdit(username, self)
        self.username.setReadOnly(fixed_user)  # a profile's account never changes
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.note)
        form.addRow(self.tr("&Server"), self.server)
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.setMinimumWidth(440)
        (self.password if server_url and username else self.server).setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.server.text().strip(), self.username.text().strip(), self.password.text()

    def _submit(self) -> None:
        server, username, password = self.values()
        if not server or not username:
            self.message.setText(self.tr("Enter the server address and your user name."))
            return
        if not password:
            self.message.setText(self.tr("Enter your password."))
            self.password.setFocus()
            return
        self._busy(True)
        self.message.setText(self.tr("Signing in…"))
        self.runner.run(
            lambda: self.attempt(server, username, password),
            on_success=self._succeeded,
            on_failure=self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _succeeded(self, outcome: Any) -> None:
        self.outcome = outcome
        self._busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ServiceError):
            self.message.setText(error_text(exc))
        else:
            log.error("signing in failed", exc_info=exc)
            self.message.setText(
                self.tr("Signing in failed ({error}). Try again, or tell IT.").format(error=exc)
            )
        self.password.clear()
        self.password.setFocus()

    def reject(self) -> None:
        self.runner.wait()  # an attempt under way finishes (or times out) first
        super().reject()
