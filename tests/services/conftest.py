"""Fixtures for the service tests: a real profile folder, real tasks, real photos.

Helpers are handed out as fixtures (``make_task``, ``jpeg``, ``counts``…) because
test folders are not packages and cannot import each other.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from inspector_app.domain.entities import (
    Business,
    CreditClass,
    Department,
    Inspector,
    JointTask,
    MergedItem,
    PriorViolation,
    Severity,
    SourceItem,
)
from inspector_app.services import Profile, import_tasks, open_profile
from inspector_app.store.models import AuditEventRow, OutboxRow

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
