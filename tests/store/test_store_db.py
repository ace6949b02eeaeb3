"""Opening the database: pragmas, migrations, copy-aside, refusing files we must not touch."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from inspector_app.store import (
    Database,
    DatabaseCorrupt,
    DatabaseTooNew,
    Migrations,
    NotAnInspectorDatabase,
    StoreError,
    open_database,
)
from inspector_app.store.models import Base

EXTRA = Path(__file__).parent / "extra_migrations"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragmas(conn: sqlite3.Connection | object) -> tuple[str, int, int]:
    run = conn.exec_driver_sql  # type: ignore[attr-defined]
    return (
        run("PRAGMA journal_mode").scalar(),
        run("PRAGMA synchronous").scalar(),
        run("PRAGMA foreign_keys").scalar(),
    )


def test_every_connection_gets_wal_full_sync_and_foreign_keys(db: Database) -> None:
    # Several connections at once, so the pool has to open more than one.
    with db.engine.connect() as a, db.engine.connect() as b:
        assert pragmas(a) == ("wal", 2, 1)  # synchronous: 2 = FULL
        assert pragmas(b) == ("wal", 2, 1)
    with db.session() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with db.write() as s:
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2


def test_a_new_file_is_migrated_to_head_and_matches_the_models(db: Database) -> None:
    assert db.revision() == Migrations().head()
    assert db.backup is None
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == [], "models.py and the migrations disagree; write a migration"


def test_reopening_an_up_to_date_file_makes_no_copy(db_path: Path) -> None:
    open_database(db_path).close()
    again = open_database(db_path)
    again.close()
    assert again.backup is None
    assert not list(db_path.parent.glob("*.bak"))


def test_an_empty_file_is_treated_as_new(db_path: Path) -> None:
    db_path.write_bytes(b"")
    database = open_database(db_path)
    database.close()
    assert database.revision() == Migrations().head()
    assert database.backup is None


def _insert_task_row(conn: sqlite3.Connection, task_id: str) -> None:
    conn.execute(
        "INSERT INTO tasks (id, rev, status, business_name, business_uscc, business_address,"
        " departments, window_start, window_end, data, received_at) VALUES"
        " (?, 1, 'assigned', 'n', 'u', 'a', '[]', '2026-05-01', '2026-05-02', '{}',"
        " '2026-05-01T00:00:00.000000+00:00')",
        (task_id,),
    )


def test_upgrade_copies_the_file_aside_including_the_wal_first(db_path: Path) -> None:
    open_database(db_path).close()
    shipped = Migrations().head()
    # Leave committed rows only in the -wal: this connection never checkpoints and
    # stays open, so closing it cannot fold the WAL into the main file either.
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    _insert_task_row(holder, "kept-in-wal")
    holder.commit()
    assert Path(str(db_path) + "-wal").stat().st_size > 0

    upgraded = open_database(db_path, migrations=Migrations(extra_version_locations=(EXTRA,)))
    try:
        assert upgraded.revision() == "0099"
        assert upgraded.backup is not None
        assert re.fullmatch(
            rf"inspector\.db\.before-{re.escape(shipped)}-\d{{8}}T\d{{6}}Z\.bak",
            upgraded.backup.name,
        ), upgraded.backup.name
        with upgraded.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT test_only_note FROM tasks").all() == [(None,)]
    finally:
        upgraded.close()
        holder.close()

    copy = sqlite3.connect(f"{upgraded.backup.as_uri()}?mode=ro", uri=True)
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(shipped,)]
        assert copy.execute("SELECT id FROM tasks").fetchall() == [("kept-in-wal",)]
    finally:
        copy.close()


def test_upgrade_from_base_with_only_the_shipped_migrations(db_path: Path) -> None:
    database = open_database(db_path)
    with database.engine.connect() as conn:
        command.downgrade(Migrations().config(conn), "base")
        conn.commit()
    database.close()

    upgraded = open_database(db_path)
    upgraded.close()
    assert upgraded.revision() == Migrations().head()
    assert upgraded.backup is not None
    assert upgraded.backup.name.startswith("inspector.db.before-base-")


def test_a_file_from_a_newer_app_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    before = sha256_of(db_path)
    files_before = sorted(os.listdir(db_path.parent))

    with pytest.raises(DatabaseTooNew) as err:
        open_database(db_path)

    message = str(err.value)
    assert "newer Field Inspector (schema 0999)" in message
    assert f"knows up to {Migrations().head()}" in message
    assert "Update the app; the file was left untouched." in message
    assert sha256_of(db_path) == before
    assert sorted(os.listdir(db_path.parent)) == files_before  # no copy, no stray -wal
    assert isinstance(err.value, StoreError)


def test_random_bytes_are_refused_as_corrupt_and_left_untouched(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(8192))
    before = sha256_of(db_path)
    with pytest.raises(DatabaseCorrupt) as err:
        open_database(db_path)
    assert "not a readable Field Inspector database" in str(err.value)
    assert "left untouched" in str(err.value)
    assert sha256_of(db_path) == before
    assert os.listdir(db_path.parent) == [db_path.name]


def test_a_truncated_database_is_refused_as_corrupt_and_left_untouched(db_path: Path) -> None:
    database = open_database(db_path)
    with database.engine.begin() as conn:  # enough rows to span many pages
        for n in range(300):
            _insert_task_row(conn.connection.driver_connection, f"t-{n}")  # type: ignore[arg-type]
    database.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = sha256_of(db_path)
    with pytest.raises(DatabaseCorrupt):
        open_database(db_path)
    assert sha256_of(db_path) == before


def test_another_programs_sqlite_file_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = sha256_of(db_path)
    with pytest.raises(NotAnInspectorDatabase):
        open_database(db_path)
    assert sha256_of(db_path) == before


def test_a_newer_schema_still_in_the_wal_is_seen_and_nothing_is_changed(db_path: Path) -> None:
    open_database(db_path).close()
    holder = sqlite3.connect(db_path)  # another window, open, with the change only in its WAL
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("UPDATE alembic_version SET version_num = '0999'")
    holder.commit()
    wal = Path(f"{db_path}-wal")
    before = (sha256_of(db_path), sha256_of(wal))
    try:
        with pytest.raises(DatabaseTooNew, match="schema 0999"):
            open_database(db_path)
        assert (sha256_of(db_path), sha256_of(wal)) == before
    finally:
        holder.close()
