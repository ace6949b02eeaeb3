"""Submission and the team lead's review: submit, approve, return with comments.

submitted -> approved | returned (-> in progress) is the server's to decide
(``protocol.laptop_transition_allowed``, ``inspector_server.services.visit_rules``); the
laptop writes the decision as a ``review`` record and refuses locally what the server
would refuse, with a message that says what to do: an inspector never reviews their own
visit, only the lead of the visit's team reviews it, only a submitted visit, once a round.

``profile`` is where the review is written: the reviewer's own profile (their identity,
device and outbox). ``visit_profile`` is where the visit is read; it differs in an on-site
co-review, where the lead reviews on the inspector's laptop (``services.co_review``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from inspector_app.domain.entities import Inspector, Role, TaskStatus
from inspector_app.services._guards import aware, check_text, task_row
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.inspection import CANCELLED_WHY, REASSIGNED_WHY
from inspector_app.services.messages import Message, Text
from inspector_app.services.profile import Profile
from inspector_app.store.codec import inspection_to_json
from inspector_app.store.models import (
    ConflictRow,
    InspectionRow,
    ItemResultRow,
    MergedItemRow,
    TaskRow,
)
from inspector_app.store.repositories import REASSIGNED
from inspector_app.store.reviews import (
    copy_review,
    led_teams,
    new_review,
    refusals,
    reviewed_rounds,
    round_of,
    task_reviews,
)
from inspector_app.store.types import utcnow
from inspector_app.sync.protocol import ReviewData

__all__ = [
    "ReturnComments",
    "ReviewEntry",
    "approve",
    "returned_comments",
    "return_visit",
    "review_history",
    "review_refusal",
    "submit_inspection",
]

_MAX_COMMENT = 4000

SUBMIT_TIME = Text("review.submit_time", en="submission time", zh="提交时间")
REVIEW_TIME = Text("review.review_time", en="review time", zh="审核时间")
NO_INSPECTION = Text(
    "review.no_inspection",
    en="The visit to {business} has no inspection record on this laptop. Sync, then submit again.",
    zh="本机没有对{business}的检查记录。请先同步，再提交。",
)
NOT_SUBMITTED_TAKEN_AWAY = Text(
    "review.taken_away",
    en="The task for {business} was {why} on the server; it is not submitted for review. "
    "Its work is still uploaded with the next sync.",
    zh="{business}的任务已在服务器上{why}，不能提交审核。已做的工作仍会在下次同步时上传。",
)
ALREADY_SUBMITTED = Text(
    "review.already_submitted",
    en="The visit to {business} is already submitted; it waits for the team lead's review.",
    zh="对{business}的检查已提交，正在等待组长审核。",
)
NOT_COMPLETED = Text(
    "review.not_completed",
    en="The visit to {business} is {status}; only a completed visit can be submitted. Record "
    "every item and complete the inspection first.",
    zh="对{business}的检查{status}，只有已完成的检查才能提交。请先记录每个事项并完成检查。",
)
IN_CONFLICT = Text(
    "review.in_conflict",
    en="A record of the visit to {business} is in conflict with a teammate's version. Open "
    "the conflicts, pick a version, then submit.",
    zh="对{business}的检查有记录与同组人员的版本冲突。请打开冲突列表选定一个版本后再提交。",
)
VISIT_MISSING = Text(
    "review.visit_missing",
    en="Visit {task_id} is not on this laptop. Sync to download it.",
    zh="本机没有检查任务 {task_id}。请同步下载。",
)
OWN_VISIT = Text(
    "review.own_visit",
    en="{reviewer} is one of the inspectors of the visit to {business} (or recorded part of "
    "it); an inspector never reviews their own visit. The team lead reviews it.",
    zh="{reviewer}是对{business}检查的执法人员之一（或记录过其中内容）；执法人员不得审核自己的"
    "检查，应由组长审核。",
)
LEADS_NO_TEAM = Text(
    "review.leads_no_team",
    en="{reviewer} leads no team; only the lead of the visit's team reviews it.",
    zh="{reviewer}不是任何小组的组长；只有该检查所属小组的组长才能审核。",
)
NOT_THEIR_TEAM = Text(
    "review.not_their_team",
    en="{reviewer} does not lead the team of the visit to {business}; only that team's lead "
    "reviews it.",
    zh="{reviewer}不是对{business}检查所属小组的组长；只有该小组的组长才能审核。",
)
ALREADY_DECIDED = Text(
    "review.already_decided",
    en="The visit to {business} is already {status}.",
    zh="对{business}的检查{status}。",
)
RETURNED_WAITS = Text(
    "review.returned_waits",
    en="The visit to {business} was returned to its inspectors; it comes back for review "
    "when they submit it again.",
    zh="对{business}的检查已退回执法人员，重新提交后再审核。",
)
NOT_SUBMITTED = Text(
    "review.not_submitted",
    en="The visit to {business} is {status}; only a submitted visit can be reviewed. Sync to "
    "get its latest state.",
    zh="对{business}的检查{status}，只有已提交的检查才能审核。请同步获取最新状态。",
)
ALREADY_REVIEWED = Text(
    "review.already_reviewed",
    en="The submission of the visit to {business} (round {round}) is already reviewed here; "
    "the review goes to the server with the next sync.",
    zh="对{business}检查的第{round}轮提交已在本机审核，审核意见将在下次同步时上传。",
)
UNKNOWN_ITEMS = Text(
    "review.unknown_items",
    en="Item(s) {items} are not on the checklist of the visit to {business}; comment on "
    "items of its checklist.",
    zh="检查事项 {items} 不在对{business}检查的清单中；请对清单中的事项提出意见。",
)
RETURN_NEEDS_COMMENT = Text(
    "review.return_needs_comment",
    en="Say what to correct: a return needs a comment on the visit or on an item.",
    zh="请说明需要改正的内容：退回须对整次检查或某个事项提出意见。",
)
REVIEW_INVALID = Text(
    "review.invalid",
    en="The review cannot be recorded: {detail}.",
    zh="无法记录审核意见：{detail}。",
)
TOO_LONG = Text(
    "review.too_long",
    en="{what} is {length} characters; keep it under {limit}.",
    zh="{what}有{length}个字，请控制在{limit}字以内。",
)
FIELD_COMMENT = Text("review.field.comment", en="The comment", zh="审核意见")
FIELD_ITEM_COMMENT = Text(
    "review.field.item_comment", en="The comment on item {item}", zh="对事项 {item} 的意见"
)


# -- the inspector submits ----------------------------------------------------------------


def submit_inspection(profile: Profile, task_id: str, *, at: datetime | None = None) -> Changes:
    """Submit a completed visit for the team lead's review (one action: the inspection
    record becomes ``submitted`` with ``submitted_at``, queued for the server, audited).

    A visit with findings in conflict is not submitted: the lead would review one
    version while another waits; pick first.
    """
    user = profile.require_user()
    at = aware(at, SUBMIT_TIME)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        _check_submittable(s, task)
        row = s.get(InspectionRow, task_id)
        if row is None:  # completed implies a check-out recorded here or pulled
            raise InvalidState(NO_INSPECTION, business=task.business_name)
        previous = inspection_to_json(row)
        row.rev += 1
        row.status = TaskStatus.SUBMITTED.value
        row.submitted_at = at or act.at
        row.recorded_by = user.id
        row.dirty = True
        task.status = TaskStatus.SUBMITTED.value
        act.record(
            "inspection",
            task_id,
            row.base_rev,
            inspection_to_json(row),
            action="submit_inspection",
            audit={"previous": previous},
        )
    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}), outbox=True)


def _check_submittable(s: Session, task: TaskRow) -> None:
    business = task.business_name
    if task.server_state is not None:
        why = REASSIGNED_WHY if task.server_state == REASSIGNED else CANCELLED_WHY
        raise InvalidState(NOT_SUBMITTED_TAKEN_AWAY, business=business, why=why)
    status = TaskStatus(task.status)
    if status is TaskStatus.SUBMITTED:
        raise InvalidState(ALREADY_SUBMITTED, business=business)
    if status is not TaskStatus.COMPLETED:
        raise InvalidState(NOT_COMPLETED, business=business, status=status)
    in_conflict = s.scalar(
        select(ConflictRow.id)
        .where(
            ConflictRow.resolved.is_(False),
            (ConflictRow.entity_id == task.id) | ConflictRow.entity_id.startswith(f"{task.id}:"),
        )
        .limit(1)
    )
    if in_conflict is not None:
        raise InvalidState(IN_CONFLICT, business=business)


# -- who may review ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Visit:
    task_id: str
    business_name: str
    team_id: str | None
    inspector_ids: frozenset[str]
    recorders: frozenset[str]  # users who recorded a finding or the inspection
    status: str
    round: int
    item_ids: frozenset[str]


def _visit(s: Session, task_id: str) -> _Visit:
    task = s.scalar(select(TaskRow).options(undefer(TaskRow.data)).where(TaskRow.id == task_id))
    if task is None:
        raise NotFound(VISIT_MISSING, task_id=task_id)
    inspection = s.get(InspectionRow, task_id)
    recorders = set(
        s.scalars(select(ItemResultRow.recorded_by).where(ItemResultRow.task_id == task_id))
    )
    if inspection is not None and inspection.recorded_by:
        recorders.add(inspection.recorded_by)
    team = task.data.get("team_id")
    return _Visit(
        task_id=task_id,
        business_name=task.business_name,
        team_id=team if isinstance(team, str) else None,
        inspector_ids=frozenset(
            i for i in task.data.get("inspector_ids") or () if isinstance(i, str)
        ),
        recorders=frozenset(recorders),
        status=inspection.status if inspection is not None else task.status,
        round=round_of(s, task_id, inspection.round if inspection is not None else None),
        item_ids=frozenset(
            s.scalars(select(MergedItemRow.item_id).where(MergedItemRow.task_id == task_id))
        ),
    )


def _status(value: str) -> TaskStatus | str:
    """A state as a message parameter: a labelled word where it is one of ours."""
    return TaskStatus(value) if value in TaskStatus._value2member_map_ else value


def _refusal(reviewer: Inspector, teams: frozenset[str] | None, visit: _Visit) -> Message | None:
    """Why ``reviewer`` may not review ``visit`` now, in the words a person reads; None: may."""
    who, business = reviewer.display_name, visit.business_name
    if reviewer.id in visit.inspector_ids or reviewer.id in visit.recorders:
        return OWN_VISIT.bind(reviewer=who, business=business)
    if teams is None:  # an older server did not say which teams: go by the role
        leads = reviewer.role is Role.TEAM_LEAD
    else:
        leads = visit.team_id is not None and visit.team_id in teams
    if not leads:
        if not teams:
            return LEADS_NO_TEAM.bind(reviewer=who)
        return NOT_THEIR_TEAM.bind(reviewer=who, business=business)
    if visit.status != TaskStatus.SUBMITTED.value:
        if visit.status in (TaskStatus.APPROVED.value, TaskStatus.PUBLISHED.value):
            return ALREADY_DECIDED.bind(business=business, status=_status(visit.status))
        if visit.status == TaskStatus.RETURNED.value:
            return RETURNED_WAITS.bind(business=business)
        return NOT_SUBMITTED.bind(business=business, status=_status(visit.status))
    return None


def review_refusal(
    profile: Profile, task_id: str, *, visit_profile: Profile | None = None
) -> Message | None:
    """Why the user of ``profile`` may not review this visit now (None: they may); the
    window greys out Approve and Return with this as the reason (``render(lang)``)."""
    reviewer = profile.require_user()
    host = visit_profile or profile
    with host.db.session() as s:
        visit = _visit(s, task_id)
        done_here = reviewed_rounds(s, [task_id])
    with profile.db.session() as s:
        teams = led_teams(s)
        done = done_here | reviewed_rounds(s, [task_id])
    why = _refusal(reviewer, teams, visit)
    if why is None and (task_id, visit.round) in done:
        why = ALREADY_REVIEWED.bind(business=visit.business_name, round=visit.round)
    return why


# -- the lead decides -----------------------------------------------------------------------


def approve(
    profile: Profile,
    task_id: str,
    comment: str = "",
    *,
    at: datetime | None = None,
    visit_profile: Profile | None = None,
) -> Changes:
    """Approve the submitted visit (a ``review`` with ``decision: approved``)."""
    return _review(profile, task_id, "approved", comment, (), at, visit_profile)


def return_visit(
    profile: Profile,
    task_id: str,
    comment: str = "",
    item_comments: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    *,
    at: datetime | None = None,
    visit_profile: Profile | None = None,
) -> Changes:
    """Return the visit to its inspectors with what to correct: a comment on the whole
    visit and/or comments on items (item id -> text; pairs may name an item twice)."""
    pairs = list(item_comments.items() if isinstance(item_comments, Mapping) else item_comments)
    return _review(profile, task_id, "returned", comment, pairs, at, visit_profile)


def _review(
    profile: Profile,
    task_id: str,
    decision: Literal["approved", "returned"],
    comment: str,
    item_comments: Iterable[tuple[str, str]],
    at: datetime | None,
    visit_profile: Profile | None,
) -> Changes:
    reviewer = profile.require_user()
    host = visit_profile or profile
    at = aware(at, REVIEW_TIME) or utcnow()
    comment = _comment(comment, FIELD_COMMENT)
    notes = [(str(i), _comment(c, FIELD_ITEM_COMMENT.bind(item=i))) for i, c in item_comments]
    notes = [(i, c) for i, c in notes if c]
    why = review_refusal(profile, task_id, visit_profile=host)
    if why is not None:
        raise InvalidState(why)
    with host.db.session() as s:
        visit = _visit(s, task_id)
    unknown = sorted({i for i, _ in notes} - visit.item_ids)
    if unknown:
        raise InvalidInput(UNKNOWN_ITEMS, items=unknown, business=visit.business_name)
    if decision == "returned" and not (comment or notes):
        raise InvalidInput(RETURN_NEEDS_COMMENT)
    try:
        data = ReviewData(
            task_id=task_id,
            round=visit.round,
            decision=decision,
            comment=comment,
            item_comments=[{"item_id": i, "comment": c} for i, c in notes],  # type: ignore[misc]
            reviewer_id=reviewer.id,
            device_id=profile.device_id,
            reviewed_at=at,
        ).model_dump(mode="json")
    except ValidationError as exc:  # the checks above should leave nothing for this
        raise InvalidInput(REVIEW_INVALID, detail=exc.errors()[0]["msg"]) from None
    review_id = str(uuid.uuid4())
    co_review = host is not profile
    with profile.db.action(actor=reviewer.id, device_id=profile.device_id) as act:
        new_review(act.session, review_id, data)
        act.record(
            "review",
            review_id,
            None,
            data,
            action="approve_visit" if decision == "approved" else "return_visit",
            audit={"on_device": host.device_id} if co_review else None,
        )
    if co_review:
        # The visit's own laptop shows the decision at once and its audit trail says who
        # reviewed here; the record itself goes up from the reviewer's profile.
        with host.db.action(actor=reviewer.id, device_id=host.device_id) as act:
            copy_review(act.session, review_id, data)
            act.audit(
                "co_review",
                "review",
                review_id,
                {
                    "task_id": task_id,
                    "decision": decision,
                    "round": visit.round,
                    "reviewer_id": reviewer.id,
                    "reviewer_device": profile.device_id,
                },
            )
    return Changes(tasks=frozenset({task_id}), reviews=frozenset({review_id}), outbox=True)


def _comment(text: str, what: Text | Message) -> str:
    check_text(text, what)
    text = (text or "").strip()
    if len(text) > _MAX_COMMENT:
        raise InvalidInput(TOO_LONG, what=what, length=len(text), limit=_MAX_COMMENT)
    return text


# -- what the reviews said ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One review of a visit, as the history of its rounds lists it."""

    id: str
    task_id: str
    round: int
    decision: str  # approved | returned
    comment: str
    item_comments: tuple[tuple[str, str], ...]  # (item id, comment)
    reviewer_id: str
    device_id: str
    reviewed_at: datetime
    #: "sent" (the server has it), "waiting" (goes with the next sync), or "refused".
    state: str
    refused_reason: str = ""


