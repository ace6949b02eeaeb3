"""The statistics page in a window of its own, and the menu action that opens it for a
lead in the inspector's window (the lead's own window embeds ``StatisticsPage``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from inspector_app.domain.entities import Role
from inspector_app.services import Profile
from inspector_app.ui.actions import PageActions
from inspector_app.ui.operations import Operations

# Opens the statistics window (not used by any other action: see ui/actions.py's list).
SHORTCUT = "Ctrl+Shift+T"


def leads_a_team(profile: Profile) -> bool:
    """Whether the signed-in user is a team lead: statistics are theirs (issue 12 item 5)."""
    user = profile.user
    return user is not None and user.role is Role.TEAM_LEAD


class StatisticsDialog(QDialog):
    def __init__(self, profile: Profile, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from inspector_app.ui.stats.page import StatisticsPage  # pyqtgraph: only when asked

        self.setObjectName("statistics-dialog")
        self.setWindowTitle(self.tr("Statistics"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page = StatisticsPage(profile, ops, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(1280, 860)


def add_statistics_action(
    page: PageActions, profile: Profile, ops: Operations, window: QWidget
) -> QAction | None:
    """For a lead only: "Statistics…" in ``page`` (a menu of ``window``), opening the
    statistics in their own window; None for anyone else."""
    if not leads_a_team(profile):
        return None

    def open_statistics() -> None:
        StatisticsDialog(profile, ops, window).show()

    return page.add(
        "statistics",
        QCoreApplication.translate("StatisticsDialog", "S&tatistics…"),
        SHORTCUT,
        open_statistics,
        separator=True,
    )


__all__ = ["SHORTCUT", "StatisticsDialog", "add_statistics_action", "leads_a_team"]
