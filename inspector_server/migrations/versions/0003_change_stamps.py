"""change stamps: records.txid, and on PostgreSQL the sequence change_seq

Pulls order records by (txid, seq). On PostgreSQL writers no longer queue on the
counter row: seq comes from a sequence and txid is the writing transaction's id.
Records written before this migration keep txid 0, below everything written after.

Revision ID: 0003_change_stamps
Revises: 0002_planning
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_change_stamps"
down_revision = "0002_planning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("txid", sa.BigInteger(), server_default="0", nullable=False))
        batch_op.create_index("ix_records_txid_seq", ["txid", "seq"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE change_seq")
        op.execute(
            "SELECT setval('change_seq', GREATEST(1, "
            "(SELECT value FROM counters WHERE name = 'change_seq'), "
            "(SELECT COALESCE(MAX(seq), 0) FROM records)))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE counters SET value = GREATEST(value, "
            "(SELECT COALESCE(MAX(seq), 0) FROM records)) WHERE name = 'change_seq'"
        )
        op.execute("DROP SEQUENCE change_seq")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_txid_seq")
        batch_op.drop_column("txid")
