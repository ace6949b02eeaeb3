"""The settings page, generated from the declaration in ``services/settings.py``."""

from typing import TYPE_CHECKING, Any

from inspector_app.ui.settings.hub import SettingsHub

if TYPE_CHECKING:
    from inspector_app.ui.settings.page import SettingsDialog, SettingsPage

__all__ = ["SettingsDialog", "SettingsHub", "SettingsPage"]


def __getattr__(name: str) -> Any:
    # The page loads when it is first asked for, not with the hub every window uses at
    # start-up (it brings the printer list and a widget per setting).
    if name in ("SettingsDialog", "SettingsPage"):
        from inspector_app.ui.settings import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
