"""Working days for the window's calendars: holidays, make-up working days, counts.

China's schedule (调休) comes from ``domain.workdays``; a year whose schedule is
not installed yet is flagged so the window can say the count may be off.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    working: bool
    holiday: str | None  # the holiday's name on a day off that is not a plain weekend
    make_up: bool  # a Saturday or Sunday that is a working day (调休上班)


def _calendar():  # type: ignore[no-untyped-def]
    # The holidays package takes a noticeable while to load: only when a date is shown.
    from inspector_app.domain.workdays import default_calendar

    return default_calendar()


def month_days(year: int, month: int, language: str | None = None) -> list[Day]:
    """Every day of a month with whether it is worked, and why not (a holiday's name in
    ``language``: ``zh_CN`` or ``en``)."""
    cal = _calendar()
    out = []
    for n in range(1, calendar.monthrange(year, month)[1] + 1):
        d = date(year, month, n)
        working = cal.is_working_day(d)
        out.append(
            Day(
                day=d,
                working=working,
                holiday=None if working else cal.is_holiday_name(d, language),
                make_up=working and d.weekday() >= 5,
            )
        )
    return out


def working_days_until(start: date, end: date) -> int:
    """Working days in (start, end]: how long a deadline gives (the start day not counted)."""
    return _calendar().working_days_between(start, end)


def schedule_known(year: int) -> bool:
    return _calendar().calendar_known(year)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is worked: not a weekend (unless made a working day, 调休上班), not a
    public holiday or a day off given for one."""
    return bool(_calendar().is_working_day(day))


def next_working_day(day: date) -> date:
    """The first working day after ``day`` (``day`` itself when it is one)."""
    result: date = _calendar().next_working_day_on_or_after(day)
    return result


def holiday_name(day: date, language: str | None = None) -> str | None:
    """The public holiday ``day`` is (or is given off for), in ``language``; None else."""
    return _calendar().is_holiday_name(day, language)
