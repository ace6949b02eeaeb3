"""Where the sign-in token and the device's audit key live, and the offline password verifier.

The bearer token goes to the OS keyring (Windows Credential Manager, macOS
Keychain, Secret Service) when ``keyring`` finds a real backend; otherwise to
``<profile>/token`` created with mode 0600 (only this user may read it). It is
never written to the database, never logged. The key that seals this device's
audit events (``store.audit``) is kept the same way (``<profile>/audit.key``):
apart from the database, so whoever can change the database cannot forge a seal.

The offline verifier is an argon2id hash of the last password that signed in
successfully, so a profile can be opened on site without a network. It is not a
secret that unlocks anything on the server.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "field-inspector"
TOKEN_FILE = "token"
#: The device key (LoginResponse.device_key) is kept like the token, under this name.
DEVICE_KEY = "device_key"
AUDIT_KEY_FILE = "audit.key"


class TokenStore(Protocol):
    where: str

    def get(self) -> str | None: ...

    def set(self, token: str) -> None: ...

    def delete(self) -> None: ...


class FileTokenStore:
    """``<folder>/token`` (or another ``name``), readable and writable by this user only
    (0600)."""

    def __init__(self, folder: Path, name: str = TOKEN_FILE) -> None:
        self.path = Path(folder) / name
        self.where = f"file {self.path}"

    def get(self) -> str | None:
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return None
        if os.name != "nt" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            # Someone widened it: tighten rather than trust or leak it further.
            os.chmod(self.path, 0o600)
        token = self.path.read_text(encoding="utf-8").strip()
        return token or None

    def set(self, token: str) -> None:
        tmp = self.path.with_name(self.path.name + ".new")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, token.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)


class KeyringTokenStore:
    """The OS keyring, one entry per profile (named by its device id)."""

    def __init__(self, account: str) -> None:
        self.account = account
        self.where = "the system keyring"

    def get(self) -> str | None:
        import keyring

        value: str | None = keyring.get_password(KEYRING_SERVICE, self.account)
        return value

    def set(self, token: str) -> None:
        import keyring

        keyring.set_password(KEYRING_SERVICE, self.account, token)

    def delete(self) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(KEYRING_SERVICE, self.account)
        except PasswordDeleteError:
            pass


def usable_keyring() -> bool:
    """True when keyring has a real, non-plaintext backend on this machine."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration: fall back to the file
        log.debug("keyring unavailable", exc_info=True)
        return False
    if isinstance(backend, fail.Keyring):
        return False
    name = type(backend).__name__.lower()
    if "plaintext" in name or "null" in name:
        return False
    try:
        priority = float(backend.priority)  # type: ignore[attr-defined]
    except Exception:
        priority = 1.0
    return priority > 0


def token_store(
    folder: Path, account: str, *, use_keyring: bool | None = None, name: str = TOKEN_FILE
) -> TokenStore:
    """The keyring where usable (``use_keyring`` None = decide), else the 0600 file.
    ``name`` tells apart the secrets of one profile (the token, the device key)."""
    if use_keyring is None:
        use_keyring = os.environ.get("INSPECTOR_KEYRING", "auto") != "off" and usable_keyring()
    if use_keyring:
        return KeyringTokenStore(account if name == TOKEN_FILE else f"{account}/{name}")
    return FileTokenStore(folder, name)


def audit_key_store(folder: Path, device_id: str, *, use_keyring: bool | None = None) -> TokenStore:
    """Where the device's audit key lives: the keyring (one entry per device, beside the
    token's), else ``<folder>/audit.key`` (0600)."""
    if use_keyring is None:
        use_keyring = os.environ.get("INSPECTOR_KEYRING", "auto") != "off" and usable_keyring()
    if use_keyring:
        return KeyringTokenStore(f"{device_id}:audit-key")
    return FileTokenStore(folder, AUDIT_KEY_FILE)


# -- offline unlock ---------------------------------------------------------------------


def password_verifier(password: str, *, hasher: PasswordHasher | None = None) -> str:
    return (hasher or PasswordHasher()).hash(password)


def check_password(verifier: str, password: str) -> bool:
    try:
        return PasswordHasher().verify(verifier, password)
    except (VerificationError, InvalidHashError):
        return False
