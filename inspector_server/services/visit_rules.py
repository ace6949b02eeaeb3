"""The visit's state machine on the server, and the lead's review (issues 9 and 12).

assigned -> in_progress -> completed -> submitted -> approved | returned (-> in_progress)
-> published. The push asks ``VisitBook.check`` before applying a mutation of a visit
and tells it ``applied`` afterwards; the book keeps the ``visits`` projection and its
history in the push's transaction (``visits`` rows are locked, in task order, so two
batches touching one visit take turns).

* ``inspection`` (id = its task id): a laptop moves the visit forward only
  (``protocol.laptop_transition_allowed``); going back from completed or later
  without a return by the lead is rejected (``visit_state: …``). On an approved or
  published visit every change of a finding (inspection, item_result) is kept as a
  conflict for the lead, never applied; the lead settles it with a pick
  (``data.resolves``), which only a lead of the team may push there.
* ``review``: only a lead of the task's team (``forbidden`` otherwise, administrators
  included), as themselves from their own device, never on a visit they recorded
  (``own_visit``), only of a submitted visit (``visit_state``) and of its current
  round (``review_round``). Approval makes the visit approved; a return makes it
  returned and opens the next round. The server writes the new state into the
  inspection record, so the team's laptops pull it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from pydantic import ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from inspector_app.sync.protocol import (
    DONE_STATES,
    LOCKED_STATES,
    REASON_FORBIDDEN,
    REASON_INVALID_REVIEW,
    REASON_OWN_VISIT,
    REASON_REVIEW_ROUND,
    REASON_VISIT_STATE,
    VISIT_STATES,
    Mutation,
    ReviewData,
    laptop_transition_allowed,
)
from inspector_server.models import Record, RecordRevision, utcnow
from inspector_server.models_visits import Visit, VisitTransition
from inspector_server.services import visits as projection
from inspector_server.services.principal import Principal

SERVER_DEVICE = "server"
VISIT_ENTITIES = ("inspection", "item_result", "review", "task") + projection.FACT_ENTITIES
_CHUNK = 500

Verdict = Literal["apply", "keep"]


class StateRefused(Exception):
    """A mutation the visit's state forbids; the message is the push's ``reason``."""


class Stored(Protocol):
    rev: int
    data: dict[str, Any] | None
    rewritten: bool


def _refuse(code: str, text: str) -> StateRefused:
    return StateRefused(code if code == REASON_FORBIDDEN else f"{code}: {text}")


def task_of(m: Mutation) -> str | None:
    if m.entity == "task":
        return m.id
    if m.entity == "item_result":
        return m.id.partition(":")[0] or None
    value = m.data.get("task_id") if m.data else None
    return value if isinstance(value, str) and value and "\x00" not in value else None


def records_to_lock(mutations: Iterable[Mutation]) -> set[tuple[str, str]]:
    """Records a review will rewrite: locked with the batch's own, in the same order."""
    return {
        ("inspection", task_id)
        for m in mutations
        if m.entity == "review" and (task_id := task_of(m)) is not None
    }


