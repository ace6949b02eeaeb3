"""The lead's statistics: charts and a table of the review issue's figures."""

from inspector_app.ui.stats.dialog import StatisticsDialog, add_statistics_action, leads_a_team


def __getattr__(name: str) -> object:
    if name == "StatisticsPage":  # imports pyqtgraph: only when someone asks for the page
        from inspector_app.ui.stats.page import StatisticsPage

        return StatisticsPage
    raise AttributeError(name)


__all__ = ["StatisticsDialog", "StatisticsPage", "add_statistics_action", "leads_a_team"]
