"""One user action = one transaction: the change, an outbox entry and an audit event.

    with db.action(actor=user.id, device_id=device_id) as act:
        act.session.add(row)                      # the change
        act.record("item_result", row.id, base_rev, data, action="record_item_result")

Leaving the ``with`` block commits all three together; an exception rolls all
three back, so sync never sends what was not committed and the audit trail never
mentions a change that did not happen.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.store.audit import AuditSeal, append_event
from inspector_app.store.models import AuditEventRow, OutboxRow
from inspector_app.store.types import utcnow


@dataclass(frozen=True, slots=True)
class Recorded:
    """What :meth:`Action.record` wrote, for callers and tests."""

    op_id: str
    outbox_seq: int
    audit_event_id: str
    audit_seq: int


class Action:
    """The open transaction of one user action (see :meth:`Database.action`)."""

    def __init__(
        self, session: Session, *, actor: str, device_id: str, seal: AuditSeal | None = None
    ) -> None:
        self.session = session
        self.actor = actor
        self.device_id = device_id
        self.seal = seal
        self.at = utcnow()
        self.recorded: list[Recorded] = []

    def record(
        self,
        entity: str,
        entity_id: str,
        base_rev: int | None,
        data: dict[str, Any],
        *,
        action: str,
        audit: dict[str, Any] | None = None,
    ) -> Recorded:
        """Queue ``data`` for the server and chain an audit event describing it.

        ``audit`` adds to the event's payload (e.g. the previous version and the
        reason for an edit after completion); the payload always carries the
        ``op_id``, ``base_rev`` and ``data`` sent.
        """
        op_id = str(uuid.uuid4())
        outbox = OutboxRow(
            op_id=op_id,
            entity=entity,
            entity_id=entity_id,
            base_rev=base_rev,
            data=data,
            recorded_at=self.at,
            state="pending",
            attempts=0,
        )
        self.session.add(outbox)
        payload = {"op_id": op_id, "base_rev": base_rev, "data": data, **(audit or {})}
        event = self.audit(action, entity, entity_id, payload)
        self.session.flush()
        done = Recorded(op_id, outbox.seq, event.id, event.seq)
        self.recorded.append(done)
        return done

    def audit(
        self, action: str, entity: str, entity_id: str, payload: dict[str, Any]
    ) -> AuditEventRow:
        """An audit event alone, for an action that changes nothing to upload."""
        return append_event(
            self.session,
            device_id=self.device_id,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            at=self.at,
            payload=payload,
            seal=self.seal,
        )
