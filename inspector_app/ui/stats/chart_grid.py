"""The page's six charts in a grid, drawn from the same figures as the table.

A mixin of :class:`~inspector_app.ui.stats.page.StatisticsPage`. Its strings are
translated in the page's context, ``StatisticsPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QWidget

from inspector_app.ui.stats.charts import Chart, Series

if TYPE_CHECKING:
    from inspector_app.ui.stats.page import StatisticsPage


class StatisticsCharts:
    def _build_charts(self: StatisticsPage) -> QWidget:
        """Two rows of three charts."""
        self.charts: dict[str, Chart] = {
            "visits_by_month": Chart(
                QCoreApplication.translate("StatisticsPage", "Visits by month"), self
            ),
            "rate_by_month": Chart(
                QCoreApplication.translate("StatisticsPage", "Problem-discovery rate by month (%)"),
                self,
                percent=True,
            ),
            "visits_by_team": Chart(
                QCoreApplication.translate("StatisticsPage", "Visits by team"), self
            ),
            "items_by_month": Chart(
                QCoreApplication.translate(
                    "StatisticsPage", "Check items before and after merging"
                ),
                self,
            ),
            "dispositions": Chart(
                QCoreApplication.translate("StatisticsPage", "Dispositions by kind"), self
            ),
            "documents": Chart(
                QCoreApplication.translate("StatisticsPage", "Documents issued by kind"), self
            ),
        }
        grid_holder = QWidget(self)
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, chart in enumerate(self.charts.values()):
            chart.setObjectName(f"stats-chart-{list(self.charts)[n]}")
            grid.addWidget(chart, n // 3, n % 3)
        return grid_holder

    def _draw(self: StatisticsPage, figures: dict[str, Any]) -> None:
        months = [m for m in figures["by_month"] if m["month"] != "unknown"]
        names = [str(m["month"]) for m in months]
        planned, done = (
            QCoreApplication.translate("StatisticsPage", "Planned"),
            QCoreApplication.translate("StatisticsPage", "Done"),
        )
        self.charts["visits_by_month"].set_bars(
            names,
            [
                Series(planned, tuple(m["planned"] for m in months)),
                Series(done, tuple(m["done"] for m in months)),
                Series(
                    QCoreApplication.translate("StatisticsPage", "Published"),
                    tuple(m["published"] for m in months),
                ),
            ],
        )
        self.charts["rate_by_month"].set_line(
            names,
            [
                Series(
                    QCoreApplication.translate("StatisticsPage", "Problem-discovery rate"),
                    tuple(round((m["problem_rate"] or 0) * 100, 1) for m in months),
                )
            ],
        )
        teams = figures["by_team"]
        self.charts["visits_by_team"].set_bars(
            [self.team_label(t) for t in teams],
            [
                Series(planned, tuple(t["planned"] for t in teams)),
                Series(done, tuple(t["done"] for t in teams)),
                Series(
                    QCoreApplication.translate("StatisticsPage", "With a non-compliance"),
                    tuple(t["with_problems"] for t in teams),
                ),
            ],
        )
        self.charts["items_by_month"].set_bars(
            names,
            [
                Series(
                    QCoreApplication.translate("StatisticsPage", "Before merging"),
                    tuple(m["items_before"] for m in months),
                ),
                Series(
                    QCoreApplication.translate("StatisticsPage", "After merging"),
                    tuple(m["items_after"] for m in months),
                ),
            ],
        )
        for bucket in ("dispositions", "documents"):
            kinds = figures["totals"][bucket]
            self.charts[bucket].set_hbars(
                [self.kind_label(k, short=True) for k in kinds],
                Series(
                    QCoreApplication.translate("StatisticsPage", "Number"), tuple(kinds.values())
                ),
            )
