"""The settings page, generated from the declaration in ``services/settings.py``."""

from inspector_app.ui.settings.hub import SettingsHub
from inspector_app.ui.settings.page import SettingsDialog, SettingsPage

__all__ = ["SettingsDialog", "SettingsHub", "SettingsPage"]
