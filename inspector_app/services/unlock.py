"""Opening a profile offline with the password that last signed in here.

Apart from ``services.sync`` so that the start-up path (the password asked before the
window opens) loads neither SQLAlchemy nor the sync client: the account and the
argon2 verifier are read from the file with plain sqlite3 (``store.reader``).
"""

from __future__ import annotations

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


def unlock_offline(profile: Profile, password: str, **_engine: object) -> Inspector:
    """Open a profile without a network, with the last password that signed in here.

    (``_engine``: the sync engine's options callers pass along; the check needs none.)
    """
    state = profile.reader.state((USERNAME_KEY, VERIFIER_KEY))
    username = state.get(USERNAME_KEY)
    if profile.user is None or username is None:
        raise SignInRequired(NEVER_SIGNED_IN)
    verifier = state.get(VERIFIER_KEY)
    if verifier is None or not check_password(verifier, password):
        raise InvalidInput(WRONG_PASSWORD)
    return profile.user
