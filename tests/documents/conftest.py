"""A joint task, its inspectors and the sample documents of every kind."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.documents import Document, load_settings
from inspector_app.documents.samples import SampleOptions, sample_documents
from inspector_app.domain.entities import (
    Business,
    Department,
    DocumentKind,
    Inspector,
    JointTask,
    MergedItem,
    Severity,
    SourceItem,
)


def make_task(n_items: int = 8) -> JointTask:
    business = Business(
        uscc="91440304MA5P23YC2P",
        name="深圳市粤味轩餐饮有限公司",
        address="深圳市福田区沙头街道沙嘴路68号鹏盛大厦首层101",
        legal_rep="陈志强",
        phone="0755-83651208",
        industry="餐饮服务",
    )
    departments = (
        Department("SZSCJG", "深圳市市场监督管理局福田监管局"),
        Department("XF", "深圳市福田区消防救援大队"),
    )
    items = tuple(
        MergedItem(
            id=f"item-{i}",
            code=f"SC-SP-{i:03d}",
            title=f"食品贮存条件检查第{i}项" if i % 2 else f"消防设施检查第{i}项",
            content="检查内容",
            method="现场检查",
            legal_basis=("《中华人民共和国食品安全法》第三十三条",),
            severity=Severity.GENERAL,
            sources=(SourceItem("SZSCJG" if i % 2 else "XF", f"SC-SP-{i:03d}", "t"),),
        )
        for i in range(1, n_items + 1)
    )
    return JointTask(
        id="984b9f39-d47c-5081-86d3-eb56d329ff6a",
        business=business,
        departments=departments,
        lead_department_code="SZSCJG",
        inspector_ids=("inspector1", "sc_xu", "inspector2"),
        team_id=None,
        window_start=date(2026, 11, 2),
        window_end=date(2026, 11, 27),
        checklist=items,
        plan={"name": "2026年福田区餐饮单位跨部门联合抽查"},
    )


INSPECTORS = [
    Inspector("i1", "inspector1", "李明轩", "19030012345", "SZSCJG"),
    Inspector("i2", "inspector2", "陈建国", "粤B0304127", "XF"),
    Inspector("i3", "sc_xu", "徐文博", "19030012471", "SZSCJG"),
]


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def task() -> JointTask:
    return make_task()


@pytest.fixture(scope="session")
def docs(task, settings) -> dict[DocumentKind, Document]:
    return sample_documents(task, INSPECTORS, settings)


@pytest.fixture(scope="session")
def drafts(task, settings) -> dict[DocumentKind, Document]:
    return sample_documents(task, INSPECTORS, settings, SampleOptions(draft=True))
