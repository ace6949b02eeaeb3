"""Fixtures for the service tests: a real profile folder, real tasks, real photos.

Helpers are handed out as fixtures (``make_task``, ``jpeg``, ``counts``…) because
test folders are not packages and cannot import each other.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from inspector_app.domain.enforcement import (
    Decision,
    DispositionRecord,
    DispositionStatus,
    FollowUpResult,
    disposition_record_to_json,
)
from inspector_app.domain.entities import (
    Business,
    CreditClass,
    Department,
    Disposition,
    DispositionKind,
    Inspector,
    JointTask,
    MergedItem,
    Outcome,
    PriorViolation,
    Severity,
    SourceItem,
)
from inspector_app.domain.findings import Assessment
from inspector_app.domain.follow_ups import ORDERING
from inspector_app.services import Profile, import_tasks, open_profile
from inspector_app.store.models import (
    AuditEventRow,
    DispositionRow,
    DocumentRow,
    InspectionRow,
    ItemResultRow,
    OutboxRow,
    TaskRow,
)

ALICE = Inspector(
    id="u-alice",
    username="inspector1",
    display_name="李明",
    badge_no="44030001",
    department_code="SCJG",
)


def build_task(task_id: str = "t-1", n_items: int = 3, **overrides: Any) -> JointTask:
    items = tuple(
        MergedItem(
            id=f"i-{n}",
            code=f"SP-{n:03d}",
            title=f"检查项目{n}",
            content="查看食品经营许可证是否在有效期内",
            method="现场查看",
            legal_basis=("《中华人民共和国食品安全法》第三十五条",),
            severity=Severity.KEY if n == 1 else Severity.GENERAL,
            sources=(
                SourceItem("SCJG", f"SP-{n:03d}", f"检查项目{n}", ("《食品安全法》第三十五条",)),
                SourceItem("WJW", f"WS-{n:03d}", f"卫生项目{n}"),
            ),
        )
        for n in range(1, n_items + 1)
    )
    values: dict[str, Any] = dict(
        id=task_id,
        business=Business(
            uscc="91350100M000100Y43",
            name="福州示例餐饮有限公司",
            address="福州市鼓楼区示例路1号",
            legal_rep="王五",
            phone="0591-12345678",
            credit_class=CreditClass.C,
        ),
        departments=(Department("SCJG", "市场监管局"), Department("WJW", "卫健委")),
        lead_department_code="SCJG",
        inspector_ids=(ALICE.id, "u-bob"),
        team_id="team-1",
        window_start=date(2026, 5, 4),
        window_end=date(2026, 5, 29),
        checklist=items,
        plan={"plan_id": "p-2026-05", "seed": 42},
        history=(PriorViolation("SP-001", date(2025, 3, 1), "过期食品", penalised=False),),
    )
    values.update(overrides)
    return JointTask(**values)


def jpeg_bytes(color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(out, format="JPEG")
    return out.getvalue()


def camera_jpeg_bytes(
    size: tuple[int, int] = (2400, 1800), orientation: int = 1, seed: int = 0
) -> bytes:
    """A camera-like JPEG: a smooth scene with edges and sensor noise (not a flat colour,
    which compresses to nothing), with an EXIF orientation as a phone writes it."""
    w, h = size
    scene = (
        Image.effect_noise((max(w // 64, 2), max(h // 64, 2)), 90 + seed)
        .convert("RGB")
        .resize(size, Image.Resampling.BICUBIC)
    )
    grain = Image.effect_noise(size, 12).convert("RGB")
    image = Image.blend(scene, grain, 0.15)
    # A dark bar at the top of the scene as taken: tells which way up a copy came out.
    image.paste((10, 10, 10), (0, 0, w, h // 10))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()


def count_rows(profile: Profile) -> tuple[int, int]:
    """(outbox rows, audit events) in the profile's database."""
    with profile.db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(OutboxRow)) or 0,
            s.scalar(select(func.count()).select_from(AuditEventRow)) or 0,
        )


@pytest.fixture
def alice() -> Inspector:
    return ALICE


@pytest.fixture
def make_task() -> Callable[..., JointTask]:
    return build_task


@pytest.fixture
def jpeg() -> bytes:
    return jpeg_bytes()


@pytest.fixture
def camera_jpeg() -> Callable[..., bytes]:
    return camera_jpeg_bytes


