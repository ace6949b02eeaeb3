"""Helpers of the review window tests (test_lead_window.py, test_review_ui.py): laptops
signed in to a server, a visit recorded and completed through the services, and the
window's Sync now run to its end. Loaded by path (test folders are not packages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector_app.domain.entities import Outcome, TaskStatus
from inspector_app.services import (
    attach_evidence,
    complete_inspection,
    get_task,
    list_tasks,
    login,
    open_profile,
    record_item_result,
    start_inspection,
)
from inspector_app.services.task_views import TaskView

DEMO_PASSWORD = "demo"


def jpeg(seed: int = 0) -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (64, 48), ((seed * 37) % 256, (seed * 91) % 256, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def laptop(folder: Path, url: str, username: str) -> Any:
    profile = open_profile(folder)
    login(profile, url, username, DEMO_PASSWORD)
    return profile


def fresh_task(profile: Any, n: int = 0) -> str:
    """A task of this inspector not yet visited (tests share the server)."""
    user = profile.require_user()
    mine = [
        t.id
        for t in sorted(list_tasks(profile), key=lambda t: t.id)
        if t.status is TaskStatus.ASSIGNED and user.id in get_task(profile, t.id).inspector_ids
    ]
    return mine[n]


def visit(profile: Any, task_id: str, *, photo: bytes | None = None) -> None:
    """Check in, record every item (the first non-compliant, with ``photo``), check out."""
    start_inspection(profile, task_id)
    for n, item in enumerate(get_task(profile, task_id).checklist):
        if n == 0:
            record_item_result(
                profile, task_id, item.id, outcome=Outcome.NONCOMPLIANT, note="未亮证经营"
            )
            if photo is not None:
                attach_evidence(profile, task_id, item.id, photo, caption="门口")
        else:
            record_item_result(profile, task_id, item.id, outcome=Outcome.COMPLIANT)
    complete_inspection(profile, task_id)


def show_task(qtbot: Any, window: Any, task_id: str) -> None:
    window.tasks.set_view(TaskView.ALL)
    assert window.select_task(task_id)
    qtbot.waitUntil(lambda: window.visit.task is not None and window.visit.task.id == task_id)


def window_sync(qtbot: Any, window: Any) -> None:
    reports: list[Any] = []
    window.sync.synced.connect(reports.append)
    # After the window's warm-up, and not while it asks whether the server answers.
    qtbot.waitUntil(lambda: window.sync.started and not window.sync.busy, timeout=30_000)
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    window.sync.synced.disconnect(reports.append)
    assert reports[0].exit_code == 0, reports[0].summary()
