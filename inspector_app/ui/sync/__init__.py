"""Sync in the window: the status bar, Sync now, background sync, refused changes, conflicts.

Names load on first use (PEP 562): the window builds the controller and the status bar
at start-up, the dialogs (and the services behind them) only when opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "ConflictDialog": "conflicts",
    "SyncController": "controller",
    "RejectedDialog": "rejected",
    "SyncStatusWidget": "status_bar",
}

__all__ = ["ConflictDialog", "RejectedDialog", "SyncController", "SyncStatusWidget"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


if TYPE_CHECKING:
    from inspector_app.ui.sync.conflicts import ConflictDialog
    from inspector_app.ui.sync.controller import SyncController
    from inspector_app.ui.sync.rejected import RejectedDialog
    from inspector_app.ui.sync.status_bar import SyncStatusWidget
