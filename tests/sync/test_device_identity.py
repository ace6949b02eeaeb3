"""The laptop's side of device ownership (issue 9 parts 5 and 6): a profile whose device
id the server has registered to someone else takes a new id when it holds no work of
its own, and otherwise says which administrator command hands the device back; the
device key from sign-in is kept like the token and sent at the next sign-in."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from inspector_app.services import (
    ServiceError,
    list_tasks,
    login,
    open_profile,
    start_inspection,
    sync,
)
from inspector_app.store.repositories import set_state
from inspector_server.core.db import write_session
from inspector_server.core.security import token_hash
from inspector_server.models import Device, User
from inspector_server.services import devices


def _owner(server, device_id: str) -> str:  # type: ignore[no-untyped-def]
    with server.factory() as s:
        device = s.get(Device, device_id)
        assert device is not None
        user = s.get(User, device.user_id)
        assert user is not None
        return user.username


def test_a_copied_profile_without_work_takes_a_new_device_id(server, sw, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = sw.laptop(tmp_path / "first", server.url, "inspector1")
    copied = open_profile(tmp_path / "copied")
    with copied.db.write() as s:  # as if copied from the first laptop's folder
        set_state(s, "device_id", first.device_id)
    copied.close()
    copied = open_profile(tmp_path / "copied")
    try:
        assert copied.device_id == first.device_id
        login(copied, server.url, "inspector2", sw.DEMO_PASSWORD)
        assert copied.device_id != first.device_id
        assert _owner(server, copied.device_id) == "inspector2"
        assert _owner(server, first.device_id) == "inspector1"  # untouched
        assert sync(copied).exit_code == 0
    finally:
        copied.close()
        first.close()


def test_a_profile_holding_work_under_another_users_device_id_says_what_to_do(  # type: ignore[no-untyped-def]
    server, sw, tmp_path: Path
) -> None:
    one = sw.laptop(tmp_path / "one", server.url, "inspector1")
    try:
        sync(one)
        task = sorted(t.id for t in list_tasks(one) if t.server_state is None)[0]
        start_inspection(one, task)
        # Handed over (by mistake) while the laptop was away, with work on it.
        with write_session(server.factory) as s:
            devices.reassign(s, one.device_id, "inspector2")
        before = one.device_id
        with pytest.raises(ServiceError) as refused:
            login(one, server.url, "inspector1", sw.DEMO_PASSWORD)
        message = str(refused.value)
        assert f"inspector-server reassign-device {before} --to inspector1" in message
        assert one.device_id == before  # the work stays with its device
        # The administrator hands it back: the same profile signs in and syncs its work.
        with write_session(server.factory) as s:
            devices.reassign(s, before, "inspector1")
        login(one, server.url, "inspector1", sw.DEMO_PASSWORD)
        report = sync(one)
        assert report.exit_code == 0, report.summary()
        assert report.applied >= 1
    finally:
        one.close()


def test_the_device_key_is_kept_like_the_token_and_sent_again(server, sw, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "keyed"
    one = sw.laptop(folder, server.url, "inspector1")
    try:
        key_file = folder / "device_key"
        key = key_file.read_text()
        if os.name != "nt":
            assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        with server.factory() as s:
            device = s.get(Device, one.device_id)
            assert device is not None
            assert device.key_hash == token_hash(server.settings, key)
        login(one, server.url, "inspector1", sw.DEMO_PASSWORD)
        assert key_file.read_text() == key  # presented and still good: kept
    finally:
        one.close()
