"""Content-addressed files (photos, PDFs): ``root/ab/abcdef…`` named by SHA-256.

A blob is durable before any row names it: written to a temporary file in the
same folder tree, fsynced, renamed into place, and the folder fsynced, so after a
power cut a committed row never names a missing or half-written file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from inspector_app.store.errors import BlobCorrupt, StoreError

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory to fsync it; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._tmp = self.root / "tmp"
        self._tmp.mkdir(exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a lowercase SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` durably; return its SHA-256. Storing the same bytes again is a no-op."""
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):
            return sha
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            self._install(Path(tmp_name), sha)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return sha

    def put_file(self, source: Path) -> str:
        """Like :meth:`put` for a file, streamed, so a long video never sits in memory."""
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        try:
            with Path(source).open("rb") as src, os.fdopen(fd, "wb") as out:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            if self.exists(sha):
                Path(tmp_name).unlink()
            else:
                self._install(Path(tmp_name), sha)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return sha

    def _install(self, tmp: Path, sha: str) -> None:
        target = self.path(sha)
        folder = target.parent
        if not folder.is_dir():
            folder.mkdir(exist_ok=True)
            _fsync_dir(self.root)
        os.replace(tmp, target)
        _fsync_dir(folder)

    def read(self, sha256: str) -> bytes:
        """The bytes of a blob, checked against their name."""
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(
                f"the file {sha256[:12]}… is missing from {self.root}; "
                "sync again to fetch it, or restore the profile folder from a backup"
            ) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobCorrupt(
                f"the file {path} is damaged (its content no longer matches its name); "
                "sync again to fetch a good copy, or restore it from a backup"
            )
        return data
