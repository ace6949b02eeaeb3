"""Migration 0006_review on a profile that already holds tasks and visits: every task
gets its team and inspectors from its JSON (the lead's queue reads them), inspections
keep what they had, the reviews table is there and empty; and it goes back down."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command

from inspector_app.store import Migrations, open_database


def test_upgrade_fills_the_tasks_team_and_inspectors(tmp_path: Path) -> None:
    path = tmp_path / "inspector.db"
    database = open_database(path)
    with database.engine.connect() as conn:
        command.downgrade(Migrations().config(conn), "0006_review-1")
        conn.commit()
    database.close()

    conn = sqlite3.connect(path)
    data = {"id": "t-1", "team_id": "team-1", "inspector_ids": ["u-a", "u-b"], "checklist": []}
    conn.execute(
        "INSERT INTO tasks (id, rev, status, business_name, business_uscc, business_address, "
        "departments, window_start, window_end, data, server_state, received_at) VALUES "
        "('t-1', 3, 'completed', '示例', '91350100M000100Y43', '', '[]', '2026-05-04', "
        "'2026-05-29', ?, NULL, '2026-05-01T00:00:00.000000+00:00')",
        (json.dumps(data, ensure_ascii=False),),
    )
    conn.execute(
        "INSERT INTO tasks (id, rev, status, business_name, business_uscc, business_address, "
        "departments, window_start, window_end, data, server_state, received_at) VALUES "
        "('t-2', 1, 'assigned', '示例', '91350100M000100Y43', '', '[]', '2026-05-04', "
        "'2026-05-29', '{\"id\": \"t-2\"}', NULL, '2026-05-01T00:00:00.000000+00:00')"
    )
    conn.execute(
        "INSERT INTO inspections (task_id, status, present, party_statement, recorded_by, "
        "rev, base_rev, dirty) VALUES ('t-1', 'completed', '[]', '', 'u-a', 2, 2, 0)"
    )
    conn.commit()
    conn.close()

    upgraded = open_database(path)
    try:
        assert upgraded.revision() == Migrations().head()
        with upgraded.engine.connect() as c:
            rows = c.exec_driver_sql(
                "SELECT id, team_id, inspector_ids FROM tasks ORDER BY id"
            ).all()
            assert [(r[0], r[1], json.loads(r[2])) for r in rows] == [
                ("t-1", "team-1", ["u-a", "u-b"]),
                ("t-2", None, []),
            ]
            visit = c.exec_driver_sql(
                "SELECT status, submitted_at, round, review_id FROM inspections"
            ).one()
            assert tuple(visit) == ("completed", None, None, None)
            assert c.exec_driver_sql("SELECT count(*) FROM reviews").scalar() == 0
        with upgraded.engine.connect() as c:
            # As the app migrates: table rebuilds with foreign keys off (store.db._migrate).
            raw = c.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            command.downgrade(Migrations().config(c), "0006_review-1")
            c.commit()
            columns = {r[1] for r in c.exec_driver_sql("PRAGMA table_info(tasks)")}
            assert "team_id" not in columns and "inspector_ids" not in columns
    finally:
        upgraded.close()
