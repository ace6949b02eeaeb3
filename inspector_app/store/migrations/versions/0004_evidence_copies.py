"""evidence.copy_sha256: the downscaled copy of a photo that documents print

Made once when a photo is attached (or the first time a document needs a photo that
came down from the server); the original stays the evidence that syncs.

Revision ID: 0004_evidence_copies
Revises: 0003_sync_integrity
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_evidence_copies"
down_revision: str | None = "0003_sync_integrity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("copy_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence") as batch:
        batch.drop_column("copy_sha256")
