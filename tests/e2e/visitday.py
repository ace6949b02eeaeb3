"""A recorded day of enforcement on one laptop, for the end-to-end, chaos and bench runs.

Loaded by path (test folders are not packages). ``record_day`` checks in at a demo task
that has the market-supervision item SC-SP-002 (监督检查结果记录表公示), records it as
non-compliant with a note, a photo and a deadline, accepts the proposed order to correct,
records the party's statement, takes the signatures of the party and of the two
market-supervision officers of the task, and leaves the visit ready to issue.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image, ImageDraw

from inspector_app.domain.enforcement import Opening
from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    Profile,
    attach_evidence,
    get_task,
    list_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.services.dispositions import decide
from inspector_app.services.reference_data import roster
from inspector_app.services.visit_record import record_statement, sign

ITEM = "SC-SP-002"
NOTE = "店堂内未张贴上一次日常监督检查结果记录表，原件已遗失"


def signature_png(seed: int = 0) -> bytes:
    image = Image.new("RGBA", (360, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for n in range(3 + seed % 3):
        x = 20 + 50 * n
        draw.line([(x, 110), (x + 30, 25 + 5 * seed), (x + 60, 105)], fill="black", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def photo_jpeg(seed: int = 0, size: tuple[int, int] = (1600, 1200)) -> bytes:
    image = Image.new("RGB", size, (200, 190 - seed * 10, 170))
    draw = ImageDraw.Draw(image)
    for n in range(12):
        draw.rectangle((60 * n, 40 * n, 60 * n + 300, 40 * n + 200), outline=(40, 40, 40), width=6)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


@dataclass(frozen=True)
class Day:
    task_id: str
    item_id: str
    deadline: date
    photo_sha: str
    officers: tuple[tuple[str, str], ...]  # (name, badge) of the issuing agency's officers


def pick_task(profile: Profile) -> str:
    for t in sorted(list_tasks(profile), key=lambda t: t.id):
        task = get_task(profile, t.id)
        if t.status.value == "assigned" and any(i.id == ITEM for i in task.checklist):
            return t.id
    raise AssertionError(f"no assigned task with {ITEM}")


def record_day(profile: Profile, *, task_id: str | None = None, photos: int = 1) -> Day:
    task_id = task_id or pick_task(profile)
    task = get_task(profile, task_id)
    start_inspection(
        profile, task_id, opening=Opening("张伟（店长）", True, True), present=["张伟"]
    )
    deadline = date.today() + timedelta(days=10)
    record_item_result(
        profile, task_id, ITEM, outcome=Outcome.NONCOMPLIANT, note=NOTE, deadline=deadline
    )
    shas = [
        attach_evidence(profile, task_id, ITEM, photo_jpeg(n), caption=f"店堂{n + 1}")[0]
        for n in range(photos)
    ]
    decide(profile, task_id, ITEM, accept=True)
    record_statement(
        profile,
        task_id,
        text="记录表被清洁工误丢，今天就补贴。",
        accepted=False,
        reason="现场未见记录表张贴痕迹，且当事人无法提供记录表",
    )
    sign(profile, task_id, signer="party", image=signature_png(0), name="张伟")
    people = roster(profile)
    lead = task.lead_department_code
    officers = [people[i] for i in task.inspector_ids if i in people]
    for n, officer in enumerate(officers, 1):
        sign(profile, task_id, signer=officer.id, image=signature_png(n))
    own = tuple((o.display_name, o.badge_no) for o in officers if o.department_code == lead)
    return Day(task_id, ITEM, deadline, shas[0] if shas else "", own)
