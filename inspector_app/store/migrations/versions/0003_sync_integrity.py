"""audit events sealed with the device's key

Each audit event gets ``mac``: an HMAC of its hash under a key kept apart from the
database (OS keyring or a 0600 file), so an event rewritten before it reaches the
server is caught even when every hash after it was recomputed. Events recorded
before this revision stay unsealed (NULL); sealing starts with the next one.

Revision ID: 0003_sync_integrity
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_sync_integrity"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("mac", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("mac")
