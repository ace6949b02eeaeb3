"""review and publication: the visits projection, its facts, state history, publications

The visit's state machine, the lead's review, publication (公示) and statistics read
these tables (issue 12). They are filled from the records already synced, so a
server upgraded with visits in flight knows their states.

Revision ID: 0005_review_publication
Revises: 0003_change_stamps
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

import inspector_server.models

revision = "0005_review_publication"
down_revision = "0004_checklist_provisions"
branch_labels = None
depends_on = None

_TIME = inspector_server.models.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("task_id", sa.String(length=200), nullable=False),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("plan_id", sa.String(length=64), nullable=True),
        sa.Column("plan_name", sa.String(length=300), nullable=False),
        sa.Column("uscc", sa.String(length=40), nullable=False),
        sa.Column("business_name", sa.String(length=300), nullable=False),
        sa.Column("lead_department", sa.String(length=40), nullable=False),
        sa.Column("departments_n", sa.Integer(), nullable=False),
        sa.Column("departments", sa.String(length=400), nullable=False),
        sa.Column("inspector_ids", sa.JSON(), nullable=False),
        sa.Column("items_before", sa.Integer(), nullable=False),
        sa.Column("items_after", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("noncompliant", sa.Integer(), nullable=False),
        sa.Column("completed_at", _TIME, nullable=True),
        sa.Column("submitted_at", _TIME, nullable=True),
        sa.Column("approved_at", _TIME, nullable=True),
        sa.Column("published_at", _TIME, nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_visits")),
    )
    op.create_index("ix_visits_day", "visits", ["day"])
    op.create_index("ix_visits_team_day", "visits", ["team_id", "day"])
    op.create_index("ix_visits_state", "visits", ["state"])
    op.create_index(op.f("ix_visits_plan_id"), "visits", ["plan_id"])
    op.create_table(
        "visit_departments",
        sa.Column("task_id", sa.String(length=200), nullable=False),
        sa.Column("department_code", sa.String(length=40), nullable=False),
        sa.Column("department_name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("task_id", "department_code", name=op.f("pk_visit_departments")),
    )
    op.create_index(
        op.f("ix_visit_departments_department_code"), "visit_departments", ["department_code"]
    )
    op.create_table(
        "visit_facts",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("fact", sa.String(length=20), nullable=False),
        sa.Column("task_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("team_id", sa.String(length=36), nullable=True),
        sa.Column("plan_id", sa.String(length=64), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("departments", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", "fact", name=op.f("pk_visit_facts")),
    )
    op.create_index("ix_visit_facts_task_fact", "visit_facts", ["task_id", "fact"])
    op.create_index("ix_visit_facts_team_day", "visit_facts", ["team_id", "day"])
    op.create_table(
        "visit_transitions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("task_id", sa.String(length=200), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=True),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_transitions")),
    )
    op.create_index(op.f("ix_visit_transitions_task_id"), "visit_transitions", ["task_id"])
    op.create_table(
        "publications",
        sa.Column("task_id", sa.String(length=200), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("published_at", _TIME, nullable=False),
        sa.Column("row", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_publications")),
    )
    op.create_index(op.f("ix_publications_batch_id"), "publications", ["batch_id"])
    op.create_index(op.f("ix_publications_published_at"), "publications", ["published_at"])

    # The visits of the records already synced (the projection's own reader).
    from inspector_server.services.visits import rebuild

    session = Session(bind=op.get_bind())
    rebuild(session)
    session.flush()


def downgrade() -> None:
    for table in ("publications", "visit_transitions", "visit_facts", "visit_departments"):
        op.drop_table(table)
    op.drop_table("visits")
