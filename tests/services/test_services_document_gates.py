"""What blocks each needed document: the documents' gates, read before issuing."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from inspector_app.domain.enforcement import Opening
from inspector_app.services import Profile, import_tasks, open_profile, start_inspection
from inspector_app.services.demo import demo_dataset
from inspector_app.services.document_gates import NO_NUMBER, OPENING, blocking
from inspector_app.services.issuing import issue_all, list_documents
from inspector_app.store.models import NumberBlockRow

ROOT = Path(__file__).resolve().parents[1]
AGENCY = "深市监福"


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


visitday = _load("visitday", ROOT / "e2e" / "visitday.py")


def _blocks(p: Profile) -> None:
    year = datetime.now().astimezone().year
    with p.db.write() as s:
        for kind in ("onsite_record", "joint_result_notice", "order_to_correct"):
            s.add(
                NumberBlockRow(
                    id=str(uuid.uuid4()),
                    agency_code=AGENCY,
                    kind=kind,
                    year=year,
                    first=1,
                    last=5,
                    received_at=datetime.now(UTC),
                )
            )


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Profile]:
    data = demo_dataset()
    with open_profile(tmp_path / "p", user=data.inspector("inspector1")) as p:
        import_tasks(p, data.tasks)
        yield p


def test_a_visit_ready_to_issue_is_blocked_only_by_missing_numbers(demo: Profile) -> None:
    day = visitday.record_day(demo)
    gates = blocking(demo, day.task_id)
    keys = {d.key for d in list_documents(demo, day.task_id)}
    assert set(gates) == keys
    for found in gates.values():
        assert [getattr(b, "key", b) for b in found] == [NO_NUMBER.key]
    _blocks(demo)
    assert all(found == [] for found in blocking(demo, day.task_id).values())
    issue_all(demo, day.task_id)
    assert blocking(demo, day.task_id) == {}


def test_before_the_party_signs_the_gate_says_so(demo: Profile) -> None:
    _blocks(demo)
    task_id = visitday.pick_task(demo)
    start_inspection(demo, task_id, opening=Opening("张伟", False, False), present=["张伟"])
    gates = blocking(demo, task_id)
    record = next(v for k, v in gates.items() if k.startswith("onsite_record"))
    assert OPENING.bind() in record
    texts = [b for b in record if isinstance(b, str)]
    assert any("当事人签名" in t for t in texts)
