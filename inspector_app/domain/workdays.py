"""Working days with China's public holidays and make-up working days (调休), and periods.

The holiday schedule comes from the maintained ``holidays`` package: it knows the
State Council's yearly notice, including weekend days that are working days
(e.g. Sunday 2026-09-20 and Saturday 2026-10-10) and weekdays that are days off
(e.g. Tuesday 2026-10-06). The schedule for a year is published late in the year
before, so :func:`calendar_known` tells the UI when a date falls in a year the
installed data does not know yet.

Counting rules shared by every function here, from 《中华人民共和国民法典》 [L]:

- 第二百零一条第一款: "按照年、月、日、小时计算期间的，开始的当日不计入，自下一日开始
  计算。" So "within 20 working days of the decision" starts counting the day after.
- 第二百零二条: "按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，
  月末日为期间的最后一日。" So a period of one year from 2024-02-29 ends on 2025-02-28.
- 第二百零三条第一款: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的
  最后一日。"
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

#: 行政处罚信息公示规定第九条 / 食品生产经营监督检查管理办法第三十九条: 20 working days.
PUBLICATION_WORKING_DAYS = 20


class WorkingCalendar:
    """China's working days; the holidays object is cached and extended a year at a time."""

    def __init__(self) -> None:
        # Imported here: ``holidays`` takes ~0.1 s to import, and modules that only use
        # this module's month and year arithmetic (the rules, the window) never need it.
        import holidays

        self._holidays: holidays.HolidayBase = holidays.China(years=())
        self._years: set[int] = set()
        # The same schedule with the holidays' names in a language (the package's own
        # translations: 国庆节 / National Day), made when a name is first asked for.
        self._named: dict[str, holidays.HolidayBase] = {}

    def _ensure(self, year: int) -> None:
        if year not in self._years:
            # A lookup expands the object by the whole year (holidays' ``expand=True``),
            # which also fills ``weekend_workdays`` for it.
            _ = date(year, 1, 1) in self._holidays
            self._years.add(year)

    def is_working_day(self, d: date) -> bool:
        self._ensure(d.year)
        return bool(self._holidays.is_working_day(d))

    def is_holiday_name(self, d: date, language: str | None = None) -> str | None:
        """The holiday's name if ``d`` is a public holiday or a substituted day off, in
        ``language`` (``zh_CN`` or ``en``; None: the package's default, English)."""
        self._ensure(d.year)
        if self._holidays.get(d) is None:
            return None
        named = self._holidays if language is None else self._in(language)
        name = named.get(d)
        return str(name) if name is not None else None

    def _in(self, language: str) -> holidays.HolidayBase:
        code = "zh_CN" if language.startswith("zh") else "en_US"
        named = self._named.get(code)
        if named is None:
            import holidays

            named = self._named[code] = holidays.China(years=(), language=code)
        return named

    def next_working_day_on_or_after(self, d: date) -> date:
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` not counted); n=0 returns ``start``.

        A negative n counts backwards. ``start`` itself need not be a working day.
        """
        step = timedelta(days=1 if n >= 0 else -1)
        d = start
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: ``add_working_days(a, k) == b`` gives k when b is a working day.

        Negative when ``b`` is before ``a``; 0 when they are equal.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a
        while d < b:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count

    def calendar_known(self, year: int) -> bool:
        """Whether the installed data has the State Council schedule (调休) for ``year``.

        Every year since 2000 has had make-up working days, so a year without any in
        ``weekend_workdays`` is a year whose schedule has not been published or installed.
        """
        self._ensure(year)
        return any(d.year == year for d in self._holidays.weekend_workdays)


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    return WorkingCalendar()


def add_months(d: date, months: int) -> date:
    """The corresponding day ``months`` later; month end if there is none (民法典第二百零二条).

    ``add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)``;
    ``add_months(date(2026, 8, 31), 1) == date(2026, 9, 30)``.
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_years(d: date, years: int) -> date:
    """The corresponding day ``years`` later; Feb 29 becomes Feb 28 (民法典第二百零二条)."""
    return add_months(d, 12 * years)


def publication_deadline(decided_on: date, *, cal: WorkingCalendar | None = None) -> date:
    """Last day to publish a penalty decision or an inspection result: 20 working days.

    《市场监督管理行政处罚信息公示规定》第九条 [L]: "作出行政处罚决定的市场监督管理部门
    和行政处罚当事人登记地（住所地）在同一省、自治区、直辖市的，作出行政处罚决定的市场
    监督管理部门应当自作出行政处罚决定之日起二十个工作日内将行政处罚信息通过国家企业信用
    信息公示系统进行公示。"

    《食品生产经营监督检查管理办法》第三十九条第一款 [L]: "市场监督管理部门应当于检查结果
    信息形成后20个工作日内向社会公开。"

    The decision day is not counted (民法典第二百零一条).
    """
    return (cal or default_calendar()).add_working_days(decided_on, PUBLICATION_WORKING_DAYS)


def rectification_deadline(
    found_on: date,
    days: int,
    *,
    working_days: bool = False,
    cal: WorkingCalendar | None = None,
) -> date:
    """Deadline of a 责令限期改正 order given ``days`` after ``found_on``.

    《行政处罚法》第二十八条第一款 [L]: "行政机关实施行政处罚时，应当责令当事人改正或者
    限期改正违法行为。" The period is in calendar days unless the order says working days.

    A calendar-day period whose last day is a day off ends on the next working day:
    《中华人民共和国民法典》第二百零三条第一款 [L]: "期间的最后一日是法定休假日的，以法定
    休假日结束的次日为期间的最后一日。" Weekends count as days off unless the State Council
    made them make-up working days.
    """
    if days < 0:
        raise ValueError(f"改正期限天数不能为负数：{days}")
    c = cal or default_calendar()
    if working_days:
        return c.add_working_days(found_on, days)
    return c.next_working_day_on_or_after(found_on + timedelta(days=days))


def follow_up_date(
    deadline: date, after_working_days: int = 3, *, cal: WorkingCalendar | None = None
) -> date:
    """Date of the follow-up visit (回访) ``after_working_days`` working days after the deadline.

    《食品生产经营监督检查管理办法》第三十三条第二款 [L]: "……需要限期整改的，市场监督管理
    部门应当书面提出整改要求和时限。被检查单位应当按期整改，并将整改情况报告市场监督管理
    部门。市场监督管理部门应当跟踪整改情况并记录整改结果。" The number of days is agency
    practice [P], hence a parameter.
    """
    if after_working_days < 0:
        raise ValueError(f"回访间隔不能为负数：{after_working_days}")
    return (cal or default_calendar()).add_working_days(deadline, after_working_days)


def calendar_known(year: int, *, cal: WorkingCalendar | None = None) -> bool:
    """False when the installed holiday data lacks the make-up working days for ``year``.

    Deadlines in such a year are computed from weekends and fixed holidays only; the UI
    should warn and suggest updating the application.
    """
    return (cal or default_calendar()).calendar_known(year)
