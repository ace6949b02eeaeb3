"""The periods a lead counts figures over: a month, a quarter, a year, a range, or all.

Plain dates, no Qt: the page turns a choice into the ``since``/``until`` that
``lead_statistics`` takes (both days included).
"""

from __future__ import annotations

import enum
from datetime import date, timedelta


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"  # from and to, chosen by hand
    ALL = "all"  # everything synced to this laptop


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def period_bounds(
    kind: PeriodKind, anchor: date, start: date | None = None, end: date | None = None
) -> tuple[date | None, date | None]:
    """``(since, until)`` of the period of ``kind`` that holds ``anchor``; for RANGE,
    ``start`` and ``end`` as given; for ALL, no bounds."""
    if kind is PeriodKind.MONTH:
        return date(anchor.year, anchor.month, 1), _month_end(anchor.year, anchor.month)
    if kind is PeriodKind.QUARTER:
        first = 3 * ((anchor.month - 1) // 3) + 1
        return date(anchor.year, first, 1), _month_end(anchor.year, first + 2)
    if kind is PeriodKind.YEAR:
        return date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    if kind is PeriodKind.RANGE:
        return start, end
    return None, None


__all__ = ["PeriodKind", "period_bounds"]
