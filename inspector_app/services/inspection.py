"""The visit: check in, record findings item by item, attach photos, check out.

Every function here is one user action: one transaction that writes the change,
one outbox entry for the server and one audit event (``Database.action``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from inspector_app.domain.enforcement import Opening, opening_to_json
from inspector_app.domain.entities import (
    Observer,
    ObserverKind,
    Outcome,
    TaskStatus,
    item_result_id,
)
from inspector_app.services._guards import (
    FIELD_MEASUREMENT,
    FIELD_NOTE,
    FIELD_PRESENT,
    FIELD_REPRESENTATIVE,
    aware,
    check_editable,
    check_text,
    item_row,
    task_row,
)
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState
from inspector_app.services.evidence import attach_evidence
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.tasks import Seen
from inspector_app.store.codec import inspection_to_json, item_result_to_json
from inspector_app.store.models import InspectionRow, ItemResultRow, TaskRow
from inspector_app.store.repositories import (
    REASSIGNED,
    item_result_entity,
    item_result_rows,
    merged_item_rows,
)

__all__ = [
    "attach_evidence",
    "complete_inspection",
    "record_item_result",
    "start_inspection",
]

DEADLINE_IN_THE_PAST = Text(
    "inspection.deadline_past",
    en="The deadline {deadline} is before the day of the finding ({day}). Give a deadline "
    "from that day on.",
    zh="改正期限 {deadline} 早于发现问题之日（{day}），请填写不早于该日的期限。",
)

_STARTABLE = frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED})

CHECK_IN_TIME = Text("inspection.check_in_time", en="check-in time", zh="签到时间")
CHECK_OUT_TIME = Text("inspection.check_out_time", en="check-out time", zh="签退时间")
FINDING_TIME = Text("inspection.finding_time", en="time of the finding", zh="检查结果的时间")
TAKEN_AWAY = Text(
    "inspection.taken_away",
    en="The task for {business} was {why} on the server; it cannot be started. "
    "Sync to see your current tasks.",
    zh="{business}的任务已在服务器上{why}，不能开始检查。请同步查看您当前的任务。",
)
REASSIGNED_WHY = Text("inspection.reassigned", en="given to another team", zh="改派给其他小组")
CANCELLED_WHY = Text("inspection.cancelled", en="cancelled", zh="取消")
OBSERVER_UNNAMED = Text(
    "inspection.observer_unnamed",
    en="An observer without a name cannot be recorded; add the name.",
    zh="没有姓名的监督人员无法记录，请填写姓名。",
)
FIELD_OBSERVER = Text(
    "inspection.field.observer",
    en="The name of observer no. {n}",
    zh="第{n}名监督人员的姓名",
)
FIELD_OBSERVER_ORG = Text(
    "inspection.field.observer_org",
    en="The organisation of observer no. {n}",
    zh="第{n}名监督人员的单位",
)
ALREADY_IN = Text(
    "inspection.already_in",
    en="You are already checked in at {business}.",
    zh="您已在{business}签到。",
)
NOT_STARTABLE = Text(
    "inspection.not_startable",
    en="The task for {business} is {status}; only an assigned or returned task can be started.",
    zh="{business}的任务{status}，只有已分派或已退回的任务才能开始检查。",
)
BAD_MEASUREMENT = Text(
    "inspection.bad_measurement",
    en="A measurement cannot be stored ({detail}); use numbers, text, true/false or lists.",
    zh="测量值无法保存（{detail}），请使用数字、文字、是/否或列表。",
)
UNKNOWN_OUTCOME = Text(
    "inspection.unknown_outcome",
    en="Unknown outcome {outcome}.",
    zh="未知的检查结果 {outcome}。",
)
DEADLINE_NOT_A_DAY = Text(
    "inspection.deadline_not_a_day",
    en="The deadline must be a calendar day.",
    zh="改正期限必须是一个日期。",
)
NOT_IN_PROGRESS = Text(
    "inspection.not_in_progress",
    en="The task for {business} is {status}; only an inspection in progress can be completed.",
    zh="{business}的任务{status}，只有检查中的任务才能完成。",
)
ITEMS_WITHOUT_RESULT = Text(
    "inspection.items_without_result",
    en="{n} item(s) have no result yet: {codes}. "
    "Record a result for each (not applicable or not checked are results too).",
    zh="还有 {n} 个检查事项没有结果：{codes}。请逐项记录结果（“不适用”和“未检查”也是结果）。",
)
OUT_BEFORE_IN = Text(
    "inspection.out_before_in",
    en="The check-out time is before the check-in time. Correct the time and retry.",
    zh="签退时间早于签到时间，请更正时间后重试。",
)


def start_inspection(
    profile: Profile,
    task_id: str,
    *,
    at: datetime | None = None,
    present: Sequence[str] = (),
    observers: Sequence[Observer] = (),
    opening: Opening | None = None,
) -> Changes:
    """Check in: an assigned (or returned) task becomes in progress.

    ``present`` names the people present besides the inspectors (the party,
    witnesses), as the on-site record lists them; ``observers`` the public observers
    who watched the visit (人大代表, 政协委员, 社会监督员, media). ``opening`` records
    the scripted opening (credentials shown, rights told, who was there for the party),
    which issuing a final document requires (行政处罚法第五十五条); ``record_opening``
    records it later.
    """
    user = profile.require_user()
    at = aware(at, CHECK_IN_TIME)
    for n, name in enumerate(present, 1):
        check_text(name, FIELD_PRESENT.bind(n=n))
    people = [p.strip() for p in present if p.strip()]
    watchers = _observers(observers)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        _check_startable(task)
        status_before = task.status
        row = s.get(InspectionRow, task_id)
        previous = None if row is None else inspection_to_json(row)
        if row is None:
            row = InspectionRow(task_id=task_id, rev=1, base_rev=None, party_statement="")
            s.add(row)
        else:
            row.rev += 1
        row.status = TaskStatus.IN_PROGRESS.value
        row.checked_in_at = at or act.at
        row.checked_out_at = None
        row.present = people
        row.observers = watchers
        if opening is not None:
            row.details = {**(row.details or {}), "opening": opening_to_json(_clean(opening))}
        row.recorded_by = user.id
        row.dirty = True
        task.status = TaskStatus.IN_PROGRESS.value
        act.record(
            "inspection",
            task_id,
            row.base_rev,
            inspection_to_json(row),
            action="check_in",
            audit={"previous": previous, "task_status_before": status_before},
        )
    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}), outbox=True)


def _observers(observers: Sequence[Observer]) -> list[dict[str, str]]:
    out = []
    for n, o in enumerate(observers, 1):
        check_text(o.name, FIELD_OBSERVER.bind(n=n))
        check_text(o.organisation, FIELD_OBSERVER_ORG.bind(n=n))
        name = o.name.strip()
        if not name:
            raise InvalidInput(OBSERVER_UNNAMED)
        out.append(Observer(ObserverKind(o.kind), name, o.organisation.strip()).to_json())
    return out


def _clean(opening: Opening) -> Opening:
    check_text(opening.party_representative, FIELD_REPRESENTATIVE)
    return Opening(
        opening.party_representative.strip(), opening.credentials_shown, opening.rights_told
    )


def _check_startable(task: TaskRow) -> None:
    if task.server_state is not None:
        why = REASSIGNED_WHY if task.server_state == REASSIGNED else CANCELLED_WHY
        raise InvalidState(TAKEN_AWAY, business=task.business_name, why=why)
    status = TaskStatus(task.status)
    if status is TaskStatus.IN_PROGRESS:
        raise InvalidState(ALREADY_IN, business=task.business_name)
    if status not in _STARTABLE:
        raise InvalidState(NOT_STARTABLE, business=task.business_name, status=status)


def _json_measurements(measurements: Mapping[str, Any] | None) -> dict[str, Any]:
    if measurements is None:
        return {}
    try:
        text = json.dumps(dict(measurements), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(BAD_MEASUREMENT, detail=str(exc)) from exc
    value: dict[str, Any] = json.loads(text)
    return value


def record_item_result(
    profile: Profile,
    task_id: str,
    item_id: str,
    *,
    outcome: Outcome,
    note: str = "",
    measurements: Mapping[str, Any] | None = None,
    corrected_on_site: bool = False,
    deadline: date | None = None,
    at: datetime | None = None,
    reason: str | None = None,
    seen: Seen | None = None,
) -> Changes:
    """Record (or re-record) one checklist item's finding.

    The task must be in progress; on a completed or submitted task a ``reason``
    is required and the audit event keeps the earlier version (DOMAIN.md,
    "Full-process record"). Photos already attached to the item stay attached.

    ``seen`` (from ``get_results_seen``) is the version the person was shown; the
    edit is made on it even when a sync has brought a newer one since. Without
    it the edit is made on what the profile holds now.
    """
    user = profile.require_user()
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise InvalidInput(UNKNOWN_OUTCOME, outcome=repr(outcome)) from None
    if deadline is not None and (isinstance(deadline, datetime) or not isinstance(deadline, date)):
        raise InvalidInput(DEADLINE_NOT_A_DAY)
    check_text(note, FIELD_NOTE)
    check_text(dict(measurements or {}), FIELD_MEASUREMENT)
    values = _json_measurements(measurements)
    at = aware(at, FINDING_TIME)
    found_on = (at or datetime.now().astimezone()).astimezone().date()
    if deadline is not None and deadline < found_on:
        raise InvalidInput(DEADLINE_IN_THE_PAST, deadline=deadline.isoformat(), day=found_on)
    rid = item_result_id(task_id, item_id)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        item_row(s, task, item_id)
        clean_reason = check_editable(task, reason)
        row = s.get(ItemResultRow, rid)
        previous = None if row is None else item_result_to_json(item_result_entity(row))
        if row is None:
            row = ItemResultRow(
                id=rid, task_id=task_id, item_id=item_id, evidence=[], rev=1, base_rev=None
            )
            s.add(row)
        else:
            row.rev += 1
        if seen is not None and _older(seen.base_rev, row.base_rev):
            # A sync brought another version after the person looked: build on
            # what they saw, so the server keeps the one they did not see.
            row.base_rev = seen.base_rev
        row.outcome = outcome.value
        row.note = note
        row.measurements = values
        row.corrected_on_site = corrected_on_site
        row.deadline = deadline
        row.recorded_by = user.id
        row.recorded_at = at or act.at
        row.dirty = True
        audit: dict[str, Any] = {"previous": previous}
        action = "record_item_result"
        if TaskStatus(task.status) is not TaskStatus.IN_PROGRESS:
            action = "amend_item_result"  # after completion: the reason is mandatory
            audit["task_status"] = task.status
        if clean_reason is not None:
            audit["reason"] = clean_reason
        act.record(
            "item_result",
            rid,
            row.base_rev,
            item_result_to_json(item_result_entity(row)),
            action=action,
            audit=audit,
        )
    return Changes(tasks=frozenset({task_id}), item_results=frozenset({rid}), outbox=True)


def _older(seen: int | None, held: int | None) -> bool:
    """The server version a person saw is older than the one the profile holds now."""
    if held is None:
        return False
    return seen is None or seen < held


def complete_inspection(profile: Profile, task_id: str, *, at: datetime | None = None) -> Changes:
    """Check out: an in-progress task becomes completed once every item has a result."""
    user = profile.require_user()
    at = aware(at, CHECK_OUT_TIME)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        if TaskStatus(task.status) is not TaskStatus.IN_PROGRESS:
            raise InvalidState(
                NOT_IN_PROGRESS, business=task.business_name, status=TaskStatus(task.status)
            )
        done = {r.item_id for r in item_result_rows(s, task_id)}
        missing = [i.code for i in merged_item_rows(s, task_id) if i.item_id not in done]
        if missing:
            raise InvalidState(ITEMS_WITHOUT_RESULT, n=len(missing), codes=missing)
        row = s.get(InspectionRow, task_id)
        previous = None if row is None else inspection_to_json(row)
        if row is None:  # the server set it in progress: a teammate checked in elsewhere
            row = InspectionRow(
                task_id=task_id, rev=1, base_rev=None, present=[], party_statement=""
            )
            s.add(row)
        else:
            row.rev += 1
        checked_out = at or act.at
        if row.checked_in_at is not None and checked_out < row.checked_in_at:
            raise InvalidInput(OUT_BEFORE_IN)
        row.status = TaskStatus.COMPLETED.value
        row.checked_out_at = checked_out
        row.recorded_by = user.id
        row.dirty = True
        task.status = TaskStatus.COMPLETED.value
        act.record(
            "inspection",
            task_id,
            row.base_rev,
            inspection_to_json(row),
            action="check_out",
            audit={"previous": previous},
        )
    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}), outbox=True)
