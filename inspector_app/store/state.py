"""The ``sync_state`` table's keys, and the signed-in user as it keeps it: plain JSON, no
SQLAlchemy, so start-up can read who is signed in (and check the password offline)
straight from the file."""

from __future__ import annotations

import json

from inspector_app.domain.entities import Inspector, Role

STATE_TABLE = "sync_state"
USER_KEY = "user"
DEVICE_KEY = "device_id"
# What a sign-in leaves (sync.engine writes them): the server, the account, the argon2
# verifier of the password that opens the profile offline, the last complete sync.
SERVER_KEY = "server_url"
USERNAME_KEY = "server_username"
VERIFIER_KEY = "offline_verifier"
LAST_SYNC_KEY = "last_sync"


def inspector_to_state(user: Inspector) -> str:
    return json.dumps(
        {
            "id": user.id,
            "username": user.username,
            "display_name": user.display_name,
            "badge_no": user.badge_no,
            "department_code": user.department_code,
            "role": user.role.value,
        },
        ensure_ascii=False,
    )


def inspector_from_state(value: str) -> Inspector:
    d = json.loads(value)
    return Inspector(
        id=d["id"],
        username=d["username"],
        display_name=d["display_name"],
        badge_no=d["badge_no"],
        department_code=d["department_code"],
        role=Role(d.get("role", Role.INSPECTOR.value)),
    )
