"""Issuing the documents of a visit: preview, issue with a number, void, deliver.

- A **draft** can be previewed at any time: marked as a draft, no number, nothing synced.
- **Issuing** runs the documents' gates (two officers of the issuing agency with badge
  numbers, credentials shown, rights told, the party's signature or a witnessed refusal),
  then in ONE transaction takes the next number of this device's block, renders the PDF,
  stores it as a blob (fsynced before the row names it) and writes the ``document``
  record (kind, number, sha256, content_sha256, the findings it covers, signatures)
  through the outbox. A crash before the commit leaves the number untaken (the next
  document gets it); after the commit the number belongs to the stored document. Numbers
  are never reused: a spoiled document is voided with a reason (its number recorded
  void) and a new one issued.
- **Delivery** (送达: method, recipient, time, who delivered) is recorded on the document's
  record and feeds the 送达回证.

Numbers come from blocks the server hands out per agency, kind and year
(``services.numbers``); issuing asks sync to keep numbers of the visit's agencies at hand
(``register_number_needs``), and sync asks for a new block below the threshold.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.documents import (
    Document,
    DocumentError,
    DocumentIncomplete,
    DocumentRefused,
    DocumentSettings,
    Problem,
    check_visit,
    content_sha256,
    load_settings,
    render_pdf,
)
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentKind
from inspector_app.domain.serialization import iso_utc
from inspector_app.services._guards import aware, task_row
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.evidence import document_image
from inspector_app.services.messages import Text
from inspector_app.services.number_needs import add_needs
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import settings_folder as agency_folder
from inspector_app.services.visit_compose import compose
from inspector_app.services.visit_context import VisitContext, load_context
from inspector_app.services.visit_documents import (
    DELIVERY_METHODS,
    Need,
    needed_documents,
    parsed_number,
)
from inspector_app.store.models import DocumentRow, EvidenceRow, UsedNumberRow
from inspector_app.store.repositories import get_state
from inspector_app.store.sync_records import next_free_number, numbers_left

log = logging.getLogger(__name__)

#: Test hook: called inside the issuing transaction after the number was taken and the PDF
#: stored, before the commit (the kill -9 test stops the process there).
_after_number_taken: Callable[[str], None] | None = None

DRAFT = "draft"
FINAL = "final"
VOID = "void"

NEEDED = "needed"
ISSUED = "issued"
DELIVERED = "delivered"
VOIDED = "voided"

UNKNOWN_KIND = Text(
    "issue.unknown_kind",
    en="Unknown document kind {kind}; use one of {kinds}.",
    zh="未知的文书种类 {kind}，可用：{kinds}。",
)
NOT_NEEDED = Text(
    "issue.not_needed",
    en="This visit needs no {title} now: {why}",
    zh="本次检查目前不需要出具《{title}》：{why}",
)
ALREADY_ISSUED = Text(
    "issue.already_issued",
    en="{title} {number} is already issued for this. An issued document is never changed: "
    "void it with a reason, then issue a new one.",
    zh="《{title}》{number}已经出具。已出具的文书不得修改：请先写明理由将其作废，再出具新的文书。",
)
NO_AGENCY = Text(
    "issue.no_agency",
    en="There are no agency settings for department {department} on this laptop, so its "
    "documents cannot be headed or numbered. Sync to receive them from the server.",
    zh="本机没有部门 {department} 的机关设置，无法制作其文书的文头和编号。请同步以从服务器获取。",
)
NO_NUMBERS = Text(
    "issue.no_numbers",
    en="No document numbers of {agency} for {title} ({year}) are left on this laptop. "
    "Sync to receive a new block of numbers (you can still print a draft).",
    zh="本机已没有{agency}《{title}》（{year}年）的文书编号。请同步以获取新的编号段（仍可打印草稿）。",
)
INCOMPLETE = Text(
    "issue.incomplete",
    en="{title} cannot be issued yet; it lacks: {missing}",
    zh="《{title}》尚不能出具，缺少：{missing}",
)
REFUSED = Text(
    "issue.refused",
    en="{title} cannot be issued: {why}",
    zh="《{title}》不能出具：{why}",
)
OPENING_MISSING = Text(
    "issue.opening_missing",
    en="the record that the officers showed their credentials and told the party its "
    "rights (行政处罚法第五十五条); record the opening",
    zh="执法人员出示执法证件并告知当事人权利的记录（行政处罚法第五十五条），请记录检查开始时的告知",
)
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


@dataclass(frozen=True, slots=True)
class IssuedDocument:
    id: str
    kind: DocumentKind
    title: str
    number: str | None  # None for a draft
    sha256: str
    content_sha256: str
    pdf: bytes
    draft: bool


@dataclass(frozen=True, slots=True)
class IssueResult:
    documents: tuple[IssuedDocument, ...]
    changes: Changes
    notes: tuple[str, ...] = field(default=())  # e.g. why no credit-repair notice goes with it


# -- settings per agency ------------------------------------------------------------------

_SETTINGS: dict[tuple[str, str | None], DocumentSettings] = {}


def settings_for(profile: Profile, department_code: str) -> DocumentSettings:
    """The document settings of the agency acting for ``department_code`` (cached per
    content, so renders reuse their styles), its QR leading to the profile's server."""
    folder = agency_folder(profile, department_code)
    if folder is None:
        raise InvalidState(NO_AGENCY, department=department_code)
    with profile.db.session() as s:
        server = get_state(s, "server_url")
    key = (str(folder), server)
    found = _SETTINGS.get(key)
    if found is None:
        try:
            found = _load_settings(folder, server)
        except DocumentError as exc:
            raise InvalidState(REFUSED, title=department_code, why=str(exc)) from exc
        _SETTINGS[key] = found
    return found


