"""security: who holds which blob, and a key per device

``blob_holders`` records every user who uploaded a blob's bytes: only they, and
whoever may read a record naming the blob, may name it in a record of their own
(a hash alone is not a key). The uploader each blob remembers so far becomes its
first holder. ``devices.key_hash`` keeps the HMAC of the key a laptop receives at
sign-in, which lets its owner sign in while their account is throttled.

Revision ID: 0006_security
Revises: 0005_review_publication
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import inspector_server.models

revision = "0006_security"
down_revision = "0005_review_publication"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_holders",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", inspector_server.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "user_id", name=op.f("pk_blob_holders")),
    )
    op.execute(
        "INSERT INTO blob_holders (sha256, user_id, created_at) "
        "SELECT sha256, uploaded_by, created_at FROM blobs WHERE uploaded_by IS NOT NULL"
    )
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("key_hash")
    op.drop_table("blob_holders")
