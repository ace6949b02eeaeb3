"""A deadline picker whose calendar shows China's working days.

Days off (weekends and public holidays) are greyed and holidays carry their name as a
tooltip; make-up working days (调休上班) are marked, since they are the days people
get wrong. Beside the date the editor says how many working days it leaves and, when
the day chosen is not worked, says so and offers to move it to the next working day (a
deadline on a rest day is allowed, so the date is never refused or changed unasked).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from inspector_app.services.calendar import (
    holiday_name,
    is_working_day,
    month_days,
    next_working_day,
    schedule_known,
    working_days_until,
)
from inspector_app.ui.i18n import current_language

HOLIDAY = QColor("#c62828")
DAY_OFF = QColor("#9e9e9e")
MAKE_UP = QColor("#1565c0")


class WorkdayCalendar(QCalendarWidget):
    """A month calendar marking days off, public holidays and make-up working days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Qt paints weekends red by itself; here the working calendar decides instead.
        plain = QTextCharFormat()
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, plain)
        self._marked: set[tuple[int, int]] = set()
        self._shown = False
        self.currentPageChanged.connect(self._mark)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Marked when first shown: the holiday data loads only when someone looks.
        self._shown = True
        self._mark(self.yearShown(), self.monthShown())
        super().showEvent(event)

    def _mark(self, year: int, month: int) -> None:
        if not self._shown:
            return
        # The page and its neighbours: the grid shows a few days of each.
        for y, m in ((year, month - 1), (year, month), (year, month + 1)):
            if m == 0:
                y, m = y - 1, 12
            elif m == 13:
                y, m = y + 1, 1
            if (y, m) in self._marked or not 1 <= y <= 9999:
                continue
            self._marked.add((y, m))
            for day in month_days(y, m, current_language()):
                fmt = QTextCharFormat()
                if day.make_up:
                    fmt.setForeground(MAKE_UP)
                    fmt.setFontWeight(700)
                    fmt.setToolTip(self.tr("Make-up working day (调休上班)"))
                elif day.holiday:
                    fmt.setForeground(HOLIDAY)
                    fmt.setToolTip(day.holiday)
                elif not day.working:
                    fmt.setForeground(DAY_OFF)
                self.setDateTextFormat(QDate(day.day), fmt)


class DeadlineEdit(QWidget):
    """A date with the working-day calendar as its popup and the working days it leaves."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setObjectName("deadline")
        self.edit.setCalendarPopup(True)
        self.edit.setCalendarWidget(WorkdayCalendar(self.edit))
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.info = QLabel(self)
        self.info.setObjectName("deadline-info")
        self.rest = QLabel(self)
        self.rest.setObjectName("deadline-rest-day")
        self.rest.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.rest.hide()
        self.to_working_day = QPushButton(self.tr("Move to the next &working day"), self)
        self.to_working_day.setObjectName("deadline-to-working-day")
        self.to_working_day.clicked.connect(self.move_to_working_day)
        self.to_working_day.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.info)
        layout.addWidget(self.rest)
        layout.addWidget(self.to_working_day)
        self.setFocusProxy(self.edit)
        self.from_day = date.today()
        self._active = False  # counts working days only while a deadline is being set
        self.edit.dateChanged.connect(self._changed)

    def set_date(self, day: date) -> None:
        self.edit.setDate(QDate(day))
        self._describe()

    def date(self) -> date:
        value: date = self.edit.date().toPython()  # type: ignore[assignment]
        return value

    def _changed(self, _d: QDate) -> None:
        self._describe()
        self.changed.emit()

    def move_to_working_day(self) -> None:
        """Move the date to the next working day; like picking it, an edit of the entry."""
        self.edit.setDate(QDate(next_working_day(self.date())))
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _describe(self) -> None:
        if not self._active:  # no deadline set: nothing to count (and no holidays to load)
            self.info.clear()
            self._describe_rest(None)
            return
        day = self.date()
        n = working_days_until(self.from_day, day)
        if n < 0:
            text = self.tr("in the past")
        elif n == 1:
            text = self.tr("1 working day")
        else:
            text = self.tr("{n} working days").format(n=n)
        if not schedule_known(day.year):
            text += " " + self.tr("(holiday schedule for {year} not installed)").format(
                year=day.year
            )
        self.info.setText(text)
        self._describe_rest(day)

    def _describe_rest(self, day: date | None) -> None:
        """Say plainly when the deadline falls on a day that is not worked."""
        if day is None or is_working_day(day):
            self.rest.hide()
            self.to_working_day.hide()
            return
        why = holiday_name(day, current_language()) or {
            5: self.tr("Saturday"),
            6: self.tr("Sunday"),
        }.get(day.weekday(), self.tr("a holiday"))
        self.rest.setText(
            self.tr("{date} is a rest day ({why})").format(date=day.isoformat(), why=why)
        )
        self.to_working_day.setToolTip(
            self.tr("Move the deadline to {date} (Alt+W)").format(
                date=next_working_day(day).isoformat()
            )
        )
        self.rest.show()
        self.to_working_day.show()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        self.info.setEnabled(enabled)
        self._active = enabled
        self._describe()
