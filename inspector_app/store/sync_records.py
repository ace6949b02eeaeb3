"""Repository functions for sync: the outbox's answers, records coming down, conflicts.

Plain functions over a Session, like ``repositories``; the sync engine decides
when to call them and wraps each page or batch in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from inspector_app.domain.serialization import iso_utc, json_text
from inspector_app.store.models import (
    AuditEventRow,
    ConflictRow,
    DispositionRow,
    DocumentRow,
    EvidenceRow,
    InspectionRow,
    ItemResultRow,
    MergedItemRow,
    NumberBlockRow,
    OutboxRow,
    ReviewRow,
    SignatureRow,
    TaskRow,
    UsedNumberRow,
)

#: Outbox states: ``pending`` is sent on the next sync; the others are answers, except
#: ``superseded``: set aside, then made moot by a later change of the same record.
PENDING = "pending"
DONE_STATES = ("applied", "duplicate")
#: Entities whose local rows carry ``base_rev``/``dirty``.
EDITABLE = {
    "item_result": ItemResultRow,
    "inspection": InspectionRow,
    "document": DocumentRow,
    "disposition": DispositionRow,
    "signature": SignatureRow,
    "review": ReviewRow,
}


# -- outbox -------------------------------------------------------------------------------


def pending_batch(session: Session, after_seq: int, limit: int) -> Sequence[OutboxRow]:
    return session.scalars(
        select(OutboxRow)
        .where(OutboxRow.state == PENDING, OutboxRow.seq > after_seq)
        .order_by(OutboxRow.seq)
        .limit(limit)
    ).all()


def count_by_state(session: Session) -> dict[str, int]:
    return {
        state: int(n)
        for state, n in session.execute(
            select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
        )
    }


def rejected_rows(session: Session) -> Sequence[OutboxRow]:
    return session.scalars(
        select(OutboxRow).where(OutboxRow.state == "rejected").order_by(OutboxRow.seq)
    ).all()


def _local_row(session: Session, entity: str, entity_id: str) -> Any:
    model = EDITABLE.get(entity)
    return None if model is None else session.get(model, entity_id)


def _unsettled_after(session: Session, entity: str, entity_id: str, seq: int) -> bool:
    """An outbox entry for this record, newer than ``seq``, that the server has not taken."""
    return (
        session.scalar(
            select(OutboxRow.seq)
            .where(
                OutboxRow.entity == entity,
                OutboxRow.entity_id == entity_id,
                OutboxRow.seq > seq,
                OutboxRow.state.in_((PENDING, "rejected")),
            )
            .limit(1)
        )
        is not None
    )


def settle(
    session: Session, row: OutboxRow, status: str, rev: int | None, reason: str | None
) -> None:
    """Record the server's answer for one outbox entry.

    ``applied`` (or its ``duplicate``): the server's ``rev`` holds our version, so
    the local record, which holds that version or edits made on it, is now based
    on ``rev``. ``conflict``: the server kept our version as a sibling and its
    ``rev`` holds *another device's* version, which this laptop has not seen: the
    base stays where it was, so an edit made before the pull that brings that
    version is sent on the old base and kept as a sibling too, never written over
    the other device's version. Either way the record stops being dirty unless
    newer edits wait (the pull then brings the server's version and its siblings).
    """
    row.state = status
    row.reason = reason
    row.server_rev = rev
    row.attempts += 1
    if status == "rejected" or rev is None:
        return
    local = _local_row(session, row.entity, row.entity_id)
    if local is None:
        return
    if status != "conflict" and (local.base_rev is None or rev > local.base_rev):
        local.base_rev = rev
    if not _unsettled_after(session, row.entity, row.entity_id, row.seq):
        local.dirty = False


def supersede_held(session: Session, row: OutboxRow, prefix: str) -> int:
    """Mark ``superseded`` the earlier entries of ``row``'s record that were set aside
    (``rejected`` with a reason starting with ``prefix``): the server has taken a newer
    version of the record from this laptop, so they are never to be sent. Returns how
    many."""
    held = session.scalars(
        select(OutboxRow).where(
            OutboxRow.entity == row.entity,
            OutboxRow.entity_id == row.entity_id,
            OutboxRow.seq < row.seq,
            OutboxRow.state == "rejected",
            OutboxRow.reason.startswith(prefix),
        )
    ).all()
    for earlier in held:
        earlier.state = "superseded"
        earlier.reason = f"superseded by {row.op_id}; {earlier.reason}"
    return len(held)


def has_unacknowledged_edit(session: Session, entity: str, entity_id: str) -> bool:
    """A local edit of this record the server has not acknowledged (dirty, or queued)."""
    local = _local_row(session, entity, entity_id)
    if local is not None and local.dirty:
        return True
    return (
        session.scalar(
            select(OutboxRow.seq)
            .where(
                OutboxRow.entity == entity,
                OutboxRow.entity_id == entity_id,
                OutboxRow.state.in_((PENDING, "rejected")),
            )
            .limit(1)
        )
        is not None
    )


def has_pending_edit(session: Session, entity: str, entity_id: str) -> bool:
    """A local edit of this record still on its way to the server (dirty, or queued)."""
    local = _local_row(session, entity, entity_id)
    if local is not None and local.dirty:
        return True
    return (
        session.scalar(
            select(OutboxRow.seq)
            .where(
                OutboxRow.entity == entity,
                OutboxRow.entity_id == entity_id,
                OutboxRow.state == PENDING,
            )
            .limit(1)
        )
        is not None
    )


# -- conflicts ----------------------------------------------------------------------------


def conflicts_for(session: Session, entity: str, entity_id: str) -> Sequence[ConflictRow]:
    return session.scalars(
        select(ConflictRow).where(ConflictRow.entity == entity, ConflictRow.entity_id == entity_id)
    ).all()


def conflict_for_sibling(
    session: Session, entity: str, entity_id: str, sibling_op_id: str
) -> ConflictRow | None:
    for row in conflicts_for(session, entity, entity_id):
        if row.local.get("sibling") == sibling_op_id or row.remote.get("sibling") == sibling_op_id:
            return row
    return None


def add_conflict(
    session: Session,
    entity: str,
    entity_id: str,
    local: dict[str, Any],
    remote: dict[str, Any],
    now: datetime,
) -> ConflictRow:
    row = ConflictRow(
        entity=entity, entity_id=entity_id, local=local, remote=remote, created_at=now
    )
    session.add(row)
    return row


def open_conflict_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(ConflictRow.resolved.is_(False))) or 0)


def open_conflicts(session: Session) -> Sequence[ConflictRow]:
    return session.scalars(
        select(ConflictRow).where(ConflictRow.resolved.is_(False)).order_by(ConflictRow.id)
    ).all()


# -- tasks coming down --------------------------------------------------------------------


def existing_task_revs(session: Session, ids: Iterable[str]) -> dict[str, int]:
    ids = list(ids)
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(select(TaskRow.id, TaskRow.rev).where(TaskRow.id.in_(chunk)))
        found.update((task_id, rev) for task_id, rev in rows)
    return found


_INSERT_TASK = (
    "INSERT INTO tasks (id, rev, status, business_name, business_uscc, business_address, "
    "departments, window_start, window_end, data, server_state, received_at, "
    "credit_class, positive_list, area, department_codes, n_items, team_id, inspector_ids) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_ITEM = (
    "INSERT INTO merged_items (task_id, item_id, position, code, title, severity) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def insert_new_tasks(
    session: Session, tasks: Sequence[tuple[dict[str, Any], int]], *, now: datetime
) -> None:
    """Bulk-insert tasks this profile has never held: (wire data, server rev) pairs.

    The first pull of a season brings thousands of tasks of forty items: the rows go
    to SQLite's own ``executemany`` with every value already in its stored form (the
    same forms the column types write: ISO dates and times, ``json_text``), which
    is most of what makes that pull fast. Tasks already held go through
    ``repositories.upsert_task`` instead.
    """
    if not tasks:
        return
    received = iso_utc(now)
    task_rows = []
    item_rows = []
    for data, rev in tasks:
        business = data["business"]
        task_rows.append(
            (
                data["id"],
                rev,
                data.get("status", "assigned"),
                business["name"],
                business["uscc"],
                business.get("address", ""),
                json_text([d["name"] for d in data.get("departments", ())]),
                _date(data["window_start"]).isoformat(),
                _date(data["window_end"]).isoformat(),
                json_text({**data, "rev": rev}),
                "cancelled" if data.get("status") == "cancelled" else None,
                received,
                str(business.get("credit_class") or "B"),
                1 if business.get("positive_list") else 0,
                str(business.get("area") or ""),
                json_text([d["code"] for d in data.get("departments", ())]),
                len(data.get("checklist") or ()),
                data.get("team_id"),
                json_text(list(data.get("inspector_ids") or ())),
            )
        )
        for n, item in enumerate(data.get("checklist", ())):
            item_rows.append(
                (
                    data["id"],
                    item["id"],
                    n,
                    item["code"],
                    item["title"],
                    item["severity"],
                )
            )
    connection = session.connection()
    connection.exec_driver_sql(_INSERT_TASK, task_rows)
    if item_rows:
        connection.exec_driver_sql(_INSERT_ITEM, item_rows)


def _date(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def task_exists(session: Session, task_id: str) -> bool:
    return session.get(TaskRow, task_id) is not None


def task_has_local_work(session: Session, task_id: str) -> bool:
    if session.get(InspectionRow, task_id) is not None:
        return True
    return (
        session.scalar(select(ItemResultRow.id).where(ItemResultRow.task_id == task_id).limit(1))
        is not None
    )


def drop_task(session: Session, task_id: str) -> None:
    """A task the server deleted while this laptop holds no work for it."""
    session.execute(delete(MergedItemRow).where(MergedItemRow.task_id == task_id))
    session.execute(delete(EvidenceRow).where(EvidenceRow.task_id == task_id))
    session.execute(delete(TaskRow).where(TaskRow.id == task_id))


def flag_task(session: Session, task_id: str, server_state: str) -> None:
    session.execute(update(TaskRow).where(TaskRow.id == task_id).values(server_state=server_state))


# -- number blocks ------------------------------------------------------------------------


def number_blocks(session: Session) -> Sequence[NumberBlockRow]:
    return session.scalars(select(NumberBlockRow).order_by(NumberBlockRow.first)).all()


def numbers_left(session: Session, agency_code: str, kind: str, year: int) -> int:
    blocks = session.scalars(
        select(NumberBlockRow).where(
            NumberBlockRow.agency_code == agency_code,
            NumberBlockRow.kind == kind,
            NumberBlockRow.year == year,
        )
    ).all()
    total = sum(b.last - b.first + 1 for b in blocks)
    if not blocks:
        return 0
    used = session.scalar(
        select(func.count()).where(UsedNumberRow.block_id.in_([b.id for b in blocks]))
    )
    return total - int(used or 0)


def next_free_number(
    session: Session, agency_code: str, kind: str, year: int
) -> tuple[NumberBlockRow, int] | None:
    """The lowest number never used (nor voided) in this device's blocks, or None."""
    blocks = session.scalars(
        select(NumberBlockRow)
        .where(
            NumberBlockRow.agency_code == agency_code,
            NumberBlockRow.kind == kind,
            NumberBlockRow.year == year,
        )
        .order_by(NumberBlockRow.first)
    ).all()
    for block in blocks:
        used = set(
            session.scalars(select(UsedNumberRow.seq).where(UsedNumberRow.block_id == block.id))
        )
        for seq in range(block.first, block.last + 1):
            if seq not in used:
                return block, seq
    return None


# -- audit events going up ----------------------------------------------------------------


def audit_events_after(
    session: Session, device_id: str, seq: int, limit: int
) -> Sequence[AuditEventRow]:
    return session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.device_id == device_id, AuditEventRow.seq > seq)
        .order_by(AuditEventRow.seq)
        .limit(limit)
    ).all()


def audit_event_count(session: Session, device_id: str) -> int:
    return int(
        session.scalar(select(func.count()).where(AuditEventRow.device_id == device_id)) or 0
    )
