"""Choose a profile on this laptop (another user, another server), or sign in as someone new."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.profiles import ProfileInfo


class ProfileChooser(QDialog):
    """``chosen`` is the folder picked, or None with ``new_sign_in`` True for someone new."""

    def __init__(
        self,
        profiles: list[ProfileInfo],
        parent: QWidget | None = None,
        *,
        current: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a profile"))
        self.chosen: Path | None = None
        self.new_sign_in = False
        self.list = QListWidget(self)
        self.list.setWordWrap(True)  # two lines per profile, never elided to one
        never = self.tr("never synced")
        open_now = self.tr("open now")
        no_server = self.tr("no server")
        last_sync = self.tr("last sync {when}")
        line = self.list.fontMetrics().lineSpacing()
        for info in profiles:
            when = info.last_sync.astimezone().strftime("%Y-%m-%d %H:%M") if info.last_sync else ""
            here = f"  · {open_now}" if current and info.folder == current else ""
            item = QListWidgetItem(
                f"{info.user.display_name} ({info.user.username}){here}\n"
                f"{info.server_url or no_server} · {last_sync.format(when=when or never)}"
            )
            item.setSizeHint(QSize(0, 2 * line + 10))  # both lines, in every style
            item.setData(Qt.ItemDataRole.UserRole, str(info.folder))
            item.setToolTip(str(info.folder))
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self._open())
        if self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setEnabled(self.list.count() > 0)
        self.open_button.clicked.connect(self._open)
        self.new_button: QPushButton = buttons.addButton(
            self.tr("Sign in as &someone else…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.new_button.clicked.connect(self._new)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Profiles on this laptop:"), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 340)
        self.list.setFocus()

    def select(self, folder: Path) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == str(folder):
                self.list.setCurrentRow(row)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _new(self) -> None:
        self.new_sign_in = True
        self.accept()
