"""The documents a visit holds: listed with what it still needs, voided, delivered, read.

An issued document is never edited: a mistake is corrected by voiding it with a reason
(its number is recorded void, never reused) and issuing a new one. Delivery (送达: how,
to whom, when, by whom) is recorded on the document's record and feeds the 送达回证.
``visit_problems`` runs the documents' consistency check (``check_visit``) over what was
issued: one visit, one story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.documents import Document, Problem, check_visit
from inspector_app.domain.entities import DocumentKind
from inspector_app.domain.serialization import iso_utc
from inspector_app.services._guards import FIELD_DELIVERY, FIELD_REASON, aware, check_text
from inspector_app.services.changes import Changes
from inspector_app.services.document_settings import image_reader, settings_for
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.visit_compose import compose
from inspector_app.services.visit_context import load_context
from inspector_app.services.visit_documents import (
    DELIVERY_METHODS,
    Need,
    needed_documents,
    parsed_number,
)
from inspector_app.store.models import DocumentRow, UsedNumberRow

DRAFT = "draft"
FINAL = "final"
VOID = "void"

NEEDED = "needed"
ISSUED = "issued"
DELIVERED = "delivered"
VOIDED = "voided"

DELIVERY_TIME = Text("issue.delivery_time", en="time of delivery", zh="送达时间")
DOCUMENT_MISSING = Text(
    "issue.document_missing",
    en="Document {document_id} is not in this profile.",
    zh="本机没有文书 {document_id}。",
)
ALREADY_VOID = Text(
    "issue.already_void",
    en="Document {number} is already void.",
    zh="文书 {number} 已经作废。",
)
VOID_DRAFT = Text(
    "issue.void_draft",
    en="A draft has no number and needs no voiding; just issue the final document.",
    zh="草稿没有编号，无须作废，直接出具正式文书即可。",
)
VOID_REASON = Text(
    "issue.void_reason",
    en="Say why the document is voided (e.g. a wrong fact, a spoiled printout).",
    zh="请写明作废文书的理由（例如事实有误、打印损坏）。",
)
DELIVER_WHAT = Text(
    "issue.deliver_what",
    en="Only an issued document can be delivered; {number} is {status}.",
    zh="只能送达已出具的文书；{number}目前为{status}。",
)
DELIVER_METHOD = Text(
    "issue.deliver_method",
    en="Unknown delivery method {method}; use one of {methods}.",
    zh="未知的送达方式 {method}，可用：{methods}。",
)
DELIVER_RECIPIENT = Text(
    "issue.deliver_recipient",
    en="Give the name of the person who received the document.",
    zh="请填写签收文书的人员姓名。",
)
DELIVER_BEFORE_ISSUE = Text(
    "issue.deliver_before_issue",
    en="The delivery time {at} is before the document was issued ({issued}).",
    zh="送达时间 {at} 早于文书出具时间（{issued}）。",
)


@dataclass(frozen=True, slots=True)
class Delivery:
    """送达: how, to whom, when and by whom a document was delivered."""

    method: str
    recipient: str
    at: datetime
    by: str  # user id of the officer who delivered
    place: str = ""
    proxy_relationship: str = ""
    proxy_reason: str = ""
    witness: str = ""
    reference: str = ""  # 邮件号 / 电子送达地址 / 公告载体
    av_reference: str = ""  # 留置送达: photo or film

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "recipient": self.recipient,
            "at": iso_utc(self.at),
            "by": self.by,
            "place": self.place,
            "proxy_relationship": self.proxy_relationship,
            "proxy_reason": self.proxy_reason,
            "witness": self.witness,
            "reference": self.reference,
            "av_reference": self.av_reference,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Delivery:
        return cls(
            method=str(d.get("method") or ""),
            recipient=str(d.get("recipient") or ""),
            at=datetime.fromisoformat(str(d["at"])),
            by=str(d.get("by") or ""),
            place=str(d.get("place") or ""),
            proxy_relationship=str(d.get("proxy_relationship") or ""),
            proxy_reason=str(d.get("proxy_reason") or ""),
            witness=str(d.get("witness") or ""),
            reference=str(d.get("reference") or ""),
            av_reference=str(d.get("av_reference") or ""),
        )


@dataclass(frozen=True, slots=True)
class VisitDocument:
    """One document of the visit: needed (not issued yet), a draft, issued, delivered or
    voided."""

    kind: DocumentKind
    title: str
    state: str
    department_code: str
    item_ids: tuple[str, ...]
    key: str  # what the visit needs it for: kind, department and findings
    id: str | None = None
    number: str | None = None
    sha256: str | None = None
    content_sha256: str | None = None
    issued_at: datetime | None = None
    deliveries: tuple[Delivery, ...] = ()
    void_reason: str = ""
    note: str = ""  # why it is needed, or why a document is not issued with it


# -- what the visit needs and holds -------------------------------------------------------


def _key(kind: str, department: str, item_ids: Sequence[str]) -> str:
    return f"{kind}|{department}|{','.join(item_ids)}"


def row_key(data: dict[str, Any]) -> str:
    return str(data.get("key") or _key(str(data.get("kind")), "", ()))


def _state(status: str, data: dict[str, Any]) -> str:
    if status == VOID:
        return VOIDED
    if status == DRAFT:
        return DRAFT
    return DELIVERED if data.get("deliveries") else ISSUED


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def list_documents(profile: Profile, task_id: str) -> list[VisitDocument]:
    """What the visit needs (from its confirmed dispositions) and what was issued for it:
    every issued, delivered or voided document, a draft where one was previewed, and each
    needed document not issued yet."""
    ctx = load_context(profile, task_id)
    needs = needed_documents(ctx)
    out: list[VisitDocument] = []
    covered: set[str] = set()
    for row in ctx.documents:
        data = row.data
        state = _state(row.status, data)
        key = row_key(data)
        if state in (ISSUED, DELIVERED):
            covered.add(key)
        if state == DRAFT and key in covered:
            continue
        out.append(
            VisitDocument(
                kind=DocumentKind(row.kind),
                title=str(data.get("title") or DocumentKind(row.kind).title_zh),
                state=state,
                department_code=str(data.get("department_code") or ""),
                item_ids=tuple(data.get("item_ids") or ()),
                key=key,
                id=row.id,
                number=row.number,
                sha256=data.get("sha256"),
                content_sha256=data.get("content_sha256"),
                issued_at=_time(data.get("issued_at")),
                deliveries=tuple(Delivery.from_json(d) for d in data.get("deliveries") or ()),
                void_reason=str(data.get("void_reason") or ""),
            )
        )
    drafts = {d.key for d in out if d.state == DRAFT}
    for need in needs:
        if need.key in covered or need.key in drafts:
            continue
        out.append(
            VisitDocument(
                kind=need.kind,
                title=need.kind.title_zh,
                state=NEEDED,
                department_code=need.department_code,
                item_ids=need.item_ids,
                key=need.key,
                note=need.note,
            )
        )
    order = list(DocumentKind)
    return sorted(
        out,
        key=lambda d: (order.index(d.kind), d.key, d.issued_at.timestamp() if d.issued_at else 0.0),
    )


# -- one visit, one story ------------------------------------------------------------------


def visit_problems(profile: Profile, task_id: str) -> list[Problem]:
    """Contradictions among the visit's issued documents and its record (``check_visit``):
    every finding in the joint notice under its department, every delivered document in a
    送达回证, nothing both corrected on the spot and fined before its deadline. Issued
    documents are composed again from the record as it is, with their own numbers and
    times; a document issued but not delivered yet is not reported as unserved."""
    ctx = load_context(profile, task_id)
    images = image_reader(profile)
    docs: list[Document] = []
    numbered: dict[str, str] = {}
    for row in ctx.final_documents():
        data = row.data
        kind = DocumentKind(row.kind)
        need = Need(
            kind,
            str(data.get("department_code") or ""),
            tuple(data.get("item_ids") or ()),
            served=tuple(data.get("served") or ()),
        )
        cfg = settings_for(profile, need.department_code)
        issued = _time(data.get("issued_at")) or datetime.now().astimezone()
        docs.append(
            compose(
                ctx,
                need,
                settings=cfg,
                doc_id=row.id,
                number=parsed_number(row),
                issued_at=issued,
                draft=False,
                image_for=images,
                numbered=numbered,
            )
        )
        if row.number is not None:
            numbered[need.key] = row.number
    delivered = {d.id for d in ctx.final_documents() if d.data.get("deliveries")}
    return [
        p
        for p in check_visit(docs)
        if not (p.code == "not_in_proof_of_service" and not set(p.documents) & delivered)
    ]


# -- void and deliver ---------------------------------------------------------------------


def _document(s: Session, document_id: str) -> DocumentRow:
    row = s.get(DocumentRow, document_id)
    if row is None:
        row = s.scalar(select(DocumentRow).where(DocumentRow.number == document_id))
    if row is None:
        raise NotFound(DOCUMENT_MISSING, document_id=document_id)
    return row


def void_document(profile: Profile, document_id: str, *, reason: str) -> Changes:
    """Void an issued document (by id or number): its number is recorded void, never
    reused; the void is synced. Issue a new document to replace it."""
    user = profile.require_user()
    check_text(reason, FIELD_REASON)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(VOID_REASON)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        row = _document(s, document_id)
        if row.status == DRAFT:
            raise InvalidState(VOID_DRAFT)
        if row.status == VOID:
            raise InvalidState(ALREADY_VOID, number=row.number or row.id)
        block_id = row.data.get("number_block")
        seq = row.data.get("seq")
        used = None
        if isinstance(block_id, str) and isinstance(seq, int):
            used = s.get(UsedNumberRow, (block_id, seq))
        if used is not None:
            used.voided = True
            used.reason = reason
        row.status = VOID
        row.data = {
            **row.data,
            "status": VOID,
            "void_reason": reason,
            "voided_at": iso_utc(act.at),
            "voided_by": user.id,
        }
        row.rev += 1
        row.dirty = True
        act.record(
            "document",
            row.id,
            row.base_rev,
            row.data,
            action="void_document",
            audit={"reason": reason, "number": row.number},
        )
        task_id = row.task_id
        doc_id = row.id
    return Changes(tasks=frozenset({task_id}), documents=frozenset({doc_id}), outbox=True)


def deliver(
    profile: Profile,
    document_id: str,
    *,
    method: str,
    recipient: str,
    at: datetime | None = None,
    place: str = "",
    proxy_relationship: str = "",
    proxy_reason: str = "",
    witness: str = "",
    reference: str = "",
    av_reference: str = "",
) -> Changes:
    """Record that an issued document was delivered (送达); the 送达回证 lists it."""
    user = profile.require_user()
    check_text(
        {
            "recipient": recipient,
            "place": place,
            "proxy_relationship": proxy_relationship,
            "proxy_reason": proxy_reason,
            "witness": witness,
            "reference": reference,
            "av_reference": av_reference,
        },
        FIELD_DELIVERY,
    )
    at = aware(at, DELIVERY_TIME)
    names = {zh: wire for wire, zh in DELIVERY_METHODS.items()}
    method = names.get(method.strip(), method.strip())  # 直接送达 or direct
    if method not in DELIVERY_METHODS:
        raise InvalidInput(DELIVER_METHOD, method=method, methods=list(DELIVERY_METHODS))
    if not recipient.strip():
        raise InvalidInput(DELIVER_RECIPIENT)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        row = _document(s, document_id)
        if row.status != FINAL:
            raise InvalidState(DELIVER_WHAT, number=row.number or row.id, status=row.status)
        when = at or act.at
        issued = _time(row.data.get("issued_at"))
        if issued is not None and when < issued:
            raise InvalidInput(DELIVER_BEFORE_ISSUE, at=when.isoformat(), issued=issued.isoformat())
        delivery = Delivery(
            method=method,
            recipient=recipient.strip(),
            at=when,
            by=user.id,
            place=place.strip(),
            proxy_relationship=proxy_relationship.strip(),
            proxy_reason=proxy_reason.strip(),
            witness=witness.strip(),
            reference=reference.strip(),
            av_reference=av_reference.strip(),
        )
        row.data = {**row.data, "deliveries": [*row.data.get("deliveries", []), delivery.to_json()]}
        row.rev += 1
        row.dirty = True
        act.record(
            "document",
            row.id,
            row.base_rev,
            row.data,
            action="deliver_document",
            audit={"delivery": delivery.to_json()},
        )
        task_id = row.task_id
        doc_id = row.id
    return Changes(tasks=frozenset({task_id}), documents=frozenset({doc_id}), outbox=True)


def document_pdf(profile: Profile, document_id: str) -> bytes:
    """The stored PDF of a document (by id or number)."""
    with profile.db.session() as s:
        row = _document(s, document_id)
        sha = row.sha256
    if sha is None or not profile.blobs.exists(sha):
        raise NotFound(DOCUMENT_MISSING, document_id=document_id)
    return profile.blobs.path(sha).read_bytes()


def number_ledger(profile: Profile) -> list[tuple[str, int, str | None, bool]]:
    """(block id, seq, document id, voided) of every number taken, for checks and tests."""
    with profile.db.session() as s:
        return [
            (u.block_id, u.seq, u.document_id, u.voided)
            for u in s.scalars(
                select(UsedNumberRow).order_by(UsedNumberRow.block_id, UsedNumberRow.seq)
            )
        ]
