"""Who works in the window: sign-in and out, the password that opens a profile, the lock
after idle time, switching to another profile, and the window for the user's role."""

from inspector_app.ui.session.controller import SessionController
from inspector_app.ui.session.roles import WindowContext, WindowFactory, default_windows

__all__ = ["SessionController", "WindowContext", "WindowFactory", "default_windows"]
