"""The page's selectors: which team (or all the lead leads) and which period (a month,
quarter or year holding a day, a range, or everything synced); a change of either
counts again after a short pause.

A mixin of :class:`~inspector_app.ui.stats.page.StatisticsPage`. Its strings are
translated in the page's context, ``StatisticsPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton

from inspector_app.ui.stats.periods import PeriodKind, period_bounds

if TYPE_CHECKING:
    from inspector_app.ui.stats.page import StatisticsPage


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class StatisticsSelectors:
    def _build_selectors(self: StatisticsPage, today: date | None) -> QHBoxLayout:
        """The team and period selectors and the Count again button, in one row."""
        self.team = QComboBox(self)
        self.team.setObjectName("stats-team")
        self.team.addItem(QCoreApplication.translate("StatisticsPage", "All my teams"), None)
        self.period = QComboBox(self)
        self.period.setObjectName("stats-period")
        for kind, label in (
            (PeriodKind.MONTH, QCoreApplication.translate("StatisticsPage", "Month")),
            (PeriodKind.QUARTER, QCoreApplication.translate("StatisticsPage", "Quarter")),
            (PeriodKind.YEAR, QCoreApplication.translate("StatisticsPage", "Year")),
            (PeriodKind.RANGE, QCoreApplication.translate("StatisticsPage", "From … to …")),
            (PeriodKind.ALL, QCoreApplication.translate("StatisticsPage", "Everything synced")),
        ):
            self.period.addItem(label, kind.value)
        self.period.setCurrentIndex(self.period.findData(PeriodKind.YEAR.value))
        start = today or date.today()
        self.anchor = self._date_edit("stats-anchor", start)
        self.anchor.setToolTip(
            QCoreApplication.translate(
                "StatisticsPage", "The month, quarter or year that holds this day"
            )
        )
        self.since = self._date_edit("stats-since", date(start.year, 1, 1))
        self.until = self._date_edit("stats-until", start)
        self.refresh_button = QPushButton(
            QCoreApplication.translate("StatisticsPage", "&Count again"), self
        )
        self.refresh_button.setObjectName("stats-refresh")
        self.refresh_button.clicked.connect(self.reload)

        bar = QHBoxLayout()
        for text, editor in (
            (QCoreApplication.translate("StatisticsPage", "&Team:"), self.team),
            (QCoreApplication.translate("StatisticsPage", "&Period:"), self.period),
            (QCoreApplication.translate("StatisticsPage", "Cont&aining:"), self.anchor),
            (QCoreApplication.translate("StatisticsPage", "&From:"), self.since),
            (QCoreApplication.translate("StatisticsPage", "T&o:"), self.until),
        ):
            label = QLabel(text, self)
            label.setBuddy(editor)
            bar.addWidget(label)
            bar.addWidget(editor)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        return bar

    def _date_edit(self: StatisticsPage, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- the selection ------------------------------------------------------------------

    def selection(self: StatisticsPage) -> tuple[list[str] | None, date | None, date | None]:
        """(teams, since, until) as the selectors say; teams None: every led team."""
        team = self.team.currentData()
        kind = PeriodKind(self.period.currentData())
        since, until = period_bounds(
            kind,
            _pydate(self.anchor.date()),
            _pydate(self.since.date()),
            _pydate(self.until.date()),
        )
        return ([team] if team else None), since, until

    def set_period(self: StatisticsPage, kind: PeriodKind, anchor: date | None = None) -> None:
        if anchor is not None:
            self.anchor.setDate(_qdate(anchor))
        self.period.setCurrentIndex(self.period.findData(kind.value))

    def _period_changed(self: StatisticsPage, *_args: object) -> None:
        kind = PeriodKind(self.period.currentData())
        self.anchor.setEnabled(kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR))
        self.since.setEnabled(kind is PeriodKind.RANGE)
        self.until.setEnabled(kind is PeriodKind.RANGE)
        self._changed()

    def _changed(self: StatisticsPage, *_args: object) -> None:
        self._timer.start()

    def _remember_teams(
        self: StatisticsPage, teams: list[str], names: dict[str, str | None]
    ) -> None:
        if teams == self._led:
            return
        self._led = teams
        current = self.team.currentData()
        self.team.blockSignals(True)
        try:
            while self.team.count() > 1:
                self.team.removeItem(1)
            for team in teams:
                self.team.addItem(names.get(team) or team, team)
            index = self.team.findData(current) if current else 0
            self.team.setCurrentIndex(max(index, 0))
        finally:
            self.team.blockSignals(False)
