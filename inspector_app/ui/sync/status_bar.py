"""The sync part of the status bar: online or not, what waits, the last sync, who is signed
in, and a progress bar with Cancel while a sync runs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from inspector_app.services.sync_status import SyncStatus
from inspector_app.services.sync_text import human_bytes, progress_text
from inspector_app.sync.report import Progress
from inspector_app.ui.i18n import current_language


class SyncStatusWidget(QWidget):
    rejected_clicked = Signal()
    conflicts_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.online = QLabel(self)
        self.waiting = QLabel(self)
        self.last_sync = QLabel(self)
        self.user = QLabel(self)
        self.rejected = QToolButton(self)
        self.rejected.setAutoRaise(True)
        self.rejected.clicked.connect(self.rejected_clicked)
        self.conflicts = QToolButton(self)
        self.conflicts.setAutoRaise(True)
        self.conflicts.clicked.connect(self.conflicts_clicked)
        self.phase = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.cancel = QToolButton(self)
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.clicked.connect(self.cancel_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        for widget in (
            self.phase,
            self.progress,
            self.cancel,
            self.rejected,
            self.conflicts,
            self.waiting,
            self.last_sync,
            self.online,
            self.user,
        ):
            row.addWidget(widget)
        self.finish_progress()
        self.set_online(None)

    # -- figures -----------------------------------------------------------------------------

    def set_online(self, online: bool | None, *, signed_in: bool = True) -> None:
        if not signed_in:
            self.online.setText(self.tr("○ Not signed in"))
            self.online.setStyleSheet("color: #8a6d00;")
        elif online is None:
            self.online.setText(self.tr("○ Server not checked yet"))
            self.online.setStyleSheet("color: gray;")
        elif online:
            self.online.setText(self.tr("● Online"))
            self.online.setStyleSheet("color: #1b7f3b;")
        else:
            self.online.setText(self.tr("● Offline"))
            self.online.setStyleSheet("color: #b00020;")

    def show_status(self, status: SyncStatus) -> None:
        if status.pending_changes:
            self.waiting.setText(
                self.tr("To send: {n} ({size})").format(
                    n=status.pending_changes, size=human_bytes(status.pending_bytes)
                )
            )
        else:
            self.waiting.setText(self.tr("Nothing waiting"))
        self.last_sync.setText(self._when(status.last_sync))
        user = status.user
        self.user.setText(f"{user.display_name} ({user.username})" if user else "")
        self.user.setToolTip(status.server_url or "")
        self.rejected.setText(self.tr("Refused: {n}").format(n=status.rejected))
        self.rejected.setVisible(status.rejected > 0)
        self.conflicts.setText(self.tr("Conflicts: {n}").format(n=status.open_conflicts))
        self.conflicts.setVisible(status.open_conflicts > 0)

    def _when(self, at: datetime | None) -> str:
        if at is None:
            return self.tr("Never synced")
        local = at.astimezone()
        same_day = local.date() == datetime.now().astimezone().date()
        shown = local.strftime("%H:%M") if same_day else local.strftime("%Y-%m-%d %H:%M")
        return self.tr("Last sync {when}").format(when=shown)

    # -- a sync under way --------------------------------------------------------------------

    def start_progress(self) -> None:
        self.phase.setText(self.tr("Syncing…"))
        self.progress.setRange(0, 0)  # busy until the first figures come
        for widget in (self.phase, self.progress, self.cancel):
            widget.show()
        self.cancel.setEnabled(True)

    def show_progress(self, progress: Progress) -> None:
        self.phase.setText(progress_text(progress, current_language()))
        if progress.bytes_total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * progress.bytes_done / progress.bytes_total))
        elif progress.items_total:
            self.progress.setRange(0, progress.items_total)
            self.progress.setValue(progress.items_done)
        else:
            self.progress.setRange(0, 0)

    def finish_progress(self) -> None:
        for widget in (self.phase, self.progress, self.cancel):
            widget.hide()
