"""Open the client database: check the file, copy it aside, migrate, hand out sessions.

Start-up order (Anki's and Vorta's habit): look at the file read-only first, so a
file we cannot use (corrupt, foreign, written by a newer app) is refused without a
single byte changed; only then copy it aside and run the pending migrations.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.domain.serialization import json_text
from inspector_app.store.audit import AuditSeal
from inspector_app.store.errors import (
    DatabaseCorrupt,
    DatabaseTooNew,
    NotAnInspectorDatabase,
    StoreError,
)
from inspector_app.store.unit_of_work import Action

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Migrations:
    """Where the migration scripts are. Tests add a version folder; the app uses the default."""

    script_location: Path = MIGRATIONS_DIR
    extra_version_locations: tuple[Path, ...] = ()

    def config(self, connection: Any = None) -> Config:
        cfg = Config()
        # ConfigParser interpolation: a literal % in a path must be doubled.
        cfg.set_main_option("script_location", str(self.script_location).replace("%", "%%"))
        cfg.set_main_option("path_separator", "os")
        locations = (self.script_location / "versions", *self.extra_version_locations)
        cfg.set_main_option(
            "version_locations", os.pathsep.join(str(p).replace("%", "%%") for p in locations)
        )
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    def script(self) -> ScriptDirectory:
        return ScriptDirectory.from_config(self.config())

    def head(self) -> str:
        head = self.script().get_current_head()
        if head is None:
            raise StoreError("the app ships no database migrations; reinstall Field Inspector")
        return head

    def knows(self, revision: str) -> bool:
        try:
            return self.script().get_revision(revision) is not None
        except CommandError:
            return False


@dataclass(frozen=True)
class _FileState:
    """What a read-only look at the file found."""

    has_content: bool  # an existing, non-empty SQLite file
    revision: str | None  # alembic revision, None if never migrated


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _probe(path: Path, migrations: Migrations) -> _FileState:
    """Refuse a file we must not touch; never writes to it (opened with ``mode=ro``)."""
    if not path.exists() or path.stat().st_size == 0:
        return _FileState(has_content=False, revision=None)
    # Without a -wal file every committed page is in the main file, so it can be
    # read as immutable: no locks and no -wal/-shm created next to a file we may
    # refuse. With a -wal (another window open, or a crash) read it the normal way.
    mode = "mode=ro" if _sidecars(path)[0].exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                problems = "; ".join(str(row[0]) for row in check[:3])
                raise DatabaseCorrupt(_corrupt_message(path, problems))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revisions = (
                [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(_corrupt_message(path, str(exc))) from exc

    if "alembic_version" not in tables and tables:
        raise NotAnInspectorDatabase(
            f"{path} is a SQLite database but not one written by Field Inspector. "
            "Choose another profile folder; the file was left untouched."
        )
    if len(revisions) > 1:
        raise DatabaseCorrupt(_corrupt_message(path, f"several schema versions {revisions}"))
    revision = revisions[0] if revisions else None
    if revision is not None and not migrations.knows(revision):
        raise DatabaseTooNew(
            f"{path} was written by a newer Field Inspector (schema {revision}); "
            f"this version knows up to {migrations.head()}. "
            "Update the app; the file was left untouched."
        )
    return _FileState(has_content=True, revision=revision)


def _corrupt_message(path: Path, detail: str) -> str:
    return (
        f"{path} is not a readable Field Inspector database ({detail}). "
        "Restore it from a .bak copy next to it or from a backup, or choose another "
        "profile folder; the file was left untouched."
    )


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy ``path`` to ``<name>.before-<rev>-<UTC timestamp>.bak`` after a WAL checkpoint.

    The checkpoint moves every committed page from the -wal into the main file,
    so a plain copy of the main file is the whole database.
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise StoreError(
            f"{path} is in use by another Field Inspector window and cannot be upgraded now. "
            "Close the other window and start again."
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{revision or 'base'}-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.before-{revision or 'base'}-{stamp}-{n}.bak")
    partial = target.with_name(target.name + ".partial")
    with path.open("rb") as src, partial.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(partial, target)
    _fsync_dir(path.parent)
    return target


def _make_engine(path: Path) -> Engine:
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        json_serializer=json_text,
        json_deserializer=orjson.loads,
        connect_args={"timeout": BUSY_TIMEOUT_S},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # We emit BEGIN ourselves (below); pysqlite's implicit BEGIN comes too late
        # for read-then-write transactions such as the audit chain.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot switch to WAL mode (got {mode})")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _migrate(engine: Engine, migrations: Migrations) -> None:
    # Batch migrations rebuild tables; foreign keys must be off while they do,
    # and the pragma only takes effect outside a transaction.
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            command.upgrade(migrations.config(conn), "head")
            if conn.in_transaction():
                conn.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"migration left broken references: {broken[:5]}")
    finally:
        engine.dispose()  # no pooled connection keeps foreign_keys=OFF


class Database:
    """An open client database: sessions for reading, transactions for writing."""

    def __init__(self, path: Path, engine: Engine, backup: Path | None) -> None:
        self.path = path
        self.engine = engine
        self.backup = backup  # the copy made before this start-up's upgrade, if any
        # The device's key that seals audit events; the profile sets it (keyring or file).
        self.audit_seal: AuditSeal | None = None
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (deferred transaction: readers never wait for writers in WAL)."""
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (``BEGIN IMMEDIATE``), committed on success.

        For data coming down from the server; user actions use :meth:`action`.
        """
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def action(self, *, actor: str, device_id: str) -> Iterator[Action]:
        """One user action: change + outbox entry + audit event, committed together."""
        with self.write() as session:
            yield Action(session, actor=actor, device_id=device_id, seal=self.audit_seal)

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return None if row is None else str(row[0])

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, migrations: Migrations | None = None) -> Database:
    """Open (creating if needed) and migrate the database file at ``path``.

    Raises :class:`DatabaseCorrupt`, :class:`NotAnInspectorDatabase` or
    :class:`DatabaseTooNew` without changing the file.
    """
    migrations = migrations or Migrations()
    path = Path(path)
    state = _probe(path, migrations)
    head = migrations.head()
    backup: Path | None = None
    if state.has_content and state.revision != head:
        backup = backup_before_upgrade(path, state.revision)
    engine = _make_engine(path)
    try:
        if state.revision != head:
            _migrate(engine, migrations)
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine, backup)
