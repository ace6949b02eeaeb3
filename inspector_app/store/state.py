"""The signed-in user as the ``sync_state`` table keeps it: plain JSON, no SQLAlchemy,
so start-up can read who is signed in straight from the file."""

from __future__ import annotations

import json

from inspector_app.domain.entities import Inspector, Role

USER_KEY = "user"
DEVICE_KEY = "device_id"


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
