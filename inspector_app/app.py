"""Composition root: wires a profile, the translator, the main window and the demo server."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from inspector_app.services import Profile, ServiceError, login, sync
from inspector_app.services.demo import DEMO_USER, load_demo

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo"


def start_demo(profile: Profile) -> Any | None:
    """Start the embedded demo server beside the profile, sign in and sync.

    The server keeps its SQLite file in ``<profile>-server`` so work synced in one
    demo session is there in the next. If the server cannot start (e.g. the
    ``server`` extra is not installed) the demo tasks are loaded locally instead.
    """
    try:
        from inspector_server.embedded import start_embedded
    except ImportError as exc:
        log.warning("demo server unavailable (%s); loading the demo tasks locally", exc)
        load_demo(profile)
        return None
    server = start_embedded(profile.folder.with_name(profile.folder.name + "-server"))
    try:
        login(profile, server.url, DEMO_USER, DEMO_PASSWORD, device_name="demo laptop")
        report = sync(profile)
        log.info("demo server at %s; %s", server.url, report.summary().splitlines()[0])
    except ServiceError as exc:
        log.warning("demo sign-in failed (%s); loading the demo tasks locally", exc)
        load_demo(profile)
    return server


def run_gui(
    profile: Profile | None,
    *,
    lang: str | None = None,
    screenshot: Path | None = None,
    server_url: str | None = None,
    password: str | None = None,
    demo: bool = False,
) -> int:
    """The window. ``profile`` None: the session offers the profiles on this laptop (or a
    sign-in); a profile opens only with its user's password: ``password`` is tried first
    (the demo passes its known one), else the user is asked."""
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    from inspector_app.ui.i18n import choose_language, install_translator
    from inspector_app.ui.session import SessionController
    from inspector_app.ui.settings import SettingsHub

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Field Inspector")
    app.setOrganizationName("FieldInspector")
    settings = SettingsHub.load(parent=app)
    language = choose_language(lang or settings.settings.language())
    install_translator(app, language)
    if language == "zh_CN":  # dates, numbers and Qt's dialogs the Chinese way
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Switching profile closes one window before the next opens; only closing the
    # window ends the app (the session says when).
    app.setQuitOnLastWindowClosed(False)
    session = SessionController(settings, demo_password=DEMO_PASSWORD if demo else None)
    if not session.start(profile, password=password, server_url=server_url or ""):
        session.shutdown()
        return 1
    if screenshot is not None:
        # Let the window lay itself out, then save what a user would see and leave.
        def grab() -> None:
            assert session.window is not None
            session.window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(500, grab)
    try:
        return app.exec()
    finally:
        session.shutdown()
