"""Where a profile stands with its server: what waits to go up, when it last synced,
what the server refused, which records are in conflict. Read-only; no Qt.

The status bar, the list of rejected changes and the conflict dialog read these.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import LargeBinary, cast, func, select

from inspector_app.domain.entities import Inspector, ItemResult
from inspector_app.domain.serialization import item_result_from_json, to_utc
from inspector_app.services.profile import Profile
from inspector_app.services.sync import client_settings_from_env, sync_engine
from inspector_app.store.models import MergedItemRow, OutboxRow, TaskRow
from inspector_app.store.repositories import get_state
from inspector_app.store.sync_records import PENDING, open_conflict_count, open_conflicts
from inspector_app.sync.client import SyncClient, SyncError
from inspector_app.sync.engine import LAST_SYNC_KEY, SERVER_KEY
from inspector_app.sync.protocol import blob_refs

log = logging.getLogger(__name__)

__all__ = [
    "ConflictView",
    "RejectedChange",
    "SyncStatus",
    "VersionView",
    "conflict_views",
    "list_rejected",
    "server_reachable",
    "sync_status",
]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    user: Inspector | None
    server_url: str | None
    signed_in: bool  # a token is held on this laptop
    pending_changes: int  # outbox entries waiting to be sent
    pending_bytes: int  # their JSON plus the local files they name (an upper bound)
    last_sync: datetime | None  # the last run that finished up to date (UTC)
    rejected: int
    open_conflicts: int


def sync_status(profile: Profile, *, signed_in: bool | None = None) -> SyncStatus:
    """The figures of the status bar. Cheap enough to call after every save: counts and
    sizes come from SQL, only entries that name files are read. ``signed_in``, when the
    caller knows it, spares asking the keyring (a D-Bus call on Linux) each time."""
    with profile.db.session() as s:
        server_url = get_state(s, SERVER_KEY)
        last = get_state(s, LAST_SYNC_KEY)
        pending = OutboxRow.state == PENDING
        count, size = s.execute(
            select(
                func.count(), func.coalesce(func.sum(func.length(_as_bytes(OutboxRow.data))), 0)
            ).where(pending)
        ).one()
        with_files = s.execute(
            select(OutboxRow.entity, OutboxRow.data).where(pending, OutboxRow.entity.in_(_FILES))
        ).all()
        rejected = int(s.scalar(select(func.count()).where(OutboxRow.state == "rejected")) or 0)
        conflicts = open_conflict_count(s)
    blobs = {sha for entity, data in with_files for sha in blob_refs(entity, data)}
    size = int(size)
    for sha in blobs:
        path = profile.blobs.path(sha)
        if path.is_file():
            size += path.stat().st_size
    if signed_in is None:
        try:
            signed_in = sync_engine(profile).signed_in()
        except Exception:  # a keyring that fails to answer: not signed in, why in the log
            log.warning("cannot read the sign-in token", exc_info=True)
            signed_in = False
    return SyncStatus(
        user=profile.user,
        server_url=server_url,
        signed_in=signed_in,
        pending_changes=int(count),
        pending_bytes=size,
        last_sync=None if last is None else to_utc(datetime.fromisoformat(last)),
        rejected=rejected,
        open_conflicts=conflicts,
    )


#: Entities whose records name files (``protocol.blob_refs``).
_FILES = ("item_result", "document")


def _as_bytes(column: Any) -> Any:
    # length() of a BLOB counts bytes; of TEXT, characters (a Chinese one is 3 bytes).
    return cast(column, LargeBinary)


def server_reachable(profile: Profile, *, timeout: float = 3.0) -> bool:
    """True when the profile's server answers its health check within ``timeout`` seconds."""
    with profile.db.session() as s:
        url = get_state(s, SERVER_KEY)
    if url is None:
        return False
    settings = replace(client_settings_from_env(), timeout=(timeout, timeout), retries=0)
    client = SyncClient(url, settings=settings)
    try:
        client.health()
        return True
    except SyncError as exc:
        log.info("server %s not reachable: %s", url, exc)
        return False
    finally:
        client.close()


# -- what the server refused ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectedChange:
    op_id: str
    entity: str
    entity_id: str
    reason: str  # the server's words; ``sync_text.reason_text`` says it in the user's
    recorded_at: datetime
    business: str  # the business the record belongs to, when known
    item: str  # "code title" of a checklist item, when the record is an item result


def list_rejected(profile: Profile) -> list[RejectedChange]:
    """Changes the server refused, oldest first; they stay here (nothing is dropped)."""
    out = []
    with profile.db.session() as s:
        rows = s.scalars(
            select(OutboxRow).where(OutboxRow.state == "rejected").order_by(OutboxRow.seq)
        ).all()
        for row in rows:
            business, item = _context(s, row.entity, row.entity_id, row.data)
            out.append(
                RejectedChange(
                    op_id=row.op_id,
                    entity=row.entity,
                    entity_id=row.entity_id,
                    reason=row.reason or "",
                    recorded_at=to_utc(row.recorded_at),
                    business=business,
                    item=item,
                )
            )
    return out


def _context(s: Any, entity: str, entity_id: str, data: dict[str, Any] | None) -> tuple[str, str]:
    task_id = (data or {}).get("task_id") or (entity_id if entity in ("task", "inspection") else "")
    task = s.get(TaskRow, task_id) if task_id else None
    business = task.business_name if task is not None else ""
    item = ""
    if entity == "item_result" and data and task is not None:
        row = s.get(MergedItemRow, (task_id, data.get("item_id")))
        if row is not None:
            item = f"{row.code} {row.title}"
    return business, item


# -- conflicts, for a person to pick ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionView:
    side: str  # "local" or "remote": what ``resolve_conflict(keep=...)`` takes
    result: ItemResult | None  # None: not known yet (sync again) or deleted
    recorded_by_me: bool
    this_device: bool


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: int
    entity: str
    entity_id: str
    task_id: str
    business: str
    item: str
    created_at: datetime
    versions: tuple[VersionView, VersionView]


def conflict_views(profile: Profile) -> list[ConflictView]:
    """Open conflicts of item results, each with both versions side by side."""
    me = profile.user.id if profile.user is not None else None
    out = []
    with profile.db.session() as s:
        for row in open_conflicts(s):
            if row.entity != "item_result":
                continue
            versions = tuple(
                _version(side, getattr(row, side), me, profile.device_id)
                for side in ("local", "remote")
            )
            data = next((v["data"] for v in (row.local, row.remote) if v.get("data")), None)
            business, item = _context(s, row.entity, row.entity_id, data)
            out.append(
                ConflictView(
                    id=row.id,
                    entity=row.entity,
                    entity_id=row.entity_id,
                    task_id=row.entity_id.split(":", 1)[0],
                    business=business,
                    item=item,
                    created_at=to_utc(row.created_at),
                    versions=versions,  # type: ignore[arg-type]
                )
            )
    return out


def _version(side: str, held: dict[str, Any], me: str | None, device_id: str) -> VersionView:
    data = held.get("data")
    result = None
    if data:
        try:
            result = item_result_from_json(data)
        except (KeyError, ValueError):
            log.warning("a conflict version cannot be read: %s", sorted(data))
    by = held.get("user_id") or (data or {}).get("recorded_by")
    return VersionView(
        side=side,
        result=result,
        recorded_by_me=me is not None and by == me,
        this_device=held.get("device_id") == device_id,
    )
