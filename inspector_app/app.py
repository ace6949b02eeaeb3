"""Composition root: wires a profile, the translator and the main window together."""

from __future__ import annotations

import sys
from pathlib import Path

from inspector_app.services import Profile


def run_gui(profile: Profile, *, lang: str | None = None, screenshot: Path | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from inspector_app.ui.i18n import choose_language, install_translator
    from inspector_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Field Inspector")
    app.setOrganizationName("FieldInspector")
    install_translator(app, choose_language(lang))
    window = MainWindow(profile)
    window.show()
    if screenshot is not None:
        # Let the window lay itself out, then save what a user would see and leave.
        def grab() -> None:
            window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(500, grab)
    return app.exec()
