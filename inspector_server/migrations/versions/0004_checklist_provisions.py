"""checklist provisions: a checklist item's order basis and penalty provision

Each imported item keeps, beside the duty breached (legal_basis), the provision
empowering the order to correct and the penalty provision with its statutory range
(domain.provisions), as the JSON the task wire format uses. Items imported before this
migration have none ({}), as their files had none.

Revision ID: 0004_checklist_provisions
Revises: 0003_change_stamps
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_checklist_provisions"
down_revision = "0003_change_stamps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("provisions", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("checklist_items", schema=None) as batch_op:
        batch_op.drop_column("provisions")
