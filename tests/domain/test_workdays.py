"""Working days with China's 2025/2026 holiday schedules (State Council notices)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector_app.domain.workdays import (
    WorkingCalendar,
    add_months,
    add_years,
    calendar_known,
    follow_up_date,
    publication_deadline,
    rectification_deadline,
)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_national_day_2026_off_with_make_up_days(cal: WorkingCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in _days(date(2026, 10, 1), date(2026, 10, 7)))
    assert cal.is_working_day(date(2026, 9, 20))  # Sunday, make-up working day
    assert cal.is_working_day(date(2026, 10, 10))  # Saturday, make-up working day
    assert cal.is_working_day(date(2026, 10, 8))
    assert not cal.is_working_day(date(2026, 10, 11))  # ordinary Sunday


def test_holidays_are_named_in_the_interfaces_language(cal: WorkingCalendar) -> None:
    assert cal.is_holiday_name(date(2026, 10, 1), "zh_CN") == "国庆节"
    assert cal.is_holiday_name(date(2026, 10, 1), "en") == "National Day"
    assert cal.is_holiday_name(date(2027, 1, 1), "zh_CN") == "元旦"
    # A day given off in lieu says so (调休); a plain Sunday has no name.
    assert "调休" in (cal.is_holiday_name(date(2026, 10, 7), "zh_CN") or "")
    assert cal.is_holiday_name(date(2026, 10, 11), "zh_CN") is None


def test_spring_festival_2026(cal: WorkingCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in _days(date(2026, 2, 15), date(2026, 2, 23)))
    assert cal.is_working_day(date(2026, 2, 14))  # Saturday
    assert cal.is_working_day(date(2026, 2, 28))  # Saturday
    assert cal.is_working_day(date(2026, 2, 24))


def test_may_day_2025(cal: WorkingCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in _days(date(2025, 5, 1), date(2025, 5, 5)))
    assert cal.is_working_day(date(2025, 4, 27))  # Sunday, make-up working day
    assert cal.is_working_day(date(2025, 5, 6))


def test_add_working_days(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 3)
    assert cal.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert cal.add_working_days(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_working_days_between(cal: WorkingCalendar) -> None:
    assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3
    assert cal.working_days_between(date(2026, 10, 1), date(2026, 10, 7)) == 0
    assert cal.working_days_between(date(2026, 10, 10), date(2026, 9, 30)) == -3
    assert cal.working_days_between(date(2026, 5, 6), date(2026, 5, 6)) == 0


def test_calendar_extends_lazily_across_years(cal: WorkingCalendar) -> None:
    # Dec 2025 -> Jan 2026: New Year's Day 2026 and the Jan 2 day off, Sunday Jan 4 worked.
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert not cal.is_working_day(date(2026, 1, 2))


def test_publication_deadline_spanning_national_day_2026() -> None:
    # 公示规定第九条: within 20 working days; the decision day is not counted.
    assert publication_deadline(date(2026, 9, 30)) == date(2026, 11, 3)
    # Decided on the Mid-Autumn holiday: counting still starts the next day.
    assert publication_deadline(date(2026, 9, 25)) == date(2026, 10, 29)


def test_publication_deadline_ordinary_weeks() -> None:
    assert publication_deadline(date(2026, 3, 2)) == date(2026, 3, 30)


def test_rectification_deadline_on_holiday_moves_to_next_working_day() -> None:
    # 民法典第二百零三条: 2026-10-01 is a holiday -> the period ends on 2026-10-08.
    assert rectification_deadline(date(2026, 9, 24), 7) == date(2026, 10, 8)
    # Spring Festival 2026: Feb 17 falls in the break that ends on Feb 23.
    assert rectification_deadline(date(2026, 2, 10), 7) == date(2026, 2, 24)
    # An ordinary Saturday moves to Monday.
    assert rectification_deadline(date(2026, 3, 7), 7) == date(2026, 3, 16)


def test_rectification_deadline_on_make_up_working_day_stays() -> None:
    assert rectification_deadline(date(2026, 9, 26), 14) == date(2026, 10, 10)
    assert rectification_deadline(date(2026, 9, 13), 7) == date(2026, 9, 20)


def test_rectification_deadline_in_working_days() -> None:
    assert rectification_deadline(date(2026, 9, 30), 3, working_days=True) == date(2026, 10, 10)
    with pytest.raises(ValueError):
        rectification_deadline(date(2026, 9, 30), -1)


def test_follow_up_date() -> None:
    assert follow_up_date(date(2026, 10, 8)) == date(2026, 10, 12)
    assert follow_up_date(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert follow_up_date(date(2026, 9, 30), 0) == date(2026, 9, 30)


def test_calendar_known() -> None:
    assert calendar_known(2025)
    assert calendar_known(2026)
    assert not calendar_known(2100)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 15), -3, date(2025, 12, 15)),
    ],
)
def test_add_months_corresponding_day(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_years_from_february_29() -> None:
    # 民法典第二百零二条: no corresponding day -> the last day of the month.
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
