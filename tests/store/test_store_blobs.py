"""Blob files: content-addressed, durable before use, idempotent, verified on read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from inspector_app.store import BlobCorrupt, BlobStore, StoreError


def test_put_names_the_file_by_its_sha256(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    data = b"photo bytes \xff\xd8"
    sha = blobs.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert blobs.path(sha) == tmp_path / "blobs" / sha[:2] / sha
    assert blobs.path(sha).read_bytes() == data
    assert blobs.exists(sha)
    assert blobs.read(sha) == data


def test_put_is_idempotent_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    sha = blobs.put(b"same")
    first = blobs.path(sha).stat()
    assert blobs.put(b"same") == sha
    assert blobs.path(sha).stat().st_ino == first.st_ino  # not rewritten
    assert list((tmp_path / "tmp").iterdir()) == []


def test_put_file_streams_to_the_same_blob(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    source = tmp_path / "video.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    sha = blobs.put_file(source)
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    assert blobs.read(sha) == source.read_bytes()
    assert blobs.put_file(source) == sha
    assert list((tmp_path / "blobs" / "tmp").iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="tells files from folders by /proc")
def test_the_file_is_fsynced_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    BlobStore(tmp_path).put(b"durable")
    assert events.index("fsync-file") < events.index("replace")
    assert events[-1] == "fsync-dir"


def test_read_refuses_a_damaged_or_missing_file(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    sha = blobs.put(b"original")
    blobs.path(sha).write_bytes(b"tampered")
    with pytest.raises(BlobCorrupt, match="damaged"):
        blobs.read(sha)
    blobs.path(sha).unlink()
    with pytest.raises(StoreError, match="missing"):
        blobs.read(sha)


@pytest.mark.parametrize("bad", ["", "../../etc/passwd", "A" * 64, "0" * 63])
def test_a_name_that_is_not_a_sha256_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path(bad)
