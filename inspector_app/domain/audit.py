"""The audit chain's hash, the one definition both the client and the server use.

执法全过程记录 (行政处罚法第四十七条): each device's events are chained so that a
deleted, edited or reordered event shows. ``hash = SHA-256(prev_hash || canonical
JSON of the event without its hash)``, where ``prev_hash`` is the 64 lowercase hex
characters of the previous event's hash (ASCII) and a device's first event links to
64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> bytes:
    """The one byte form both sides hash: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def chain_hash(event: dict[str, Any]) -> str:
    """The hash of an event given as its JSON fields (a ``hash`` key, if any, is ignored)."""
    fields = {k: v for k, v in event.items() if k != "hash"}
    return hashlib.sha256(fields["prev_hash"].encode("ascii") + canonical_json(fields)).hexdigest()
