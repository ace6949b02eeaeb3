"""A search keystroke over every provision, rule-pack entry and check item (issue 14:
goal <= 50 ms), beside a plain substring scan over the same entries in the same run.

    .venv/bin/python benchmarks/lookup_bench.py [--tasks 500] [--distinct 2000] [--runs 5]

A fresh profile holds the demo and ``--tasks`` more tasks of 60 items each, drawn from
``--distinct`` distinct check items (the demo's items with new codes and wording), so
the index holds every shipped article, every rule-pack entry and that many check items.
Each keystroke is one prefix of a query typed character by character (责, 责令, 责令改,
…): the search the page runs on it (candidates, ranking, snippets of the 50 best of
each kind). The baseline scans every entry's text for the words in Python (no index,
no ranking, no snippets). ``--ui`` also times the search page's keystroke (search and
the result list filled), offscreen.

Prints JSON lines ``{"name", "value", "unit"}``: medians over ``--runs`` runs of the
per-run median (and the 95th percentile) keystroke; the index build time, the first one
(every task's JSON read) and later ones (tasks read again only when their rev changed),
and a rebuild after a sync brought one new task.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.services import import_tasks, open_profile  # noqa: E402
from inspector_app.services.demo import demo_tasks, load_demo  # noqa: E402
from inspector_app.services.lookup import build_index  # noqa: E402

QUERIES = [
    "责令改正",
    "首违不罚",
    "食品经营许可",
    "罚款",
    "消防设施",
    "保质期",
    "行政处罚法第33条",
    "陈述 申辩",
    "公示",
    "冷藏 温度",
    "听证",
    "送达",
    "灭火器",
    "从轻 减轻",
]
KEYSTROKES = [q[:n] for q in QUERIES for n in range(1, len(q) + 1)]


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def seed(profile_dir: Path, tasks: int, distinct: int) -> None:
    with open_profile(profile_dir) as p:
        load_demo(p)
        demo = demo_tasks()
        pool = [i for t in demo for i in t.checklist]
        items = [
            replace(
                pool[n % len(pool)],
                id=f"x{n}",
                code=f"BENCH-{n:05d}",
                title=f"{pool[n % len(pool)].title}（{n}）",
                content=f"{pool[n % len(pool)].content}第{n}号要求。",
            )
            for n in range(distinct)
        ]
        batch = []
        for t in range(tasks):
            start = (t * 37) % distinct
            checklist = tuple(replace(items[(start + k) % distinct], id=f"i{k}") for k in range(60))
            batch.append(replace(demo[t % len(demo)], id=f"bench-{t}", checklist=checklist))
        import_tasks(p, batch)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=500)
    ap.add_argument("--distinct", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ui", action="store_true", help="also the search page's keystroke")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="lookup-bench-")) / "profile"
    seed(folder, args.tasks, args.distinct)
    with open_profile(folder) as profile:
        builds, medians, p95s, base_medians, base_p95s = [], [], [], [], []
        index = None
        for _ in range(args.runs):
            started = time.perf_counter()
            index = build_index(profile)
            builds.append((time.perf_counter() - started) * 1000)
            times, base = [], []
            for keys in KEYSTROKES:
                t0 = time.perf_counter()
                index.search(keys)
                t1 = time.perf_counter()
                index.scan(keys)
                t2 = time.perf_counter()
                times.append((t1 - t0) * 1000)
                base.append((t2 - t1) * 1000)
            medians.append(statistics.median(times))
            p95s.append(percentile(times, 0.95))
            base_medians.append(statistics.median(base))
            base_p95s.append(percentile(base, 0.95))
        assert index is not None
        counts = index.counts()
        emit("entries_provisions", counts[next(iter(counts))], "count")
        emit("entries_total", len(index.entries), "count")
        emit("index_engine_fts5_trigram", 1.0 if index.engine == "fts5-trigram" else 0.0, "bool")
        emit("index_build_ms", statistics.median(builds[1:] or builds), "ms")
        emit("index_first_build_ms", builds[0], "ms")
        emit("keystroke_median_ms", statistics.median(medians), "ms")
        emit("keystroke_p95_ms", statistics.median(p95s), "ms")
        emit("baseline_scan_median_ms", statistics.median(base_medians), "ms")
        emit("baseline_scan_p95_ms", statistics.median(base_p95s), "ms")
        emit(
            "keystroke_vs_scan_ratio",
            statistics.median(medians) / max(statistics.median(base_medians), 1e-9),
            "x",
        )
        emit("keystrokes_per_run", len(KEYSTROKES), "count")
        # After a sync brought one changed task: only that task's JSON is read again.
        again = []
        for n in range(args.runs):
            task = demo_tasks()[0]
            import_tasks(profile, [replace(task, id=f"bench-new-{n}")])
            started = time.perf_counter()
            build_index(profile)
            again.append((time.perf_counter() - started) * 1000)
        emit("index_rebuild_after_one_new_task_ms", statistics.median(again), "ms")
        if args.ui:
            ui_keystrokes(profile, args.runs)


def ui_keystrokes(profile, runs: int) -> None:  # type: ignore[no-untyped-def]
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from inspector_app.ui.lookup import open_lookup

    app = QApplication.instance() or QApplication([])
    parent = QWidget()
    dialog = open_lookup(parent, profile)
    deadline = time.time() + 60
    while dialog.index is None and time.time() < deadline:
        app.processEvents()
        time.sleep(0.01)
    medians = []
    for _ in range(runs):
        times = []
        for keys in KEYSTROKES:
            t0 = time.perf_counter()
            dialog.search.setText(keys)
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
        medians.append(statistics.median(times))
        dialog.search.clear()
    emit("ui_keystroke_median_ms", statistics.median(medians), "ms")
    dialog.close()


if __name__ == "__main__":
    main()
