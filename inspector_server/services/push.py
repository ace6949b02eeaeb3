"""Push: a batch of mutations applied exactly once, conflicts kept as siblings.

A batch is one transaction with a fixed number of statements, whatever its size:
read the ledger for every op_id, lock every record the batch writes (sorted, so
two batches never wait on each other in a circle), read the tasks they hang off
and which of the blobs they name this user holds or may read (a blob named by
hash alone is ``missing_blob``: the client proves it holds the bytes by uploading
them, issue 9 part 4); decide each mutation in order in memory; then write the
records, revisions, siblings, blob references and ledger rows in bulk and commit.
A mutation decided ``rejected`` writes nothing.

Exactly-once: only mutations that changed server state (``applied``, ``conflict``)
enter the ledger; a rejection is not remembered, so a mutation rejected for
``missing_blob`` is applied when the client retries it after uploading the blob.
Two batches racing on one op_id or on one new record (PostgreSQL, no common lock)
meet on a primary key: the later one fails, is rolled back whole and run again,
and then finds the op_id in the ledger (``duplicate``) or the record written by
another device (``conflict``).

Conflicts (CouchDB-like): a mutation whose ``base_rev`` is older than the record's
rev, where some rev since then was made by another device, is kept as a sibling of
the record and answered ``conflict``; the record gets a new position, so both
sides see the record with its ``conflicts`` on their next pull. Revs made since by
the same device are its own edits in sequence (its outbox sent several changes on
one base), and apply normally. A mutation on the current rev whose
``data.resolves`` lists sibling op_ids removes those siblings: the person's pick.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.domain.text import find_bad_text
from inspector_app.sync.protocol import (
    ENTITIES,
    MISSING_BLOB_PREFIX,
    REASON_FORBIDDEN,
    REASON_OP_ID_REUSED,
    Mutation,
    MutationResult,
    blob_refs,
    fingerprint,
)
from inspector_server.core.db import write_session
from inspector_server.models import (
    BlobRef,
    OpLedger,
    Record,
    RecordRevision,
    Sibling,
    utcnow,
)
from inspector_server.services import audit_chain, authz, blobs, changes, numbers, visit_rules
from inspector_server.services.principal import Principal

log = logging.getLogger(__name__)

IMMUTABLE = ("number_block", "audit_event")
NEEDS_TASK = ("item_result", "inspection", "document", "review", "disposition", "signature")
#: A batch that lost a race (a key another batch inserted first, a deadlock) is run again.
ATTEMPTS = 5
_CHUNK = 500  # ids per IN (...) list
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected

# Not ``data``: a batch never needs a record's old contents (a task's checklist is
# most of its bytes), only who it belongs to and its rev.
_COLUMNS = (
    Record.entity,
    Record.id,
    Record.rev,
    Record.deleted,
    Record.task_id,
    Record.team_id,
    Record.owner_user_id,
    Record.device_id,
    Record.user_id,
)


# Built once: SQLAlchemy then reuses their cache keys and compiled forms.
_RECORDS = Record.__table__
_UPDATE_RECORD = update(_RECORDS).where(
    _RECORDS.c.entity == bindparam("k_entity"), _RECORDS.c.id == bindparam("k_id")
)
_INSERT_RECORD = insert(_RECORDS)
_INSERT_LEDGER = insert(OpLedger.__table__)
_INSERT_REVISION = insert(RecordRevision.__table__)
_INSERT_SIBLING = insert(Sibling.__table__)
_INSERT_REF = insert(BlobRef.__table__)
_IDS = bindparam("ids", expanding=True)
_LEDGER = select(OpLedger.op_id, OpLedger.fingerprint, OpLedger.status, OpLedger.rev).where(
    OpLedger.op_id.in_(_IDS)
)
_LOAD = (
    select(*_COLUMNS)
    .where(Record.entity == bindparam("entity"), Record.id.in_(_IDS))
    .order_by(Record.id)
)
_LOAD_LOCKED = _LOAD.with_for_update()
_REFS = select(BlobRef.sha256, BlobRef.entity, BlobRef.record_id).where(BlobRef.sha256.in_(_IDS))


class Rejected(Exception):
    pass


@dataclass(slots=True)
class StoredRecord:
    """A record as this batch sees it: loaded from the database, then changed in memory."""

    entity: str
    id: str
    rev: int
    deleted: bool
    task_id: str | None
    team_id: str | None
    owner_user_id: str | None
    device_id: str | None
    user_id: str | None
    data: dict[str, Any] | None = None  # set when this batch writes the record
    in_database: bool = True
    loaded_rev: int = 0  # the rev the database held when the batch locked it
    changed: bool = False  # gets a new position (written, or a sibling kept)
    rewritten: bool = False  # gets new contents

    def row(self, stamp: changes.Position, now: Any) -> dict[str, Any]:
        if not self.rewritten:  # a sibling was kept: only the position moves
            return {
                "k_entity": self.entity,
                "k_id": self.id,
                "txid": stamp.txid,
                "seq": stamp.seq,
                "updated_at": now,
            }
        return {
            "entity": self.entity,
            "id": self.id,
            "rev": self.rev,
            "data": self.data,
            "deleted": self.deleted,
            "task_id": self.task_id,
            "team_id": self.team_id,
            "owner_user_id": self.owner_user_id,
            "device_id": self.device_id,
            "user_id": self.user_id,
            "txid": stamp.txid,
            "seq": stamp.seq,
            "updated_at": now,
        }


@dataclass(slots=True)
class _Target:
    task_id: str | None
    team_id: str | None


def push(
    factory: sessionmaker[Session], p: Principal, device_id: str, mutations: list[Mutation]
) -> list[MutationResult]:
    """Apply a batch in one transaction; run it again if it lost a race."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with write_session(factory) as s:
                return _Batch(s, p, device_id).run(mutations)
        except (IntegrityError, DBAPIError) as exc:
            if attempt == ATTEMPTS or not _lost_race(exc):
                raise
            log.info("push batch of %d lost a race (attempt %d); again", len(mutations), attempt)
    raise AssertionError("unreachable")


