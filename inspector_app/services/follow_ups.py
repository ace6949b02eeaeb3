"""Follow-up visits (复查/回访): an order to correct by a date is checked on that date.

An order to correct with a deadline (责令限期改正) makes a follow-up of the business due on
the deadline; the task list shows it as upcoming, due (today) or overdue. Recording the
follow-up says, item by item, whether the correction was made; where it was not, the
finding is a refusal to correct (拒不改正), which penalty provisions such as 食品安全法
第一百二十六条 ("责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款") make the condition
of a fine: the next assessment of that item records ``refused_to_correct``.

Follow-ups are not records of their own: a due follow-up is derived from the confirmed
dispositions (kind, deadline); its result is kept in each disposition record
(``follow_up``), so it syncs with it. Which records ask for one is
``domain.follow_ups``, the definition the lead's figures here and on the server count
with: ``follow_ups_overdue`` there is the number of follow-ups this list shows overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from inspector_app.domain.enforcement import (
    FollowUpResult,
    disposition_record_from_json,
    disposition_record_to_json,
)
from inspector_app.domain.follow_ups import (
    ORDERING,
    follow_up_due_on,
    follow_up_recorded,
    overdue,
)
from inspector_app.services._guards import task_row
from inspector_app.services.changes import Changes
from inspector_app.services.dispositions import today
from inspector_app.services.errors import InvalidInput, NotFound
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.store.models import DispositionRow, MergedItemRow, TaskRow

UPCOMING = "upcoming"
DUE = "due"
OVERDUE = "overdue"
DONE = "done"

NO_FOLLOW_UP = Text(
    "follow_up.none",
    en="The task for {business} has no order to correct by a date to follow up{on}.",
    zh="{business}的任务没有需要复查的限期改正{on}。",
)
CORRECTED_FOR_WHICH = Text(
    "follow_up.which",
    en="Say for every item whether it was corrected: {items}.",
    zh="请逐项说明是否已改正：{items}。",
)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One follow-up visit: a business, the day it is due, the items ordered corrected."""

    task_id: str
    business_name: str
    address: str
    due_on: date
    item_ids: tuple[str, ...]
    items: tuple[str, ...]  # "code title" of each item
    state: str  # upcoming | due | overdue | done
    done_on: date | None = None
    corrected: bool | None = None  # when done: every item corrected
    not_corrected: tuple[str, ...] = ()  # item ids not corrected (拒不改正)

    @property
    def days_left(self) -> int:
        return (self.due_on - (self.done_on or today())).days


def _state(due_on: date, done: bool, on: date) -> str:
    if done:
        return DONE
    if overdue(due_on, on):
        return OVERDUE
    return DUE if on == due_on else UPCOMING


def list_follow_ups(
    profile: Profile, *, on: date | None = None, include_done: bool = False
) -> list[FollowUp]:
    """Every follow-up this profile knows of, soonest first (overdue ones lead)."""
    on = on or today()
    groups: dict[tuple[str, date], list[DispositionRow]] = {}
    with profile.db.session() as s:
        rows = s.scalars(
            select(DispositionRow).where(
                DispositionRow.status == "confirmed",
                DispositionRow.kind.in_([k.value for k in ORDERING]),
            )
        ).all()
        for row in rows:
            due_on = follow_up_due_on(row.data)
            if due_on is not None:
                groups.setdefault((row.task_id, due_on), []).append(row)
        tasks = {
            t.id: t
            for t in s.scalars(
                select(TaskRow).where(TaskRow.id.in_(sorted({task_id for task_id, _ in groups})))
            )
        }
        titles = {
            (i.task_id, i.item_id): f"{i.code} {i.title}"
            for i in s.scalars(
                select(MergedItemRow).where(
                    MergedItemRow.task_id.in_(sorted({task_id for task_id, _ in groups}))
                )
            )
        }
    out = []
    for (task_id, due_on), members in groups.items():
        task = tasks.get(task_id)
        if task is None:
            continue
        records = [disposition_record_from_json(r.data) for r in members]
        done = all(r.follow_up is not None for r in records)
        if done and not include_done:
            continue
        results = [r.follow_up for r in records if r.follow_up is not None]
        out.append(
            FollowUp(
                task_id=task_id,
                business_name=task.business_name,
                address=task.business_address,
                due_on=due_on,
                item_ids=tuple(r.item_id for r in records),
                items=tuple(titles.get((task_id, r.item_id), r.item_id) for r in records),
                state=_state(due_on, done, on),
                done_on=max((f.done_on for f in results), default=None) if done else None,
                corrected=all(f.corrected for f in results) if done else None,
                not_corrected=tuple(
                    r.item_id for r in records if r.follow_up and not r.follow_up.corrected
                ),
            )
        )
    order = {OVERDUE: 0, DUE: 1, UPCOMING: 2, DONE: 3}
    return sorted(out, key=lambda f: (order[f.state], f.due_on, f.business_name, f.task_id))


def record_follow_up(
    profile: Profile,
    task_id: str,
    *,
    corrected: bool | Mapping[str, bool],
    due_on: date | None = None,
    note: str = "",
    on: date | None = None,
) -> tuple[FollowUp, Changes]:
    """Close the follow-up of ``task_id`` due on ``due_on`` (the only or the earliest open
    one when not given): ``corrected`` for every item, or per item id. Returns the closed
    follow-up, which says whether the correction was made."""
    user = profile.require_user()
    on = on or today()
    changed: set[str] = set()
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        rows = s.scalars(
            select(DispositionRow).where(
                DispositionRow.task_id == task_id, DispositionRow.status == "confirmed"
            )
        ).all()
        open_: dict[date, list[DispositionRow]] = {}
        for row in rows:
            day = follow_up_due_on(row.data)
            if day is not None and not follow_up_recorded(row.data):
                open_.setdefault(day, []).append(row)
        when = due_on if due_on is not None else min(open_, default=None)
        if when is None or when not in open_:
            suffix = "" if due_on is None else f" ({due_on.isoformat()})"
            raise NotFound(NO_FOLLOW_UP, business=task.business_name, on=suffix)
        members = open_[when]
        if isinstance(corrected, Mapping):
            missing = [r.item_id for r in members if r.item_id not in corrected]
            if missing:
                raise InvalidInput(CORRECTED_FOR_WHICH, items=missing)
        for row in members:
            ok = corrected if isinstance(corrected, bool) else bool(corrected[row.item_id])
            record = replace(
                disposition_record_from_json(row.data),
                follow_up=FollowUpResult(on, ok, note.strip(), user.id),
            )
            row.data = disposition_record_to_json(record)
            row.rev += 1
            row.dirty = True
            act.record(
                "disposition",
                row.id,
                row.base_rev,
                row.data,
                action="record_follow_up",
                audit={"due_on": when.isoformat(), "corrected": ok},
            )
            changed.add(row.id)
    closed = next(
        f
        for f in list_follow_ups(profile, on=on, include_done=True)
        if f.task_id == task_id and f.due_on == when
    )
    return closed, Changes(tasks=frozenset({task_id}), dispositions=frozenset(changed), outbox=True)


__all__ = ["DONE", "DUE", "OVERDUE", "UPCOMING", "FollowUp", "list_follow_ups", "record_follow_up"]
