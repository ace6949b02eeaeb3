"""Profiles: a folder with the database, the blobs and a stable device id."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from inspector_app.domain.entities import Inspector
from inspector_app.services import InvalidState, ProfileUnavailable, open_profile


def test_a_new_profile_creates_its_folder_database_and_device_id(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    with open_profile(folder) as profile:
        assert profile.folder == folder
        assert (folder / "inspector.db").is_file()
        assert (folder / "blobs").is_dir()
        assert uuid.UUID(profile.device_id).version == 4
        assert profile.user is None
        with pytest.raises(InvalidState, match="Sign in"):
            profile.require_user()
        device_id = profile.device_id
    with open_profile(folder) as again:
        assert again.device_id == device_id


def test_the_user_is_remembered_for_the_next_opening(tmp_path: Path, alice: Inspector) -> None:
    with open_profile(tmp_path, user=alice) as profile:
        assert profile.user == alice
    with open_profile(tmp_path) as profile:
        assert profile.user == alice
        profile.set_user(None)
    with open_profile(tmp_path) as profile:
        assert profile.user is None


def test_a_database_from_a_newer_app_is_reported_to_the_user(tmp_path: Path) -> None:
    open_profile(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "inspector.db")
    conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.commit()
    conn.close()
    with pytest.raises(ProfileUnavailable, match="Update the app"):
        open_profile(tmp_path)
