"""Which window a signed-in user gets: the role switch point.

The composition root (``app.py``) hands the session a mapping from role to window
factory; an inspector gets the inspector's window, a team lead the lead's (the review
queue and page, ``ui/lead``), where nothing a lead may not change is editable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow

from inspector_app.domain.entities import Role
from inspector_app.services import Profile
from inspector_app.ui.settings.hub import SettingsHub


@dataclass(frozen=True, slots=True)
class WindowContext:
    """What every window gets besides its profile."""

    settings: SettingsHub
    server_url: str = ""


WindowFactory = Callable[[Profile, WindowContext], QMainWindow]


def inspector_window(profile: Profile, context: WindowContext) -> QMainWindow:
    from PySide6.QtCore import QTimer

    from inspector_app.ui.main_window import MainWindow  # the window imports Qt models at once

    window = MainWindow(profile, server_url=context.server_url, settings=context.settings)
    # The check at profile open found the audit trail damaged: say so once it is up.
    QTimer.singleShot(0, window.warn_if_audit_trail_damaged)
    return window


def lead_window(profile: Profile, context: WindowContext) -> QMainWindow:
    from inspector_app.ui.lead.window import LeadWindow

    return LeadWindow(profile, server_url=context.server_url, settings=context.settings)


def load_window_modules(factory: WindowFactory) -> None:
    """Import what ``factory``'s window is made of, before it is made: the inspector's
    window takes a few hundred milliseconds to import, which the session spends while
    the password is being checked (in a thread). Nothing of the profile is read here."""
    if factory is inspector_window:
        import inspector_app.ui.main_window  # noqa: F401
    elif factory is lead_window:
        import inspector_app.ui.lead.window  # noqa: F401


def default_windows() -> dict[Role, WindowFactory]:
    return {Role.INSPECTOR: inspector_window, Role.TEAM_LEAD: lead_window}


def window_for(windows: Mapping[Role, WindowFactory], role: Role) -> WindowFactory:
    """The factory for ``role``; the inspector's for a role without its own."""
    return windows.get(role) or windows[Role.INSPECTOR]
