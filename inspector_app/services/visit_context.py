"""Everything recorded about one visit, read once, for composing its documents.

Documents are composed from the record only (issue 11 item 5): the task (business,
departments, checklist with provisions), the item results with their photos, the
confirmed dispositions, the inspection (times, people, opening, the party's statement),
the signatures, the officers of the task, and the documents already issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.enforcement import (
    DispositionRecord,
    Opening,
    PartyStatement,
    Signature,
    disposition_record_from_json,
    opening_from_json,
    signature_from_json,
    statement_from_json,
)
from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    ItemResult,
    JointTask,
    MergedItem,
    Outcome,
)
from inspector_app.domain.reference import RosterOfficer
from inspector_app.services._guards import task_row
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import roster
from inspector_app.store.models import (
    DispositionRow,
    DocumentRow,
    EvidenceRow,
    InspectionRow,
    ItemResultRow,
    SignatureRow,
)
from inspector_app.store.repositories import item_result_entity, task_entity


@dataclass(frozen=True, slots=True)
class PhotoRef:
    sha256: str
    item_id: str
    mime: str
    caption: str
    captured_at: datetime | None


@dataclass(frozen=True, slots=True)
class IssuedRecord:
    """A document row as the documents of the visit refer to it."""

    id: str
    kind: str
    number: str | None
    status: str  # draft | final | void
    data: dict  # type: ignore[type-arg]


@dataclass(frozen=True, slots=True)
class VisitContext:
    task: JointTask
    results: dict[str, ItemResult]
    photos: dict[str, tuple[PhotoRef, ...]]  # item_id -> photos, in attach order
    records: dict[str, DispositionRecord]  # item_id -> disposition record
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    present: tuple[str, ...]
    opening: Opening
    statement: PartyStatement
    signatures: dict[str, Signature]  # signer -> signature
    officers: dict[str, RosterOfficer]  # the task's inspectors known here, by user id
    documents: tuple[IssuedRecord, ...]
    recorded_by: str = ""

    def item(self, item_id: str) -> MergedItem:
        return next(i for i in self.task.checklist if i.id == item_id)

    def confirmed(self, item_id: str) -> Disposition | None:
        """The confirmed disposition of an item, if it still stands on the finding."""
        record = self.records.get(item_id)
        result = self.results.get(item_id)
        if record is None or not record.confirmed or result is None:
            return None
        if result.outcome is not Outcome.NONCOMPLIANT:
            return None
        if record.result_recorded_at != result.recorded_at:
            return None  # the finding changed since: decide again
        return record.disposition

    def decided(self, kind: DispositionKind) -> list[tuple[MergedItem, Disposition]]:
        out = []
        for item in self.task.checklist:
            d = self.confirmed(item.id)
            if d is not None and d.kind is kind:
                out.append((item, d))
        return out

    @property
    def noncompliant(self) -> list[MergedItem]:
        return [
            i
            for i in self.task.checklist
            if (r := self.results.get(i.id)) is not None and r.outcome is Outcome.NONCOMPLIANT
        ]

    def team(self) -> list[RosterOfficer]:
        """The task's inspectors, in the task's order, as far as this laptop knows them."""
        return [self.officers[i] for i in self.task.inspector_ids if i in self.officers]

    def final_documents(self) -> list[IssuedRecord]:
        return [d for d in self.documents if d.status == "final"]


def load_context(profile: Profile, task_id: str, session: Session | None = None) -> VisitContext:
    """Read the visit in one session (``session``: the caller's open transaction)."""
    if session is None:
        with profile.db.session() as s:
            return _load(profile, s, task_id)
    return _load(profile, session, task_id)


def _load(profile: Profile, s: Session, task_id: str) -> VisitContext:
    task = task_entity(task_row(s, task_id), profile.parsed_task)
    results = {
        r.item_id: item_result_entity(r)
        for r in s.scalars(select(ItemResultRow).where(ItemResultRow.task_id == task_id))
    }
    photos: dict[str, list[PhotoRef]] = {}
    evidence = {
        (e.item_id, e.sha256): e
        for e in s.scalars(select(EvidenceRow).where(EvidenceRow.task_id == task_id))
    }
    for item_id, result in results.items():
        for sha in result.evidence:
            e = evidence.get((item_id, sha))
            photos.setdefault(item_id, []).append(
                PhotoRef(
                    sha,
                    item_id,
                    e.mime if e else "image/jpeg",
                    e.caption if e else "",
                    e.captured_at if e else None,
                )
            )
    records = {
        r.item_id: disposition_record_from_json(r.data)
        for r in s.scalars(select(DispositionRow).where(DispositionRow.task_id == task_id))
    }
    inspection = s.get(InspectionRow, task_id)
    details = (inspection.details or {}) if inspection is not None else {}
    signatures = {
        r.signer: signature_from_json(r.data)
        for r in s.scalars(select(SignatureRow).where(SignatureRow.task_id == task_id))
    }
    documents = tuple(
        IssuedRecord(d.id, d.kind, d.number, d.status, dict(d.data))
        for d in s.scalars(
            select(DocumentRow)
            .where(DocumentRow.task_id == task_id)
            .order_by(DocumentRow.created_at, DocumentRow.id)
        )
    )
    everyone = roster(profile)
    return VisitContext(
        task=task,
        results=results,
        photos={k: tuple(v) for k, v in photos.items()},
        records=records,
        checked_in_at=inspection.checked_in_at if inspection else None,
        checked_out_at=inspection.checked_out_at if inspection else None,
        present=tuple(inspection.present) if inspection else (),
        opening=opening_from_json(details.get("opening")),
        statement=statement_from_json(
            inspection.party_statement if inspection else "", details.get("statement")
        ),
        signatures=signatures,
        officers={i: everyone[i] for i in task.inspector_ids if i in everyone},
        documents=documents,
        recorded_by=inspection.recorded_by if inspection else "",
    )
