"""Users, sign-in, tokens and devices. Every write of these goes through here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.domain.entities import Role
from inspector_server.core.config import Settings
from inspector_server.core.db import write_session
from inspector_server.core.security import PasswordHashing, new_token, token_hash
from inspector_server.models import AuthToken, Device, Team, TeamMember, User, utcnow
from inspector_server.services import devices, throttle
from inspector_server.services.principal import (
    Principal,
    split_teams,
    teams_subquery,
)

DEMO_DISABLED = (
    "demo accounts are disabled: this server is not running in demo mode "
    "(ask your administrator for a personal account)"
)
WRONG_CREDENTIALS = "wrong username or password"


class LoginRefused(Exception):
    def __init__(self, detail: str, *, retry_after: int | None = None, status: int = 401):
        super().__init__(detail)
        self.detail = detail
        self.retry_after = retry_after
        self.status = status


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    expires_at: datetime
    user: User
    device_key: str | None  # a new key for the laptop to keep; None: keep the one it has
    led_teams: list[str] = field(default_factory=list)  # the teams this user leads


def create_user(
    session: Session,
    hashing: PasswordHashing,
    *,
    username: str,
    role: str,
    password: str | None,
    display_name: str = "",
    department_code: str | None = None,
    badge_no: str | None = None,
    is_demo: bool = False,
    user_id: str | None = None,
) -> User:
    Role(role)  # ValueError for an unknown role
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValueError(f"user {username!r} already exists")
    user = User(
        id=user_id or str(uuid.uuid4()),
        username=username,
        password_hash=hashing.hash(password) if password else None,
        display_name=display_name or username,
        role=role,
        department_code=department_code,
        badge_no=badge_no,
        is_demo=is_demo,
    )
    session.add(user)
    session.flush()
    return user


def ensure_team(session: Session, *, team_id: str, name: str, lead_id: str | None) -> Team:
    team = session.get(Team, team_id)
    if team is None:
        team = Team(id=team_id, name=name, lead_id=lead_id)
        session.add(team)
    else:
        team.name, team.lead_id = name, lead_id
    session.flush()
    return team


def add_member(session: Session, *, team_id: str, user_id: str) -> None:
    if session.get(TeamMember, (team_id, user_id)) is None:
        session.add(TeamMember(team_id=team_id, user_id=user_id))
        session.flush()


def login(
    factory: sessionmaker[Session],
    settings: Settings,
    hashing: PasswordHashing,
    *,
    username: str,
    password: str,
    device_id: str,
    device_name: str,
    address: str,
    device_key: str | None = None,
    now: datetime | None = None,
) -> LoginResult:
    now = now or utcnow()
    key = username.strip().lower()
    with factory() as s:
        user = s.scalar(select(User).where(User.username == username.strip()))
        # Only a device key proves the attempt comes from the user's own laptop; the
        # device id is no secret (issue 9 part 6).
        proven = user is not None and devices.proves(
            settings, s.get(Device, device_id), user.id, device_key
        )
        wait = throttle.retry_after(
            s, settings, username=key, address=address, proven_device=proven, now=now
        )
    if wait is not None:
        raise LoginRefused(
            f"too many failed sign-ins; try again in {wait} s", retry_after=wait, status=429
        )
    ok = hashing.verify(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        with write_session(factory) as s:
            throttle.record_failure(s, settings, username=key, address=address, now=now)
        raise LoginRefused(WRONG_CREDENTIALS)
    if user.is_demo and not settings.demo:
        raise LoginRefused(DEMO_DISABLED)
    token = new_token()
    expires = now + timedelta(hours=settings.token_lifetime_hours)
    for attempt in (1, 2):
        try:
            with write_session(factory) as s:
                throttle.clear_pair(s, username=key, address=address)
                issued = devices.register(
                    s,
                    settings,
                    device_id=device_id,
                    name=device_name,
                    user_id=user.id,
                    key=device_key,
                    now=now,
                )
                s.add(
                    AuthToken(
                        token_hash=token_hash(settings, token),
                        user_id=user.id,
                        device_id=device_id,
                        created_at=now,
                        expires_at=expires,
                    )
                )
                led = sorted(s.scalars(select(Team.id).where(Team.lead_id == user.id)))
            return LoginResult(token, expires, user, issued, led)
        except devices.DeviceTaken:
            raise LoginRefused(devices.taken_message(device_id), status=409) from None
        except devices.DeviceRevoked:
            raise LoginRefused(
                "this device was revoked by an administrator; ask them to register it again",
                status=403,
            ) from None
        except IntegrityError:
            if attempt == 2:
                raise
            # Two first sign-ins with one new device id at once: the other registered
            # it first; look again (it is theirs, or ours from another request).
    raise AssertionError("unreachable")


_TOKEN = (
    select(
        AuthToken.revoked_at,
        AuthToken.expires_at,
        Device.id,
        Device.revoked_at,
        User.id,
        User.username,
        User.role,
        User.is_active,
        User.is_demo,
        teams_subquery(member=True),
        teams_subquery(member=False),
    )
    .join(Device, Device.id == AuthToken.device_id)
    .join(User, User.id == AuthToken.user_id)
    .where(AuthToken.token_hash == bindparam("digest"))
)


def resolve_token(session: Session, settings: Settings, token: str) -> Principal | None:
    """The caller behind a bearer token, or None if it is unknown, expired, logged out,
    its device revoked or its user disabled. One prepared query: every request asks."""
    digest = token_hash(settings, token)
    row = session.execute(_TOKEN, {"digest": digest}).first()
    if row is None:
        return None
    (revoked, expires, device_id, device_revoked, user_id, username, role, active, demo) = row[:9]
    if revoked is not None or device_revoked is not None or not active:
        return None
    if expires <= utcnow():
        return None
    if demo and not settings.demo:
        return None
    return Principal(
        user_id, username, role, device_id, digest, split_teams(row[9]), split_teams(row[10])
    )


def logout(session: Session, token_digest: str) -> None:
    session.execute(
        update(AuthToken)
        .where(AuthToken.token_hash == token_digest, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
