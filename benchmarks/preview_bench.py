"""Opening the document preview in the window; prints JSON lines {"name", "value", "unit"}.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/preview_bench.py [--runs 10]

The visit of ``issue_bench`` (60 checklist items, 6 non-compliant with a 12-megapixel
photo each, decided, statement recorded, everyone signed) in a real profile folder, shown
in the main window on the Documents tab with the 现场笔录 (on-site record) selected.
Each run presses Preview (Ctrl+Alt+V) and measures, median of ``--runs``:

- ``preview_onsite_record_first_page_ms``: from the key press to the first page on
  screen (the draft composed and rendered by ``issuing.preview`` in the operation
  thread, stored as the visit's latest draft, its first page rasterised by pypdfium2 in
  the preview's thread, painted); goal (issue 13) <= 300 ms;
- ``preview_onsite_record_all_pages_ms``: until every page is on screen;
- baselines in the same run, interleaved: ``service_preview_ms`` (the bare
  ``issuing.preview`` call), ``rasterise_first_page_ms`` and ``rasterise_all_pages_ms``
  (pypdfium2 on the same PDF bytes alone, at the same scale), and the ratio of the
  window's first page to the bare service call plus the bare first-page rasterising.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def emit(name: str, value: float, unit: str = "ms") -> None:
    print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import issue_bench

    from inspector_app.services.issuing import preview
    from inspector_app.ui.documents.preview import load_pdfium, rasterise
    from inspector_app.ui.main_window import MainWindow

    def settle(until, limit_s: float = 60) -> None:  # type: ignore[no-untyped-def]
        limit = time.perf_counter() + limit_s
        while not until():
            app.processEvents()
            if time.perf_counter() > limit:
                raise RuntimeError("the window never got there")

    with tempfile.TemporaryDirectory() as tmp:
        profile, task = issue_bench.build(Path(tmp) / "profile")
        window = MainWindow(
            profile, state=QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        )
        window.sync.shutdown()
        window.show()
        window.activateWindow()
        settle(lambda: window.visit.task is not None)
        window.select_task(task.id)
        settle(lambda: window.visit.task is not None and window.visit.task.id == task.id)
        panel = window.visit.documents
        window.visit.tabs.setCurrentWidget(panel)
        settle(lambda: bool(panel.model.rows))
        key = next(d.key for d in panel.model.rows if d.kind.value == "onsite_record")
        panel.select_document(key=key)
        load_pdfium()
        scale = panel.view.scale()

        first: list[float] = []
        every: list[float] = []
        service: list[float] = []
        raster_first: list[float] = []
        raster_all: list[float] = []
        pages = 0
        seen: list[float] = []

        def on_screen(_key: str) -> None:
            if not seen:
                panel.view.viewport().repaint()  # painted now, not at the next event loop turn
                seen.append(time.perf_counter())

        panel.previewed.connect(on_screen)
        for n in range(args.runs + 1):  # the first run warms up (fonts, images, imports)
            panel.view.show_message("")
            settle(lambda: not window.ops.busy and not panel.view.runner.busy)
            panel.select_document(key=key)
            seen.clear()
            t0 = time.perf_counter()
            QTest.keyClick(
                window,
                Qt.Key.Key_V,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
            )
            settle(lambda: bool(seen))
            t1 = seen[0]
            settle(panel.view.rendered)
            panel.view.viewport().repaint()
            t2 = time.perf_counter()
            settle(lambda: not window.ops.busy and not panel.reader.busy)
            panel.wait()
            app.processEvents()
            pages = panel.view.page_count

            t3 = time.perf_counter()
            result = preview(profile, task.id, "onsite_record")
            t4 = time.perf_counter()
            pdf = result.documents[0].pdf
            rasterise(pdf, scale, 0, 1)
            t5 = time.perf_counter()
            rasterise(pdf, scale, 0, None)
            t6 = time.perf_counter()
            if n == 0:
                continue
            first.append((t1 - t0) * 1000)
            every.append((t2 - t0) * 1000)
            service.append((t4 - t3) * 1000)
            raster_first.append((t5 - t4) * 1000)
            raster_all.append((t6 - t5) * 1000)
        window.close()
        profile.close()

    emit("preview_onsite_record_first_page_ms", statistics.median(first))
    emit("preview_onsite_record_all_pages_ms", statistics.median(every))
    emit("preview_onsite_record_pages", pages, "pages")
    emit("service_preview_ms", statistics.median(service))
    emit("rasterise_first_page_ms", statistics.median(raster_first))
    emit("rasterise_all_pages_ms", statistics.median(raster_all))
    bare = statistics.median(service) + statistics.median(raster_first)
    emit("first_page_vs_bare_service_and_raster", statistics.median(first) / bare, "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
