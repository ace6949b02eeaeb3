"""The lead's window opening on a queue of 500 submitted visits; prints JSON lines
{"name", "value", "unit"} (medians of ``--runs``).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python benchmarks/lead_window_bench.py \
        [--visits 500] [--runs 15]

The lead's profile is ``review_queue_bench.py``'s: ``--visits`` submitted visits of a
team the lead leads (40-item checklists, every item recorded, a few non-compliant, two
issued documents each), as many of the team still in progress and as many of another
team. Each run times, in one process:

- the lead's queue open: from making ``LeadWindow`` until its queue table, read and laid
  out with every visit, has been painted on screen (the first paint of its viewport).
  Goal <= 200 ms;
- the whole window settled: the same, until the first visit's review page is filled
  (40 items, documents, reviews), the sync status bar shown, and the event loop has
  handled everything it queued;
- baseline, the same run: a bare ``QMainWindow`` holding a ``QTableView`` over a model of
  the same 500 rows (already read), made, shown and painted the same way; and the queue
  service call alone (``services.review_queue``), the data the window shows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _queue_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "review_queue_bench", HERE / "review_queue_bench.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Until the event loop has nothing queued (posted events, deferred deletes, paint)."""
    for _ in range(3):
        app.processEvents()
        app.sendPostedEvents()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=500)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("INSPECTOR_KEYRING", "off")

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INSPECTOR_SETTINGS"] = str(Path(tmp) / "settings.json")
        folder = Path(tmp) / "lead"
        started = time.perf_counter()
        _queue_bench().build(folder, args.visits)
        setup = time.perf_counter() - started

        from PySide6.QtCore import QEvent, QObject, QSettings, QStringListModel
        from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

        from inspector_app.services import open_profile, review_queue
        from inspector_app.ui.lead.window import LeadWindow
        from inspector_app.ui.settings.hub import SettingsHub

        app = QApplication.instance() or QApplication(sys.argv)
        state = QSettings(str(Path(tmp) / "window.ini"), QSettings.Format.IniFormat)

        class FirstPaint(QObject):
            """When a widget was first painted (time.perf_counter)."""

            at: float | None = None

            def eventFilter(self, _watched, event):  # type: ignore[no-untyped-def]  # noqa: N802
                if event.type() == QEvent.Type.Paint and self.at is None:
                    self.at = time.perf_counter()
                return False

        queue_ms: list[float] = []
        window_ms: list[float] = []
        bare_ms: list[float] = []
        service_ms: list[float] = []
        with open_profile(folder) as profile:
            hub = SettingsHub.load()
            # Warm: the modules, the database, the first window (not timed).
            warm = LeadWindow(profile, settings=hub, state=state)
            warm.show()
            _settle(app)
            assert len(warm.queue.task_ids()) == args.visits, len(warm.queue.task_ids())
            assert warm.review.visit is not None and len(warm.review.visit.items) == 40
            warm.close()
            warm.deleteLater()
            _settle(app)
            rows = [e.business_name for e in review_queue(profile)]
            for _ in range(args.runs):
                t0 = time.perf_counter()
                entries = review_queue(profile)
                service_ms.append((time.perf_counter() - t0) * 1000)
                assert len(entries) == args.visits

                t0 = time.perf_counter()
                bare = QMainWindow()
                table = QTableView(bare)
                table.setModel(QStringListModel(rows, table))
                bare.setCentralWidget(table)
                bare.resize(1440, 900)
                bare.show()
                _settle(app)
                bare_ms.append((time.perf_counter() - t0) * 1000)
                bare.close()
                bare.deleteLater()
                _settle(app)

                t0 = time.perf_counter()
                window = LeadWindow(profile, settings=hub, state=state)
                painted = FirstPaint()
                window.queue.table.viewport().installEventFilter(painted)
                window.show()
                _settle(app)
                window_ms.append((time.perf_counter() - t0) * 1000)
                assert painted.at is not None
                queue_ms.append((painted.at - t0) * 1000)
                assert len(window.queue.task_ids()) == args.visits
                assert window.review.visit is not None
                window.sync.runner.wait()
                window.close()
                window.deleteLater()
                _settle(app)
    window = statistics.median(window_ms)
    queue = statistics.median(queue_ms)
    for name, value, unit in (
        (f"lead_queue_{args.visits}_visits_open_median", queue, "ms"),
        (f"lead_queue_{args.visits}_visits_open_max", max(queue_ms), "ms"),
        (f"lead_window_{args.visits}_visits_settled_median", window, "ms"),
        (f"lead_window_{args.visits}_visits_settled_max", max(window_ms), "ms"),
        ("baseline_bare_window_500_rows_median", statistics.median(bare_ms), "ms"),
        ("baseline_review_queue_service_median", statistics.median(service_ms), "ms"),
        ("queue_over_bare_window", queue / statistics.median(bare_ms), "x"),
        ("queue_minus_service_median", queue - statistics.median(service_ms), "ms"),
        ("goal_ms", 200, "ms"),
        ("setup", setup, "s"),
    ):
        print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}))


if __name__ == "__main__":
    main()
