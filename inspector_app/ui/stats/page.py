"""The lead's statistics page: the figures of the review issue per team and period,
as charts and as a table holding the same numbers (issue 14, from issue 12 item 5).

The figures are ``services.lead_statistics``: counted on this laptop from what was
synced, for the teams the signed-in lead leads (the server's ``stats`` counts the
same way). The query runs off the GUI thread through the window's Operations; the
page follows the window's one ``data_changed`` signal (a sync, a review) while shown.

This module builds the page and counts; its parts are mixins: the team and period
selectors (``selectors``), the table (``table``), the charts (``chart_grid``) and the
names of the figures (``names``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services import Profile, lead_statistics
from inspector_app.services.errors import ServiceError
from inspector_app.ui.actions import PageActions
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import Operations
from inspector_app.ui.stats.chart_grid import StatisticsCharts
from inspector_app.ui.stats.names import StatisticsNames
from inspector_app.ui.stats.selectors import StatisticsSelectors
from inspector_app.ui.stats.table import StatisticsTable

# How long the page waits after a change of team or period before counting again.
DEBOUNCE_MS = 150


class StatisticsPage(
    StatisticsSelectors, StatisticsTable, StatisticsCharts, StatisticsNames, QWidget
):
    """Team and period selectors, six charts and the table of every figure."""

    loaded = Signal()  # the figures of the current selection are shown (or why not)

    def __init__(
        self,
        profile: Profile,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statistics-page")
        self.profile = profile
        self.ops = ops
        self.today = today  # None: China's today, when counting
        self.figures: dict[str, Any] | None = None
        self._led: list[str] = []
        self._generation = 0
        self._stale = True
        self._labels = self._figure_labels()
        self._kinds = self._kind_labels()

        bar = self._build_selectors(today)

        self.summary = QLabel(self)
        self.summary.setObjectName("stats-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("stats-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()

        grid_holder = self._build_charts()
        table_holder = self._build_table()

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(grid_holder)
        self.splitter.addWidget(table_holder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.actions = self.declare_actions()
        self.addActions(self.actions.actions)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.team.currentIndexChanged.connect(self._changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        for edit in (self.anchor, self.since, self.until):
            edit.dateChanged.connect(self._changed)
        ops.data_changed.connect(self._data_changed)
        self._period_changed()

    # -- actions ------------------------------------------------------------------------

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Statistics"), self)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        a.add("stats-count-again", self.tr("&Count again"), "F5", self.reload, context=within)
        a.add(
            "stats-copy-table",
            self.tr("Copy the &table"),
            "Ctrl+Shift+C",
            self.copy_table,
            context=within,
        )
        copy = a.add(
            "stats-copy-selection",
            self.tr("&Copy the selected figures"),
            QKeySequence.StandardKey.Copy,
            self.copy_selection,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.addAction(copy)
        return a

    # -- following changes --------------------------------------------------------------

    def _data_changed(self, _changes: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    # -- counting -----------------------------------------------------------------------

    def reload(self) -> None:
        """Count the figures of the selection off the GUI thread, then show them."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        generation = self._generation
        teams, since, until = self.selection()
        profile, today = self.profile, self.today

        def count() -> tuple[object, None]:
            try:
                return lead_statistics(
                    profile, teams=teams, since=since, until=until, today=today
                ), None
            except ServiceError as exc:  # said on the page, not in a message box
                return exc, None

        self.ops.run(count, after=lambda result: self._counted(generation, result[0]))

    def _counted(self, generation: int, answer: object) -> None:
        if generation != self._generation:  # the selection changed meanwhile
            return
        if isinstance(answer, ServiceError):
            self.message.setText(error_text(answer))
            self.message.show()
            self.loaded.emit()
            return
        assert isinstance(answer, dict)
        self.message.hide()
        self.show_figures(answer)
        self.loaded.emit()

    def show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        if not self.team.currentData():
            names = {t["team_id"]: t.get("name") for t in figures["by_team"]}
            self._remember_teams(list(figures["filter"]["teams"]), names)
        totals = figures["totals"]
        last = figures.get("last_sync")
        self.summary.setText(
            self.tr(
                "{done} of {planned} planned visits done, {published} published. Counted on "
                "this laptop on {as_of} from what was synced ({last})."
            ).format(
                done=totals["done"],
                planned=totals["planned"],
                published=totals["published"],
                as_of=figures["as_of"],
                last=self.tr("last sync {at}").format(at=str(last)[:16].replace("T", " "))
                if last
                else self.tr("never synced"),
            )
        )
        self._fill_table(figures)
        self._draw(figures)


__all__ = ["StatisticsPage"]
