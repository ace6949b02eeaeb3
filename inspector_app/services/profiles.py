"""The profiles on this laptop: one folder per account and server, under the data folder.

Listing reads who each profile belongs to without opening it for work (no migration);
signing in as someone new makes their folder, named after the account and server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from inspector_app.domain.entities import Inspector
from inspector_app.domain.serialization import to_utc
from inspector_app.services.profile import _USER_KEY, DATABASE_NAME
from inspector_app.store.peek import peek_state
from inspector_app.store.repositories import inspector_from_state
from inspector_app.sync.engine import LAST_SYNC_KEY, SERVER_KEY, USERNAME_KEY, VERIFIER_KEY

__all__ = ["ProfileInfo", "find_profile", "list_profiles", "new_profile_folder"]


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    folder: Path
    user: Inspector
    server_url: str | None
    last_sync: datetime | None
    can_unlock: bool  # a password signed in here once, so it opens offline


def read_profile(folder: Path) -> ProfileInfo | None:
    """Who ``folder``'s profile belongs to; None when it is not a profile or has no user."""
    state = peek_state(
        Path(folder) / DATABASE_NAME,
        (_USER_KEY, SERVER_KEY, LAST_SYNC_KEY, USERNAME_KEY, VERIFIER_KEY),
    )
    if _USER_KEY not in state:
        return None
    try:
        user = inspector_from_state(state[_USER_KEY])
        last = state.get(LAST_SYNC_KEY)
        last_sync = to_utc(datetime.fromisoformat(last)) if last else None
    except (KeyError, ValueError):
        return None
    return ProfileInfo(
        folder=Path(folder),
        user=user,
        server_url=state.get(SERVER_KEY),
        last_sync=last_sync,
        can_unlock=VERIFIER_KEY in state and state.get(USERNAME_KEY) == user.username,
    )


def list_profiles(root: Path, *, also: tuple[Path, ...] = ()) -> list[ProfileInfo]:
    """The profiles directly under ``root`` (and the folders ``also`` names), by user name."""
    folders = {p.resolve() for p in also if p.is_dir()}
    if Path(root).is_dir():
        folders.update(p.resolve() for p in Path(root).iterdir() if p.is_dir())
    found = [info for f in sorted(folders) if (info := read_profile(f)) is not None]
    return sorted(found, key=lambda i: (i.user.username, i.server_url or "", str(i.folder)))


def _same_server(a: str | None, b: str) -> bool:
    return a is not None and a.rstrip("/").lower() == b.rstrip("/").lower()


def find_profile(root: Path, server_url: str, username: str) -> ProfileInfo | None:
    """The profile of this account on this server, if this laptop has one."""
    for info in list_profiles(root):
        if info.user.username == username and _same_server(info.server_url, server_url):
            return info
    return None


def new_profile_folder(root: Path, server_url: str, username: str) -> Path:
    """``<root>/<username>@<host>[_<port>]``; an existing one of this account and server is
    reused, a folder that belongs to someone else is never."""
    known = find_profile(root, server_url, username)
    if known is not None:
        return known.folder
    url = urlparse(server_url)
    host = (url.hostname or "server") + (f"_{url.port}" if url.port else "")
    base = re.sub(r"[^A-Za-z0-9@._-]+", "_", f"{username}@{host}").strip("._") or "profile"
    folder, n = Path(root) / base, 1
    while folder.exists() and not _empty_or_unclaimed(folder):
        n += 1
        folder = Path(root) / f"{base}-{n}"
    return folder


def _empty_or_unclaimed(folder: Path) -> bool:
    """A folder left by a sign-in that never succeeded may be used again."""
    return not any(folder.iterdir()) or read_profile(folder) is None
