"""The demo: the businesses, inspectors and joint tasks of ``resources/demo``.

``inspector-app --demo`` loads them into a profile signed in as ``inspector1`` so a
new user (or a reviewer) sees a realistic working day at once.
"""

from __future__ import annotations

from functools import cache

from inspector_app.domain.dataset import Dataset, load_dataset
from inspector_app.domain.entities import Inspector, JointTask
from inspector_app.paths import resource
from inspector_app.services.changes import Changes
from inspector_app.services.profile import Profile
from inspector_app.services.tasks import import_tasks
from inspector_app.store.sync_records import existing_task_revs

DEMO_USER = "inspector1"


@cache
def demo_dataset() -> Dataset:
    return load_dataset(resource("demo"))


def demo_tasks() -> list[JointTask]:
    return list(demo_dataset().tasks)


def demo_inspectors() -> list[Inspector]:
    return list(demo_dataset().inspectors)


def load_demo(profile: Profile, *, username: str = DEMO_USER) -> Changes:
    """Sign the profile in as a demo inspector (if no one is) and take in the demo tasks
    it does not hold yet.

    A loader never touches what a profile holds: a task already there came from the
    demo before or from a server (the demo server holds the same tasks), and may
    carry a visit recorded and synced since. Reloading it would offer that visit's
    check-in again.
    """
    if profile.user is None:
        profile.set_user(demo_dataset().inspector(username))
    tasks = demo_tasks()
    with profile.db.session() as session:
        held = existing_task_revs(session, [t.id for t in tasks])
    return import_tasks(profile, [t for t in tasks if t.id not in held])
