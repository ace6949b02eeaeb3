"""planning: checklists, equivalences, plans, plan targets, recusals

Revision ID: 0002_planning
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inspector_server.models

revision = "0002_planning"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checklist_equivalences",
        sa.Column("code_a", sa.String(length=80), nullable=False),
        sa.Column("code_b", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code_a", "code_b", name=op.f("pk_checklist_equivalences")),
    )
    op.create_table(
        "checklist_items",
        sa.Column("department_code", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("department_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.JSON(), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", inspector_server.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("department_code", "code", name=op.f("pk_checklist_items")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("seed", sa.String(length=100), nullable=False),
        sa.Column("drawn_on", sa.Date(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("drawn_hash", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", inspector_server.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_table(
        "plan_targets",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("credit_class", sa.String(length=1), nullable=False),
        sa.Column("departments", sa.String(length=400), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_targets_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("plan_id", "uscc", name=op.f("pk_plan_targets")),
    )
    op.create_index(op.f("ix_plan_targets_uscc"), "plan_targets", ["uscc"], unique=False)
    op.create_table(
        "recusals",
        sa.Column("inspector_id", sa.String(length=36), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", inspector_server.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["users.id"], name=op.f("fk_recusals_inspector_id_users")
        ),
        sa.PrimaryKeyConstraint("inspector_id", "uscc", name=op.f("pk_recusals")),
    )
    op.create_index(op.f("ix_recusals_uscc"), "recusals", ["uscc"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_recusals_uscc"), table_name="recusals")
    op.drop_table("recusals")
    op.drop_index(op.f("ix_plan_targets_uscc"), table_name="plan_targets")
    op.drop_table("plan_targets")
    op.drop_table("plans")
    op.drop_table("checklist_items")
    op.drop_table("checklist_equivalences")