@dataclass
class VisitBook:
    s: Session
    p: Principal
    device_id: str
    visits: dict[str, Visit] = field(default_factory=dict)
    facts: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # as loaded
    transitions: list[dict[str, Any]] = field(default_factory=list)

    def load(self, task_ids: Iterable[str]) -> None:
        ids = sorted(set(task_ids) - self.visits.keys())
        for start in range(0, len(ids), _CHUNK):
            query = select(Visit).where(Visit.task_id.in_(ids[start : start + _CHUNK]))
            for visit in self.s.scalars(query.order_by(Visit.task_id).with_for_update()):
                self.visits[visit.task_id] = visit
                self.contexts[visit.task_id] = projection.fact_context(visit)

    def find(self, task_id: str) -> Visit | None:
        if task_id not in self.visits:
            self.load([task_id])
        return self.visits.get(task_id)

    def visit(self, task_id: str) -> Visit:
        found = self.visits.get(task_id)
        if found is None:
            self.load([task_id])
            found = self.visits.get(task_id)
        if found is None:  # a task written before the projection existed, or by hand
            found = self.visits[task_id] = projection.new_visit(task_id)
            self.s.add(found)
        return found

    # -- before a mutation is applied --------------------------------------------------

    def check(
        self, m: Mutation, existing: Stored | None, task_id: str | None, team_id: str | None
    ) -> Verdict:
        if task_id is None or m.entity not in ("inspection", "item_result", "review"):
            return "apply"
        visit = self.visit(task_id)
        if m.entity == "review":
            self._check_review(m, existing, visit, team_id)
            return "apply"
        if m.entity == "inspection" and m.id != task_id:
            raise _refuse(REASON_VISIT_STATE, "an inspection record's id is its task id")
        member = team_id is not None and team_id in self.p.member_teams or self.p.is_admin
        if visit.state in LOCKED_STATES:
            resolves = bool(m.data and m.data.get("resolves"))
            if not member:  # a lead: only their pick of a kept conflict, state unchanged
                if not resolves or (m.entity == "inspection" and _status(m) != visit.state):
                    raise _refuse(REASON_FORBIDDEN, "")
                return "apply"
            if existing is None:
                raise _refuse(
                    REASON_VISIT_STATE,
                    f"the visit was {visit.state}; a finding cannot be added to it. Ask the "
                    "team lead to look at it",
                )
            return "keep"
        if not member:
            raise _refuse(REASON_FORBIDDEN, "")
        if m.entity == "inspection":
            self._check_inspection(m, visit)
        return "apply"

    def _check_inspection(self, m: Mutation, visit: Visit) -> None:
        current = visit.state
        if m.data is None:
            if current in DONE_STATES:
                raise _refuse(
                    REASON_VISIT_STATE, f"the visit is {current}; its record cannot be deleted"
                )
            return
        pushed = _status(m)
        if pushed not in VISIT_STATES:
            raise _refuse(
                REASON_VISIT_STATE,
                f"inspection.data.status {pushed!r} is not one of {', '.join(VISIT_STATES)}",
            )
        if not laptop_transition_allowed(current, pushed):
            if pushed in ("approved", "returned", "published"):
                why = f"only the team lead's review or publication makes a visit {pushed}"
            else:
                why = (
                    f"the visit is {current} on the server and cannot go back to {pushed} "
                    "without a return by the team lead; sync to get its current state"
                )
            raise _refuse(REASON_VISIT_STATE, why)

    def _check_review(
        self, m: Mutation, existing: Stored | None, visit: Visit, team_id: str | None
    ) -> None:
        if team_id is None or team_id not in self.p.led_teams:
            raise _refuse(REASON_FORBIDDEN, "")
        if existing is not None or m.data is None:
            raise _refuse(
                REASON_INVALID_REVIEW, "a review cannot be changed or deleted; record a new one"
            )
        try:
            review = ReviewData.model_validate(m.data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise _refuse(REASON_INVALID_REVIEW, f"{where}: {first['msg']}") from None
        if review.reviewed_at.tzinfo is None:
            raise _refuse(REASON_INVALID_REVIEW, "reviewed_at needs a time zone offset")
        if review.reviewer_id != self.p.user_id or review.device_id != self.device_id:
            raise _refuse(
                REASON_INVALID_REVIEW,
                "reviewer_id and device_id must be the signed-in reviewer and this device",
            )
        if review.decision == "returned" and not (review.comment.strip() or review.item_comments):
            raise _refuse(REASON_INVALID_REVIEW, "a return says what to correct: add a comment")
        if self.p.user_id in visit.inspector_ids or self._recorded_by(visit.task_id):
            raise _refuse(REASON_OWN_VISIT, "an inspector never reviews a visit of their own")
        if visit.state != "submitted":
            raise _refuse(
                REASON_VISIT_STATE,
                f"the visit is {visit.state}; only a submitted visit can be reviewed",
            )
        if review.round != visit.round:
            raise _refuse(
                REASON_REVIEW_ROUND,
                f"the visit is in round {visit.round}, the review is of round {review.round}",
            )

    def _recorded_by(self, task_id: str) -> bool:
        """Whether the reviewer wrote any finding, check-in or document of this visit."""
        query = (
            select(RecordRevision.rev)
            .join(
                Record,
                (Record.entity == RecordRevision.entity) & (Record.id == RecordRevision.record_id),
            )
            .where(
                Record.task_id == task_id,
                Record.entity.in_(("item_result", "inspection", "document")),
                RecordRevision.user_id == self.p.user_id,
                # The server's own writes in the lead's name (a review's effect) are not.
                RecordRevision.device_id != SERVER_DEVICE,
            )
            .limit(1)
        )
        return self.s.execute(query).first() is not None

    # -- after it was applied ----------------------------------------------------------

    def applied(
        self,
        m: Mutation,
        task_id: str | None,
        team_id: str | None,
        op_id: str,
        rewrite: Callable[[str, str, dict[str, Any]], None],
        current: Callable[[str, str], dict[str, Any] | None],
    ) -> None:
        """Keep the projection; carry out a review (``rewrite`` writes a record as the
        server, ``current`` reads a record's data as this batch sees it)."""
        if m.entity in projection.FACT_ENTITIES:
            self.facts[(m.entity, m.id)] = m.data
        if task_id is None:
            return
        if m.entity == "task":
            visit = self.visit(task_id)
            if m.data is None:
                visit.cancelled = True
            else:
                projection.apply_task(visit, projection.task_columns(m.data, team_id))
                projection.set_departments(self.s, task_id, projection.departments_of(m.data))
        elif m.entity == "inspection" and m.data is not None:
            self._inspection_applied(m, self.visit(task_id), op_id)
        elif m.entity == "review" and m.data is not None:
            self._review_applied(m, self.visit(task_id), op_id, rewrite, current)

    def _inspection_applied(self, m: Mutation, visit: Visit, op_id: str) -> None:
        assert m.data is not None
        pushed = _status(m)
        completed = projection.parse_time(m.data.get("checked_out_at"))
        if completed is not None:
            visit.completed_at = completed
        if pushed == "submitted" and visit.state != "submitted":
            visit.submitted_at = (
                projection.parse_time(m.data.get("submitted_at")) or m.recorded_at or utcnow()
            )
        self._move(visit, pushed, op_id)

    def _review_applied(
        self,
        m: Mutation,
        visit: Visit,
        op_id: str,
        rewrite: Callable[[str, str, dict[str, Any]], None],
        current: Callable[[str, str], dict[str, Any] | None],
    ) -> None:
        review = ReviewData.model_validate(m.data)
        if review.decision == "approved":
            visit.approved_at = review.reviewed_at
            self._move(visit, "approved", op_id)
        else:
            self._move(visit, "returned", op_id)
            visit.round += 1
        data = dict(current("inspection", visit.task_id) or {"task_id": visit.task_id})
        data.update(
            status=visit.state,
            round=visit.round,
            review_id=m.id,
            reviewed_by=review.reviewer_id,
            reviewed_at=review.reviewed_at.isoformat(),
        )
        rewrite("inspection", visit.task_id, data)

    def _move(self, visit: Visit, state: str, op_id: str | None) -> None:
        if visit.state != state:
            self.transitions.append(
                {
                    "task_id": visit.task_id,
                    "round": visit.round,
                    "from_state": visit.state,
                    "to_state": state,
                    "op_id": op_id,
                    "user_id": self.p.user_id,
                    "device_id": self.device_id,
                    "at": utcnow(),
                }
            )
            visit.state = state
        visit.day = projection.reference_day(visit)
        visit.updated_at = utcnow()

    # -- at the end of the batch ---------------------------------------------------------

    def write(self) -> None:
        for task_id, visit in self.visits.items():
            loaded = self.contexts.get(task_id)
            if loaded is not None and loaded != projection.fact_context(visit):
                projection.sync_fact_context(self.s, visit)
        if self.facts:
            touched = projection.replace_facts(
                self.s, [(e, r, d) for (e, r), d in self.facts.items()], self.find
            )
            projection.count_noncompliant(self.s, [self.visit(t) for t in sorted(touched)])
        if self.transitions:
            self.s.execute(insert(VisitTransition), self.transitions)
        self.s.flush()


def _status(m: Mutation) -> str:
    status = m.data.get("status") if m.data else None
    return status if isinstance(status, str) else ""


def record_transition(
    s: Session, visit: Visit, state: str, *, user_id: str | None, at: datetime
) -> None:
    """A state the server sets outside a push (publication)."""
    s.add(
        VisitTransition(
            task_id=visit.task_id,
            round=visit.round,
            from_state=visit.state,
            to_state=state,
            op_id=None,
            user_id=user_id,
            device_id=SERVER_DEVICE,
            at=at,
        )
    )
    visit.state = state
    visit.updated_at = at
