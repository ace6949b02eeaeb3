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
    profile: Profile,
    *,
    lang: str | None = None,
    screenshot: Path | None = None,
    server_url: str | None = None,
) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from inspector_app.ui.i18n import choose_language, install_translator
    from inspector_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Field Inspector")
    app.setOrganizationName("FieldInspector")
    install_translator(app, choose_language(lang))
    window = MainWindow(profile, server_url=server_url)
    window.show()
    if screenshot is None:
        QTimer.singleShot(0, window.warn_if_audit_trail_damaged)
    if screenshot is not None:
        # Let the window lay itself out, then save what a user would see and leave.
        def grab() -> None:
            window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(500, grab)
    return app.exec()
