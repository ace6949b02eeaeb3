"""merged_items without their own JSON copy

Each merged item's full JSON already lives in its task's ``data`` (the checklist),
and nothing read the second copy: dropping it halves what a first pull writes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("merged_items") as batch:
        batch.drop_column("data")


def downgrade() -> None:
    with op.batch_alter_table("merged_items") as batch:
        batch.add_column(sa.Column("data", sa.JSON(), nullable=False, server_default="{}"))
