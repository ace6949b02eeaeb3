"""The page's charts, drawn by pyqtgraph (PySide6-Essentials has no QtCharts).

Each chart keeps the series it was given (``series``: name -> values, in the order of
``categories``) so a test, or a screen reader's summary, reads the very numbers drawn.
The charts are not in the tab order: the same figures are in the page's table, which
is the keyboard's and the screen reader's way to them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

# Colours told apart by people with the common colour-vision deficiencies (Okabe-Ito).
#: The widest a category's name may be on a horizontal bar chart's axis, in pixels.
MAX_NAME_WIDTH = 180
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]


class Chart(pg.PlotWidget):  # type: ignore[misc]
    """A titled chart of one or more series over named categories."""

    def __init__(self, title: str, parent: QWidget | None = None, *, percent: bool = False) -> None:
        palette = QApplication.palette()
        super().__init__(parent, background=palette.color(QPalette.ColorRole.Base))
        self.percent = percent
        self.title = title
        self.categories: list[str] = []
        self.series: dict[str, tuple[float, ...]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 200)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        text = palette.color(QPalette.ColorRole.Text)
        self._text = text
        self._title(())
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setTextPen(text)
            axis.setPen(text)
        self.showGrid(y=True, alpha=0.25)
        self.setAccessibleName(title)

    def _title(self, series: Sequence[Series]) -> None:
        """The title, and under it the key of the series' colours (a legend inside the
        plot would cover bars)."""
        key = "&nbsp;&nbsp; ".join(
            f'<span style="color:{COLOURS[k % len(COLOURS)]}">■</span>&nbsp;{escape(s.name)}'
            for k, s in enumerate(series)
        )
        html = f"<b>{escape(self.title)}</b>" + (f"<br>{key}" if len(series) > 1 else "")
        self.plotItem.setTitle(html, color=self._text, size="9pt")

    def clear_chart(self) -> None:
        self.clear()
        self.categories, self.series = [], {}

    def _axes(self, categories: Sequence[str], top: float) -> None:
        self.getAxis("bottom").setTicks([list(enumerate(categories))])
        self.setXRange(-0.6, max(len(categories), 1) - 0.4, padding=0)
        self._value_axis(self.getAxis("left"), top)
        # A percentage of 0 is a dot on the axis: a little room below shows it whole.
        self.setYRange(-4 if self.percent else 0, self._upper(top), padding=0)
        summary = "; ".join(
            f"{name}: "
            + ", ".join(f"{c} {self._say(v)}" for c, v in zip(categories, values, strict=True))
            for name, values in self.series.items()
        )
        self.setAccessibleDescription(summary)

    def _upper(self, top: float) -> float:
        if self.percent:
            return 105.0
        return top * 1.1 if top > 0 else 1.0

    def _value_axis(self, axis: pg.AxisItem, top: float) -> None:
        """Whole numbers for counts (no 0.5 visit), every 20 for a percentage."""
        if self.percent:
            axis.setTickSpacing(20, 20)
        else:
            step = max(1, math.ceil(top / 6))
            axis.setTickSpacing(step, step)

    def _say(self, value: float) -> str:
        return f"{value:.1f}%" if self.percent else f"{value:g}"

    def set_bars(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        """Grouped bars: one group per category, one bar per series."""
        self.clear_chart()
        self.categories = list(categories)
        self.series = {s.name: tuple(s.values) for s in series}
        n = max(len(series), 1)
        width = 0.8 / n
        top = 0.0
        for k, s in enumerate(series):
            colour = QColor(COLOURS[k % len(COLOURS)])
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
            bars = pg.BarGraphItem(
                x=xs, height=list(s.values), width=width * 0.9, brush=colour, pen=colour
            )
            self.addItem(bars)
            top = max([top, *s.values])
        self._title(series)
        self._axes(categories, top)

    def set_hbars(self, categories: Sequence[str], series: Series) -> None:
        """One horizontal bar per category, its name on the left: for long names."""
        self.clear_chart()
        self.categories = list(categories)
        self.series = {series.name: tuple(series.values)}
        colour = QColor(COLOURS[0])
        n = len(categories)
        ys = [n - 1 - i for i in range(n)]  # the first category on top
        self.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, height=0.6, width=list(series.values), brush=colour, pen=colour
            )
        )
        left, bottom = self.getAxis("left"), self.getAxis("bottom")
        metrics = QFontMetrics(left.font())
        # Names longer than the axis may take are cut with "…": the table has them whole.
        names = [
            metrics.elidedText(c, Qt.TextElideMode.ElideRight, MAX_NAME_WIDTH) for c in categories
        ]
        left.setTicks([list(zip(ys, names, strict=True))])
        widest = max((metrics.horizontalAdvance(c) for c in names), default=0)
        left.setWidth(widest + 12)
        top = max(series.values, default=0)
        self._value_axis(bottom, top)
        self.setYRange(-0.6, max(n, 1) - 0.4, padding=0)
        self.setXRange(0, self._upper(top), padding=0)
        self.setAccessibleDescription(
            ", ".join(f"{c} {self._say(v)}" for c, v in zip(categories, series.values, strict=True))
        )

    def set_line(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        """Lines through each category's value, with a dot at each."""
        self.clear_chart()
        self.categories = list(categories)
        self.series = {s.name: tuple(s.values) for s in series}
        top = 0.0
        for k, s in enumerate(series):
            colour = QColor(COLOURS[k % len(COLOURS)])
            self.plot(
                list(range(len(s.values))),
                list(s.values),
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolBrush=colour,
                symbolPen=colour,
            )
            top = max([top, *s.values])
        self._title(series)
        self._axes(categories, top)


__all__ = ["COLOURS", "Chart", "Series"]
