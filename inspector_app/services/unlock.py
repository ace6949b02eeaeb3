"""Opening a profile offline with the password that last signed in here.

Apart from ``services.sync`` so that the start-up path (the password asked before the
window opens) loads neither SQLAlchemy nor the sync client: the account and the
argon2 verifier are read from the file with plain sqlite3 (``store.reader``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from inspector_app.domain.entities import Inspector
from inspector_app.services.errors import InvalidInput, ServiceError
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.store.state import USERNAME_KEY, VERIFIER_KEY
from inspector_app.sync.credentials import check_password

__all__ = ["NEVER_SIGNED_IN", "WRONG_PASSWORD", "SignInRequired", "unlock_offline"]

NEVER_SIGNED_IN = Text(
    "sync.never_signed_in",
    en="This profile has never been signed in; connect and sign in once.",
    zh="此配置从未登录过。请联网并登录一次。",
)
WRONG_PASSWORD = Text(
    "sync.wrong_password",
    en="Wrong password. Use the password you last signed in with.",
    zh="密码错误。请使用您上次登录时的密码。",
)


class SignInRequired(ServiceError):
    """No valid sign-in for this profile: sign in (online) first."""


def unlock_offline(
    profile: Profile,
    password: str,
    *,
    meanwhile: Callable[[], object] | None = None,
    **_engine: object,
) -> Inspector:
    """Open a profile without a network, with the last password that signed in here.

    ``meanwhile``: work to do on the calling thread while the password is checked (the
    argon2 hash takes a few hundred milliseconds of one core, outside the GIL; the window
    loads its modules meanwhile). It must not show anything of the profile: it runs
    whether or not the password is right, and this raises after it when it is wrong.
    (``_engine``: the sync engine's options callers pass along; the check needs none.)
    """
    state = profile.reader.state((USERNAME_KEY, VERIFIER_KEY))
    username = state.get(USERNAME_KEY)
    if profile.user is None or username is None:
        raise SignInRequired(NEVER_SIGNED_IN)
    verifier = state.get(VERIFIER_KEY)
    if verifier is None:
        raise InvalidInput(WRONG_PASSWORD)
    if meanwhile is None:
        right = check_password(verifier, password)
    else:
        right = _check_beside(verifier, password, meanwhile)
    if not right:
        raise InvalidInput(WRONG_PASSWORD)
    return profile.user


def _check_beside(verifier: str, password: str, meanwhile: Callable[[], object]) -> bool:
    """check_password in a thread (only the hash: nothing there imports or touches the
    database) while ``meanwhile`` runs here; its errors are raised after the check ends."""
    verdict: list[bool] = []
    failed: list[BaseException] = []

    def check() -> None:
        try:
            verdict.append(check_password(verifier, password))
        except BaseException as exc:  # raised on the calling thread, as without a thread
            failed.append(exc)

    thread = threading.Thread(target=check, name="password-check", daemon=True)
    thread.start()
    try:
        meanwhile()
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return verdict[0]