def _lost_race(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _task_id_in(m: Mutation) -> str | None:
    """The task a mutation names, to read up front (None if it names none it could)."""
    if m.entity == "task":
        return m.id
    if m.entity == "item_result":
        return m.id.partition(":")[0] or None
    task_id = m.data.get("task_id") if m.entity in NEEDS_TASK and m.data is not None else None
    if isinstance(task_id, str) and task_id and "\x00" not in task_id:
        return task_id
    return None


@dataclass
class _Batch:
    s: Session
    p: Principal
    device_id: str
    records: dict[tuple[str, str], StoredRecord | None] = field(default_factory=dict)
    ledger: dict[str, tuple[str, str, int | None]] = field(default_factory=dict)
    readable_blobs: set[str] = field(default_factory=set)
    new_ledger: list[dict[str, Any]] = field(default_factory=list)
    new_revisions: list[dict[str, Any]] = field(default_factory=list)
    new_siblings: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[tuple[str, str, list[str]]] = field(default_factory=list)
    refs: dict[tuple[str, str, str], None] = field(default_factory=dict)
    order: dict[tuple[str, str], None] = field(default_factory=dict)  # changed, in order
    book: visit_rules.VisitBook | None = None  # the visits' states (services.visit_rules)

    # -- reading, a fixed number of statements ------------------------------------------

    def run(self, mutations: list[Mutation]) -> list[MutationResult]:
        prints = [_fingerprint(m) for m in mutations]
        self._load_ledger([m.op_id for m in mutations])
        fresh = [m for m in mutations if m.op_id not in self.ledger]
        self._load(
            {(m.entity, m.id) for m in fresh} | visit_rules.records_to_lock(fresh), lock=True
        )
        tasks = {("task", t) for m in fresh if (t := _task_id_in(m))}
        self._load(tasks - self.records.keys(), lock=False)
        self.book = visit_rules.VisitBook(self.s, self.p, self.device_id)
        self.book.load(
            t for m in fresh if m.entity in visit_rules.VISIT_ENTITIES if (t := _task_id_in(m))
        )
        # A hash is not a key: only blobs this user holds or may already read count.
        self.readable_blobs = blobs.readable(
            self.s, self.p, {sha for m in fresh for sha in blob_refs(m.entity, m.data)}
        )
        if any(m.entity == "audit_event" for m in fresh):
            audit_chain.lock(self.s, self.device_id)
        results = [self._one(m, fp) for m, fp in zip(mutations, prints, strict=True)]
        self._write()
        return results

    def _load_ledger(self, op_ids: list[str]) -> None:
        for chunk in _chunks(sorted(set(op_ids))):
            for op_id, fp, status, rev in self.s.execute(_LEDGER, {"ids": chunk}):
                self.ledger[op_id] = (fp, status, rev)

    def _load(self, keys: Iterable[tuple[str, str]], *, lock: bool) -> None:
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, record_id in keys:
            by_entity[entity].append(record_id)
        # Sorted by (entity, id) across every batch: row locks are always taken in one order.
        for entity in sorted(by_entity):
            ids = sorted(set(by_entity[entity]))
            for record_id in ids:
                self.records[(entity, record_id)] = None
            for chunk in _chunks(ids):
                query = _LOAD_LOCKED if lock else _LOAD
                for row in self.s.execute(query, {"entity": entity, "ids": chunk}):
                    rec = StoredRecord(*row)
                    rec.loaded_rev = rec.rev
                    self.records[(rec.entity, rec.id)] = rec

    def _record(self, entity: str, record_id: str) -> StoredRecord | None:
        key = (entity, record_id)
        if key not in self.records:
            self._load([key], lock=False)
        return self.records[key]

    # -- deciding, in memory ------------------------------------------------------------

    def _one(self, m: Mutation, fp: str | None) -> MutationResult:
        if fp is None:
            reason = REASON_NOT_TEXT if find_bad_text(m.data) else REASON_NOT_JSON
            return MutationResult(op_id=m.op_id, status="rejected", reason=reason)
        seen = self.ledger.get(m.op_id)
        if seen is not None:
            if seen[0] != fp:
                return MutationResult(op_id=m.op_id, status="rejected", reason=REASON_OP_ID_REUSED)
            return MutationResult(op_id=m.op_id, status="duplicate", rev=seen[2], reason=seen[1])
        try:
            result = self._apply(m)
        except (Rejected, visit_rules.StateRefused) as exc:
            return MutationResult(op_id=m.op_id, status="rejected", reason=str(exc))
        self.ledger[m.op_id] = (fp, result.status, result.rev)
        self.new_ledger.append(
            {
                "op_id": m.op_id,
                "fingerprint": fp,
                "device_id": self.device_id,
                "user_id": self.p.user_id,
                "entity": m.entity,
                "record_id": m.id,
                "status": result.status,
                "rev": result.rev,
                "reason": result.reason,
                "created_at": utcnow(),
            }
        )
        return result

    def _apply(self, m: Mutation) -> MutationResult:
        _validate(m)
        existing = self._record(m.entity, m.id)
        target = self._target(m, existing)
        if not authz.can_write(
            self.p,
            m.entity,
            existing=existing,
            team_id=target.team_id,
            data=m.data,
            device_id=self.device_id,
        ):
            raise Rejected(REASON_FORBIDDEN)
        for sha in blob_refs(m.entity, m.data):
            if sha not in self.readable_blobs:
                raise Rejected(MISSING_BLOB_PREFIX + sha)
        assert self.book is not None
        if self.book.check(m, existing, target.task_id, target.team_id) == "keep":
            assert existing is not None  # the book refuses a new record on a locked visit
            return self._keep_sibling(m, existing)
        result = self._apply_checked(m, existing, target)
        if result.status == "applied":
            self.book.applied(
                m, target.task_id, target.team_id, m.op_id, self._write_as_server, self._data_of
            )
        return result

    def _apply_checked(
        self, m: Mutation, existing: StoredRecord | None, target: _Target
    ) -> MutationResult:
        if existing is None:
            if m.data is None:
                raise Rejected(f"{m.entity} {m.id} does not exist")
            if m.base_rev:
                raise Rejected(f"the server has no {m.entity} {m.id} (base_rev {m.base_rev})")
            return self._write_record(m, None, target)

        if m.entity in IMMUTABLE:
            raise Rejected(f"{m.entity} records cannot be changed")
        base = m.base_rev or 0
        if base > existing.rev:
            raise Rejected(f"base_rev {base} is ahead of the server's rev {existing.rev}")
        # Revs this batch made are this device's own; only older ones can be another's.
        if base < existing.loaded_rev and existing.in_database:
            writers = self.s.scalars(
                select(RecordRevision.device_id).where(
                    RecordRevision.entity == m.entity,
                    RecordRevision.record_id == m.id,
                    RecordRevision.rev > base,
                )
            ).all()
            if any(w != self.device_id for w in writers):
                return self._keep_sibling(m, existing)
        return self._write_record(m, existing, target)

    def _target(self, m: Mutation, existing: StoredRecord | None) -> _Target:
        """The task a record belongs to, and that task's team, checking the ids agree."""
        data = m.data
        if m.entity == "task":
            if existing is not None:
                return _Target(m.id, existing.team_id)
            team = data.get("team_id") if data else None
            return _Target(m.id, team if isinstance(team, str) else None)
        if m.entity not in NEEDS_TASK:
            return _Target(None, None)
        if m.entity == "item_result":
            task_id, sep, item_id = m.id.partition(":")
            if not sep or not task_id or not item_id:
                raise Rejected("item_result id must be <task_id>:<item_id>")
            if data is not None and (
                data.get("task_id", task_id) != task_id or data.get("item_id", item_id) != item_id
            ):
                raise Rejected("item_result id does not match data.task_id and data.item_id")
        elif data is not None:
            task_id = data.get("task_id")
            if not isinstance(task_id, str) or not task_id or "\x00" in task_id:
                raise Rejected(f"{m.entity} needs data.task_id")
            if existing is not None and existing.task_id != task_id:
                raise Rejected(f"{m.entity} cannot move to another task")
        elif existing is not None and existing.task_id is not None:
            task_id = existing.task_id
        else:
            raise Rejected(f"{m.entity} {m.id} does not exist")
        task = self._record("task", task_id)
        if task is None or task.deleted:
            raise Rejected(f"unknown task {task_id}")
        return _Target(task_id, task.team_id)

    def _write_record(
        self, m: Mutation, existing: StoredRecord | None, target: _Target
    ) -> MutationResult:
        data = None if m.data is None else dict(m.data)
        resolves: list[str] = []
        if data is not None and m.entity not in IMMUTABLE:
            raw = data.pop("resolves", None) or []
            resolves = [r for r in raw if isinstance(r, str)] if isinstance(raw, list) else []
        reason = None
        owner = None
        if m.entity == "number_block" and data is not None:
            first, last = numbers.allocate(
                self.s,
                agency_code=data["agency_code"],
                kind=data["kind"],
                year=data["year"],
                size=data["size"],
            )
            data.update(device_id=self.device_id, user_id=self.p.user_id, first=first, last=last)
            owner = self.p.user_id
        elif m.entity == "audit_event" and data is not None:
            problems = audit_chain.check_and_extend(self.s, self.device_id, data)
            if problems:
                reason = "audit chain broken: " + "; ".join(problems)
            owner = self.p.user_id
        team_id = target.team_id
        if m.entity == "task" and data is not None:
            team_id = data.get("team_id") if isinstance(data.get("team_id"), str) else None
        if existing is None:
            existing = StoredRecord(
                entity=m.entity,
                id=m.id,
                rev=0,
                deleted=False,
                task_id=None,
                team_id=None,
                owner_user_id=owner,
                device_id=None,
                user_id=None,
                in_database=False,
            )
            self.records[(m.entity, m.id)] = existing
        existing.rev += 1
        existing.rewritten = True
        existing.data = data
        existing.deleted = data is None
        existing.task_id = target.task_id
        existing.team_id = team_id
        existing.device_id = self.device_id
        existing.user_id = self.p.user_id
        self._changed(existing)
        self.new_revisions.append(
            {
                "entity": m.entity,
                "record_id": m.id,
                "rev": existing.rev,
                "device_id": self.device_id,
                "user_id": self.p.user_id,
                "op_id": m.op_id,
                "at": utcnow(),
            }
        )
        if resolves:
            self.resolved.append((m.entity, m.id, resolves))
        self._refer(m.entity, m.id, data)
        return MutationResult(op_id=m.op_id, status="applied", rev=existing.rev, reason=reason)

    def _data_of(self, entity: str, record_id: str) -> dict[str, Any] | None:
        """A record's data as this batch sees it (read from the database if untouched)."""
        rec = self._record(entity, record_id)
        if rec is None or rec.deleted:
            return None
        if rec.rewritten:
            return rec.data
        return self.s.scalar(
            select(Record.data).where(Record.entity == entity, Record.id == record_id)
        )

    def _write_as_server(self, entity: str, record_id: str, data: dict[str, Any]) -> None:
        """A record the server itself changes as an effect of this batch (a review sets
        the visit's state in its inspection record): a revision by device "server"."""
        rec = self._record(entity, record_id)
        task = self._record("task", record_id) if entity == "inspection" else None
        if rec is None:
            rec = StoredRecord(
                entity=entity,
                id=record_id,
                rev=0,
                deleted=False,
                task_id=record_id,
                team_id=task.team_id if task is not None else None,
                owner_user_id=None,
                device_id=None,
                user_id=None,
                in_database=False,
            )
            self.records[(entity, record_id)] = rec
        rec.rev += 1
        rec.rewritten = True
        rec.data = data
        rec.deleted = False
        rec.device_id = visit_rules.SERVER_DEVICE
        rec.user_id = self.p.user_id
        self._changed(rec)
        self.new_revisions.append(
            {
                "entity": entity,
                "record_id": record_id,
                "rev": rec.rev,
                "device_id": visit_rules.SERVER_DEVICE,
                "user_id": self.p.user_id,
                "op_id": None,
                "at": utcnow(),
            }
        )

    def _keep_sibling(self, m: Mutation, existing: StoredRecord) -> MutationResult:
        self.new_siblings.append(
            {
                "op_id": m.op_id,
                "entity": m.entity,
                "record_id": m.id,
                "device_id": self.device_id,
                "user_id": self.p.user_id,
                "base_rev": m.base_rev,
                "data": m.data,
                "recorded_at": m.recorded_at,
                "created_at": utcnow(),
            }
        )
        # A new position, so every device holding the record sees the conflict.
        self._changed(existing)
        self._refer(m.entity, m.id, m.data)
        return MutationResult(
            op_id=m.op_id,
            status="conflict",
            rev=existing.rev,
            reason=f"{m.entity} {m.id} was changed by another device since rev {m.base_rev}; "
            "both versions are kept until someone picks one",
        )

    def _changed(self, rec: StoredRecord) -> None:
        rec.changed = True
        key = (rec.entity, rec.id)
        self.order.pop(key, None)
        self.order[key] = None

    def _refer(self, entity: str, record_id: str, data: dict[str, Any] | None) -> None:
        for sha in blob_refs(entity, data):
            self.refs[(sha, entity, record_id)] = None

    # -- writing, in bulk -----------------------------------------------------------------

    def _write(self) -> None:
        s = self.s
        # Core statements on the tables: one executemany each, none of the ORM's
        # per-row bookkeeping (these rows are not used as objects afterwards).
        if self.new_ledger:
            s.execute(_INSERT_LEDGER, self.new_ledger)
        changed = [rec for k in self.order if (rec := self.records[k]) is not None]
        if changed:
            now = utcnow()
            stamps = changes.stamps(s, len(changed))
            rows = [(rec, rec.row(stamp, now)) for rec, stamp in zip(changed, stamps, strict=True)]
            new = [row for rec, row in rows if not rec.in_database]
            rewritten = [
                {"k_entity": r["entity"], "k_id": r["id"], **r}
                for rec, r in rows
                if rec.in_database and rec.rewritten
            ]
            moved = [row for rec, row in rows if rec.in_database and not rec.rewritten]
            for statement, params in (
                (_INSERT_RECORD, new),
                (_UPDATE_RECORD, rewritten),
                (_UPDATE_RECORD, moved),
            ):
                if params:
                    s.execute(statement, params)
        if self.new_revisions:
            s.execute(_INSERT_REVISION, self.new_revisions)
        if self.new_siblings:
            s.execute(_INSERT_SIBLING, self.new_siblings)
        for entity, record_id, op_ids in self.resolved:
            s.execute(
                delete(Sibling).where(
                    Sibling.entity == entity,
                    Sibling.record_id == record_id,
                    Sibling.op_id.in_(op_ids),
                )
            )
        self._write_refs()
        if self.book is not None:
            self.book.write()

    def _write_refs(self) -> None:
        if not self.refs:
            return
        held: set[tuple[str, str, str]] = set()
        for chunk in _chunks(sorted({sha for sha, _e, _r in self.refs})):
            held.update((sha, e, r) for sha, e, r in self.s.execute(_REFS, {"ids": chunk}))
        missing = [
            {"sha256": sha, "entity": e, "record_id": r}
            for sha, e, r in self.refs
            if (sha, e, r) not in held
        ]
        if missing:
            self.s.execute(_INSERT_REF, missing)


REASON_NOT_JSON = "data holds NaN or an infinity, which JSON cannot carry"
REASON_NOT_TEXT = "data holds a lone surrogate, which is not text and cannot be stored"


def _fingerprint(m: Mutation) -> str | None:
    try:
        return fingerprint(m)
    except ValueError:  # NaN, infinity or a lone surrogate: the canonical form cannot
        return None  # write them


def _validate(m: Mutation) -> None:
    if m.entity not in ENTITIES:
        raise Rejected(f"unknown entity {m.entity!r}")
    if m.entity == "number_block" and (why := numbers.validate(m.data)):
        raise Rejected(why)
    if m.entity == "audit_event" and (why := audit_chain.validate(m.data)):
        raise Rejected(why)
    if m.entity == "task" and m.data is not None and m.data.get("id", m.id) != m.id:
        raise Rejected("task data.id does not match the record id")
