"""Which document numbers this laptop should keep at hand (sync asks for blocks of them).

Numbers come in blocks per agency, document kind and year (``services.numbers``). A
laptop on site offline must already hold them, so the needs are registered before the
visit: the signed-in officer's own agency when a task is worked on, and every department
of a visit that has agency settings. The sync engine asks for a new block of each need
that runs below its threshold (``SyncEngine.request_number_blocks``).
"""

from __future__ import annotations

import json
from datetime import date

from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import agency_content, agency_departments
from inspector_app.store.models import TaskRow
from inspector_app.store.repositories import get_state, set_state
from inspector_app.sync.engine import NEEDS_KEY

Need = tuple[str, str, int]  # agency code (机关代字), document kind, year


def wanted_numbers(profile: Profile, task_id: str | None = None) -> set[Need]:
    """Every kind of every agency this laptop may issue for: the signed-in officer's own,
    and the departments of ``task_id`` that have agency settings."""
    year = date.today().year
    departments: set[str] = set()
    if profile.user is not None and profile.user.department_code:
        departments.add(profile.user.department_code)
    if task_id is not None:
        with profile.db.session() as s:
            task = s.get(TaskRow, task_id)
            if task is not None:
                departments.update(d["code"] for d in task.data.get("departments", ()))
    needs: set[Need] = set()
    for code in sorted(departments & set(agency_departments(profile))):
        content = agency_content(profile, code) or {}
        agency_code = (content.get("agency") or {}).get("code")
        if isinstance(agency_code, str) and agency_code:
            needs.update((agency_code, k, year) for k in (content.get("type_codes") or {}))
    return needs


def register_number_needs(profile: Profile, task_id: str | None = None) -> bool:
    """Remember the needs of ``wanted_numbers``; one write, only when something is new."""
    return add_needs(profile, wanted_numbers(profile, task_id))


def add_needs(profile: Profile, needs: set[Need]) -> bool:
    with profile.db.session() as s:
        current = {tuple(x) for x in json.loads(get_state(s, NEEDS_KEY) or "[]")}
    if needs <= current:
        return False
    with profile.db.write() as s:
        current = {tuple(x) for x in json.loads(get_state(s, NEEDS_KEY) or "[]")}
        set_state(s, NEEDS_KEY, json.dumps(sorted(current | needs), ensure_ascii=False))
    return True
