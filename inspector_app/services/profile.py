"""A profile: one folder holding one account's database, blobs and device identity."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from types import TracebackType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.domain.entities import Inspector
from inspector_app.services.errors import InvalidState, ProfileUnavailable
from inspector_app.services.messages import Text
from inspector_app.store import AuditSeal, BlobStore, Database, StoreError, open_database
from inspector_app.store.audit_check import PUSHED_KEY, ChainVerdict, record_break, verify_chain
from inspector_app.store.errors import DatabaseCorrupt, DatabaseTooNew, NotAnInspectorDatabase
from inspector_app.store.models import AuditEventRow, OutboxRow
from inspector_app.store.repositories import (
    delete_state,
    get_state,
    inspector_from_state,
    inspector_to_state,
    set_state,
)
from inspector_app.store.sync_records import audit_event_count
from inspector_app.store.types import utcnow
from inspector_app.sync.credentials import audit_key_store

log = logging.getLogger(__name__)

DATABASE_NAME = "inspector.db"
BLOBS_DIR = "blobs"
_DEVICE_KEY = "device_id"
_USER_KEY = "user"

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


class Profile:
    """An open profile. Pass it to every service function; close it when done."""

    def __init__(
        self,
        folder: Path,
        db: Database,
        blobs: BlobStore,
        device_id: str,
        user: Inspector | None,
        audit_verdict: ChainVerdict | None = None,
    ) -> None:
        self.folder = folder
        self.db = db
        self.blobs = blobs
        self.device_id = device_id
        self.user = user
        #: What the check of this laptop's audit trail found when the profile opened.
        self.audit_verdict = audit_verdict or ChainVerdict(True, 0)

    def require_user(self) -> Inspector:
        if self.user is None:
            raise InvalidState(NOBODY_SIGNED_IN)
        return self.user

    def set_user(self, user: Inspector | None) -> None:
        """Remember who works with this profile (``None`` signs out)."""
        with self.db.write() as session:
            if user is None:
                delete_state(session, _USER_KEY)
            else:
                set_state(session, _USER_KEY, inspector_to_state(user))
        self.user = user

    def renew_device_id(self) -> bool:
        """Give this profile a new device id, if nothing here was done under the old one
        (no outbox entry, no audit event): the server has the old id registered to
        another user (a profile folder copied from someone else's). False, and nothing
        changed, when the profile holds work: that work stays with its device."""
        with self.db.write() as session:
            if session.scalar(select(func.count()).select_from(OutboxRow)):
                return False
            if audit_event_count(session, self.device_id):
                return False
            device_id = str(uuid.uuid4())
            set_state(session, _DEVICE_KEY, device_id)
        self.device_id = device_id
        return True

    def close(self) -> None:
        self.db.close()

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
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        db = open_database(folder / DATABASE_NAME)
    except StoreError as exc:
        raise ProfileUnavailable(_store_text(exc), detail=str(exc)) from exc
    try:
        blobs = BlobStore(folder / BLOBS_DIR)
        with db.write() as session:
            device_id = get_state(session, _DEVICE_KEY)
            if device_id is None:
                device_id = str(uuid.uuid4())
                set_state(session, _DEVICE_KEY, device_id)
            if user is not None:
                set_state(session, _USER_KEY, inspector_to_state(user))
            else:
                stored = get_state(session, _USER_KEY)
                user = None if stored is None else inspector_from_state(stored)
        verdict = _check_audit_trail(db, folder, device_id, user)
    except BaseException:
        db.close()
        raise
    return Profile(folder, db, blobs, device_id, user, verdict)


def _check_audit_trail(
    db: Database, folder: Path, device_id: str, user: Inspector | None
) -> ChainVerdict:
    """Take the device's audit key (made on first use), check the chain, record a break.

    One write transaction, so two processes opening the profile at once do not both
    make a key. A break is logged and recorded in the chain (once); nothing is
    removed and the profile opens as usual: its data is still needed, and the next
    sync carries the record of the break to the server.
    """
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
