"""Limits both sides of sync agree on, importable without the wire models (pydantic):
the services check a photo against them at import, long before anything syncs."""

from __future__ import annotations

#: The largest blob (a photo, a PDF) a server takes by default, and the largest file a
#: client accepts as evidence: one limit for both sides, so a laptop never records what
#: sync could not deliver. A server may be set lower; the client then keeps the changes
#: naming a refused blob aside, with the reason, and sends everything else.
MAX_BLOB_BYTES = 25 * 1024 * 1024
