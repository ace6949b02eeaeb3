"""The public check of an issued document, as its QR code leads there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from inspector_app.sync.protocol import DocumentVerification
from inspector_server.models import Record


def verify(session: Session, document_id: str) -> DocumentVerification | None:
    """Only documents pushed as ``final`` are confirmed; drafts and voided ones are not.

    The answer's ``sha256`` is what the document's QR code carries: the SHA-256 of its
    canonical content (``data.content_sha256``), since a PDF cannot hold its own hash.
    ``data.sha256`` names the PDF blob and is the answer only for a record without one.
    """
    record = session.get(Record, ("document", document_id))
    if record is None or record.deleted or not record.data:
        return None
    data = record.data
    if data.get("status") != "final":
        return None
    issued_at = data.get("issued_at")
    try:
        issued = datetime.fromisoformat(issued_at) if isinstance(issued_at, str) else None
    except ValueError:
        issued = None
    agency = data.get("agency") or data.get("agency_name") or data.get("agency_code")
    return DocumentVerification(
        id=record.id,
        kind=str(data.get("kind", "")),
        number=str(data.get("number", "")),
        sha256=str(data.get("content_sha256") or data.get("sha256", "")),
        issued_at=issued,
        agency=agency if isinstance(agency, str) else None,
    )
