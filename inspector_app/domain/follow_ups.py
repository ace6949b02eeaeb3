"""Which disposition records ask for a follow-up visit (复查/回访), and when it is due.

《食品生产经营监督检查管理办法》第三十三条第二款 [L]: "需要限期整改的，市场监督管理部门应当
书面提出整改要求和时限。被检查单位应当按期整改，并将整改情况报告市场监督管理部门。市场监督
管理部门应当跟踪整改情况并记录整改结果。" An order to correct by a date (《行政处罚法》第二十八条
第一款 [L]: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。", so a summary
penalty or a referral orders it too) makes a follow-up of the business due on that date;
recording its result closes it.

This is the one definition that the inspector's list (``services.follow_ups``), the
lead's figures on the laptop (``services.laptop_stats``) and the server's statistics
(``inspector_server.services.visits``) read, all from the disposition record's wire JSON
(``domain.enforcement.disposition_record_to_json``):

* a disposition record asks for a follow-up when its status is ``confirmed`` and its
  confirmed ``disposition`` orders correction (a kind in :data:`ORDERING`) by a
  ``deadline``; the follow-up is due on that deadline;
* it is open until the record holds a ``follow_up`` result;
* a follow-up *visit* is one business (task) on one due day: the records of a task that
  share a deadline are checked on the same visit, and it is open while any of them is;
  it is overdue when it is open and its day is before today.

An item result's own ``deadline`` without a confirmed disposition (an older laptop's, or
a finding not yet decided) asks for no follow-up: nothing could close it.

The JSON is read defensively (the server reads what any laptop pushed): anything
malformed asks for no follow-up, never raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from inspector_app.domain.entities import DispositionKind

#: Kinds that order the party to correct, so carry the item's deadline (第二十八条第一款).
ORDERING = frozenset(
    {DispositionKind.ORDER_TO_CORRECT, DispositionKind.SUMMARY_PENALTY, DispositionKind.REFER_CASE}
)


def follow_up_due_on(data: Mapping[str, Any] | None) -> date | None:
    """The day the follow-up a disposition record asks for is due, whether or not its
    result is recorded; None when it asks for none."""
    if not isinstance(data, Mapping) or data.get("status") != "confirmed":
        return None
    disposition = data.get("disposition")
    if not isinstance(disposition, Mapping):
        return None
    kind = disposition.get("kind")
    if not isinstance(kind, str) or kind not in ORDERING:
        return None
    deadline = disposition.get("deadline")
    if not isinstance(deadline, str):
        return None
    try:
        return date.fromisoformat(deadline)
    except ValueError:
        return None


def follow_up_recorded(data: Mapping[str, Any] | None) -> bool:
    """Whether the record holds its follow-up's result (``follow_up``: done_on, corrected…)."""
    return isinstance(data, Mapping) and bool(data.get("follow_up"))


def open_follow_up(data: Mapping[str, Any] | None) -> date | None:
    """The due day of the follow-up this record still waits for; None when it asks for
    none or its result is recorded."""
    return None if follow_up_recorded(data) else follow_up_due_on(data)


def overdue(due_on: date, today: date) -> bool:
    """An open follow-up is overdue from the day after it was due (on the day: due)."""
    return due_on < today


__all__ = ["ORDERING", "follow_up_due_on", "follow_up_recorded", "open_follow_up", "overdue"]
