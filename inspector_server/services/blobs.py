"""Content-addressed blob store: ``blobs/ab/abcdef…``, written to a temporary file,
fsynced and renamed, so a blob is either whole or absent.

Resumable uploads (protocol.py, "Resumable blob upload") keep the bytes received so
far in ``blobs/partial/<uploader>/<sha256>``; each ranged PUT appends to it, flushing
every chunk as it arrives, so a connection cut in the middle keeps what reached us.
Only when the partial holds the whole length is it hashed and renamed into place.

A hash is not a key (issue 9 part 4): a blob is read, and named in a record, only by
a user who proved they hold its bytes (uploaded them, again if need be:
``blob_holders``) or who may read a record naming it. Partial uploads are kept per
uploader, so one user's interrupted upload neither tells another that the blob is
coming nor lets them finish it with only its tail.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import tempfile
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, select, union
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from inspector_server.models import Blob, BlobHolder, BlobRef, Record, utcnow
from inspector_server.services import authz
from inspector_server.services.principal import Principal

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobTooLarge(Exception):
    pass


class RangeNotContiguous(Exception):
    """A ranged PUT starts beyond the bytes held: the client must ask HEAD where to resume."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class UploadInterrupted(Exception):
    """The client went away mid-body; the bytes received so far are kept."""


class BlobHashMismatch(Exception):
    def __init__(self, actual: str) -> None:
        super().__init__(actual)
        self.actual = actual


@dataclass(frozen=True, slots=True)
class BlobStore:
    root: Path
    max_bytes: int

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has_file(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def partial_path(self, sha256: str, uploader: str) -> Path:
        return self.root / "partial" / uploader_folder(uploader) / sha256

    def partial_length(self, sha256: str, uploader: str) -> int:
        """Bytes of this uploader's interrupted upload of ``sha256`` (0 when none)."""
        try:
            return self.partial_path(sha256, uploader).stat().st_size
        except FileNotFoundError:
            return 0

    async def receive_range(
        self, sha256: str, uploader: str, start: int, total: int, chunks: AsyncIterator[bytes]
    ) -> int | None:
        """Append ``chunks`` at ``start`` to the partial upload of a ``total``-byte blob.

        Returns the bytes now held, or ``None`` once the blob is whole, checked and
        installed. Raises RangeNotContiguous (``start`` beyond what is held),
        BlobTooLarge, BlobHashMismatch (the partial is dropped: start again) and
        UploadInterrupted (what arrived before the cut is kept for a resume).
        """
        if total > self.max_bytes:
            raise BlobTooLarge()
        # The newest ranged PUT of a blob owns its partial file: a client that lost
        # its connection and resumes must not wait for a server task still blocked
        # on the dead one (a half-open TCP connection may never say it is gone).
        key = f"{uploader_folder(uploader)}/{sha256}"
        me = _take_ownership(self.root, key)
        partial = self.partial_path(sha256, uploader)
        partial.parent.mkdir(parents=True, exist_ok=True)
        held = self.partial_length(sha256, uploader)
        if start > held:
            raise RangeNotContiguous(held)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            # A start below what we hold re-sends bytes: drop our copy from there on.
            os.ftruncate(fd, start)
            os.lseek(fd, start, os.SEEK_SET)
            size = start
            try:
                async for chunk in chunks:
                    if not _owns(self.root, key, me):
                        raise UploadInterrupted()  # a newer PUT took over
                    if size + len(chunk) > total:
                        raise BlobTooLarge()
                    os.write(fd, chunk)  # unbuffered: a cut keeps every byte received
                    size += len(chunk)
            except (BlobTooLarge, UploadInterrupted):
                if _owns(self.root, key, me):
                    os.ftruncate(fd, start)
                raise
            except Exception as exc:  # starlette's ClientDisconnect and friends
                os.fsync(fd)
                raise UploadInterrupted() from exc
            os.fsync(fd)
        finally:
            os.close(fd)
        if not _owns(self.root, key, me):
            raise UploadInterrupted()
        if size < total:
            return size
        digest = hashlib.sha256()
        with partial.open("rb") as f:
            while block := f.read(1024 * 1024):
                digest.update(block)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            raise BlobHashMismatch(digest.hexdigest())
        final = self.path(sha256)
        if final.is_file():
            partial.unlink(missing_ok=True)
            return None
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, final)
        _fsync_dir(final.parent)
        return None

    async def receive(self, sha256: str, uploader: str, chunks: AsyncIterator[bytes]) -> bool:
        """Store the bytes if they hash to ``sha256``; True if newly stored, False if
        the blob was already there. Raises BlobTooLarge or BlobHashMismatch."""
        final = self.path(sha256)
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix=sha256[:8] + ".")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise BlobTooLarge()
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise BlobHashMismatch(digest.hexdigest())
            if final.is_file():
                return False
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            self.partial_path(sha256, uploader).unlink(missing_ok=True)
            return True
        finally:
            tmp.unlink(missing_ok=True)


