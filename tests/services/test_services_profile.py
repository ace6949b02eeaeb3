"""Profiles: a folder with the database, the blobs and a stable device id."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from inspector_app.domain.entities import Inspector
from inspector_app.services import InvalidState, ProfileUnavailable, import_tasks, open_profile


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


def test_a_current_profile_opens_without_sqlalchemy_until_needed(
    tmp_path: Path, alice: Inspector
) -> None:
    import subprocess
    import sys

    folder = tmp_path / "p"
    with open_profile(folder, user=alice) as profile:
        assert profile.db_open and profile.checked
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from inspector_app.services import list_tasks, open_profile\n"
        f"p = open_profile(Path({str(folder)!r}))\n"
        f"assert p.user is not None and p.user.id == {alice.id!r}, p.user\n"
        "assert list_tasks(p) == []\n"
        "assert not p.db_open and not p.checked\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
        "p.db\n"
        "assert p.db_open\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_integrity_check_after_a_quick_open_finds_a_damaged_page(
    tmp_path: Path, alice: Inspector, make_task
) -> None:
    from inspector_app.services.profile import check_integrity

    folder = tmp_path / "p"
    with open_profile(folder, user=alice) as profile:
        import_tasks(profile, [make_task(f"t-{n}", n_items=20) for n in range(40)])
    with open_profile(folder) as profile:
        assert not profile.checked
        assert check_integrity(profile) is None and profile.checked
    db = folder / "inspector.db"
    with sqlite3.connect(db) as conn:  # pages of the checklist table, wherever they lie
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            n
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'merged_items' AND pagetype = 'leaf'"
            )
        ]
    conn.close()
    data = bytearray(db.read_bytes())
    for n in pages[len(pages) // 2 : len(pages) // 2 + 3]:  # (page numbers count from 1)
        data[(n - 1) * page + 10 : (n - 1) * page + 200] = b"\xff" * 190
    db.write_bytes(bytes(data))
    with open_profile(folder) as profile:  # header and size intact: the quick way
        problem = check_integrity(profile)
    assert problem is not None