@pytest.fixture
def png() -> bytes:
    return png_bytes()


@pytest.fixture
def counts() -> Callable[[Profile], tuple[int, int]]:
    return count_rows


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    with open_profile(tmp_path / "profile", user=ALICE) as p:
        yield p


@pytest.fixture
def task(profile: Profile) -> JointTask:
    t = build_task()
    import_tasks(profile, [t])
    return t


VISITED_AT = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)


def pulled_visit(
    profile: Profile,
    task: JointTask,
    *,
    submitted_at: datetime | None,
    status: str = "submitted",
    bad: tuple[str, ...] = (),
    documents: tuple[str, ...] = (),
    drafts: tuple[str, ...] = (),
    recorded_by: str = "u-alice",
    server_round: int | None = None,
    checked_out_at: datetime | None = VISITED_AT + timedelta(hours=1),
    deadlines: dict[str, date] | None = None,
    corrected: tuple[str, ...] = (),
    dispositions: dict[str, str] | None = None,
    followed_up: dict[str, date] | None = None,
) -> None:
    """A visit as pull stores it on a lead's laptop: the task, its inspection record
    (``status``), every finding (``bad`` non-compliant, with ``deadlines``), the
    confirmed ``dispositions`` (item -> kind; an ordering kind carries the finding's
    deadline, as ``decide`` copies it) with the ``followed_up`` days of those followed
    up, and the documents (``documents`` issued, ``drafts`` not)."""
    import_tasks(profile, [task])
    with profile.db.write() as s:
        s.add(
            InspectionRow(
                task_id=task.id,
                status=status,
                checked_in_at=VISITED_AT,
                checked_out_at=checked_out_at,
                present=[],
                party_statement="",
                recorded_by=recorded_by,
                submitted_at=submitted_at,
                round=server_round,
                rev=4,
                base_rev=4,
                dirty=False,
            )
        )
        for item in task.checklist:
            outcome = Outcome.NONCOMPLIANT if item.id in bad else Outcome.COMPLIANT
            s.add(
                ItemResultRow(
                    id=f"{task.id}:{item.id}",
                    task_id=task.id,
                    item_id=item.id,
                    outcome=outcome.value,
                    note=f"{item.title}：{'未亮证' if item.id in bad else '符合'}",
                    measurements={},
                    evidence=[],
                    corrected_on_site=item.id in corrected,
                    deadline=(deadlines or {}).get(item.id),
                    recorded_by=recorded_by,
                    recorded_at=VISITED_AT,
                    rev=1,
                    base_rev=1,
                    dirty=False,
                )
            )
        for item_id, kind in (dispositions or {}).items():
            deadline = (deadlines or {}).get(item_id) if kind in ORDERING else None
            done_on = (followed_up or {}).get(item_id)
            record = DispositionRecord(
                task_id=task.id,
                item_id=item_id,
                assessment=Assessment(),
                status=DispositionStatus.CONFIRMED,
                decision=Decision.ACCEPTED,
                disposition=Disposition(DispositionKind(kind), "R", (), "", deadline=deadline),
                decided_by=recorded_by,
                follow_up=None if done_on is None else FollowUpResult(done_on, True, "", "u-bob"),
            )
            s.add(
                DispositionRow(
                    id=record.id,
                    task_id=task.id,
                    item_id=item_id,
                    status=record.status.value,
                    kind=kind,
                    data=disposition_record_to_json(record),
                    rev=1,
                    base_rev=1,
                    dirty=False,
                )
            )
        kinds = [(k, "final") for k in documents] + [(k, "draft") for k in drafts]
        for n, (kind, doc_status) in enumerate(kinds):
            s.add(
                DocumentRow(
                    id=f"{task.id}-doc-{n}",
                    task_id=task.id,
                    kind=kind,
                    number=f"深市监责改〔2026〕{n + 1}号-{task.id}"
                    if doc_status == "final"
                    else None,
                    sha256="a" * 64,
                    status=doc_status,
                    data={"issued_at": "2026-05-11T10:00:00+08:00"},
                    created_at=VISITED_AT,
                    rev=1,
                    base_rev=1,
                    dirty=False,
                )
            )
        row = s.get(TaskRow, task.id)
        assert row is not None
        row.status = status


@pytest.fixture
def pull_visit() -> Callable[..., None]:
    return pulled_visit
