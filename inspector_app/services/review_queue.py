"""What the team lead reads: the queue of submitted visits, and one visit opened whole.

The queue lists the submitted visits of the teams the signed-in user leads (never
their own visits), newest waiting first, with what a lead weighs before opening one:
business, inspectors, date, non-compliances, documents issued, waiting since. It is
read with a handful of aggregate queries whatever the number of visits (500 open in a
few tens of milliseconds: ``benchmarks/review_queue_bench.py``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select, text
from sqlalchemy.orm import Session

from inspector_app.domain.entities import DocumentKind, Outcome, TaskStatus
from inspector_app.services.errors import NotFound
from inspector_app.services.messages import Message
from inspector_app.services.profile import Profile
from inspector_app.services.review import (
    VISIT_MISSING,
    ReturnComments,
    ReviewEntry,
    returned_comments,
    review_history,
    review_refusal,
)
from inspector_app.store.models import (
    DocumentRow,
    EvidenceRow,
    InspectionRow,
    ItemResultRow,
    ReviewRow,
    TaskRow,
)
from inspector_app.store.repositories import get_task_row, task_entity
from inspector_app.store.reviews import led_teams, reviewed_rounds, round_of
from inspector_app.store.types import iso_utc

log = logging.getLogger(__name__)

__all__ = [
    "IssuedDocument",
    "Photo",
    "QueueEntry",
    "ReviewItem",
    "VisitForReview",
    "officer_names",
    "review_queue",
    "review_visit",
]

SUBMITTED = TaskStatus.SUBMITTED.value


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One submitted visit waiting for the lead (``review-queue --json`` prints these)."""

    task_id: str
    business_name: str
    uscc: str
    address: str
    team_id: str | None
    departments: tuple[str, ...]
    inspectors: tuple[str, ...]  # display names (the id where no name is known)
    inspector_ids: tuple[str, ...]
    submitted_at: datetime | None
    #: Since when it waits: the submission, or the check-out where an older laptop
    #: sent no submission time.
    waiting_since: datetime | None
    round: int  # 1 for a first submission, +1 after each return
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    window_start: date
    window_end: date
    results: int  # checklist items with a result recorded
    noncompliant: int
    documents: int  # issued (final) documents
    document_kinds: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def at(value: datetime | None) -> str | None:
            return None if value is None else iso_utc(value)

        return {
            "task_id": self.task_id,
            "business_name": self.business_name,
            "uscc": self.uscc,
            "address": self.address,
            "team_id": self.team_id,
            "departments": list(self.departments),
            "inspectors": list(self.inspectors),
            "inspector_ids": list(self.inspector_ids),
            "submitted_at": at(self.submitted_at),
            "waiting_since": at(self.waiting_since),
            "round": self.round,
            "checked_in_at": at(self.checked_in_at),
            "checked_out_at": at(self.checked_out_at),
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "results": self.results,
            "noncompliant": self.noncompliant,
            "documents": self.documents,
            "document_kinds": dict(self.document_kinds),
        }


def _submitted(teams: frozenset[str] | None) -> Any:
    """Submitted visits (of these teams, when the server said which the user leads)."""
    found = TaskRow.status == SUBMITTED
    if teams is not None:
        found = and_(found, TaskRow.team_id.in_(sorted(teams)))
    return found


def _grouped(s: Session, query: Any) -> dict[str, Any]:
    return {row[0]: row[1:] for row in s.execute(query)}


