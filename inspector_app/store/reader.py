"""Plain sqlite3 for the start-up path: a cheap look at the file and light reads.

Opening the window reads the task list, the device id and the signed-in user; none
of that needs SQLAlchemy or Alembic, whose imports cost more than the rest of
start-up together. This module uses the standard library only:

- :func:`quick_look` checks, without writing a byte, that the file is a SQLite
  database of ours, whole (its header's page count matches its size), at the
  schema the app ships; only then may the full open be deferred. Anything else
  goes the full way (``db.open_database``: integrity check, copy aside, migrate).
- :class:`Reader` hands out read-only connections, one per thread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HEADER = b"SQLite format 3\x00"
_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(None|['\"]([^'\"]+)['\"])", re.M)
VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
BUSY_TIMEOUT_S = 15.0


@cache
def shipped_head(folder: Path = VERSIONS) -> str | None:
    """The last migration the app ships, read from the version files without Alembic.

    None when the files do not name exactly one head (Alembic decides then).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        found = {m[1] or "": m[3] for m in _REVISION.finditer(path.read_text(encoding="utf-8"))}
        if "" not in found or found[""] is None:
            continue
        revisions.add(found[""])
        if found.get("down_"):
            parents.add(str(found["down_"]))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


@dataclass(frozen=True, slots=True)
class QuickLook:
    revision: str
    state: dict[str, str]  # the sync_state table: device id, signed-in user…


def _whole(path: Path) -> bool:
    """A SQLite file whose header is ours to read and whose pages are all there."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header size is valid when the change counters agree (SQLite >= 3.7.0).
    valid = header[24:28] == header[92:96] and pages > 0
    return not valid or path.stat().st_size >= pages * page_size


def quick_look(path: Path) -> QuickLook | None:
    """A cheap, read-only look; None means "open it the full way"."""
    if not path.is_file() or not _whole(path):
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    except (sqlite3.Error, TypeError, ValueError):
        return None
    finally:
        conn.close()
    if revision != shipped_head():
        return None
    return QuickLook(revision=str(revision), state={str(k): str(v) for k, v in state.items()})


class Reader:
    """Read-only sqlite3 connections to the profile database, one per thread.

    WAL mode lets them read while a write transaction is open elsewhere; each
    ``connection()`` block is one consistent snapshot.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA query_only=ON")
        with self._lock:
            self._all.append(conn)
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            self._local.depth = 0
        if self._local.depth == 0:
            conn.execute("BEGIN")
        self._local.depth += 1
        try:
            yield conn
        finally:
            self._local.depth -= 1
            if self._local.depth == 0:
                conn.execute("COMMIT")

    def state(self, keys: tuple[str, ...]) -> dict[str, str]:
        """The ``sync_state`` values of ``keys`` that are set."""
        from inspector_app.store.state import STATE_TABLE

        marks = ",".join("?" * len(keys))
        with self.connection() as conn:
            rows = conn.execute(
                f"SELECT key, value FROM {STATE_TABLE} WHERE key IN ({marks})", keys
            ).fetchall()
        return {str(k): str(v) for k, v in rows}

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
