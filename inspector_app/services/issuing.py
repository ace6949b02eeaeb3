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
    DocumentIncomplete,
    DocumentRefused,
    DocumentSettings,
    content_sha256,
    render_pdf,
)
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentKind
from inspector_app.domain.serialization import iso_utc
from inspector_app.services._guards import aware, task_row
from inspector_app.services.changes import Changes
from inspector_app.services.document_records import (
    DRAFT,
    FINAL,
    Delivery,
    VisitDocument,
    deliver,
    document_pdf,
    list_documents,
    number_ledger,
    row_key,
    visit_problems,
    void_document,
)
from inspector_app.services.document_settings import image_reader, settings_for
from inspector_app.services.errors import InvalidInput, InvalidState
from inspector_app.services.messages import Text
from inspector_app.services.number_needs import add_needs
from inspector_app.services.profile import Profile
from inspector_app.services.visit_compose import compose
from inspector_app.services.visit_context import VisitContext, load_context
from inspector_app.services.visit_documents import (
    Need,
    needed_documents,
)
from inspector_app.store.models import DocumentRow, UsedNumberRow
from inspector_app.store.sync_records import next_free_number, numbers_left

log = logging.getLogger(__name__)

#: Test hook: called inside the issuing transaction after the number was taken and the PDF
#: stored, before the commit (the kill -9 test stops the process there).
_after_number_taken: Callable[[str], None] | None = None

ISSUE_TIME = Text("issue.issue_time", en="time of issue", zh="出具时间")
DRAFT_TIME = Text("issue.draft_time", en="time of the draft", zh="草稿时间")
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
    at = aware(at, DRAFT_TIME)
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
    return _issue(profile, ctx, needs, at=at, refuse_issued=True)


def issue_all(profile: Profile, task_id: str, *, at: datetime | None = None) -> IssueResult:
    """Every document the visit needs and has not issued yet, in one transaction."""
    ctx = load_context(profile, task_id)
    issued = {row_key(d.data) for d in ctx.final_documents()}
    needs = [n for n in needed_documents(ctx) if n.key not in issued]
    if not needs:
        return IssueResult((), Changes())
    return _issue(profile, ctx, needs, at=at, refuse_issued=False)


def _issue(
    profile: Profile,
    ctx: VisitContext,
    needs: list[Need],
    *,
    at: datetime | None,
    refuse_issued: bool,
) -> IssueResult:
    user = profile.require_user()
    at = aware(at, ISSUE_TIME)
    task_id = ctx.task.id
    missing = _check_opening(ctx)
    settings = {d: settings_for(profile, d) for d in {n.department_code for n in needs}}
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


__all__ = [
    "Delivery",
    "IssueResult",
    "IssuedDocument",
    "VisitDocument",
    "deliver",
    "document_pdf",
    "image_reader",
    "issue",
    "issue_all",
    "list_documents",
    "number_ledger",
    "numbers_at_hand",
    "preview",
    "settings_for",
    "visit_problems",
    "void_document",
]
