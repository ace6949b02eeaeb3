"""Everything the client keeps, as SQLAlchemy 2 declarative tables.

Conventions:
- times are :class:`UtcDateTime` (ISO 8601 text, UTC, with offset); calendar days
  are :class:`IsoDate`;
- ``data`` columns hold the wire JSON of a record (DESIGN.md "Sync protocol v1"),
  the typed columns beside them are what we query or sort by;
- a record the user can change carries ``rev`` (local version, +1 per change),
  ``base_rev`` (the last rev the server acknowledged, ``None`` if it has never seen
  the record) and ``dirty`` (changed here since then).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from inspector_app.store.types import IsoDate, UtcDateTime

# Named constraints: Alembic's batch mode (SQLite table rebuilds) needs names to
# drop or alter a constraint later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonDict = dict[str, Any]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UtcDateTime(),
        date: IsoDate(),
        JsonDict: JSON(),
        list[str]: JSON(),
    }


class TaskRow(Base):
    """A joint task as the server (or the demo) sent it, plus the local lifecycle."""

    __tablename__ = "tasks"
    # Everything the task list shows, in one index: listing and counting 10,000 tasks
    # reads this index only, never the rows, whose large ``data`` spans overflow pages
    # that SQLite would walk to reach any column stored after it.
    __table_args__ = (
        Index(
            "ix_tasks_list",
            "window_start",
            "business_name",
            "id",
            "status",
            "server_state",
            "window_end",
            "business_uscc",
            "business_address",
            "credit_class",
            "positive_list",
            "area",
            "n_items",
            "departments",
            "department_codes",
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)  # the server's rev of the task data
    # The local lifecycle status (check-in moves it before the server knows).
    status: Mapped[str] = mapped_column(String(20), index=True)
    business_name: Mapped[str] = mapped_column(Text)
    business_uscc: Mapped[str] = mapped_column(String(32), index=True)
    business_address: Mapped[str] = mapped_column(Text, default="")
    departments: Mapped[list[str]] = mapped_column(default=list)  # department names
    window_start: Mapped[date]
    window_end: Mapped[date]
    # The full task wire JSON (see codec.task_to_json); deferred, because it is
    # large and most reads (task list, lifecycle checks) never need it.
    data: Mapped[JsonDict] = mapped_column(deferred=True)
    # None while the server still assigns the task to us; "cancelled" or
    # "reassigned" when it stopped doing so while we may hold work for it.
    server_state: Mapped[str | None] = mapped_column(String(20), default=None)
    received_at: Mapped[datetime]
    # Copies of the task data the task list filters and shows (see ``task_list_values``).
    credit_class: Mapped[str] = mapped_column(String(1), default="B", server_default="B")
    positive_list: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    area: Mapped[str] = mapped_column(Text, default="", server_default="")
    department_codes: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    n_items: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Copies of the task data's team and inspectors (issue 12): the lead's queue picks
    # the visits of the teams they lead, and not their own, without reading ``data``.
    team_id: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    inspector_ids: Mapped[list[str]] = mapped_column(default=list, server_default="[]")


class MergedItemRow(Base):
    __tablename__ = "merged_items"

    task_id: Mapped[str] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(10))
    # The item's full JSON is in its task's ``data`` (the checklist), not here again.


class ItemResultRow(Base):
    """One checklist item's outcome; ``id`` is ``<task_id>:<item_id>``."""

    __tablename__ = "item_results"
    __table_args__ = (
        UniqueConstraint("task_id", "item_id"),
        # Covers the lead's queue: non-compliances and recorders per visit, index only.
        Index("ix_item_results_task_outcome", "task_id", "outcome", "recorded_by"),
    )

    id: Mapped[str] = mapped_column(String(130), primary_key=True)
    # No foreign key to merged_items: a server update may drop an item that we
    # already hold a result for, and that result must survive (DESIGN.md lifecycle).
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"))
    item_id: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    measurements: Mapped[JsonDict] = mapped_column(default=dict)
    evidence: Mapped[list[str]] = mapped_column(default=list)  # sha256 hex
    corrected_on_site: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline: Mapped[date | None]
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime]
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)


class EvidenceRow(Base):
    """A photo (or other file) attached to an item; the bytes live in the blob store."""

    __tablename__ = "evidence"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    caption: Mapped[str] = mapped_column(Text, default="")
    captured_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    # The blob documents print instead of the original (smaller, upright); the same hash
    # when the original serves as it is; None until made (rows from before 0004, photos
    # that came down from the server). Local only: any laptop rebuilds it.
    copy_sha256: Mapped[str | None] = mapped_column(String(64), default=None)


