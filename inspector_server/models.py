"""Tables of the central server (SQLAlchemy 2). Never returned from a route directly:
routes answer with the wire models of ``inspector_app.sync.protocol`` or ``schemas``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out (SQLite forgets the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))  # None: cannot sign in
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    department_code: Mapped[str | None] = mapped_column(String(40))
    badge_no: Mapped[str | None] = mapped_column(String(60))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Department(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Business(Base):
    """The business directory (市场主体名录) the planning draws from."""

    __tablename__ = "businesses"

    uscc: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(500), default="")
    legal_rep: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    area: Mapped[str] = mapped_column(String(100), default="", index=True)
    credit_class: Mapped[str] = mapped_column(String(1), default="B", index=True)
    positive_list: Mapped[bool] = mapped_column(Boolean, default=False)


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    lead_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class Device(Base):
    """A client installation; its id is made by the client. Revoking it kills its tokens."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # HMAC of the device key handed to the laptop at sign-in: a sign-in that presents it
    # proves it comes from this device (see services/throttle.py), which the id cannot.
    key_hash: Mapped[str | None] = mapped_column(String(64))


class AuthToken(Base):
    __tablename__ = "auth_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LoginFailure(Base):
    """One failed sign-in; rows older than the throttling window are purged."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(150))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Counter(Base):
    """Named counters; ``change_seq`` orders every change in commit order."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Record(Base):
    """The current version of every synced record; ``(txid, seq)`` is its last change's
    position in pull order (see ``services.changes``)."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_txid_seq", "txid", "seq"),)

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who may see it: the task's team, or one owner (number blocks), or everyone (reference).
    task_id: Mapped[str | None] = mapped_column(String(200), index=True)
    team_id: Mapped[str | None] = mapped_column(String(36), index=True)
    owner_user_id: Mapped[str | None] = mapped_column(String(36), index=True)
    device_id: Mapped[str | None] = mapped_column(String(64))  # the last writer's device
    user_id: Mapped[str | None] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The writing transaction on PostgreSQL; 0 on SQLite, where writers are serialised.
    txid: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RecordRevision(Base):
    """Which device made each rev: edits in sequence from one device are not conflicts."""

    __tablename__ = "record_revisions"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    rev: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(36))
    op_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Sibling(Base):
    """A conflicting version kept beside its record until a person resolves it."""

    __tablename__ = "siblings"
    __table_args__ = (Index("ix_siblings_record", "entity", "record_id"),)

    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(200))
    device_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(36))
    base_rev: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OpLedger(Base):
    """Every op_id that changed server state, with its fingerprint and result, for ever."""

    __tablename__ = "op_ledger"

    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    rev: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Blob(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BlobHolder(Base):
    """A user who proved they hold a blob's bytes by uploading them (again, if it was
    already there): they may name it in their records and read it back."""

    __tablename__ = "blob_holders"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BlobRef(Base):
    """A record (or a sibling) naming a blob: who may read a blob follows from these."""

    __tablename__ = "blob_refs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(200), primary_key=True)


class NumberCounter(Base):
    """The last document number handed out per agency, kind and year."""

    __tablename__ = "number_counters"

    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class AuditChain(Base):
    """Each device's audit chain as the server has checked it; a break is kept, not hidden."""

    __tablename__ = "audit_chains"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    events: Mapped[int] = mapped_column(Integer, default=0)
    broken: Mapped[bool] = mapped_column(Boolean, default=False)
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# --- Planning (双随机: the checklists, the draws, the recusals) ------------------------


class ChecklistItem(Base):
    """One item of a department's checklist (一单), as imported by ``import-checklists``."""

    __tablename__ = "checklist_items"

    department_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    department_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[list[str]] = mapped_column(JSON, default=list)  # the duty breached
    severity: Mapped[str] = mapped_column(String(20))
    # {"order_basis": [...], "penalty": {...}}, each key only where the file gave it
    # (domain.serialization.item_provisions_to_json).
    provisions: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # order within the department
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ChecklistEquivalence(Base):
    """Two catalogue codes naming the same matter (同源关联), for merging."""

    __tablename__ = "checklist_equivalences"

    code_a: Mapped[str] = mapped_column(String(80), primary_key=True)
    code_b: Mapped[str] = mapped_column(String(80), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")


class Plan(Base):
    """A recorded draw: its parameters, the hashes that let anyone check it, a summary."""

    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    seed: Mapped[str] = mapped_column(String(100))
    drawn_on: Mapped[date] = mapped_column(Date)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    input_hash: Mapped[str] = mapped_column(String(64))
    drawn_hash: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class PlanTarget(Base):
    """A business a plan drew, the departments that drew it and the joint task made of it."""

    __tablename__ = "plan_targets"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), primary_key=True)
    uscc: Mapped[str] = mapped_column(String(18), primary_key=True, index=True)
    credit_class: Mapped[str] = mapped_column(String(1))
    departments: Mapped[str] = mapped_column(String(400))  # ";"-separated codes
    task_id: Mapped[str] = mapped_column(String(36))


class Recusal(Base):
    """An inspector marked related to a business (回避): never drawn for it."""

    __tablename__ = "recusals"

    inspector_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    uscc: Mapped[str] = mapped_column(String(18), primary_key=True, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# The visit's tables live in their own module; importing it here puts them in
# ``Base.metadata`` for Alembic and for every user of this module.
from inspector_server import models_visits as _models_visits  # noqa: E402, F401