def uploader_folder(user_id: str) -> str:
    """A user's folder of partial uploads: a fixed-size name whatever the id holds."""
    return hashlib.sha256(user_id.encode()).hexdigest()[:24]


_OWNERS: dict[tuple[Path, str], int] = {}
_GENERATION = itertools.count(1)


def _take_ownership(root: Path, key: str) -> int:
    """This process's newest upload of a partial; several server processes sharing a
    blob folder rely on the final hash check instead."""
    if len(_OWNERS) > 10_000:
        _OWNERS.clear()  # only resumes in flight lose ownership: they retry
    me = next(_GENERATION)
    _OWNERS[(root, key)] = me
    return me


def _owns(root: Path, key: str, me: int) -> bool:
    return _OWNERS.get((root, key)) == me


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _insert_ignoring_duplicates(session: Session, table: Table, row: dict[str, object]) -> None:
    """INSERT … ON CONFLICT DO NOTHING: two uploads of one blob may race (PostgreSQL)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(table).values(**row).on_conflict_do_nothing())


def record_upload(session: Session, sha256: str, size: int, user_id: str) -> bool:
    """Note that ``user_id`` uploaded these bytes (they hold them); True if the blob was
    already known. Call after the bytes were checked against the hash."""
    known = exists(session, sha256)
    now = utcnow()
    if not known:
        _insert_ignoring_duplicates(
            session,
            Blob.__table__,  # type: ignore[arg-type]
            {"sha256": sha256, "size": size, "uploaded_by": user_id, "created_at": now},
        )
    _insert_ignoring_duplicates(
        session,
        BlobHolder.__table__,  # type: ignore[arg-type]
        {"sha256": sha256, "user_id": user_id, "created_at": now},
    )
    return known


def exists(session: Session, sha256: str) -> bool:
    return session.get(Blob, sha256) is not None


_CHUNK = 500


def readable(session: Session, p: Principal, shas: Iterable[str]) -> set[str]:
    """The blobs among ``shas`` that ``p`` may read and name in a record: admins any
    stored blob; others those they uploaded (``blob_holders``) and those named by a
    record (or a sibling of one) they may see. Everything else is, to them, absent."""
    wanted = sorted({sha for sha in shas if SHA256.fullmatch(sha)})
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        if p.is_admin:
            found.update(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(chunk))))
            continue
        held = select(BlobHolder.sha256).where(
            BlobHolder.user_id == p.user_id, BlobHolder.sha256.in_(chunk)
        )
        named = (
            select(BlobRef.sha256)
            .join(Record, (Record.entity == BlobRef.entity) & (Record.id == BlobRef.record_id))
            .join(Blob, Blob.sha256 == BlobRef.sha256)
            .where(BlobRef.sha256.in_(chunk), authz.visible_clause(p))
        )
        found.update(session.scalars(union(held, named)))
    return found


def may_read(session: Session, p: Principal, sha256: str) -> bool:
    return sha256 in readable(session, p, (sha256,))
