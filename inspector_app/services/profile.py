"""A profile: one folder holding one account's database, blobs and device identity."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from inspector_app.domain.entities import Inspector
from inspector_app.services.errors import InvalidState, ProfileUnavailable
from inspector_app.store.blobs import BlobStore
from inspector_app.store.errors import StoreError
from inspector_app.store.reader import Reader, quick_look
from inspector_app.store.state import (
    DEVICE_KEY,
    USER_KEY,
    inspector_from_state,
    inspector_to_state,
)

if TYPE_CHECKING:
    from inspector_app.store.db import Database

DATABASE_NAME = "inspector.db"
BLOBS_DIR = "blobs"


class Profile:
    """An open profile. Pass it to every service function; close it when done.

    ``reader`` serves the light reads (the task list) with plain sqlite3. ``db``, the
    SQLAlchemy side for everything else, opens on first use when the start-up look
    found the file whole and current (``store.reader.quick_look``); ``checked`` is
    False until its full integrity check has run (:func:`check_integrity`).
    """

    def __init__(
        self,
        folder: Path,
        db: Database | None,
        blobs: BlobStore,
        device_id: str,
        user: Inspector | None,
        *,
        reader: Reader | None = None,
        checked: bool = True,
    ) -> None:
        self.folder = folder
        self._db = db
        self._db_lock = threading.Lock()
        self.blobs = blobs
        self.device_id = device_id
        self.user = user
        self.reader = reader or Reader(folder / DATABASE_NAME)
        self.checked = checked

    @property
    def db(self) -> Database:
        if self._db is None:
            with self._db_lock:
                if self._db is None:
                    from inspector_app.store.db import open_database

                    try:
                        # quick_look found it whole and at the shipped schema already.
                        self._db = open_database(self.folder / DATABASE_NAME, probe=False)
                    except StoreError as exc:
                        raise ProfileUnavailable(str(exc)) from exc
        return self._db

    @property
    def db_open(self) -> bool:
        return self._db is not None

    def require_user(self) -> Inspector:
        if self.user is None:
            raise InvalidState("No one is signed in to this profile. Sign in first, then retry.")
        return self.user

    def set_user(self, user: Inspector | None) -> None:
        """Remember who works with this profile (``None`` signs out)."""
        from inspector_app.store.repositories import delete_state, set_state

        with self.db.write() as session:
            if user is None:
                delete_state(session, USER_KEY)
            else:
                set_state(session, USER_KEY, inspector_to_state(user))
        self.user = user

    def close(self) -> None:
        self.reader.close()
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> Profile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_profile(folder: Path, *, user: Inspector | None = None) -> Profile:
    """Open the profile in ``folder`` (created if needed), migrating its database.

    ``user`` becomes the profile's signed-in user; without it the one stored last
    time is used, so the CLI can reopen a profile without signing in again.

    A database that a cheap look finds whole and current is not opened further
    here: the window shows its task list from plain SQLite, SQLAlchemy follows on
    first use, and the full integrity check runs after start-up.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DATABASE_NAME
    look = quick_look(path) if user is None else None
    if look is not None and look.state.get(DEVICE_KEY):
        stored = look.state.get(USER_KEY)
        return Profile(
            folder,
            None,
            BlobStore(folder / BLOBS_DIR),
            look.state[DEVICE_KEY],
            None if stored is None else inspector_from_state(stored),
            reader=Reader(path),
            checked=False,
        )
    return _open_fully(folder, user)


def _open_fully(folder: Path, user: Inspector | None) -> Profile:
    from inspector_app.store.db import open_database
    from inspector_app.store.repositories import get_state, set_state

    try:
        db = open_database(folder / DATABASE_NAME)
    except StoreError as exc:
        raise ProfileUnavailable(str(exc)) from exc
    try:
        blobs = BlobStore(folder / BLOBS_DIR)
        with db.write() as session:
            device_id = get_state(session, DEVICE_KEY)
            if device_id is None:
                device_id = str(uuid.uuid4())
                set_state(session, DEVICE_KEY, device_id)
            if user is not None:
                set_state(session, USER_KEY, inspector_to_state(user))
            else:
                stored = get_state(session, USER_KEY)
                user = None if stored is None else inspector_from_state(stored)
    except BaseException:
        db.close()
        raise
    return Profile(folder, db, blobs, device_id, user)


def check_integrity(profile: Profile) -> str | None:
    """SQLite's quick check of the whole file: None when sound, else what is wrong.

    Run after start-up on a profile opened the quick way, off the GUI thread: on a
    large profile it reads every page.
    """
    with profile.reader.connection() as conn:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    profile.checked = True
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])
