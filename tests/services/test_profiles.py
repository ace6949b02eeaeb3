"""The profiles on this laptop: listed without being opened for work, one folder per
account and server."""

from __future__ import annotations

from pathlib import Path

from inspector_app.domain.entities import Inspector
from inspector_app.services import open_profile
from inspector_app.services.profiles import find_profile, list_profiles, new_profile_folder
from inspector_app.store.repositories import set_state

ALICE = Inspector("u-a", "inspector1", "李明", "44030001", "SCJG")
BOB = Inspector("u-b", "inspector2", "王芳", "44030002", "SCJG")


def _profile(folder: Path, user: Inspector | None, server: str | None = None) -> None:
    with open_profile(folder, user=user) as p:
        if server is not None:
            with p.db.write() as s:
                set_state(s, "server_url", server)
                set_state(s, "server_username", user.username if user else "")
                set_state(s, "offline_verifier", "$argon2id$x")


def test_lists_the_profiles_with_a_user_by_user_name(tmp_path: Path) -> None:
    _profile(tmp_path / "b", BOB, "https://one.example")
    _profile(tmp_path / "a", ALICE, "https://one.example")
    _profile(tmp_path / "nobody", None)  # a sign-in that never succeeded
    (tmp_path / "not-a-profile").mkdir()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "inspector.db").write_bytes(b"not sqlite at all")
    found = list_profiles(tmp_path)
    assert [(i.user.username, i.folder.name) for i in found] == [
        ("inspector1", "a"),
        ("inspector2", "b"),
    ]
    assert found[0].server_url == "https://one.example" and found[0].can_unlock


def test_listing_does_not_migrate_or_write_the_databases(tmp_path: Path) -> None:
    _profile(tmp_path / "a", ALICE, "https://one.example")
    db = tmp_path / "a" / "inspector.db"
    before = (db.stat().st_mtime_ns, db.read_bytes())
    list_profiles(tmp_path)
    assert (db.stat().st_mtime_ns, db.read_bytes()) == before
    assert not list((tmp_path / "a").glob("*.bak"))  # opening for work would back it up


def test_a_new_account_gets_its_own_folder_and_a_known_one_its_old_folder(
    tmp_path: Path,
) -> None:
    _profile(tmp_path / "default", ALICE, "https://one.example:8443")
    assert new_profile_folder(tmp_path, "https://one.example:8443/", "inspector1") == (
        tmp_path / "default"
    )
    assert find_profile(tmp_path, "https://ONE.example:8443", "inspector1") is not None
    fresh = new_profile_folder(tmp_path, "https://one.example:8443", "inspector2")
    assert fresh == tmp_path / "inspector2@one.example_8443"
    other_server = new_profile_folder(tmp_path, "http://127.0.0.1:9000", "inspector1")
    assert other_server == tmp_path / "inspector1@127.0.0.1_9000"
    # A folder of that name taken by someone else is never reused.
    _profile(fresh, BOB, "https://elsewhere.example")
    assert new_profile_folder(tmp_path, "https://one.example:8443", "inspector2") == (
        tmp_path / "inspector2@one.example_8443-2"
    )
