"""Issuing benchmark; prints JSON lines {"name", "value", "unit"}.

    .venv/bin/python benchmarks/issue_bench.py [--runs 30]

A visit of 60 checklist items, 6 of them non-compliant with one camera photo each
(4000×3000 JPEG, copied for documents at import, as in the field), decided (orders to
correct, a no-penalty decision, a summary fine), the statement recorded and everyone
signed, in a real profile folder (SQLite, WAL, synchronous=FULL, fsynced blobs):

- ``issue_onsite_record_60_items_6_photos`` p50/p95 (ms), warm: from the call of
  ``issuing.issue(profile, task, "onsite_record")`` to the PDF stored and the outbox row
  committed (each run voids the previous record, untimed, so the next is issued anew);
- ``render_pdf_onsite_record`` p50/p95 (ms): the bare ``render_pdf`` of the same document
  (composed afresh each round, untimed, with a new id and so a new QR code), interleaved
  with the issuing runs so that both feel the same load (the baseline);
- ``issue_all_documents`` p50/p95 (ms): ``issuing.issue_all`` of every document the visit
  needs in one go (each run voids them first, untimed); the count is printed too.
Goals (issue 11): p95 <= 100 ms for the record, <= 300 ms for all of them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from inspector_app.documents import render_pdf  # noqa: E402
from inspector_app.domain.enforcement import Opening  # noqa: E402
from inspector_app.domain.entities import Outcome  # noqa: E402
from inspector_app.domain.findings import Assessment  # noqa: E402
from inspector_app.services import (  # noqa: E402
    attach_evidence,
    import_tasks,
    open_profile,
    record_item_result,
    start_inspection,
)
from inspector_app.services.demo import demo_dataset  # noqa: E402
from inspector_app.services.dispositions import decide  # noqa: E402
from inspector_app.services.issuing import (  # noqa: E402
    image_reader,
    issue,
    issue_all,
    settings_for,
    void_document,
)
from inspector_app.services.visit_compose import compose  # noqa: E402
from inspector_app.services.visit_context import load_context  # noqa: E402
from inspector_app.services.visit_documents import needed_documents  # noqa: E402
from inspector_app.services.visit_record import record_statement, sign  # noqa: E402
from inspector_app.store.models import NumberBlockRow  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import visitday  # noqa: E402

FAILED = {  # item code -> (assessment, decide kwargs)
    "SC-SP-002": (Assessment(), {"accept": True}),
    "SC-JG-001": (Assessment(), {"accept": True}),
    "SC-SP-004": (Assessment(), {"accept": True, "warning": True}),
    "GX-JK-001": (Assessment(minor=True, harm="minor", corrected=True), {"accept": True}),
    "SC-SP-007": (Assessment(), {"accept": True, "warning": True}),
    "SC-SP-008": (
        Assessment(),
        {
            "kind": "order_to_correct",
            "reason": "当场未能整改",
            "statement": "原料已全部下架，认定事实为操作记录缺失，不影响食品安全",
        },
    ),
}


def camera_photo(seed: int) -> bytes:
    """A 12-megapixel phone photo as ``photo_copies_bench`` makes them (lit shelves, texture,
    sensor grain), so the document copies weigh what real ones do."""
    from photo_copies_bench import camera_photo as realistic

    return realistic(seed)


def sixty_items(task):  # type: ignore[no-untyped-def]
    items = list(task.checklist)
    n = 0
    while len(items) < 60:
        src = task.checklist[n % len(task.checklist)]
        items.append(
            replace(src, id=f"{src.id}-{len(items)}", title=f"{src.title}（{len(items)}）")
        )
        n += 1
    return replace(task, id=str(uuid.uuid4()), checklist=tuple(items[:60]))


def build(folder: Path):  # type: ignore[no-untyped-def]
    data = demo_dataset()
    profile = open_profile(folder, user=data.inspector("inspector1"))
    base = next(t for t in data.tasks if {"SC-SP-002", "SC-JG-001"} <= {i.id for i in t.checklist})
    task = sixty_items(base)
    import_tasks(profile, [task])
    year = datetime.now().astimezone().year
    with profile.db.write() as s:
        for kind in (
            "onsite_record",
            "joint_result_notice",
            "order_to_correct",
            "no_penalty_decision",
            "summary_penalty_decision",
            "risk_reminder",
            "credit_repair_notice",
            "proof_of_service",
        ):
            s.add(
                NumberBlockRow(
                    id=str(uuid.uuid4()),
                    agency_code="深市监福",
                    kind=kind,
                    year=year,
                    first=1,
                    last=100000,
                    received_at=datetime.now(UTC),
                )
            )
    start_inspection(profile, task.id, opening=Opening("张伟（店长）", True, True))
    due = date.today() + timedelta(days=10)
    for n, item in enumerate(task.checklist):
        failed = item.id in FAILED
        record_item_result(
            profile,
            task.id,
            item.id,
            outcome=Outcome.NONCOMPLIANT if failed else Outcome.COMPLIANT,
            note="现场检查发现问题，已拍照取证" if failed else "",
            deadline=due if failed else None,
        )
        if failed:
            attach_evidence(profile, task.id, item.id, camera_photo(n), caption=item.title)
    for code, (assessment, how) in FAILED.items():
        decide(profile, task.id, code, assessment=assessment, **how)
    record_statement(
        profile, task.id, text="对检查结果无异议。", accepted=True, reason="当事人如实陈述"
    )
    sign(profile, task.id, signer="party", image=visitday.signature_png(0), name="张伟")
    for n, officer_id in enumerate(task.inspector_ids, 1):
        sign(profile, task.id, signer=officer_id, image=visitday.signature_png(n))
    return profile, task


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def emit(name: str, value: float, unit: str = "ms") -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        profile, task = build(Path(tmp) / "profile")
        # Warm up: fonts, styles, images.
        first = issue(profile, task.id, "onsite_record").documents[0]
        void_document(profile, first.id, reason="benchmark")

        # Interleaved, so both feel the same load on a shared machine: each round renders
        # the record composed afresh (a new id, so a new QR code: what issuing renders)
        # with the bare render_pdf, then issues it.
        ctx = load_context(profile, task.id)
        need = next(n for n in needed_documents(ctx) if n.kind.value == "onsite_record")
        settings = settings_for(profile, need.department_code)
        issue_ms: list[float] = []
        render_ms: list[float] = []
        size = 0
        for n in range(args.runs):
            document = compose(
                ctx,
                need,
                settings=settings,
                doc_id=str(uuid.uuid4()),
                number=settings.number(need.kind, 2026, 1000 + n),
                issued_at=datetime.now(UTC),
                draft=False,
                image_for=image_reader(profile),
            )
            t0 = time.perf_counter()
            render_pdf(document, settings)
            render_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            doc = issue(profile, task.id, "onsite_record").documents[0]
            issue_ms.append((time.perf_counter() - t0) * 1000)
            size = len(doc.pdf)
            void_document(profile, doc.id, reason="benchmark")

        all_ms: list[float] = []
        count = 0
        for _ in range(max(5, args.runs // 3)):
            t0 = time.perf_counter()
            result = issue_all(profile, task.id)
            all_ms.append((time.perf_counter() - t0) * 1000)
            count = len(result.documents)
            for d in result.documents:
                void_document(profile, d.id, reason="benchmark")
        profile.close()

    emit("issue_onsite_record_60_items_6_photos_p50", statistics.median(issue_ms))
    emit("issue_onsite_record_60_items_6_photos_p95", pct(issue_ms, 95))
    emit("render_pdf_onsite_record_baseline_p50", statistics.median(render_ms))
    emit("render_pdf_onsite_record_baseline_p95", pct(render_ms, 95))
    emit("onsite_record_pdf_size", size / 1024, "KiB")
    emit("issue_all_documents_p50", statistics.median(all_ms))
    emit("issue_all_documents_p95", pct(all_ms, 95))
    emit("issue_all_documents_count", count, "documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
