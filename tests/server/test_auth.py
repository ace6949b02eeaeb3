"""Accounts: argon2id, opaque hashed tokens, logout, device revocation, demo accounts."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from inspector_server.core.config import Settings
from inspector_server.core.db import write_session
from inspector_server.core.security import PasswordHashing
from inspector_server.models import AuthToken, User
from inspector_server.services import accounts

from .conftest import PASSWORD, Api, LiveServer, World


def test_login_answers_the_documented_shape(live: LiveServer, world: World) -> None:
    api = Api(live.url)
    r = api.post(
        "/api/v1/auth/login",
        json={
            "username": "inspector_a",
            "password": PASSWORD,
            "device_id": "laptop-1",
            "device_name": "ThinkPad",
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_at"]
    assert body["user"] == {
        "id": world.users["inspector_a"],
        "username": "inspector_a",
        "display_name": "inspector_a",
        "role": "inspector",
        "department_code": "SZSCJG",
        "badge_no": "19030012345",
        "led_teams": [],
    }


def test_login_says_which_teams_the_user_leads(live: LiveServer, world: World) -> None:
    """Issue 12: a laptop checks a review offline against the teams its user leads."""
    for username, teams in (("lead", [world.team_a]), ("lead_b", [world.team_b])):
        r = Api(live.url).post(
            "/api/v1/auth/login",
            json={"username": username, "password": PASSWORD, "device_id": f"d-{username}"},
        )
        assert r.status_code == 200 and r.json()["user"]["led_teams"] == teams


def test_passwords_are_argon2id_and_tokens_stored_only_hashed(
    live: LiveServer, world: World
) -> None:
    api = Api(live.url).login("inspector_a")
    with live.factory() as s:
        user = s.scalars(select(User).where(User.username == "inspector_a")).one()
        assert user.password_hash.startswith("$argon2id$")
        hashes = set(s.scalars(select(AuthToken.token_hash)))
    assert api.token not in hashes
    assert hashlib.sha256(api.token.encode()).hexdigest() not in hashes  # peppered HMAC


def test_wrong_password_and_unknown_user_are_401(api: Api, world: World) -> None:
    for username, password in (("inspector_a", "nope"), ("nobody", "nope")):
        r = api.post(
            "/api/v1/auth/login",
            json={"username": username, "password": password, "device_id": "d1"},
        )
        assert r.status_code == 401
        assert r.json()["detail"] == "wrong username or password"


def test_logout_then_the_token_fails(live: LiveServer, world: World) -> None:
    api = Api(live.url).login("inspector_a")
    assert api.get("/api/v1/sync/pull").status_code == 200
    assert api.post("/api/v1/auth/logout").status_code == 204
    assert api.get("/api/v1/sync/pull").status_code == 401
    assert api.post("/api/v1/auth/logout").status_code == 401


def test_garbage_or_missing_token_is_401(api: Api) -> None:
    assert api.get("/api/v1/sync/pull").status_code == 401
    r = api.get("/api/v1/sync/pull", headers={"Authorization": "Bearer " + "x" * 43})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"


def test_revoking_a_device_kills_its_tokens_at_once(live: LiveServer, world: World) -> None:
    device = f"stolen-{uuid.uuid4().hex[:6]}"
    victim = Api(live.url).login("inspector_a2", device_id=device)
    second = Api(live.url).login("inspector_a2", device_id=device)
    other_device = Api(live.url).login("inspector_a2")
    admin = Api(live.url).login("admin")
    assert device in {d["id"] for d in admin.get("/api/v1/admin/devices").json()}
    assert victim.post(f"/api/v1/admin/devices/{device}/revoke").status_code == 403
    assert admin.post(f"/api/v1/admin/devices/{device}/revoke").status_code == 204
    assert victim.get("/api/v1/sync/pull").status_code == 401
    assert second.get("/api/v1/sync/pull").status_code == 401
    assert other_device.get("/api/v1/sync/pull").status_code == 200
    again = Api(live.url).post(
        "/api/v1/auth/login",
        json={"username": "inspector_a2", "password": PASSWORD, "device_id": device},
    )
    assert again.status_code == 403 and "revoked" in again.json()["detail"]
    assert admin.post("/api/v1/admin/devices/no-such-device/revoke").status_code == 404
    devices = {d["id"]: d for d in admin.get("/api/v1/admin/devices").json()}
    assert devices[device]["revoked_at"] is not None


def test_demo_accounts_refused_outside_demo_mode(live: LiveServer, world: World) -> None:
    hashing = PasswordHashing(live.settings)
    with write_session(live.factory) as s:
        accounts.create_user(
            s, hashing, username="inspector9", role="inspector", password="demo", is_demo=True
        )
    r = Api(live.url).post(
        "/api/v1/auth/login", json={"username": "inspector9", "password": "demo", "device_id": "d"}
    )
    assert r.status_code == 401 and "demo mode" in r.json()["detail"]


def test_default_secret_refused_outside_demo_mode(tmp_path) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(data=tmp_path, demo=False)
    assert Settings(data=tmp_path, demo=True).secret_key == "changethis"
    assert Settings(data=tmp_path, secret_key="s" * 40).database_url.startswith("sqlite:///")


def test_expired_token_fails(live: LiveServer, world: World) -> None:
    from datetime import timedelta

    from inspector_server.core.security import token_hash
    from inspector_server.models import utcnow

    api = Api(live.url).login("inspector_b")
    with write_session(live.factory) as s:
        tok = s.get(AuthToken, token_hash(live.settings, api.token))
        tok.expires_at = utcnow() - timedelta(seconds=1)
    assert api.get("/api/v1/sync/pull").status_code == 401
