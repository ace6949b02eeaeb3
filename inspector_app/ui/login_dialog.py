"""Sign in to the central server: address, user name, password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget


class LoginDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, server_url: str = "", username: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://inspector.example.gov.cn")
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.message)
        form.addRow(buttons)
        (self.password if server_url and username else self.server).setFocus()

    def _accept(self) -> None:
        if not self.server.text().strip() or not self.username.text().strip():
            self.message.setText(self.tr("Enter the server address and your user name."))
            return
        if not self.password.text():
            self.message.setText(self.tr("Enter your password."))
            return
        self.accept()

    def values(self) -> tuple[str, str, str]:
        return self.server.text().strip(), self.username.text().strip(), self.password.text()
