"""The canonical content of a document and the QR payload that pins it.

``canonical_content(doc)`` is canonical JSON (UTF-8, keys sorted, no spaces) of the
whole document value: header and content, with every image replaced by the SHA-256
of its bytes. The QR code is drawn from it, so it is not part of it.

QR payload (``qr_payload`` in agency.json): by default the URL of the server's public
verification page, ``{verify_base_url}/verify/<id>?h=<sha256>``, which any phone camera
opens; ``<id>`` is the document's uuid and ``<sha256>`` the lowercase hex SHA-256 of
``canonical_content(doc)``, which the server's verify endpoint answers for the same id.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from inspector_app.documents.model import Document, DocumentError
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentNumber
from inspector_app.domain.text import find_bad_text

CANONICAL_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, DocumentNumber):
        return format_document_number(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot put {type(value).__name__} into a document's canonical content")


def canonical_content(doc: Document) -> bytes:
    """Canonical JSON bytes of ``doc`` (without the QR code, which is derived from it).

    Raises DocumentError when a text holds a character that is not text (a lone
    surrogate or NUL), which neither UTF-8 nor the PDF can carry.
    """
    data = {
        "v": CANONICAL_VERSION,
        "kind": doc.kind.value,
        "header": _plain(doc.header),
        "content": _plain(doc.content),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        if "\\u0000" not in text:  # JSON writes NUL as this escape
            return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        pass
    # Only now walk the document (2 ms for a 60-item record) to say where it is.
    bad = find_bad_text(doc)
    if bad is not None:
        raise DocumentError(bad.describe(f"The {doc.title}"))
    return text.encode("utf-8")  # "\\u0000" was typed as such: plain text


def content_sha256(doc: Document) -> str:
    return hashlib.sha256(canonical_content(doc)).hexdigest()


def qr_payload(
    doc: Document,
    template: str = "{verify_base_url}/verify/{id}?h={sha256}",
    verify_base_url: str = "http://127.0.0.1:8000",
) -> str:
    """What the QR code of ``doc`` carries (``DocumentSettings.qr_text`` with settings)."""
    return template.format(
        verify_base_url=verify_base_url.rstrip("/"), id=doc.header.id, sha256=content_sha256(doc)
    )
