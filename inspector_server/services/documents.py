"""The public check of an issued document, as its QR code leads there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.sync.protocol import DocumentVerification
from inspector_server.models import Record

#: ``document.data.status`` of a document whose number was voided (also "voided").
VOID_STATUSES = ("void", "voided")


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """What the verification page shows: the public answer and the party's name."""

    verification: DocumentVerification
    party_name: str


def find(session: Session, document_id: str) -> DocumentCheck | None:
    """An issued document, valid (``final``) or voided; None for drafts and unknown ids.

    The answer's ``sha256`` is what the document's QR code carries: the SHA-256 of its
    canonical content (``data.content_sha256``), since a PDF cannot hold its own hash.
    ``pdf_sha256`` is ``data.sha256``, the PDF file's own hash (the blob it names).
    """
    record = session.get(Record, ("document", document_id))
    if record is None or record.deleted or not record.data:
        return None
    data = record.data
    status = data.get("status")
    if status != "final" and status not in VOID_STATUSES:
        return None
    issued_at = data.get("issued_at")
    try:
        issued = datetime.fromisoformat(issued_at) if isinstance(issued_at, str) else None
    except ValueError:
        issued = None
    agency = data.get("agency") or data.get("agency_name") or data.get("agency_code")
    pdf = data.get("sha256") if isinstance(data.get("sha256"), str) else None
    verification = DocumentVerification(
        id=record.id,
        kind=str(data.get("kind", "")),
        number=str(data.get("number", "")),
        sha256=str(data.get("content_sha256") or data.get("sha256", "")),
        issued_at=issued,
        agency=agency if isinstance(agency, str) else None,
        status="valid" if status == "final" else "voided",
        pdf_sha256=pdf,
    )
    return DocumentCheck(verification, _party_name(session, data, record.task_id))


def verify(session: Session, document_id: str) -> DocumentVerification | None:
    found = find(session, document_id)
    return None if found is None else found.verification


def _party_name(session: Session, data: dict[str, Any], task_id: str | None) -> str:
    for value in (data.get("party_name"), (data.get("party") or {}).get("name")):
        if isinstance(value, str) and value:
            return value
    if task_id:
        task = session.get(Record, ("task", task_id))
        business = (task.data or {}).get("business") if task is not None else None
        if isinstance(business, dict) and isinstance(business.get("name"), str):
            return str(business["name"])
    return ""


def mask_name(name: str) -> str:
    """A party's name partly hidden: the first two and the last characters stay, so a
    holder recognises their own document and a stranger learns little from it."""
    name = name.strip()
    if len(name) <= 2:
        return name[:1] + "＊" * (len(name) - 1)
    keep_head = 2 if len(name) > 4 else 1
    return name[:keep_head] + "＊" * (len(name) - keep_head - 1) + name[-1]
