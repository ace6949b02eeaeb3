"""The page's charts, drawn by pyqtgraph (PySide6-Essentials has no QtCharts).

Each chart keeps the series it was given (``series``: name -> values, in the order of
``categories``) so a test, or a screen reader's summary, reads the very numbers drawn.
The charts are not in the tab order: the same figures are in the page's table, which
is the keyboard's and the screen reader's way to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

# Colours told apart by people with the common colour-vision deficiencies (Okabe-Ito).
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
        self.plotItem.setTitle(title, color=text, size="10pt")
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setTextPen(text)
            axis.setPen(text)
        self.showGrid(y=True, alpha=0.25)
        self._legend = self.addLegend(offset=(-4, 4), labelTextColor=text)
        self.setAccessibleName(title)

    def clear_chart(self) -> None:
        self.clear()
        self._legend.clear()
        self.categories, self.series = [], {}

    def _axes(self, categories: Sequence[str], top: float) -> None:
        self.getAxis("bottom").setTicks([list(enumerate(categories))])
        self.setXRange(-0.6, max(len(categories), 1) - 0.4, padding=0)
        self.setYRange(0, top * 1.15 if top > 0 else 1, padding=0)
        summary = "; ".join(
            f"{name}: "
            + ", ".join(f"{c} {self._say(v)}" for c, v in zip(categories, values, strict=True))
            for name, values in self.series.items()
        )
        self.setAccessibleDescription(summary)

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
            if n > 1:
                self._legend.addItem(bars, s.name)
            top = max([top, *s.values])
        self._axes(categories, top)

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
                name=s.name if len(series) > 1 else None,
            )
            top = max([top, *s.values])
        self._axes(categories, 100.0 if self.percent and top <= 100 else top)


__all__ = ["COLOURS", "Chart", "Series"]
