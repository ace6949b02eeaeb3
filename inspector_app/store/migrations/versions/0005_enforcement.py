"""enforcement: dispositions, signatures, reference records, the inspection's details

Issue 11: the confirmed disposition of each non-compliant item and the signatures of a
visit are records of their own (synced like item results); the ``reference`` records
pull delivers (rule packs, benchmarks, agency settings, wording, the officers' roster)
are kept; the inspection record gains the opening and the weighing of the party's
statement (``details``).

Revision ID: 0005_enforcement
Revises: 0004_evidence_copies
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_enforcement"
down_revision: str | None = "0004_evidence_copies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced(name: str, *columns: sa.Column) -> None:
    """A table of records the user changes: id, task, the record's JSON and rev bookkeeping."""
    op.create_table(
        name,
        sa.Column("id", sa.String(length=130), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        *columns,
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=True),
        sa.Column("dirty", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f(f"fk_{name}_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    with op.batch_alter_table(name) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_task_id"), ["task_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "reference_records",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_records")),
    )
    with op.batch_alter_table("reference_records") as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_records_kind"), ["kind"], unique=False)
    _synced(
        "dispositions",
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=True),
    )
    _synced("signatures", sa.Column("signer", sa.String(length=64), nullable=False))
    with op.batch_alter_table("inspections") as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("inspections") as batch_op:
        batch_op.drop_column("details")
    for name in ("signatures", "dispositions", "reference_records"):
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_index(
                batch_op.f(f"ix_{name}_{'kind' if name == 'reference_records' else 'task_id'}")
            )
        op.drop_table(name)
