"""Login throttling: 429 with Retry-After, per (user, address), per address and per user;
a real user elsewhere is never locked out by an attacker for longer than the cap."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from inspector_server.core.db import write_session
from inspector_server.models import utcnow
from inspector_server.services import throttle

from .conftest import PASSWORD, Api, LiveServer, World


@pytest.fixture(scope="module")
def server_overrides() -> dict[str, Any]:
    return {
        "login_pair_free": 5,
        "login_pair_cap_s": 300,
        "login_user_free": 8,
        "login_user_cap_s": 2,
        "login_address_free": 30,
    }


def _attempt(
    live: LiveServer, username: str, password: str, source: str, device: str = "attacker"
) -> Any:
    return Api(live.url, source=source).post(
        "/api/v1/auth/login", json={"username": username, "password": password, "device_id": device}
    )


def test_pair_backoff_then_429_with_retry_after(live: LiveServer, world: World) -> None:
    for _ in range(5):
        assert _attempt(live, "inspector_b", "guess", "127.0.0.2").status_code == 401
    r = _attempt(live, "inspector_b", PASSWORD, "127.0.0.2")
    assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 300
    # The real user at another address signs in at once.
    assert _attempt(live, "inspector_b", PASSWORD, "127.0.0.3", device="real").status_code == 200
    time.sleep(int(r.headers["Retry-After"]) + 0.1)
    assert _attempt(live, "inspector_b", PASSWORD, "127.0.0.2").status_code == 200


def test_many_addresses_hit_the_user_limit_but_only_up_to_the_cap(
    live: LiveServer, world: World
) -> None:
    user = "inspector_a2"
    Api(live.url, source="127.0.0.9").login(user, device_id="known-laptop")
    for i in range(8):
        assert _attempt(live, user, "guess", f"127.0.1.{i + 1}").status_code == 401
    r = _attempt(live, user, PASSWORD, "127.0.2.1", device="new-laptop")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) <= 2
    # The user's registered device is not subject to the per-user limit.
    assert _attempt(live, user, PASSWORD, "127.0.2.2", device="known-laptop").status_code == 200
    time.sleep(2.1)
    assert _attempt(live, user, PASSWORD, "127.0.2.1", device="new-laptop").status_code == 200


def test_cap_holds_however_long_the_attack(live: LiveServer, world: World) -> None:
    """Hundreds of failures from many addresses: another address waits at most the cap."""
    now = utcnow()
    with write_session(live.factory) as s:
        for i in range(300):
            throttle.record_failure(
                s,
                live.settings,
                username="lead",
                address=f"10.0.{i}.1",
                now=now - timedelta(seconds=300 - i),
            )
    with live.factory() as s:
        kw = {"username": "lead", "address": "192.0.2.7", "known_device": False}
        wait = throttle.retry_after(s, live.settings, now=now, **kw)
        assert wait is not None and wait <= live.settings.login_user_cap_s
        later = now + timedelta(seconds=live.settings.login_user_cap_s)
        assert throttle.retry_after(s, live.settings, now=later, **kw) is None
        assert (
            throttle.retry_after(s, live.settings, now=now, **{**kw, "known_device": True}) is None
        )


def test_address_limit(live: LiveServer, world: World) -> None:
    now = utcnow()
    with write_session(live.factory) as s:
        for i in range(31):
            throttle.record_failure(
                s, live.settings, username=f"user{i}", address="198.51.100.1", now=now
            )
    with live.factory() as s:
        wait = throttle.retry_after(
            s, live.settings, username="someone", address="198.51.100.1", known_device=True, now=now
        )
    assert wait is not None and wait <= live.settings.login_address_cap_s