def review_queue(profile: Profile, *, visit_profile: Profile | None = None) -> list[QueueEntry]:
    """The submitted visits of the teams the signed-in user leads, newest waiting first.

    Visits they are an inspector of, or recorded part of, are never listed; nor those
    they reviewed already (the review waits for the next sync). ``visit_profile``: where
    the visits are read, when it is not the reviewer's own (an on-site co-review).
    """
    user = profile.require_user()
    host = visit_profile or profile
    names = officer_names(host)
    with profile.db.session() as s:
        teams = led_teams(s)
        mine = reviewed_rounds(s) if host is not profile else set()
    with host.db.session() as s:
        visits = s.execute(
            select(
                TaskRow.id,
                TaskRow.business_name,
                TaskRow.business_uscc,
                TaskRow.business_address,
                TaskRow.departments,
                TaskRow.window_start,
                TaskRow.window_end,
                TaskRow.team_id,
                TaskRow.inspector_ids,
                InspectionRow.submitted_at,
                InspectionRow.checked_in_at,
                InspectionRow.checked_out_at,
                InspectionRow.round,
                InspectionRow.status.label("inspection_status"),
                InspectionRow.recorded_by,
            )
            .join(InspectionRow, InspectionRow.task_id == TaskRow.id)
            .where(_submitted(teams))
        ).all()
        if not visits:
            return []
        ids = select(TaskRow.id).where(_submitted(teams)).scalar_subquery()
        findings = s.execute(
            select(
                ItemResultRow.task_id,
                func.sum(case((ItemResultRow.outcome == Outcome.NONCOMPLIANT.value, 1), else_=0)),
                func.max(case((ItemResultRow.recorded_by == user.id, 1), else_=0)),
                func.count(),
            )
            .where(ItemResultRow.task_id.in_(ids))
            .group_by(ItemResultRow.task_id)
        ).all()
        documents = s.execute(
            select(DocumentRow.task_id, DocumentRow.kind, func.count())
            .where(DocumentRow.task_id.in_(ids), DocumentRow.status == "final")
            .group_by(DocumentRow.task_id, DocumentRow.kind)
        ).all()
        returns = _grouped(
            s,
            select(ReviewRow.task_id, func.count())
            .where(
                ReviewRow.task_id.in_(ids),
                ReviewRow.decision == "returned",
                ReviewRow.base_rev.is_not(None),
            )
            .group_by(ReviewRow.task_id),
        )
        reviewed = mine | reviewed_rounds(s, [v.id for v in visits])
    noncompliant = {task_id: int(n or 0) for task_id, n, _, _ in findings}
    recorded_by_me = {task_id for task_id, _, mine_, _ in findings if mine_}
    results = {task_id: int(n) for task_id, _, _, n in findings}
    kinds: dict[str, dict[str, int]] = {}
    for task_id, kind, n in documents:
        kinds.setdefault(task_id, {})[kind] = int(n)

    out = []
    for v in visits:
        inspector_ids = tuple(v.inspector_ids or ())
        if v.inspection_status != SUBMITTED:  # the task moved ahead of its record: skip
            continue
        if user.id in inspector_ids or user.id == v.recorded_by or v.id in recorded_by_me:
            continue
        rnd = max(v.round or 1, 1 + int(returns.get(v.id, (0,))[0]))
        if (v.id, rnd) in reviewed:
            continue
        issued = kinds.get(v.id, {})
        out.append(
            QueueEntry(
                task_id=v.id,
                business_name=v.business_name,
                uscc=v.business_uscc,
                address=v.business_address,
                team_id=v.team_id,
                departments=tuple(v.departments),
                inspectors=tuple(names.get(i, i) for i in inspector_ids),
                inspector_ids=inspector_ids,
                submitted_at=v.submitted_at,
                waiting_since=v.submitted_at or v.checked_out_at,
                round=rnd,
                checked_in_at=v.checked_in_at,
                checked_out_at=v.checked_out_at,
                window_start=v.window_start,
                window_end=v.window_end,
                results=results.get(v.id, 0),
                noncompliant=noncompliant.get(v.id, 0),
                documents=sum(issued.values()),
                document_kinds=dict(sorted(issued.items())),
            )
        )
    # Newest waiting first; a visit without any time last, then by business name.
    out.sort(key=lambda e: (e.business_name, e.task_id))
    out.sort(
        key=lambda e: e.waiting_since.timestamp() if e.waiting_since else float("-inf"),
        reverse=True,
    )
    return out


# -- names ----------------------------------------------------------------------------------


