"""Checking each device's audit chain on arrival (执法全过程记录).

The client's definition (inspector_app/store/audit.py), recomputed here byte for
byte: ``hash = SHA-256(prev_hash.encode("ascii") + canonical JSON of the event
without "hash")``, genesis ``prev_hash`` = 64 zeros, ``seq`` from 1 per device. A
break (gap, bad link, changed content) is recorded on the device's chain and shown
to admins; the event is stored all the same, because losing evidence is worse.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.domain.audit import GENESIS_HASH, chain_hash
from inspector_server.models import AuditChain, utcnow

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
REQUIRED = ("id", "device_id", "seq", "prev_hash", "hash")


def validate(data: dict[str, Any] | None) -> str | None:
    """A reason to reject a malformed event, or None."""
    if data is None:
        return "audit events cannot be deleted"
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        return f"audit_event lacks {', '.join(missing)}"
    if not isinstance(data["seq"], int) or isinstance(data["seq"], bool) or data["seq"] < 1:
        return "audit_event seq must be a positive integer"
    for key in ("prev_hash", "hash"):
        if not isinstance(data[key], str) or not _HEX64.match(data[key]):
            return f"audit_event {key} must be 64 lowercase hex characters"
    return None


def event_hash(data: dict[str, Any]) -> str:
    return chain_hash(data)


def lock(session: Session, device_id: str) -> None:
    """Hold the device's chain until commit: two pushes from one device (a retry while
    the first is still running) then check their events one after the other."""
    session.get(AuditChain, device_id, with_for_update=True)


def check_and_extend(session: Session, device_id: str, data: dict[str, Any]) -> list[str]:
    """Check one event against its device's chain, extend the chain, return the problems."""
    chain = session.get(AuditChain, device_id)
    if chain is None:
        chain = AuditChain(
            device_id=device_id,
            last_seq=0,
            last_hash=GENESIS_HASH,
            events=0,
            broken=False,
            problems=[],
        )
        session.add(chain)
    problems = []
    if data["seq"] != chain.last_seq + 1:
        problems.append(f"seq {data['seq']} where {chain.last_seq + 1} was expected")
    if data["prev_hash"] != chain.last_hash:
        problems.append("prev_hash does not link to the previous event")
    if event_hash(data) != data["hash"]:
        problems.append("hash does not match the event's content")
    chain.last_seq, chain.last_hash = data["seq"], data["hash"]
    chain.events += 1
    chain.updated_at = utcnow()
    if problems:
        chain.broken = True
        chain.problems = [
            *chain.problems,
            {"event_id": str(data["id"]), "seq": data["seq"], "problems": problems},
        ]
    return problems
