"""Content-addressed blob store: ``blobs/ab/abcdef…``, written to a temporary file,
fsynced and renamed, so a blob is either whole or absent."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_server.models import Blob, BlobRef, Record
from inspector_server.services import authz
from inspector_server.services.principal import Principal

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobTooLarge(Exception):
    pass


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

    async def receive(self, sha256: str, chunks: AsyncIterator[bytes]) -> bool:
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
            dir_fd = os.open(final.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
            return True
        finally:
            tmp.unlink(missing_ok=True)


def record_blob(session: Session, sha256: str, size: int, user_id: str) -> None:
    if session.get(Blob, sha256) is None:
        session.add(Blob(sha256=sha256, size=size, uploaded_by=user_id))


def exists(session: Session, sha256: str) -> bool:
    return session.get(Blob, sha256) is not None


def may_read(session: Session, p: Principal, sha256: str) -> bool:
    """Admins, the uploader, and whoever may see a record (or sibling) naming the blob."""
    if p.is_admin:
        return True
    blob = session.get(Blob, sha256)
    if blob is not None and blob.uploaded_by == p.user_id:
        return True
    rows = session.scalars(
        select(Record)
        .join(BlobRef, (BlobRef.entity == Record.entity) & (BlobRef.record_id == Record.id))
        .where(BlobRef.sha256 == sha256)
    )
    return any(authz.can_read(p, r) for r in rows)
