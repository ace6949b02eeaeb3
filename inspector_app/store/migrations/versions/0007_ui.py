"""task list columns and covering index; inspection observers

The task list filters by department, area and credit class and shows the
positive-list badge and the item count: those come out of the task's JSON into
columns, and one covering index holds every column the list reads, so listing or
counting 10,000 tasks never touches the large rows. Inspections gain the public
observers present at the visit.

Revision ID: 0007_ui
Revises: 0006_review
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_ui"
down_revision: str | None = "0006_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIST_COLUMNS = [
    "window_start",
    "business_name",
    "id",
    "status",
    "server_state",
    "window_end",
    "business_uscc",
    "business_address",
    "credit_class",
    "positive_list",
    "area",
    "n_items",
    "departments",
    "department_codes",
]


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the tasks table can be hundreds of megabytes.
    op.add_column(
        "tasks", sa.Column("credit_class", sa.String(1), nullable=False, server_default="B")
    )
    op.add_column(
        "tasks", sa.Column("positive_list", sa.Boolean(), nullable=False, server_default="0")
    )
    op.add_column("tasks", sa.Column("area", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "tasks", sa.Column("department_codes", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column("tasks", sa.Column("n_items", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        """
        UPDATE tasks SET
          credit_class = coalesce(json_extract(data, '$.business.credit_class'), 'B'),
          positive_list = CASE WHEN json_extract(data, '$.business.positive_list') THEN 1
                               ELSE 0 END,
          area = coalesce(json_extract(data, '$.business.area'), ''),
          department_codes = (SELECT json_group_array(json_extract(value, '$.code'))
                              FROM json_each(data, '$.departments')),
          n_items = (SELECT count(*) FROM merged_items m WHERE m.task_id = tasks.id)
        """
    )
    op.create_index("ix_tasks_list", "tasks", _LIST_COLUMNS)
    op.add_column(
        "inspections", sa.Column("observers", sa.JSON(), nullable=False, server_default="[]")
    )


def downgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.drop_column("observers")
    op.drop_index("ix_tasks_list", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        for column in ("n_items", "department_codes", "area", "positive_list", "credit_class"):
            batch.drop_column(column)
