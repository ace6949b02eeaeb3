"""A recorded finding to a signed, numbered, synced and verifiable document, end to end on a
real server on loopback, directly and through a link that resets after answering."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import requests
from sqlalchemy import func, select

from inspector_app.domain.rules.verdict import zh_date
from inspector_app.services import sync
from inspector_app.services.issuing import issue, list_documents, numbers_at_hand
from inspector_app.sync.client import ClientSettings
from inspector_server.models import BlobRef, OpLedger, RecordRevision

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


world = _load("syncworld", HERE.parent / "sync" / "syncworld.py")
faultproxy = _load("faultproxy", HERE.parent / "chaos" / "faultproxy.py")
visitday = _load("visitday", HERE / "visitday.py")
helpers = _load("doc_helpers", HERE.parent / "documents" / "helpers.py")

FAST = ClientSettings(timeout=(2.0, 3.0), retries=4, backoff=0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    settings = world.demo_settings(tmp_path_factory.mktemp("server"))
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


def _prepared(folder: Path, url: str, **kw: object):  # type: ignore[no-untyped-def]
    """A laptop signed in and synced twice: tasks, reference data and number blocks."""
    profile = world.laptop(folder, url, "inspector1")
    assert sync(profile, **kw).exit_code == 0
    assert sync(profile, **kw).exit_code == 0
    return profile


def _check_pdf_and_server(server, profile, day, docs) -> None:  # type: ignore[no-untyped-def]
    order = next(d for d in docs if d.kind.value == "order_to_correct")
    text = helpers.pdf_text(order.pdf)
    assert visitday.NOTE in text
    assert "监督检查结果记录表公示" in text
    assert "第三十九条第二款" in text  # the duty breached, as the demo checklist gives it
    assert zh_date(day.deadline) in text
    assert order.number is not None and order.number in text
    for _name, badge in day.officers:
        assert badge in text
    assert len(day.officers) >= 2
    record = next(d for d in docs if d.kind.value == "onsite_record")
    assert visitday.NOTE in helpers.pdf_text(record.pdf)

    for doc in docs:
        held = server.record("document", doc.id)
        assert held is not None and held.data["status"] == "final"
        assert held.data["number"] == doc.number and held.data["sha256"] == doc.sha256
        blob = server.settings.blob_dir / doc.sha256[:2] / doc.sha256
        assert blob.read_bytes() == doc.pdf
        answer = requests.get(f"{server.url}/api/v1/documents/{doc.id}/verify", timeout=10)
        assert answer.status_code == 200 and answer.json()["sha256"] == doc.content_sha256
    with server.factory() as s:
        for doc in docs:
            # Exactly once: one revision of the record, one op in the ledger, one blob row.
            revs = s.scalar(
                select(func.count()).where(
                    RecordRevision.entity == "document", RecordRevision.record_id == doc.id
                )
            )
            ops = s.scalar(
                select(func.count()).where(
                    OpLedger.entity == "document", OpLedger.record_id == doc.id
                )
            )
            refs = s.scalar(
                select(func.count()).where(
                    BlobRef.sha256 == doc.sha256, BlobRef.record_id == doc.id
                )
            )
            assert (revs, ops, refs) == (1, 1, 1)


def test_a_recorded_day_issues_documents_the_server_verifies(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = _prepared(tmp_path / "one", server.url)
    day = visitday.record_day(profile)
    agency = "深市监福"
    assert numbers_at_hand(profile, agency, "order_to_correct", day.deadline.year) > 0 or (
        numbers_at_hand(profile, agency, "order_to_correct", day.deadline.year - 1) > 0
    )
    docs = []
    for kind in ("onsite_record", "joint_result_notice", "order_to_correct"):
        docs += issue(profile, day.task_id, kind).documents
    states = {d.kind.value: d.state for d in list_documents(profile, day.task_id)}
    assert states["order_to_correct"] == "issued"
    report = sync(profile)
    assert report.exit_code == 0, report.summary()
    _check_pdf_and_server(server, profile, day, docs)
    profile.close()


def test_the_same_through_a_link_that_resets_after_answering(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proxy = faultproxy.FaultProxy(server.port)
    try:
        profile = _prepared(tmp_path / "two", proxy.url, client_settings=FAST)
        day = visitday.record_day(profile)
        docs = []
        for kind in ("onsite_record", "joint_result_notice", "order_to_correct"):
            docs += issue(profile, day.task_id, kind).documents
        proxy.drop_responses = 3  # answers lost after the server committed
        report = sync(profile, client_settings=FAST)
        assert proxy.dropped == 3
        if report.exit_code != 0:  # the resets may have used up the retries: sync again
            report = sync(profile, client_settings=FAST)
        assert report.exit_code == 0, report.summary()
        _check_pdf_and_server(server, profile, day, docs)
        profile.close()
    finally:
        proxy.close()
