"""Login throttling that slows guessing without letting an attacker lock a real user out.

Three limits over a sliding window (15 min by default), each an exponential
back-off after some free failures, counted from the last failure and capped:

* per (username, address) — 5 free, then 1 s, 2 s, 4 s … capped at 5 min. This is
  the limit that stops online guessing from one place.
* per address, any username — 30 free, same doubling, capped at 5 min: one host
  spraying many usernames.
* per username, any address — 20 free, capped at 1 min: a botnet guessing one
  account from many addresses. It applies to every attempt whatever device id it
  names (the id is no secret: issue 9 part 6) except one that presents the key the
  user's own laptop received at its last sign-in (services/devices.py, OWASP's
  "device cookie"): that laptop is never locked out by somebody else's failures.
  Anyone else (a new laptop) waits at most the cap after the last failure: a
  delay that grows with the failures, never a lockout.

The address is the connection's peer, or the address a trusted proxy forwarded
(``INSPECTOR_SERVER_TRUSTED_PROXIES``, empty by default: ``X-Forwarded-For`` from
anyone else is ignored, so rotating it changes nothing). Refused (429) attempts are
not counted as failures, so retrying early does not lengthen the wait. State lives
in the database, so several server processes share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from inspector_server.core.config import Settings
from inspector_server.models import LoginFailure


@dataclass(frozen=True, slots=True)
class Limit:
    free: int
    cap_s: int

    def wait_s(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return float(min(self.cap_s, 2 ** min(failures - self.free, 30)))


def _count_and_last(
    session: Session, *conds: object, since: datetime
) -> tuple[int, datetime | None]:
    n, last = session.execute(
        select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.at >= since, *conds)
    ).one()
    return int(n), last


def retry_after(
    session: Session,
    settings: Settings,
    *,
    username: str,
    address: str,
    proven_device: bool,
    now: datetime,
) -> int | None:
    """Seconds to wait before this attempt may be evaluated, or None to go ahead."""
    since = now - timedelta(seconds=settings.login_window_s)
    checks = [
        (
            Limit(settings.login_pair_free, settings.login_pair_cap_s),
            (LoginFailure.username == username, LoginFailure.address == address),
        ),
        (
            Limit(settings.login_address_free, settings.login_address_cap_s),
            (LoginFailure.address == address,),
        ),
    ]
    if not proven_device:
        checks.append(
            (
                Limit(settings.login_user_free, settings.login_user_cap_s),
                (LoginFailure.username == username,),
            )
        )
    wait = 0.0
    for limit, conds in checks:
        n, last = _count_and_last(session, *conds, since=since)
        if last is None:
            continue
        remaining = (last + timedelta(seconds=limit.wait_s(n)) - now).total_seconds()
        wait = max(wait, remaining)
    return math.ceil(wait) if wait > 0 else None


def record_failure(
    session: Session, settings: Settings, *, username: str, address: str, now: datetime
) -> None:
    session.add(LoginFailure(username=username, address=address, at=now))
    # Forget what is outside the window; keeps the table small without a cron job.
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.at < now - timedelta(seconds=settings.login_window_s)
        )
    )


def clear_pair(session: Session, *, username: str, address: str) -> None:
    """A correct password from this address forgives this address's failures for the user."""
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.username == username, LoginFailure.address == address
        )
    )
