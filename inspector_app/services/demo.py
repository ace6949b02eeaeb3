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

DEMO_USER = "inspector1"


@cache
def demo_dataset() -> Dataset:
    return load_dataset(resource("demo"))


def demo_tasks() -> list[JointTask]:
    return list(demo_dataset().tasks)


def demo_inspectors() -> list[Inspector]:
    return list(demo_dataset().inspectors)


def load_demo(profile: Profile, *, username: str = DEMO_USER) -> Changes:
    """Sign the profile in as a demo inspector (if no one is) and take in the demo tasks.

    Tasks already in the profile keep their local work: ``import_tasks`` never
    overwrites what was recorded here.
    """
    if profile.user is None:
        profile.set_user(demo_dataset().inspector(username))
    return import_tasks(profile, demo_tasks())
