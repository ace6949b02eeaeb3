"""The task list's columns: filled on upgrade from the task JSON, read from one index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from inspector_app.store import Migrations, open_database
from inspector_app.store.reader import Reader, quick_look, shipped_head
from inspector_app.store.task_list import LIST_COLUMNS, task_list_rows


def _database_at_0002(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(Migrations().config(conn), "0002")
    engine.dispose()


def test_upgrade_copies_the_list_columns_out_of_each_tasks_json(db_path: Path) -> None:
    _database_at_0002(db_path)
    data = {
        "business": {"credit_class": "D", "positive_list": True, "area": "福田区沙头街道"},
        "departments": [{"code": "SZSCJG", "name": "市场监管"}, {"code": "XF", "name": "消防"}],
    }
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO tasks (id, rev, status, business_name, business_uscc, business_address,"
        " departments, window_start, window_end, data, received_at) VALUES"
        " ('t-1', 1, 'assigned', '湘里人家', '91440300MA5FXXXX0X', '深圳', ?,"
        " '2026-11-02', '2026-11-27', ?, '2026-11-01T00:00:00.000000+00:00')",
        ('["市场监管","消防"]', json.dumps(data, ensure_ascii=False)),
    )
    conn.executemany(
        "INSERT INTO merged_items (task_id, item_id, position, code, title, severity)"
        " VALUES ('t-1', ?, ?, ?, 'x', 'general')",
        [(f"i-{n}", n, f"C-{n}") for n in range(3)],
    )
    conn.commit()
    conn.close()

    database = open_database(db_path)
    try:
        reader = Reader(db_path)
        with reader.connection() as conn:
            (row,) = task_list_rows(conn)
        reader.close()
        listed = dict(zip(LIST_COLUMNS, row, strict=True))
        assert listed["id"] == "t-1"
        assert (listed["credit_class"], listed["positive_list"], listed["area"]) == (
            "D",
            1,
            "福田区沙头街道",
        )
        assert json.loads(listed["department_codes"]) == ["SZSCJG", "XF"]
        assert listed["n_items"] == 3
    finally:
        database.close()


def test_listing_reads_the_covering_index_only(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        with database.engine.connect() as conn:
            plan = conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT {', '.join(LIST_COLUMNS)} FROM tasks"
                " ORDER BY window_start, business_name, id"
            ).all()
        assert "USING COVERING INDEX ix_tasks_list" in " ".join(str(r[-1]) for r in plan)
    finally:
        database.close()


def test_the_shipped_head_is_read_without_alembic() -> None:
    assert shipped_head() == Migrations().head()


def test_a_quick_look_passes_a_current_file_and_nothing_else(db_path: Path) -> None:
    assert quick_look(db_path) is None  # no file
    database = open_database(db_path)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO sync_state (key, value) VALUES ('device_id', 'd-1')")
    database.close()
    look = quick_look(db_path)
    assert look is not None and look.state == {"device_id": "d-1"}

    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])  # truncated: its header names more pages
    assert quick_look(db_path) is None
    db_path.write_bytes(b"\x00" * len(data))  # not SQLite at all
    assert quick_look(db_path) is None


def test_a_quick_look_leaves_an_older_schema_to_the_full_open(db_path: Path) -> None:
    _database_at_0002(db_path)
    assert quick_look(db_path) is None
