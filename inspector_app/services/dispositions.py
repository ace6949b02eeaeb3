"""Findings to dispositions: the proposal with every rule's verdict, accepted or overridden.

For each non-compliant item the rules (``domain.findings.propose_for_item``) run on what
was recorded (the item result), the inspector's assessment of the violation (harm,
minor, corrected, no fault, when committed, continuing, mitigating, facts a rule pack
checks) and the task's history, with the rule packs and the discretion benchmark this
profile holds (``reference_data``). The inspector accepts the proposal, or overrides it
with a kind and a written reason (``domain.rules.override.validate_override`` refuses
what the law does not allow). The confirmed disposition is a ``disposition`` record
(id ``<task_id>:<item_id>``), synced and audited like an item result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.enforcement import (
    Decision,
    DispositionRecord,
    DispositionStatus,
    disposition_record_from_json,
    disposition_record_to_json,
)
from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    ItemResult,
    JointTask,
    MergedItem,
    Outcome,
    item_result_id,
)
from inspector_app.domain.findings import Assessment, propose_for_item
from inspector_app.domain.follow_ups import ORDERING
from inspector_app.domain.provisions import provisions_for
from inspector_app.domain.rules.override import validate_override
from inspector_app.domain.rules.verdict import Proposal
from inspector_app.services._guards import (
    FIELD_DECISION,
    check_editable,
    check_text,
    item_row,
    task_row,
)
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.messages import Text
from inspector_app.services.number_needs import register_number_needs
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import benchmark, rule_packs
from inspector_app.store.models import DispositionRow, DocumentRow, ItemResultRow
from inspector_app.store.repositories import item_result_entity, task_entity

NOT_NONCOMPLIANT = Text(
    "disposition.not_noncompliant",
    en="Item {code} ({title}) is recorded as {outcome}: a disposition is only for a "
    "non-compliant item. Record it as non-compliant first if that is what was found.",
    zh="检查事项 {code}（{title}）记录为“{outcome}”：只有不符合的事项才需处理。"
    "如确有问题，请先将其记录为不符合。",
)
NO_RESULT = Text(
    "disposition.no_result",
    en="Item {code} ({title}) has no result yet. Record it as non-compliant first.",
    zh="检查事项 {code}（{title}）尚无检查结果，请先记录为不符合。",
)
BAD_ASSESSMENT = Text(
    "disposition.bad_assessment",
    en="The assessment of item {code} cannot be used: {problem}",
    zh="检查事项 {code} 的违法情节认定有误：{problem}",
)
OVERRIDE_REFUSED = Text(
    "disposition.override_refused",
    en="The disposition cannot be changed that way: {reasons}",
    zh="不能这样改变处理方式：{reasons}",
)
ACCEPT_NEEDS_AMOUNT = Text(
    "disposition.accept_needs_amount",
    en="The proposal for item {code} leaves the penalty to you: accept it with a fine "
    "(--fine YUAN, within {band} yuan) or a warning.",
    zh="对检查事项 {code} 的建议未确定处罚：请填写罚款金额（--fine 元，幅度{band}元）"
    "或者选择警告后采纳。",
)
ACCEPT_OR_KIND = Text(
    "disposition.accept_or_kind",
    en="Accept the proposal, or give the kind you decide instead and a written reason.",
    zh="请采纳建议，或者填写改为的处理方式及书面理由。",
)
REASON_REQUIRED = Text(
    "disposition.reason_required",
    en="Write down why you decide otherwise than proposed; an override needs a reason.",
    zh="改变建议的处理方式须写明理由，请填写理由后再确认。",
)
DEADLINE_PAST = Text(
    "disposition.deadline_past",
    en="The deadline {deadline} of item {code} is in the past. Record the item with a "
    "deadline from today on.",
    zh="检查事项 {code} 的改正期限 {deadline} 已过，请重新记录一个不早于今天的期限。",
)
ISSUED_ON_IT = Text(
    "disposition.issued_on_it",
    en="Document {number} was issued on this disposition. Void it first (with a reason), "
    "then decide again and issue a new one.",
    zh="已依据该处理决定出具文书 {number}。请先作废该文书（写明理由），再重新决定并出具新的文书。",
)
ITEM_MISSING = Text(
    "disposition.item_missing",
    en="Item {item_id} is not on the checklist of this task. Sync to get the current checklist.",
    zh="本任务的检查清单中没有检查事项 {item_id}。请同步以获取最新清单。",
)
UNKNOWN_KIND = Text(
    "disposition.unknown_kind",
    en="Unknown disposition {kind}; use one of {kinds}.",
    zh="未知的处理方式 {kind}，可用：{kinds}。",
)
NOT_DECIDED = Text(
    "disposition.not_decided",
    en="Item {code} has no confirmed disposition yet.",
    zh="检查事项 {code} 尚未确认处理方式。",
)


@dataclass(frozen=True, slots=True)
class ItemDisposition:
    """One non-compliant item as the dispositions page shows it."""

    task_id: str
    item: MergedItem
    result: ItemResult | None
    assessment: Assessment
    proposal: Proposal | None  # None when the item is not (or no longer) non-compliant
    record: DispositionRecord | None
    stale: bool  # decided on a finding that has changed since: decide again
    problem: str = ""  # why there is no proposal, in words

    @property
    def item_id(self) -> str:
        return self.item.id

    @property
    def id(self) -> str:
        return item_result_id(self.task_id, self.item.id)

    @property
    def confirmed(self) -> Disposition | None:
        r = self.record
        return r.disposition if r is not None and r.confirmed and not self.stale else None

    @property
    def state(self) -> str:
        """``proposed`` (nothing decided), ``confirmed``, ``stale`` or ``withdrawn``."""
        if self.record is None or not self.record.confirmed:
            return "proposed" if self.proposal is not None else "withdrawn"
        if self.proposal is None:
            return "withdrawn"
        return "stale" if self.stale else "confirmed"


def today() -> date:
    """The day rules count from: the laptop's calendar day (the visit's day)."""
    return date.today()


# -- reading ------------------------------------------------------------------------------


def _record(row: DispositionRow | None) -> DispositionRecord | None:
    return None if row is None else disposition_record_from_json(row.data)


def _item(task: JointTask, item_id: str) -> MergedItem:
    for item in task.checklist:
        if item.id == item_id:
            return item
    raise NotFound(ITEM_MISSING, item_id=item_id)


def _view(
    profile: Profile,
    task: JointTask,
    item: MergedItem,
    result: ItemResult | None,
    record: DispositionRecord | None,
    *,
    on: date,
    assessment: Assessment | None = None,
    department_code: str | None = None,
) -> ItemDisposition:
    a = assessment or (record.assessment if record is not None else Assessment())
    dept = department_code if department_code is not None else (record and record.department_code)
    proposal = None
    problem = ""
    if result is None or result.outcome is not Outcome.NONCOMPLIANT:
        problem = "not noncompliant"
    else:
        try:
            proposal = propose_for_item(
                task,
                item,
                result,
                a,
                today=on,
                packs=rule_packs(profile),
                benchmark=benchmark(profile),
                department_code=dept or None,
            )
        except ValueError as exc:
            problem = str(exc)
    stale = bool(
        record is not None
        and record.confirmed
        and (result is None or record.result_recorded_at != result.recorded_at)
    )
    return ItemDisposition(task.id, item, result, a, proposal, record, stale, problem)


def list_dispositions(
    profile: Profile, task_id: str, *, on: date | None = None
) -> list[ItemDisposition]:
    """Every non-compliant item of the task (and any item holding a disposition), in
    checklist order, with the proposal made now and what was decided."""
    on = on or today()
    with profile.db.session() as s:
        task = task_entity(task_row(s, task_id), profile.parsed_task)
        results = {
            r.item_id: item_result_entity(r)
            for r in s.scalars(select(ItemResultRow).where(ItemResultRow.task_id == task_id))
        }
        records = {
            r.item_id: _record(r)
            for r in s.scalars(select(DispositionRow).where(DispositionRow.task_id == task_id))
        }
    out = []
    for item in task.checklist:
        result = results.get(item.id)
        noncompliant = result is not None and result.outcome is Outcome.NONCOMPLIANT
        if noncompliant or item.id in records:
            out.append(_view(profile, task, item, result, records.get(item.id), on=on))
    return out


def get_disposition(
    profile: Profile,
    task_id: str,
    item_id: str,
    *,
    assessment: Assessment | None = None,
    department_code: str | None = None,
    on: date | None = None,
) -> ItemDisposition:
    """The proposal for one item (with ``assessment`` instead of the stored one, to preview
    what other facts would give) and what was decided."""
    with profile.db.session() as s:
        task_r = task_row(s, task_id)
        item_row(s, task_r, item_id)
        task = task_entity(task_r, profile.parsed_task)
        rid = item_result_id(task_id, item_id)
        row = s.get(ItemResultRow, rid)
        result = None if row is None else item_result_entity(row)
        record = _record(s.get(DispositionRow, rid))
    view = _view(
        profile,
        task,
        _item(task, item_id),
        result,
        record,
        on=on or today(),
        assessment=assessment,
        department_code=department_code,
    )
    _require_noncompliant(view)
    return view


def _require_noncompliant(view: ItemDisposition) -> None:
    item = view.item
    if view.result is None:
        raise InvalidState(NO_RESULT, code=item.code, title=item.title)
    if view.result.outcome is not Outcome.NONCOMPLIANT:
        raise InvalidState(
            NOT_NONCOMPLIANT, code=item.code, title=item.title, outcome=view.result.outcome
        )
    if view.proposal is None:
        raise InvalidInput(BAD_ASSESSMENT, code=item.code, problem=view.problem)


# -- writing ------------------------------------------------------------------------------


def _issued_on(s: Session, task_id: str, item_id: str) -> DocumentRow | None:
    for doc in s.scalars(
        select(DocumentRow).where(DocumentRow.task_id == task_id, DocumentRow.status == "final")
    ):
        if item_id in (doc.data.get("item_ids") or ()):
            return doc
    return None


def _write(
    profile: Profile,
    task_id: str,
    item_id: str,
    record: DispositionRecord,
    *,
    action: str,
    reason: str | None,
    audit: dict[str, Any],
) -> Changes:
    user = profile.require_user()
    rid = item_result_id(task_id, item_id)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        item_row(s, task, item_id)
        clean_reason = check_editable(task, reason)
        issued = _issued_on(s, task_id, item_id)
        if issued is not None:
            raise InvalidState(ISSUED_ON_IT, number=issued.number or issued.id)
        row = s.get(DispositionRow, rid)
        previous = None if row is None else row.data
        if record.decided_at is None and record.status is DispositionStatus.CONFIRMED:
            record = replace(record, decided_at=act.at)
        data = disposition_record_to_json(record)
        if row is None:
            row = DispositionRow(id=rid, task_id=task_id, item_id=item_id, rev=1, base_rev=None)
            s.add(row)
        else:
            row.rev += 1
        row.status = record.status.value
        row.kind = record.disposition.kind.value if record.confirmed else None  # type: ignore[union-attr]
        row.data = data
        row.dirty = True
        payload = {"previous": previous, **audit}
        if clean_reason is not None:
            payload["reason"] = clean_reason
        act.record("disposition", rid, row.base_rev, data, action=action, audit=payload)
    return Changes(tasks=frozenset({task_id}), dispositions=frozenset({rid}), outbox=True)


def record_assessment(
    profile: Profile,
    task_id: str,
    item_id: str,
    assessment: Assessment,
    *,
    department_code: str | None = None,
    reason: str | None = None,
) -> Changes:
    """Keep the facts the rules need for one non-compliant item; a decision made on other
    facts is withdrawn (it must be made again on these)."""
    view = get_disposition(
        profile, task_id, item_id, assessment=assessment, department_code=department_code
    )
    assert view.result is not None
    record = DispositionRecord(
        task_id=task_id,
        item_id=item_id,
        assessment=assessment,
        department_code=department_code,
        result_recorded_at=view.result.recorded_at,
    )
    return _write(
        profile,
        task_id,
        item_id,
        record,
        action="record_assessment",
        reason=reason,
        audit={},
    )


def decide(
    profile: Profile,
    task_id: str,
    item_id: str,
    *,
    accept: bool = False,
    kind: DispositionKind | str | None = None,
    reason: str = "",
    statement: str = "",
    fine: int | None = None,
    warning: bool = False,
    reduced: bool = False,
    assessment: Assessment | None = None,
    department_code: str | None = None,
    on: date | None = None,
    edit_reason: str | None = None,
    education: str = "",
) -> Changes:
    """Confirm the disposition of one non-compliant item: ``accept`` the proposal (with
    ``fine`` or ``warning`` where it leaves the penalty open), or decide ``kind`` with a
    written ``reason`` (and ``statement`` to set aside a mandatory rule). The deadline of
    an order to correct is the item result's. Refusals say what to do next; nothing is
    written then. ``edit_reason``: required after check-out, as for findings. ``education``:
    the education given with a no-penalty decision (第三十三条第三款), in the officer's words
    (the decision states the law's sentence when none is given)."""
    check_text({"reason": reason, "statement": statement, "education": education}, FIELD_DECISION)
    on = on or today()
    view = get_disposition(
        profile,
        task_id,
        item_id,
        assessment=assessment,
        department_code=department_code,
        on=on,
    )
    assert view.proposal is not None and view.result is not None
    proposal = view.proposal
    proposed = proposal.disposition
    item = view.item
    party_type = _party_type(profile, task_id)
    provisions = provisions_for(item, department_code or None)
    if accept and kind is not None and DispositionKind(kind) is not proposed.kind:
        raise InvalidInput(ACCEPT_OR_KIND)
    if not accept and kind is None:
        raise InvalidInput(ACCEPT_OR_KIND)
    if accept:
        decision = Decision.ACCEPTED
        confirmed = proposed
        open_penalty = (
            proposed.kind is DispositionKind.SUMMARY_PENALTY
            and proposed.proposed_fine is None
            and not proposed.warning
        )
        if fine is not None or warning != proposed.warning or open_penalty:
            if open_penalty and fine is None and not warning:
                band = _band(proposed)
                raise InvalidInput(ACCEPT_NEEDS_AMOUNT, code=item.code, band=band)
            check = validate_override(
                proposal,
                kind=proposed.kind,
                reason="采纳建议",
                party_type=party_type,
                provisions=provisions,
                fine=fine,
                warning=warning,
                reduced=reduced,
                refused_to_correct=view.assessment.refused_to_correct,
            )
            if not check.allowed or check.disposition is None:
                raise InvalidInput(OVERRIDE_REFUSED, reasons=list(check.reasons))
            confirmed = replace(check.disposition, overridden_reason=None)
    else:
        decision = Decision.OVERRIDDEN
        if not reason.strip():
            raise InvalidInput(REASON_REQUIRED)
        try:
            target = DispositionKind(str(kind))
        except ValueError:
            raise InvalidInput(
                UNKNOWN_KIND, kind=kind, kinds=[k.value for k in DispositionKind]
            ) from None
        check = validate_override(
            proposal,
            kind=target,
            reason=reason,
            party_type=party_type,
            provisions=provisions,
            fine=fine,
            warning=warning,
            statement=statement,
            reduced=reduced,
            refused_to_correct=view.assessment.refused_to_correct,
        )
        if not check.allowed or check.disposition is None:
            raise InvalidInput(OVERRIDE_REFUSED, reasons=list(check.reasons))
        confirmed = check.disposition
    deadline = view.result.deadline if confirmed.kind in ORDERING else None
    if deadline is not None and deadline < on:
        raise InvalidInput(DEADLINE_PAST, deadline=deadline.isoformat(), code=item.code)
    confirmed = replace(confirmed, deadline=deadline)
    user = profile.require_user()
    record = DispositionRecord(
        task_id=task_id,
        item_id=item_id,
        assessment=view.assessment,
        status=DispositionStatus.CONFIRMED,
        decision=decision,
        disposition=confirmed,
        proposed=proposed,
        verdicts=proposal.verdicts,
        department_code=department_code,
        decided_by=user.id,
        result_recorded_at=view.result.recorded_at,
        education=education.strip() if confirmed.educate else "",
    )
    changes = _write(
        profile,
        task_id,
        item_id,
        record,
        action="decide_disposition",
        reason=edit_reason,
        audit={"decision": decision.value, "rule_id": confirmed.rule_id},
    )
    register_number_needs(profile, task_id)
    return changes


def _band(d: Disposition) -> str:
    if d.fine_range is None:
        return "—"
    lo, hi = d.fine_range
    return f"{lo:,}–{hi:,}"


def _party_type(profile: Profile, task_id: str) -> Any:
    with profile.db.session() as s:
        return task_entity(task_row(s, task_id), profile.parsed_task).business.party_type


def confirmed_dispositions(profile: Profile, task_id: str) -> list[ItemDisposition]:
    """The items whose disposition stands (confirmed on the finding as it is now)."""
    return [d for d in list_dispositions(profile, task_id) if d.confirmed is not None]


def require_decided(view: ItemDisposition) -> Disposition:
    if view.confirmed is None:
        raise InvalidState(NOT_DECIDED, code=view.item.code)
    return view.confirmed


__all__ = [
    "ItemDisposition",
    "confirmed_dispositions",
    "decide",
    "get_disposition",
    "list_dispositions",
    "record_assessment",
    "today",
]
