"""follow-up facts: counted from the disposition records, as the laptops list them

A follow-up (复查) is now the laptop's (``inspector_app.domain.follow_ups``): a confirmed
order to correct by a date in a ``disposition`` record, open until the record holds the
follow-up's result. Before, the statistics counted one from an item result's own
deadline, which no laptop can close. This data step takes away the item results'
``follow_up`` facts and states those of the disposition records already synced; no
table changes.

Downgrade leaves the facts as they are: the older code reads a ``follow_up`` fact the
same way, and rewrites each record's facts when the record next changes.

Revision ID: 0007_follow_up_facts
Revises: 0006_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0007_follow_up_facts"
down_revision = "0006_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        sa.text("DELETE FROM visit_facts WHERE entity = 'item_result' AND fact = 'follow_up'")
    )
    from inspector_server.services.visits import refresh_facts

    session = Session(bind=op.get_bind())
    refresh_facts(session, "disposition")
    session.flush()


def downgrade() -> None:
    pass
