"""A profile: one folder holding one account's database, blobs and device identity."""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from inspector_app.domain.entities import Inspector, JointTask
from inspector_app.services.errors import InvalidState, ProfileUnavailable
from inspector_app.services.messages import Text
from inspector_app.services.settings import BY_KEY, Settings
from inspector_app.store.blobs import BlobStore
from inspector_app.store.errors import (
    DatabaseCorrupt,
    DatabaseTooNew,
    NotAnInspectorDatabase,
    StoreError,
)
from inspector_app.store.reader import Reader, quick_look
from inspector_app.store.state import (
    DEVICE_KEY,
    USER_KEY,
    inspector_from_state,
    inspector_to_state,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from inspector_app.store.audit import AuditSeal
    from inspector_app.store.audit_check import ChainVerdict
    from inspector_app.store.db import Database

log = logging.getLogger(__name__)

DATABASE_NAME = "inspector.db"
BLOBS_DIR = "blobs"
# The names other modules (services.profiles) read the state by.
_DEVICE_KEY = DEVICE_KEY
_USER_KEY = USER_KEY

NOBODY_SIGNED_IN = Text(
    "profile.nobody_signed_in",
    en="No one is signed in to this profile. Sign in first, then retry.",
    zh="此配置还没有人登录。请先登录，再重试。",
)
TOO_NEW = Text(
    "profile.too_new",
    en="A newer version of Field Inspector wrote this profile. Update the app. ({detail})",
    zh="此配置由更新版本的现场检查写入，请先更新本程序。（{detail}）",
)
CORRUPT = Text(
    "profile.corrupt",
    en="The profile's database cannot be read. {detail}",
    zh="无法读取此配置的数据库。请用旁边的 .bak 副本或备份恢复，或选择其他配置文件夹；"
    "原文件未作改动。（{detail}）",
)
FOREIGN = Text(
    "profile.foreign",
    en="This folder holds a database that Field Inspector did not write. {detail}",
    zh="此文件夹中的数据库不是现场检查创建的，请选择其他配置文件夹。（{detail}）",
)
UNAVAILABLE = Text(
    "profile.unavailable",
    en="The profile cannot be opened: {detail}",
    zh="无法打开此配置：{detail}",
)


#: How many parsed tasks a profile keeps (a few hundred kB each at 300 items).
PARSED_TASKS_KEPT = 8


class Profile:
    """An open profile. Pass it to every service function; close it when done.

    ``reader`` serves the light reads (the task list) with plain sqlite3. ``db``, the
    SQLAlchemy side for everything else, opens on first use when the start-up look
    found the file whole and current (``store.reader.quick_look``); opening it checks
    this laptop's audit trail first (``audit_verdict``). ``checked`` is False until
    the file's full integrity check has run (:func:`check_integrity`).
    """

    def __init__(
        self,
        folder: Path,
        db: Database | None,
        blobs: BlobStore,
        device_id: str,
        user: Inspector | None,
        audit_verdict: ChainVerdict | None = None,
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
        #: The long side of photos' copies for documents: the ``photo_long_side`` setting
        #: of whoever opened the profile (:meth:`follow_settings`), else its default.
        self.photo_long_side: int = BY_KEY["photo_long_side"].default
        # What the check of the audit trail found (None: the database is not open yet).
        self._audit_verdict = audit_verdict
        # Tasks as parsed from their stored JSON, the latest few (see ``parsed_task``).
        self._parsed: OrderedDict[Hashable, JointTask] = OrderedDict()
        self._parsed_lock = threading.Lock()
        if db is not None and audit_verdict is None:
            from inspector_app.store.audit_check import ChainVerdict

            self._audit_verdict = ChainVerdict(True, 0)

    def parsed_task(self, version: Hashable, parse: Callable[[], JointTask]) -> JointTask:
        """The task stored as ``version`` (its id, rev and when its data was written),
        parsed once: opening a task with a 300-item checklist again, or the documents
        and dispositions reading it beside the window, costs no JSON parsing. Tasks
        are immutable values, so one parsed copy serves every reader and thread."""
        with self._parsed_lock:
            task = self._parsed.get(version)
            if task is not None:
                self._parsed.move_to_end(version)
                return task
        task = parse()
        with self._parsed_lock:
            self._parsed[version] = task
            while len(self._parsed) > PARSED_TASKS_KEPT:
                self._parsed.popitem(last=False)
        return task

    @property
    def db(self) -> Database:
        if self._db is None:
            with self._db_lock:
                if self._db is None:
                    self._db = self._open_db()
        return self._db

    def _open_db(self) -> Database:
        from inspector_app.store.db import open_database

        try:
            # quick_look found it whole and at the shipped schema already.
            db = open_database(self.folder / DATABASE_NAME, probe=False)
        except StoreError as exc:
            raise ProfileUnavailable(_store_text(exc), detail=str(exc)) from exc
        try:
            # Checked, and its seal set, before anything can write an audit event.
            self._audit_verdict = _check_audit_trail(db, self.folder, self.device_id, self.user)
        except BaseException:
            db.close()
            raise
        return db

    @property
    def db_open(self) -> bool:
        return self._db is not None

    @property
    def audit_verdict(self) -> ChainVerdict:
        """What the check of this laptop's audit trail found when the database opened
        (for a profile opened the quick way, asking opens the database)."""
        if self._audit_verdict is None:
            self.db  # noqa: B018 - opening the database checks the trail
        assert self._audit_verdict is not None
        return self._audit_verdict

    def follow_settings(self, settings: Settings) -> None:
        """Work on this profile as this laptop's settings say (the window calls it again
        when a setting changes): the size of photos' document copies."""
        self.photo_long_side = int(settings.get("photo_long_side"))

    def require_user(self) -> Inspector:
        if self.user is None:
            raise InvalidState(NOBODY_SIGNED_IN)
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

    def renew_device_id(self) -> bool:
        """Give this profile a new device id, if nothing here was done under the old one
        (no outbox entry, no audit event): the server has the old id registered to
        another user (a profile folder copied from someone else's). False, and nothing
        changed, when the profile holds work: that work stays with its device."""
        from sqlalchemy import func, select

        from inspector_app.store.models import OutboxRow
        from inspector_app.store.repositories import set_state
        from inspector_app.store.sync_records import audit_event_count

        with self.db.write() as session:
            if session.scalar(select(func.count()).select_from(OutboxRow)):
                return False
            if audit_event_count(session, self.device_id):
                return False
            device_id = str(uuid.uuid4())
            set_state(session, DEVICE_KEY, device_id)
        self.device_id = device_id
        return True

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


def _store_text(exc: StoreError) -> Text:
    if isinstance(exc, DatabaseTooNew):
        return TOO_NEW
    if isinstance(exc, DatabaseCorrupt):
        return CORRUPT
    if isinstance(exc, NotAnInspectorDatabase):
        return FOREIGN
    return UNAVAILABLE


def open_profile(folder: Path, *, user: Inspector | None = None) -> Profile:
    """Open the profile in ``folder`` (created if needed), migrating its database.

    ``user`` becomes the profile's signed-in user; without it the one stored last
    time is used, so the CLI can reopen a profile without signing in again.

    A database that a cheap look finds whole and current is not opened further
    here: the window shows its task list from plain SQLite, SQLAlchemy follows on
    first use (and checks the audit trail then), and the full integrity check runs
    after start-up.
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
        raise ProfileUnavailable(_store_text(exc), detail=str(exc)) from exc
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
        verdict = _check_audit_trail(db, folder, device_id, user)
    except BaseException:
        db.close()
        raise
    return Profile(folder, db, blobs, device_id, user, verdict)


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


def _check_audit_trail(
    db: Database, folder: Path, device_id: str, user: Inspector | None
) -> ChainVerdict:
    """Take the device's audit key (made on first use), check the chain, record a break.

    One write transaction, so two processes opening the profile at once do not both
    make a key. A break is logged and recorded in the chain (once); nothing is
    removed and the profile opens as usual: its data is still needed, and the next
    sync carries the record of the break to the server.
    """
    from inspector_app.store.audit import AuditSeal
    from inspector_app.store.audit_check import PUSHED_KEY, record_break, verify_chain
    from inspector_app.store.repositories import get_state
    from inspector_app.store.types import utcnow
    from inspector_app.sync.credentials import audit_key_store

    keys = audit_key_store(folder, device_id)
    actor = user.id if user is not None else "system"
    with db.write() as session:
        secret = keys.get()
        seal = None if secret is None else AuditSeal.from_secret(secret)
        lost_key = None
        if seal is None:
            seal, lost_key = _new_seal(session, device_id)
            keys.set(seal.secret())
            log.info("audit key for device %s kept in %s", device_id, keys.where)
        db.audit_seal = seal
        acknowledged = int(get_state(session, PUSHED_KEY) or 0)
        verdict = verify_chain(
            session, device_id, seal=seal, acknowledged=acknowledged, from_acknowledged=True
        )
        if lost_key is not None and verdict.ok:
            verdict = lost_key
        if not verdict.ok:
            log.error("this laptop's audit trail is damaged: %s", verdict.describe())
            record_break(
                session, device_id=device_id, actor=actor, verdict=verdict, seal=seal, at=utcnow()
            )
    return verdict


def _new_seal(session: Session, device_id: str) -> tuple[AuditSeal, ChainVerdict | None]:
    """A fresh key sealing from the next event on; and, when events were sealed before
    (so a key existed and is gone), the verdict saying so."""
    from sqlalchemy import func, select

    from inspector_app.store.audit import AuditSeal
    from inspector_app.store.audit_check import ChainVerdict
    from inspector_app.store.models import AuditEventRow

    last, sealed = session.execute(
        select(func.max(AuditEventRow.seq), func.count(AuditEventRow.mac)).where(
            AuditEventRow.device_id == device_id
        )
    ).one()
    seal = AuditSeal(os.urandom(32), int(last or 0) + 1)
    if not sealed:
        return seal, None
    return seal, ChainVerdict(
        False,
        0,
        None,
        "the key that sealed this laptop's audit events is missing, so the events "
        f"before {seal.first_seq} that were not yet sent cannot be proven unchanged",
        seal.first_seq,
    )
