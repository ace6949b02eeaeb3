"""What both windows (the inspector's and the lead's) say in a message box: a failed
operation and About. One wording, translated once (in the ``MainWindow`` context)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from inspector_app import __version__
from inspector_app.services.errors import ServiceError
from inspector_app.ui.i18n import error_text

log = logging.getLogger(__name__)


def show_operation_error(parent: QWidget, exc: BaseException) -> None:
    """A refusal the user can act on as a warning; anything else logged, said as a crash."""
    title = QCoreApplication.translate("MainWindow", "Field Inspector")
    if isinstance(exc, ServiceError):
        QMessageBox.warning(parent, title, error_text(exc))
        return
    log.error("operation failed", exc_info=exc)
    QMessageBox.critical(
        parent,
        title,
        QCoreApplication.translate(
            "MainWindow", "Something went wrong and nothing was changed: {error}"
        ).format(error=exc),
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("MainWindow", "About Field Inspector"),
        QCoreApplication.translate(
            "MainWindow",
            "Field Inspector {version}\nJoint market-supervision inspections, offline first.",
        ).format(version=__version__),
    )
