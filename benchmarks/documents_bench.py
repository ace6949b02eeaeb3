"""Document rendering benchmark; prints JSON lines {"name", "value", "unit"}.

    .venv/bin/python benchmarks/documents_bench.py [--runs 30] [--batch 100]

- onsite_record_60_items_6_photos warm p50/p95 (ms) over --runs renders in one process;
- the same, cold: a fresh Python process that imports, registers fonts and renders once
  (wall time of the process, and the first render inside it);
- pages per second for a batch of --batch documents of every kind.
The LibreOffice comparison of the issue is not run here (no LibreOffice on this machine;
it must be installed in the benchmark's own setup); it reports "skipped".
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.documents import load_settings, render_pdf  # noqa: E402
from inspector_app.documents.samples import SampleOptions, sample_documents  # noqa: E402
from inspector_app.domain.entities import (  # noqa: E402
    Business,
    Department,
    DocumentKind,
    Inspector,
    JointTask,
    MergedItem,
    Severity,
    SourceItem,
)

INSPECTORS = [
    Inspector("i1", "inspector1", "李明轩", "19030012345", "SZSCJG"),
    Inspector("i2", "inspector2", "陈建国", "粤B0304127", "XF"),
]


def bench_task(n_items: int = 60) -> JointTask:
    items = tuple(
        MergedItem(
            id=f"item-{i}",
            code=f"SC-SP-{i:03d}",
            title=f"检查事项{i}：食品贮存、加工制作、从业人员健康管理等要求的落实情况",
            content="检查内容",
            method="现场检查",
            legal_basis=("《中华人民共和国食品安全法》第三十三条",),
            severity=Severity.GENERAL,
            sources=(SourceItem("SZSCJG", f"SC-SP-{i:03d}", "t"),),
        )
        for i in range(1, n_items + 1)
    )
    return JointTask(
        id="bench-task",
        business=Business(
            "91440304MA5P23YC2P",
            "深圳市粤味轩餐饮有限公司",
            "深圳市福田区沙头街道沙嘴路68号鹏盛大厦首层101",
            "陈志强",
            "0755-83651208",
        ),
        departments=(
            Department("SZSCJG", "深圳市市场监督管理局福田监管局"),
            Department("XF", "深圳市福田区消防救援大队"),
        ),
        lead_department_code="SZSCJG",
        inspector_ids=("inspector1", "inspector2"),
        team_id=None,
        window_start=date(2026, 11, 2),
        window_end=date(2026, 11, 27),
        checklist=items,
    )


def record_60():  # type: ignore[no-untyped-def]
    s = load_settings()
    docs = sample_documents(bench_task(60), INSPECTORS, s, SampleOptions(n_items=60, n_photos=6))
    return docs[DocumentKind.ONSITE_RECORD], s


def emit(name: str, value: float | None, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}, ensure_ascii=False), flush=True)


def pages_of(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def cold_child() -> None:
    t0 = time.perf_counter()
    doc, s = record_60()
    t1 = time.perf_counter()
    render_pdf(doc, s)
    t2 = time.perf_counter()
    print(json.dumps({"build_ms": (t1 - t0) * 1000, "first_render_ms": (t2 - t1) * 1000}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child()
        return

    doc, s = record_60()
    pdf = render_pdf(doc, s)  # warm-up: fonts, styles, caches
    emit("onsite_record_60_items_6_photos.pages", pages_of(pdf), "pages")
    emit("onsite_record_60_items_6_photos.size", round(len(pdf) / 1024, 1), "KiB")
    times = []
    for _ in range(max(args.runs, 20)):
        t = time.perf_counter()
        render_pdf(doc, s)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    emit("onsite_record_60_items_6_photos.warm_p50", round(statistics.median(times), 1), "ms")
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    emit("onsite_record_60_items_6_photos.warm_p95", round(p95, 1), "ms")

    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--cold-child"], capture_output=True, text=True, check=True
    )
    wall = (time.perf_counter() - t) * 1000
    child = json.loads(out.stdout.strip().splitlines()[-1])
    emit("onsite_record_60_items_6_photos.cold_process", round(wall, 1), "ms")
    emit(
        "onsite_record_60_items_6_photos.cold_first_render",
        round(child["first_render_ms"], 1),
        "ms",
    )

    kinds = list(DocumentKind)
    batch = []
    task = bench_task(12)
    for i in range(0, args.batch, len(kinds)):
        docs = sample_documents(task, INSPECTORS, s, SampleOptions(first_seq=i + 1))
        batch += list(docs.values())
    batch = batch[: args.batch]
    t = time.perf_counter()
    pages = sum(pages_of(render_pdf(d, s)) for d in batch)
    # pages_of is outside what we measure: subtract it by timing it separately
    elapsed = time.perf_counter() - t
    pdfs = [render_pdf(d, s) for d in batch[:10]]
    t = time.perf_counter()
    for p in pdfs:
        pages_of(p)
    counting = (time.perf_counter() - t) * len(batch) / len(pdfs)
    emit("batch_documents", len(batch), "documents")
    emit("batch_pages", pages, "pages")
    emit("batch_pages_per_second", round(pages / (elapsed - counting), 1), "pages/s")
    emit("batch_documents_per_second", round(len(batch) / (elapsed - counting), 1), "documents/s")

    if shutil.which("soffice") is None:
        emit("libreoffice_docx_to_pdf_ratio", None, "skipped: LibreOffice not installed")


if __name__ == "__main__":
    main()
