"""Which disposition records ask for a follow-up (复查), read from their wire JSON.

《食品生产经营监督检查管理办法》第三十三条第二款: "需要限期整改的，市场监督管理部门应当书面提出
整改要求和时限。被检查单位应当按期整改，并将整改情况报告市场监督管理部门。市场监督管理部门应当
跟踪整改情况并记录整改结果。" 《行政处罚法》第二十八条第一款: "行政机关实施行政处罚时，应当
责令当事人改正或者限期改正违法行为。"
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inspector_app.domain.enforcement import (
    Decision,
    DispositionRecord,
    DispositionStatus,
    FollowUpResult,
    disposition_record_to_json,
)
from inspector_app.domain.entities import Disposition, DispositionKind
from inspector_app.domain.findings import Assessment
from inspector_app.domain.follow_ups import (
    follow_up_due_on,
    follow_up_recorded,
    open_follow_up,
    overdue,
)

DUE = date(2026, 6, 1)


def record(
    kind: DispositionKind | None,
    deadline: date | None = DUE,
    *,
    follow_up: FollowUpResult | None = None,
) -> dict[str, Any]:
    """A disposition record's JSON as the laptop writes and the server stores it."""
    confirmed = kind is not None
    return disposition_record_to_json(
        DispositionRecord(
            task_id="t-1",
            item_id="i-1",
            assessment=Assessment(),
            status=DispositionStatus.CONFIRMED if confirmed else DispositionStatus.ASSESSED,
            decision=Decision.ACCEPTED if confirmed else None,
            disposition=None if kind is None else Disposition(kind, "R", (), "", deadline=deadline),
            follow_up=follow_up,
        )
    )


@pytest.mark.parametrize(
    "kind", [DispositionKind.ORDER_TO_CORRECT, DispositionKind.SUMMARY_PENALTY,
             DispositionKind.REFER_CASE],
)  # fmt: skip
def test_an_order_to_correct_by_a_date_asks_for_a_follow_up_that_day(
    kind: DispositionKind,
) -> None:
    """ "应当书面提出整改要求和时限": the order's date is the follow-up's; a penalty or a
    referral orders correction too (第二十八条第一款)."""
    data = record(kind)
    assert follow_up_due_on(data) == DUE and open_follow_up(data) == DUE
    assert not follow_up_recorded(data)


def test_recording_the_result_closes_it() -> None:
    """ "跟踪整改情况并记录整改结果": once the result is recorded, nothing is open."""
    data = record(DispositionKind.ORDER_TO_CORRECT, follow_up=FollowUpResult(DUE, corrected=False))
    assert follow_up_due_on(data) == DUE and follow_up_recorded(data)
    assert open_follow_up(data) is None


@pytest.mark.parametrize(
    "data",
    [
        record(DispositionKind.RISK_REMINDER, None),
        record(DispositionKind.NO_PENALTY, None),
        record(DispositionKind.ORDER_TO_CORRECT, None),  # corrected on site: no date
        record(None),  # assessed, not decided
        {**record(DispositionKind.ORDER_TO_CORRECT), "status": "assessed"},
        {"status": "confirmed", "disposition": {"kind": "order_to_correct", "deadline": "soon"}},
        {"status": "confirmed", "disposition": {"kind": ["x"], "deadline": "2026-06-01"}},
        {"status": "confirmed", "disposition": "order_to_correct"},
        {},
        None,
    ],
)
def test_nothing_else_asks_for_one(data: Any) -> None:
    assert follow_up_due_on(data) is None and open_follow_up(data) is None


def test_overdue_from_the_day_after() -> None:
    assert not overdue(DUE, date(2026, 5, 31))
    assert not overdue(DUE, DUE)  # due today
    assert overdue(DUE, date(2026, 6, 2))
