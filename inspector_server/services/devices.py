"""The device registry: which laptop belongs to whom (issue 9 part 5).

A device id is made by the laptop and is no secret: it is in every push, every audit
event, and the keyring entry's name. So:

* a device belongs to the user who first signed in with it. Another user signing in
  with its id is refused (:class:`DeviceTaken`, answered 409): otherwise they could
  write into its audit chain and overwrite its results without a conflict, since
  edits from one device in sequence are not conflicts. Taking a device over is an
  administrator's act (:func:`reassign`, ``inspector-server reassign-device``);
* at sign-in the device receives a *device key*, a random secret kept beside the
  token (only its HMAC is stored here). A sign-in that presents it proves it comes
  from the user's own laptop, which the id alone cannot (services/throttle.py).
"""

from __future__ import annotations

import hmac
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from inspector_server.core.config import Settings
from inspector_server.core.security import new_token, token_hash
from inspector_server.models import AuthToken, Device, User, utcnow

REASSIGN_HINT = "inspector-server reassign-device"


class DeviceTaken(Exception):
    """The device id is registered to another user."""


class DeviceRevoked(Exception):
    """An administrator revoked the device."""


def proves(settings: Settings, device: Device | None, user_id: str, key: str | None) -> bool:
    """True when ``key`` is the live key of this user's own, unrevoked device."""
    if device is None or key is None or device.key_hash is None:
        return False
    if device.user_id != user_id or device.revoked_at is not None:
        return False
    return hmac.compare_digest(token_hash(settings, key), device.key_hash)


def register(
    session: Session,
    settings: Settings,
    *,
    device_id: str,
    name: str,
    user_id: str,
    key: str | None,
    now: datetime,
) -> str | None:
    """Record a sign-in of ``user_id`` on ``device_id`` (registering a new device to
    them). Returns a new device key for the laptop to keep, or None when the one it
    presented is still good. Raises DeviceTaken or DeviceRevoked."""
    device = session.get(Device, device_id, with_for_update=True)
    if device is not None and device.user_id != user_id:
        raise DeviceTaken(device_id)
    if device is not None and device.revoked_at is not None:
        raise DeviceRevoked(device_id)
    fresh = None
    if not proves(settings, device, user_id, key):
        fresh = new_token()
    if device is None:
        device = Device(id=device_id, name=name, user_id=user_id, first_seen=now, last_seen=now)
        session.add(device)
    device.last_seen = now
    if name:
        device.name = name
    if fresh is not None:
        device.key_hash = token_hash(settings, fresh)
    session.flush()
    return fresh


def taken_message(device_id: str) -> str:
    return (
        f"this laptop's device id {device_id} is registered to another account on this "
        "server; sign in with a profile of your own (a new profile gets a new device id), "
        f"or ask an administrator to hand the device over ({REASSIGN_HINT})"
    )


def reassign(session: Session, device_id: str, username: str) -> User:
    """Hand a device over to another user: its tokens stop working, its key is
    forgotten (the new owner gets one at sign-in). Raises LookupError."""
    device = session.get(Device, device_id, with_for_update=True)
    if device is None:
        raise LookupError(f"no device {device_id!r}")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise LookupError(f"no user {username!r}")
    device.user_id = user.id
    device.key_hash = None
    session.execute(
        update(AuthToken)
        .where(AuthToken.device_id == device_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return user


def revoke(session: Session, device_id: str) -> bool:
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.revoked_at is None:
        device.revoked_at = utcnow()
    return True


def list_devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.first_seen)))