def review_history(profile: Profile, task_id: str) -> list[ReviewEntry]:
    """Every review of the visit held here, oldest round first (the rounds' history)."""
    with profile.db.session() as s:
        rows = task_reviews(s, task_id)
        refused = refusals(s, [r.id for r in rows])
    out = []
    for row in rows:
        if row.id in refused:
            state = "refused"
        elif row.base_rev is not None:
            state = "sent"
        else:
            state = "waiting"
        pairs = tuple(
            (str(c.get("item_id", "")), str(c.get("comment", "")))
            for c in row.data.get("item_comments") or ()
            if isinstance(c, dict)
        )
        out.append(
            ReviewEntry(
                id=row.id,
                task_id=row.task_id,
                round=row.round,
                decision=row.decision,
                comment=str(row.data.get("comment") or ""),
                item_comments=pairs,
                reviewer_id=row.reviewer_id,
                device_id=str(row.data.get("device_id") or ""),
                reviewed_at=row.reviewed_at,
                state=state,
                refused_reason=refused.get(row.id, ""),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class ReturnComments:
    """What the lead asked to correct in the latest return: shown beside the items."""

    review_id: str
    round: int  # the submission that was returned
    reviewer_id: str
    reviewed_at: datetime
    comment: str  # on the whole visit
    items: dict[str, tuple[str, ...]]  # item id -> the comments on it

    def for_item(self, item_id: str) -> tuple[str, ...]:
        return self.items.get(item_id, ())


def returned_comments(profile: Profile, task_id: str) -> ReturnComments | None:
    """The latest return of the visit and its comments per item; None if never returned
    (or the return was refused by the server)."""
    returns = [
        r
        for r in review_history(profile, task_id)
        if r.decision == "returned" and r.state != "refused"
    ]
    if not returns:
        return None
    last = max(returns, key=lambda r: (r.round, r.reviewed_at))
    items: dict[str, tuple[str, ...]] = {}
    for item_id, text in last.item_comments:
        items[item_id] = (*items.get(item_id, ()), text)
    return ReturnComments(
        review_id=last.id,
        round=last.round,
        reviewer_id=last.reviewer_id,
        reviewed_at=last.reviewed_at,
        comment=last.comment,
        items=items,
    )
