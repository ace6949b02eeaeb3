"""Sync in the window: the status bar, Sync now, background sync, refused changes, conflicts."""

from inspector_app.ui.sync.conflicts import ConflictDialog
from inspector_app.ui.sync.controller import SyncController
from inspector_app.ui.sync.rejected import RejectedDialog
from inspector_app.ui.sync.status_bar import SyncStatusWidget

__all__ = ["ConflictDialog", "RejectedDialog", "SyncController", "SyncStatusWidget"]
