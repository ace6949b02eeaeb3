"""Tables of the visit's life after the laptop: its state, the facts statistics count,
the history of its states and what was published (issue 12).

``visits`` and ``visit_facts`` are a projection of the synced records, kept in the
same transaction as the records they come from (``services.visits``), so statistics
are SQL aggregates over small rows instead of reading every record's JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector_server.models import Base, UtcDateTime, utcnow


class Visit(Base):
    """One joint task's visit: what the task plans, and where its state stands."""

    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_day", "day"),
        Index("ix_visits_team_day", "team_id", "day"),
        Index("ix_visits_state", "state"),
    )

    task_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    team_id: Mapped[str | None] = mapped_column(String(36))
    plan_id: Mapped[str | None] = mapped_column(String(64), index=True)
    plan_name: Mapped[str] = mapped_column(String(300), default="")
    uscc: Mapped[str] = mapped_column(String(40), default="")
    business_name: Mapped[str] = mapped_column(String(300), default="")
    lead_department: Mapped[str] = mapped_column(String(40), default="")
    departments_n: Mapped[int] = mapped_column(Integer, default=0)
    # The departments' codes, sorted and joined by ";": statistics group by these few
    # combinations and count each department from them, with no join.
    departments: Mapped[str] = mapped_column(String(400), default="")
    inspector_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    items_before: Mapped[int] = mapped_column(Integer, default=0)
    items_after: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[date | None] = mapped_column(Date)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(20), default="assigned")
    round: Mapped[int] = mapped_column(Integer, default=1)
    noncompliant: Mapped[int] = mapped_column(Integer, default=0)  # findings, for statistics
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The day the visit counts for in a period: its completion day (China time) once
    # done, else the first day of its window.
    day: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class VisitDepartment(Base):
    """The departments of a joint visit: statistics per department count through these."""

    __tablename__ = "visit_departments"

    task_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    department_code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    department_name: Mapped[str] = mapped_column(String(200), default="")


class VisitFact(Base):
    """One countable fact a record states about its visit: a non-compliance, a
    disposition of some kind, a document of some kind, a follow-up due on a day.

    It carries copies of its visit's team, plan, day, departments and cancellation (kept equal by
    ``services.visits.sync_fact_context``), so statistics count facts without a join.
    """

    __tablename__ = "visit_facts"
    __table_args__ = (
        Index("ix_visit_facts_task_fact", "task_id", "fact"),
        Index("ix_visit_facts_team_day", "team_id", "day"),
    )

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    fact: Mapped[str] = mapped_column(String(20), primary_key=True)
    task_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(60), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    team_id: Mapped[str | None] = mapped_column(String(36))
    plan_id: Mapped[str | None] = mapped_column(String(64))
    day: Mapped[date | None] = mapped_column(Date)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    departments: Mapped[str] = mapped_column(String(400), default="")


class VisitTransition(Base):
    """Every state a visit entered, by whom and through which mutation (its rounds)."""

    __tablename__ = "visit_transitions"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    task_id: Mapped[str] = mapped_column(String(200), index=True)
    round: Mapped[int] = mapped_column(Integer)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    op_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Publication(Base):
    """A visit's published result (公示), exactly as it was published, once."""

    __tablename__ = "publications"

    task_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
