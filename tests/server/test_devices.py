"""Devices belong to users (issue 9 part 5): signing in with another user's device id
is refused; only an administrator hands a device over (API and CLI)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from inspector_server.cli import main
from inspector_server.models import AuditChain, Device

from .conftest import PASSWORD, SECRET, Api, LiveServer, World, mutation


def _login(live: LiveServer, username: str, device_id: str) -> Any:
    return Api(live.url).post(
        "/api/v1/auth/login",
        json={"username": username, "password": PASSWORD, "device_id": device_id},
    )


def _owner(live: LiveServer, device_id: str) -> str:
    with live.factory() as s:
        device = s.get(Device, device_id)
        assert device is not None
        return device.user_id


def _audit_event(device_id: str) -> dict[str, Any]:
    event_id = str(uuid.uuid4())
    return mutation(
        "audit_event",
        event_id,
        {
            "id": event_id,
            "device_id": device_id,
            "seq": 1,
            "actor": "someone",
            "action": "check_in",
            "entity": "task",
            "entity_id": "t",
            "at": "2026-11-05T09:30:00+08:00",
            "payload": {},
            "prev_hash": "0" * 64,
            "hash": "f" * 64,
        },
        op_id=event_id,
    )


def test_another_users_device_id_is_refused_and_stays_theirs(
    live: LiveServer, world: World
) -> None:
    device = f"laptop-{uuid.uuid4().hex[:8]}"
    owner = Api(live.url).login("inspector_a", device_id=device)
    taken = _login(live, "inspector_a2", device)
    assert taken.status_code == 409
    detail = taken.json()["detail"]
    assert device in detail and "another account" in detail and "reassign-device" in detail
    assert _owner(live, device) == world.users["inspector_a"]
    assert owner.get("/api/v1/sync/pull").status_code == 200  # the owner keeps working
    # No token was issued for it, so nothing reached the device's audit chain.
    with live.factory() as s:
        assert s.get(AuditChain, device) is None
    # The owner signing in again on it is fine.
    assert _login(live, "inspector_a", device).status_code == 200


def test_an_admin_hands_a_device_over(live: LiveServer, world: World) -> None:
    device = f"handover-{uuid.uuid4().hex[:8]}"
    old = Api(live.url).login("inspector_a", device_id=device)
    assert old.push(_audit_event(device))[0]["status"] == "applied"
    admin = Api(live.url).login("admin")
    path = f"/api/v1/admin/devices/{device}/reassign"
    assert old.post(path, json={"username": "inspector_a2"}).status_code == 403
    assert admin.post(path, json={"username": "nobody"}).status_code == 404
    assert (
        admin.post("/api/v1/admin/devices/nope/reassign", json={"username": "lead"}).status_code
        == 404
    )
    assert admin.post(path, json={"username": "inspector_a2"}).status_code == 204
    assert _owner(live, device) == world.users["inspector_a2"]
    assert old.get("/api/v1/sync/pull").status_code == 401  # its sign-ins are over
    assert _login(live, "inspector_a", device).status_code == 409  # and it is no longer theirs
    new = Api(live.url).login("inspector_a2", device_id=device)
    assert new.device_key  # a key of its own: the old owner's is forgotten
    assert new.get("/api/v1/sync/pull").status_code == 200


def test_reassign_device_command(
    live: LiveServer, world: World, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    device = f"cli-{uuid.uuid4().hex[:8]}"
    Api(live.url).login("inspector_b", device_id=device)
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    monkeypatch.delenv("INSPECTOR_SERVER_DEMO", raising=False)
    base = ["--db", db_url, "--data", str(live.settings.data)]
    assert main([*base, "reassign-device", device, "--to", "nobody"]) == 1
    assert "no user 'nobody'" in capsys.readouterr().err
    assert main([*base, "reassign-device", "no-such-device", "--to", "lead_b"]) == 1
    assert main([*base, "reassign-device", device, "--to", "lead_b"]) == 0
    assert "now belongs to lead_b" in capsys.readouterr().out
    assert _owner(live, device) == world.users["lead_b"]
    assert _login(live, "lead_b", device).status_code == 200