def _has_table(s: Session, name: str) -> bool:
    found = s.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": name}
    ).first()
    return found is not None


def officer_names(profile: Profile) -> dict[str, str]:
    """user id -> display name: the officers' roster pull delivered (reference records of
    kind ``roster``, where this version keeps them), else the demo's people; the signed-in
    user always."""
    names: dict[str, str] = {}
    with profile.db.session() as s:
        if _has_table(s, "reference_records"):
            rows = s.execute(text("SELECT data FROM reference_records WHERE kind = 'roster'"))
            for (raw,) in rows:
                data = json.loads(raw) if isinstance(raw, str) else raw
                content = data.get("content") if isinstance(data, dict) else None
                for entry in (content or {}).get("officers") or ():
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        names[entry["id"]] = str(entry.get("display_name") or entry["id"])
    if not names:
        from inspector_app.services.demo import demo_inspectors

        names = {p.id: p.display_name for p in demo_inspectors()}
    if profile.user is not None:
        names[profile.user.id] = profile.user.display_name
    return names


# -- one visit, opened for review -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Photo:
    sha256: str
    caption: str
    mime: str
    size: int
    on_laptop: bool  # False while the file is still to come down with the next sync


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One checklist item with what was found, in checklist order."""

    item_id: str
    code: str
    title: str
    severity: str
    outcome: Outcome | None  # None: nothing recorded
    note: str
    measurements: dict[str, Any]
    corrected_on_site: bool
    deadline: date | None
    recorded_by: str
    recorded_at: datetime | None
    photos: tuple[Photo, ...]
    #: The disposition recorded for the finding (its record's JSON with ``kind`` and
    #: ``status``), None when there is none (or this version keeps none).
    disposition: dict[str, Any] | None
    comments: tuple[str, ...]  # the latest return's comments on this item


@dataclass(frozen=True, slots=True)
class IssuedDocument:
    id: str
    kind: str
    title: str  # e.g. 责令改正通知书
    number: str | None
    status: str  # draft | final | void
    sha256: str | None
    issued_at: str | None


@dataclass(frozen=True, slots=True)
class VisitForReview:
    task_id: str
    business_name: str
    uscc: str
    address: str
    team_id: str | None
    departments: tuple[str, ...]
    inspectors: tuple[str, ...]
    inspector_ids: tuple[str, ...]
    status: TaskStatus
    round: int
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    submitted_at: datetime | None
    present: tuple[str, ...]
    party_statement: str
    items: tuple[ReviewItem, ...]
    documents: tuple[IssuedDocument, ...]
    reviews: tuple[ReviewEntry, ...]  # every round's review, oldest first
    returned: ReturnComments | None  # the latest return, if any
    #: Why the signed-in user may not review it now (None: they may approve or return);
    #: ``refusal.render(lang)`` in the interface's language.
    refusal: Message | None

    @property
    def noncompliant(self) -> int:
        return sum(1 for i in self.items if i.outcome is Outcome.NONCOMPLIANT)


def review_visit(
    profile: Profile, task_id: str, *, visit_profile: Profile | None = None
) -> VisitForReview:
    """Every result with its note, photos and disposition, the issued documents and the
    rounds' reviews: what a lead reads before approving or returning. The inspector
    opens their returned visit with it too (``returned``, each item's ``comments``).
    ``visit_profile``: where the visit is read, when not ``profile`` (co-review)."""
    host = visit_profile or profile
    names = officer_names(host)
    returned = returned_comments(host, task_id)
    history = tuple(review_history(host, task_id))
    refusal = (
        review_refusal(profile, task_id, visit_profile=host) if profile.user is not None else None
    )
    with host.db.session() as s:
        row = get_task_row(s, task_id)
        if row is None:
            raise NotFound(VISIT_MISSING, task_id=task_id)
        task = task_entity(row, host.parsed_task)
        inspection = s.get(InspectionRow, task_id)
        results = {
            r.item_id: r
            for r in s.scalars(select(ItemResultRow).where(ItemResultRow.task_id == task_id))
        }
        photos: dict[str, list[Photo]] = {}
        for e in s.scalars(
            select(EvidenceRow)
            .where(EvidenceRow.task_id == task_id)
            .order_by(EvidenceRow.created_at, EvidenceRow.sha256)
        ):
            photos.setdefault(e.item_id, []).append(
                Photo(e.sha256, e.caption, e.mime, e.size, host.blobs.exists(e.sha256))
            )
        dispositions = _dispositions(s, task_id)
        rnd = round_of(s, task_id, inspection.round if inspection is not None else None)
        documents = tuple(
            IssuedDocument(
                id=d.id,
                kind=d.kind,
                title=_document_title(d.kind),
                number=d.number,
                status=d.status,
                sha256=d.sha256,
                issued_at=str(d.data.get("issued_at")) if d.data.get("issued_at") else None,
            )
            for d in s.scalars(
                select(DocumentRow)
                .where(DocumentRow.task_id == task_id)
                .order_by(DocumentRow.created_at, DocumentRow.id)
            )
        )
    items = []
    for item in task.checklist:
        r = results.get(item.id)
        known = {p.sha256 for p in photos.get(item.id, ())}
        # A photo named by a finding that has not come down yet is listed all the same.
        extra = [Photo(h, "", "", 0, False) for h in (r.evidence if r else ()) if h not in known]
        items.append(
            ReviewItem(
                item_id=item.id,
                code=item.code,
                title=item.title,
                severity=item.severity.value,
                outcome=Outcome(r.outcome) if r is not None else None,
                note=r.note if r is not None else "",
                measurements=dict(r.measurements) if r is not None else {},
                corrected_on_site=bool(r.corrected_on_site) if r is not None else False,
                deadline=r.deadline if r is not None else None,
                recorded_by=r.recorded_by if r is not None else "",
                recorded_at=r.recorded_at if r is not None else None,
                photos=tuple(photos.get(item.id, ())) + tuple(extra),
                disposition=dispositions.get(item.id),
                comments=returned.for_item(item.id) if returned is not None else (),
            )
        )
    status = inspection.status if inspection is not None else task.status.value
    return VisitForReview(
        task_id=task_id,
        business_name=task.business.name,
        uscc=task.business.uscc,
        address=task.business.address,
        team_id=task.team_id,
        departments=tuple(d.name for d in task.departments),
        inspectors=tuple(names.get(i, i) for i in task.inspector_ids),
        inspector_ids=task.inspector_ids,
        status=TaskStatus(status) if status in TaskStatus._value2member_map_ else task.status,
        round=rnd,
        checked_in_at=inspection.checked_in_at if inspection is not None else None,
        checked_out_at=inspection.checked_out_at if inspection is not None else None,
        submitted_at=inspection.submitted_at if inspection is not None else None,
        present=tuple(inspection.present) if inspection is not None else (),
        party_statement=inspection.party_statement if inspection is not None else "",
        items=tuple(items),
        documents=documents,
        reviews=history,
        returned=returned,
        refusal=refusal,
    )


def _document_title(kind: str) -> str:
    try:
        return DocumentKind(kind).title_zh
    except ValueError:
        return kind


def _dispositions(s: Session, task_id: str) -> dict[str, dict[str, Any]]:
    """item id -> the disposition recorded for it. Read from the ``dispositions`` table
    where this version keeps one (issue 11's records), nothing otherwise."""
    if not _has_table(s, "dispositions"):
        return {}
    found: dict[str, dict[str, Any]] = {}
    rows = s.execute(
        text("SELECT item_id, status, kind, data FROM dispositions WHERE task_id = :task"),
        {"task": task_id},
    )
    for item_id, status, kind, raw in rows:
        try:
            data = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        except (TypeError, ValueError):
            log.error("the disposition of %s:%s cannot be read; not shown", task_id, item_id)
            continue
        found[str(item_id)] = {**data, "kind": kind, "status": status}
    return found