class InspectionRow(Base):
    """The visit itself: check-in/out, who was present, the party's statement.

    One per task, so its id is the task id: two laptops of the same team meet on
    the same record, as item results do.
    """

    __tablename__ = "inspections"

    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    checked_in_at: Mapped[datetime | None]
    checked_out_at: Mapped[datetime | None]
    present: Mapped[list[str]] = mapped_column(default=list)
    # Public observers of the visit (人大代表, 政协委员, 社会监督员, media):
    # [{"kind", "name", "organisation"}]; optional on the wire.
    observers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    party_statement: Mapped[str] = mapped_column(Text, default="")
    # What issue 11 adds to the record, optional on the wire (older clients ignore it):
    # {"opening": {...}, "statement": {...}} (see domain.enforcement).
    details: Mapped[JsonDict] = mapped_column(default=dict, server_default="{}")
    recorded_by: Mapped[str] = mapped_column(String(64))
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)
    # Issue 12: when the inspector submitted it (sent with the record), and what the
    # server adds when a review or a publication sets the state (never sent back).
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    round: Mapped[int | None] = mapped_column(Integer, default=None)
    review_id: Mapped[str | None] = mapped_column(String(64), default=None)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    published_at: Mapped[datetime | None] = mapped_column(default=None)


class ReviewRow(Base):
    """A team lead's decision on one submission (round) of a visit: ``protocol.ReviewData``.

    Never changed once written; a new decision is a new review of the next round. Rows
    written here are ``dirty`` until the server takes them; ``base_rev`` None means the
    server has not acknowledged the review (pending, refused, or a co-review's copy).
    """

    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # No foreign key: a lead's co-review profile holds reviews of tasks it never downloads.
    task_id: Mapped[str] = mapped_column(String(64), index=True)
    round: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(10))  # approved | returned
    reviewer_id: Mapped[str] = mapped_column(String(64))
    reviewed_at: Mapped[datetime]
    data: Mapped[JsonDict]  # the record's wire JSON
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)


class DispositionRow(Base):
    """One non-compliant item's assessment and disposition; ``id`` is ``<task_id>:<item_id>``.

    ``data`` is the record's wire JSON (``domain.enforcement.disposition_record_to_json``);
    ``kind`` the confirmed disposition's kind, None while only assessed.
    """

    __tablename__ = "dispositions"

    id: Mapped[str] = mapped_column(String(130), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str | None] = mapped_column(String(30), default=None)
    data: Mapped[JsonDict]
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)


class SignatureRow(Base):
    """A signature (PNG blob by hash) or a recorded refusal; ``id`` is ``<task_id>:<signer>``."""

    __tablename__ = "signatures"

    id: Mapped[str] = mapped_column(String(130), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    signer: Mapped[str] = mapped_column(String(64))
    data: Mapped[JsonDict]
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)


class ReferenceRow(Base):
    """A ``reference`` record as pull delivered it (rule packs, benchmarks, agency settings,
    wording, the officers' roster); ``id`` is ``<kind>:<name>``."""

    __tablename__ = "reference_records"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    rev: Mapped[int]
    data: Mapped[JsonDict]
    received_at: Mapped[datetime]


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(64), unique=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft|final|void
    data: Mapped[JsonDict] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    rev: Mapped[int] = mapped_column(Integer, default=1)
    base_rev: Mapped[int | None] = mapped_column(Integer, default=None)
    dirty: Mapped[bool] = mapped_column(Boolean, default=True)


class NumberBlockRow(Base):
    __tablename__ = "number_blocks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    year: Mapped[int]
    first: Mapped[int]
    last: Mapped[int]
    received_at: Mapped[datetime]


class UsedNumberRow(Base):
    """A number taken from a block; numbers are never reused, a spoiled one is voided."""

    __tablename__ = "used_numbers"

    block_id: Mapped[str] = mapped_column(ForeignKey("number_blocks.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    used_at: Mapped[datetime]


class OutboxRow(Base):
    """A committed local change waiting to be pushed (the transactional outbox)."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(130))
    base_rev: Mapped[int | None]
    data: Mapped[JsonDict]
    recorded_at: Mapped[datetime]
    # pending until the server answers; then applied|duplicate|rejected|conflict.
    state: Mapped[str] = mapped_column(String(12), default="pending")
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    server_rev: Mapped[int | None] = mapped_column(Integer, default=None)

    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)


class AuditEventRow(Base):
    """One entry of the 执法全过程记录, chained per device by SHA-256 (see audit.py)."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int]  # 1, 2, 3… per device
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(130))
    at: Mapped[datetime]
    payload: Mapped[JsonDict]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # HMAC of ``hash`` under the device's key (audit.AuditSeal); None before sealing began.
    mac: Mapped[str | None] = mapped_column(String(64), default=None)


class SyncStateRow(Base):
    """Small key/value facts: device id, signed-in user, pull cursor, audit head."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ConflictRow(Base):
    """Both versions of a record that two devices changed; a person picks one."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(130), index=True)
    local: Mapped[JsonDict]
    remote: Mapped[JsonDict]
    created_at: Mapped[datetime]
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


__all__ = [
    "AuditEventRow",
    "Base",
    "ConflictRow",
    "DispositionRow",
    "DocumentRow",
    "EvidenceRow",
    "InspectionRow",
    "ItemResultRow",
    "MergedItemRow",
    "NumberBlockRow",
    "OutboxRow",
    "ReferenceRow",
    "SignatureRow",
    "ReviewRow",
    "SyncStateRow",
    "TaskRow",
    "UsedNumberRow",
]