def _load_settings(folder: Any, server: str | None) -> DocumentSettings:
    try:
        return load_settings(folder, verify_base_url=server)  # type: ignore[call-arg]
    except TypeError:  # documents without a verification address setting
        return load_settings(folder)


def image_reader(profile: Profile) -> Callable[[str], bytes]:
    """Image bytes for a document: a photo's downscaled copy (made once, at import), a
    signature's PNG as it was signed. Read once per issue."""
    cache: dict[str, bytes] = {}

    def read(sha: str) -> bytes:
        if sha not in cache:
            with profile.db.session() as s:
                photo = s.scalar(select(EvidenceRow.sha256).where(EvidenceRow.sha256 == sha))
            cache[sha] = document_image(profile, sha) if photo else profile.blobs.read(sha)
        return cache[sha]

    return read


# -- what the visit needs and holds -------------------------------------------------------


def _key(kind: str, department: str, item_ids: Sequence[str]) -> str:
    return f"{kind}|{department}|{','.join(item_ids)}"


def _row_key(data: dict[str, Any]) -> str:
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
        key = _row_key(data)
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
    return sorted(out, key=lambda d: (order.index(d.kind), d.key, d.issued_at or datetime.min))


# -- issuing ------------------------------------------------------------------------------


def _kind(kind: DocumentKind | str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise InvalidInput(UNKNOWN_KIND, kind=kind, kinds=[k.value for k in DocumentKind]) from None


def _check_opening(ctx: VisitContext) -> list[Text]:
    if ctx.opening.credentials_shown and ctx.opening.rights_told:
        return []
    return [OPENING_MISSING]


def _issued_for(s: Session, task_id: str, key: str) -> DocumentRow | None:
    for row in s.scalars(
        select(DocumentRow).where(DocumentRow.task_id == task_id, DocumentRow.status == FINAL)
    ):
        if row.data.get("key") == key:
            return row
    return None


def _render(doc: Document, settings: DocumentSettings) -> bytes:
    try:
        return render_pdf(doc, settings)
    except DocumentIncomplete as exc:
        raise InvalidState(INCOMPLETE, title=doc.title, missing=list(exc.missing)) from exc
    except DocumentRefused as exc:
        raise InvalidState(REFUSED, title=doc.title, why=str(exc)) from exc


def preview(
    profile: Profile,
    task_id: str,
    kind: DocumentKind | str,
    *,
    item_ids: Sequence[str] | None = None,
    at: datetime | None = None,
) -> IssueResult:
    """Drafts of the documents of ``kind`` the visit needs (marked draft, no number).

    Each is kept as the visit's latest draft of that document (local only, not synced),
    so the documents list can show it."""
    kind = _kind(kind)
    at = aware(at, "time of the draft")
    ctx = load_context(profile, task_id)
    needs = _pick(ctx, kind, item_ids)
    made = []
    for need in needs:
        settings = settings_for(profile, need.department_code)
        doc_id = str(uuid.uuid4())
        when = at or datetime.now().astimezone()
        doc = compose(
            ctx,
            need,
            settings=settings,
            doc_id=doc_id,
            number=None,
            issued_at=when,
            draft=True,
            image_for=image_reader(profile),
        )
        pdf = _render(doc, settings)
        sha = profile.blobs.put(pdf)
        made.append(
            IssuedDocument(doc_id, kind, doc.title, None, sha, content_sha256(doc), pdf, True)
        )
        with profile.db.write() as s:
            for old in s.scalars(
                select(DocumentRow).where(
                    DocumentRow.task_id == task_id, DocumentRow.status == DRAFT
                )
            ):
                if old.data.get("key") == need.key:
                    s.delete(old)
            s.add(
                DocumentRow(
                    id=doc_id,
                    task_id=task_id,
                    kind=kind.value,
                    number=None,
                    sha256=sha,
                    status=DRAFT,
                    data={
                        "task_id": task_id,
                        "kind": kind.value,
                        "title": doc.title,
                        "status": DRAFT,
                        "key": need.key,
                        "department_code": need.department_code,
                        "item_ids": list(need.item_ids),
                        "sha256": sha,
                        "issued_at": iso_utc(when),
                    },
                    created_at=when,
                    rev=1,
                    base_rev=None,
                    dirty=False,
                )
            )
    return IssueResult(tuple(made), Changes(tasks=frozenset({task_id})))


def _pick(ctx: VisitContext, kind: DocumentKind, item_ids: Sequence[str] | None) -> list[Need]:
    needs = [n for n in needed_documents(ctx) if n.kind is kind]
    if item_ids:
        wanted = set(item_ids)
        needs = [n for n in needs if wanted & set(n.item_ids)]
    if not needs:
        why = _why_not_needed(ctx, kind)
        raise InvalidState(NOT_NEEDED, title=kind.title_zh, why=why)
    return needs


def _why_not_needed(ctx: VisitContext, kind: DocumentKind) -> str:
    from inspector_app.services.visit_documents import why_not_needed

    return why_not_needed(ctx, kind)


def issue(
    profile: Profile,
    task_id: str,
    kind: DocumentKind | str,
    *,
    item_ids: Sequence[str] | None = None,
    at: datetime | None = None,
) -> IssueResult:
    """Issue the final documents of ``kind`` the visit needs and has not issued yet (one
    per finding or department as the kind goes; ``item_ids`` picks among them)."""
    kind = _kind(kind)
    ctx = load_context(profile, task_id)
    needs = _pick(ctx, kind, item_ids)
    return _issue(profile, task_id, needs, at=at, refuse_issued=True)


def issue_all(profile: Profile, task_id: str, *, at: datetime | None = None) -> IssueResult:
    """Every document the visit needs and has not issued yet, in one transaction."""
    ctx = load_context(profile, task_id)
    issued = {_row_key(d.data) for d in ctx.final_documents()}
    needs = [n for n in needed_documents(ctx) if n.key not in issued]
    if not needs:
        return IssueResult((), Changes())
    return _issue(profile, task_id, needs, at=at, refuse_issued=False)


def _issue(
    profile: Profile,
    task_id: str,
    needs: list[Need],
    *,
    at: datetime | None,
    refuse_issued: bool,
) -> IssueResult:
    user = profile.require_user()
    at = aware(at, "time of issue")
    ctx = load_context(profile, task_id)
    missing = _check_opening(ctx)
    settings = {n.department_code: settings_for(profile, n.department_code) for n in needs}
    made: list[IssuedDocument] = []
    notes: list[str] = []
    ids: set[str] = set()
    images = image_reader(profile)
    # Read every image before the write transaction: a photo that came down from the
    # server gets its document copy made (and written) on first use.
    for photos in ctx.photos.values():
        for ref in photos:
            images(ref.sha256)
    for sig in ctx.signatures.values():
        if sig.sha256:
            images(sig.sha256)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task_row(s, task_id)
        when = at or act.at
        numbered: dict[str, str] = {}  # need key -> number, for documents naming others
        for need in needs:
            held = _issued_for(s, task_id, need.key)
            if held is not None:
                if refuse_issued:
                    raise InvalidState(ALREADY_ISSUED, title=need.kind.title_zh, number=held.number)
                continue
            if missing:
                raise InvalidState(INCOMPLETE, title=need.kind.title_zh, missing=missing)
            cfg = settings[need.department_code]
            agency_code = cfg.agency.code
            year = when.astimezone().year  # numbered by the local calendar year
            found = next_free_number(s, agency_code, need.kind.value, year)
            if found is None:
                raise InvalidState(
                    NO_NUMBERS, agency=cfg.agency.name, title=need.kind.title_zh, year=year
                )
            block, seq = found
            number = cfg.number(need.kind, year, seq)
            number_text = format_document_number(number)
            doc_id = str(uuid.uuid4())
            doc = compose(
                ctx,
                need,
                settings=cfg,
                doc_id=doc_id,
                number=number,
                issued_at=when,
                draft=False,
                image_for=images,
                numbered=numbered,
            )
            pdf = _render(doc, cfg)
            sha = profile.blobs.put(pdf)  # durable before the row names it
            content = content_sha256(doc)
            if _after_number_taken is not None:
                _after_number_taken(number_text)
            data = {
                "task_id": task_id,
                "kind": need.kind.value,
                "title": doc.title,
                "number": number_text,
                "status": FINAL,
                "sha256": sha,
                "content_sha256": content,
                "issued_at": iso_utc(when),
                "issued_by": user.id,
                "agency": cfg.agency.name,
                "agency_code": agency_code,
                "department_code": need.department_code,
                "item_ids": list(need.item_ids),
                "served": list(need.served),  # a 送达回证: the documents it lists
                "key": need.key,
                "number_block": block.id,
                "year": year,
                "seq": seq,
                "signatures": _signature_refs(ctx),
                "officers": [
                    {"name": o.name, "badge_no": o.badge_no} for o in doc.header.inspectors
                ],
                "deliveries": [],
            }
            s.add(
                DocumentRow(
                    id=doc_id,
                    task_id=task_id,
                    kind=need.kind.value,
                    number=number_text,
                    sha256=sha,
                    status=FINAL,
                    data=data,
                    created_at=when,
                    rev=1,
                    base_rev=None,
                    dirty=True,
                )
            )
            s.flush()
            s.add(
                UsedNumberRow(
                    block_id=block.id, seq=seq, document_id=doc_id, voided=False, used_at=act.at
                )
            )
            for old in s.scalars(
                select(DocumentRow).where(
                    DocumentRow.task_id == task_id, DocumentRow.status == DRAFT
                )
            ):
                if old.data.get("key") == need.key:
                    s.delete(old)
            act.record("document", doc_id, None, data, action="issue_document")
            numbered[need.key] = number_text
            ids.add(doc_id)
            made.append(
                IssuedDocument(doc_id, need.kind, doc.title, number_text, sha, content, pdf, False)
            )
            notes += list(need.companions_note)
        low = [
            (cfg.agency.code, n.kind.value, when.astimezone().year)
            for n in needs
            for cfg in (settings[n.department_code],)
        ]
    _ask_for_more(profile, low)
    return IssueResult(
        tuple(made),
        Changes(tasks=frozenset({task_id}), documents=frozenset(ids), outbox=bool(ids)),
        tuple(dict.fromkeys(notes)),
    )


def _signature_refs(ctx: VisitContext) -> list[dict[str, Any]]:
    return [
        {"signer": sig.signer, "role": sig.role.value, "sha256": sig.sha256}
        if sig.sha256
        else {"signer": sig.signer, "role": sig.role.value, "refused": True}
        for sig in ctx.signatures.values()
    ]


def _ask_for_more(profile: Profile, needs: list[tuple[str, str, int]]) -> None:
    """Below the threshold the next sync asks for a new block (the engine counts what is
    left of every need registered): register these needs if they were not yet."""
    add_needs(profile, set(needs))


def numbers_at_hand(profile: Profile, agency_code: str, kind: str, year: int) -> int:
    with profile.db.session() as s:
        return numbers_left(s, agency_code, kind, year)


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
    at = aware(at, "time of delivery")
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


__all__ = [
    "Delivery",
    "IssueResult",
    "IssuedDocument",
    "VisitDocument",
    "deliver",
    "document_pdf",
    "issue",
    "issue_all",
    "list_documents",
    "number_ledger",
    "preview",
    "visit_problems",
    "void_document",
]
