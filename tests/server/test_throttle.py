"""Login throttling: 429 with Retry-After, per (user, address), per address and per user;
a real user elsewhere is never locked out by an attacker for longer than the cap, and
their own laptop (proved by its device key, not its id) not at all. Neither a victim's
device id nor a forged X-Forwarded-For escapes it (issue 9 part 6)."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from inspector_server.core.db import write_session
from inspector_server.models import utcnow
from inspector_server.services import throttle

from .conftest import PASSWORD, Api, LiveServer, World, make_settings, start_server
from .test_two_processes import _free_port, _start, _wait


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
    live: LiveServer | str,
    username: str,
    password: str,
    source: str | None,
    device: str = "attacker",
    *,
    key: str | None = None,
    forwarded: str | None = None,
) -> Any:
    body = {"username": username, "password": password, "device_id": device}
    if key is not None:
        body["device_key"] = key
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    url = live if isinstance(live, str) else live.url
    return Api(url, source=source).post("/api/v1/auth/login", json=body, headers=headers)


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
    laptop = Api(live.url, source="127.0.0.9").login(user, device_id="own-laptop")
    assert laptop.device_key
    for i in range(8):
        assert _attempt(live, user, "guess", f"127.0.1.{i + 1}").status_code == 401
    r = _attempt(live, user, PASSWORD, "127.0.2.1", device="new-laptop")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) <= 2
    # Naming the user's laptop proves nothing: its id is no secret.
    assert _attempt(live, user, PASSWORD, "127.0.2.2", device="own-laptop").status_code == 429
    bad = _attempt(live, user, PASSWORD, "127.0.2.2", device="own-laptop", key="forged")
    assert bad.status_code == 429
    # The key it received at sign-in does: the user's own laptop is not slowed down.
    own = _attempt(live, user, PASSWORD, "127.0.2.2", device="own-laptop", key=laptop.device_key)
    assert own.status_code == 200
    assert own.json()["device_key"] is None  # the key it holds is still good
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
        kw = {"username": "lead", "address": "192.0.2.7", "proven_device": False}
        wait = throttle.retry_after(s, live.settings, now=now, **kw)
        assert wait is not None and wait <= live.settings.login_user_cap_s
        later = now + timedelta(seconds=live.settings.login_user_cap_s)
        assert throttle.retry_after(s, live.settings, now=later, **kw) is None
        assert (
            throttle.retry_after(s, live.settings, now=now, **{**kw, "proven_device": True}) is None
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
            s,
            live.settings,
            username="someone",
            address="198.51.100.1",
            proven_device=True,
            now=now,
        )
    assert wait is not None and wait <= live.settings.login_address_cap_s


def _guesses(
    url: str, username: str, n: int, *, device: str, sources: list[str | None]
) -> tuple[int, int]:
    """``n`` wrong passwords, each with another forged X-Forwarded-For and the victim's
    device id, the real source address cycling through ``sources``: (evaluated, throttled)."""
    evaluated = throttled = 0
    for i in range(n):
        r = _attempt(
            url,
            username,
            f"guess-{i}",
            sources[i % len(sources)],
            device=device,
            forwarded=f"203.0.113.{i % 250 + 1}",
        )
        assert r.status_code in (401, 429), r.text
        evaluated += r.status_code == 401
        throttled += r.status_code == 429
    return evaluated, throttled


def test_a_victims_device_id_and_rotating_forwarded_addresses_are_throttled(
    live: LiveServer, world: World
) -> None:
    """The probe that found 100 of 100 guesses unthrottled, from one host and from many."""
    victim = "inspector_a"
    laptop = Api(live.url, source="127.0.3.200").login(victim, device_id="victim-laptop")
    # One host, forging X-Forwarded-For: the header is ignored, the pair limit holds.
    first, throttled = _guesses(
        live.url, victim, 100, device="victim-laptop", sources=["127.0.3.1"]
    )
    assert first <= 8 and throttled >= 92, (first, throttled)
    # Many hosts (a botnet), forging too: the account's own limit holds (once its
    # free failures are spent, one guess per cap at most, however many hosts).
    started = time.monotonic()
    second, throttled = _guesses(
        live.url,
        victim,
        100,
        device="victim-laptop",
        sources=[f"127.0.4.{i}" for i in range(1, 101)],
    )
    elapsed = time.monotonic() - started
    free = live.settings.login_user_free
    assert first + second <= free + 1 + elapsed / live.settings.login_user_cap_s, (
        first,
        second,
        elapsed,
    )
    assert throttled >= 90
    # During the attack the victim's own laptop signs in at once (its key) ...
    own = _attempt(
        live, victim, PASSWORD, "127.0.3.200", device="victim-laptop", key=laptop.device_key
    )
    assert own.status_code == 200
    # ... and from a new laptop after the delay (a delay, never a lockout).
    r = _attempt(live, victim, PASSWORD, "127.0.5.1", device="victim-new-laptop")
    assert r.status_code == 429
    wait = int(r.headers["Retry-After"])
    assert 1 <= wait <= live.settings.login_user_cap_s
    time.sleep(wait + 0.1)
    r = _attempt(live, victim, PASSWORD, "127.0.5.1", device="victim-new-laptop")
    assert r.status_code == 200


def test_forwarded_addresses_count_only_from_a_named_proxy(
    db_url: str, world: World, tmp_path: Path
) -> None:
    settings = make_settings(
        db_url, tmp_path, trusted_proxies="127.0.6.1, 10.9.0.0/16", login_pair_free=2
    )
    proxied = start_server(settings)
    try:
        user = "lead_b"
        for _ in range(2):
            r = _attempt(proxied.url, user, "guess", "127.0.6.1", forwarded="198.18.0.1")
            assert r.status_code == 401
        r = _attempt(proxied.url, user, "guess", "127.0.6.1", forwarded="198.18.0.1")
        assert r.status_code == 429  # that client, as the proxy names it, waits
        r = _attempt(proxied.url, user, "guess", "127.0.6.1", forwarded="198.18.0.2")
        assert r.status_code == 401  # another client behind the same proxy does not
        # From a host that is not a named proxy the header means nothing.
        for _ in range(2):
            r = _attempt(proxied.url, user, "guess", "127.0.6.2", forwarded="198.18.0.3")
            assert r.status_code == 401
        r = _attempt(proxied.url, user, "guess", "127.0.6.2", forwarded="198.18.0.4")
        assert r.status_code == 429
    finally:
        proxied.stop()


def test_a_proxy_setting_that_is_no_address_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        make_settings("sqlite://", tmp_path, trusted_proxies="10.0.0.1, proxy.example")


@pytest.mark.slow
def test_the_serve_command_ignores_forwarded_addresses_by_default(
    db_url: str, live: LiveServer, world: World, tmp_path: Path
) -> None:
    """``inspector-server serve`` as deployed: uvicorn's own default would trust
    X-Forwarded-For from 127.0.0.1, so rotating it would escape the pair limit."""
    port = _free_port()
    proc = _start(db_url, tmp_path, port)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(url, proc)
        evaluated, throttled = _guesses(url, "revoked_a", 20, device="x", sources=[None])
        assert evaluated == live.settings.login_pair_free and throttled == 15
    finally:
        proc.terminate()
        proc.wait(timeout=20)
