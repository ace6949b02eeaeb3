"""review: the lead's reviews on the laptop, the visit's submission and the server's states

Issue 12: ``review`` records are kept like any record the user changes (the lead's own,
pending upload, and those pull delivers); the inspection learns when it was submitted
and what the server adds when a review or a publication sets its state (round, the
review that set it, by whom, when; when it was published); tasks keep their team and
inspectors beside their JSON, so the lead's queue reads no task's JSON.

Revision ID: 0006_review
Revises: 0005_enforcement
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_review"
down_revision: str | None = "0005_enforcement"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No foreign key to tasks: a review written on an inspector's laptop by a lead's
    # co-review profile names a task that profile never downloads.
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reviewer_id", sa.String(length=64), nullable=False),
        sa.Column("reviewed_at", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews") as batch:
        batch.create_index(batch.f("ix_reviews_task_id"), ["task_id"], unique=False)
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("team_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("inspector_ids", sa.JSON(), server_default="[]", nullable=False))
        batch.create_index(batch.f("ix_tasks_team_id"), ["team_id"], unique=False)
    op.execute(
        "UPDATE tasks SET team_id = json_extract(data, '$.team_id'), "
        "inspector_ids = coalesce(json_extract(data, '$.inspector_ids'), '[]')"
    )
    with op.batch_alter_table("item_results") as batch:
        batch.create_index(
            "ix_item_results_task_outcome", ["task_id", "outcome", "recorded_by"], unique=False
        )
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("submitted_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("round", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("review_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("published_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        for name in (
            "published_at",
            "reviewed_at",
            "reviewed_by",
            "review_id",
            "round",
            "submitted_at",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("reviews") as batch:
        batch.drop_index(batch.f("ix_reviews_task_id"))
    op.drop_table("reviews")
    with op.batch_alter_table("item_results") as batch:
        batch.drop_index("ix_item_results_task_outcome")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_index(batch.f("ix_tasks_team_id"))
        batch.drop_column("inspector_ids")
        batch.drop_column("team_id")
