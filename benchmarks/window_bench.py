"""The main window with 10,000 tasks; prints JSON lines {"name", "value", "unit"}.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_bench.py [--runs 7]
        [--profile DIR]   # keep the generated 10,000-task profile there (built once)

The profile is the demo data set multiplied: 10,000 joint tasks (each demo task again
under another id and business name) plus one task whose merged checklist has 300 items.
Each figure is a median, printed beside a baseline measured in the same run:

- cold start to an interactive window: ``inspector-app gui`` in a fresh process (its
  modules compiled to bytecode first, as an installed copy has them), until
  the profile is unlocked with its password (checked offline, as at every start), the
  window is shown with its task list and sync status bar, and the event loop has
  handled everything start-up queued (first paint included); baseline: a bare PySide6
  QMainWindow started the same way (a subprocess each, alternating). Goal <= 0.8 s and
  <= 1.6x the bare one;
- saving one result with Ctrl+Enter until the next item is shown, has the focus and the
  event loop is idle again (task list, counts and checklist updated); baseline: the same
  service call without the window. Goal <= 50 ms;
- one search keystroke over 10,000 tasks until the list is laid out again; baseline:
  the filter alone over the same rows. Goal <= 50 ms;
- opening a task with a 300-item merged checklist (card, history, grouped checklist,
  first item); baseline: reading that task and its results through the services.
  Goal <= 100 ms;
- resident memory after opening 50 tasks; baseline: the same process before the window.
  Goal <= 250 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N_TASKS = 10_000
BIG = "bench-300-items"
PROFILE_VERSION = "2"  # bump when the generated profile changes
PASSWORD = "bench"  # the profile opens with it offline, as after a first sign-in

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1440, 900)
window.show()
def ready():
    app.processEvents()
    print("ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}), flush=True)


# --- the profile ---------------------------------------------------------------------


def build_profile(folder: Path) -> None:
    """10,000 tasks from the demo set, and one with a 300-item merged checklist."""
    marker = folder / "bench-profile-version"
    if marker.is_file() and marker.read_text() == PROFILE_VERSION:
        return
    if folder.exists():
        shutil.rmtree(folder)
    from inspector_app.services import import_tasks, open_profile
    from inspector_app.services.demo import demo_dataset, demo_tasks

    base = demo_tasks()
    tasks = []
    for n in range(N_TASKS):
        t = base[n % len(base)]
        business = replace(t.business, name=f"{t.business.name}（{n}号店）")
        tasks.append(replace(t, id=f"bench-{n:05d}", business=business))
    template = max(base, key=lambda t: len(t.checklist))
    items = []
    for n in range(300):
        item = template.checklist[n % len(template.checklist)]
        items.append(
            replace(item, id=f"{item.id}-{n}", code=f"{item.code}-{n // len(template.checklist)}")
        )
    big = replace(
        template,
        id=BIG,
        business=replace(template.business, name="三百项检查示例有限公司"),
        checklist=tuple(items),
    )
    with open_profile(folder, user=demo_dataset().inspector("inspector1")) as profile:
        for start in range(0, len(tasks), 1000):
            import_tasks(profile, tasks[start : start + 1000])
        import_tasks(profile, [big])
        _signed_in_once(profile, "inspector1")
    marker.write_text(PROFILE_VERSION)


def _signed_in_once(profile, username: str) -> None:  # type: ignore[no-untyped-def]
    """What a first sign-in leaves for opening offline: the user name and the verifier of
    the password (no server is needed to measure the window)."""
    from inspector_app.store.repositories import set_state
    from inspector_app.sync.credentials import password_verifier
    from inspector_app.sync.engine import USERNAME_KEY, VERIFIER_KEY

    with profile.db.write() as s:
        set_state(s, USERNAME_KEY, username)
        set_state(s, VERIFIER_KEY, password_verifier(PASSWORD))


# --- cold start --------------------------------------------------------------------------


def _time_to_ready(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert proc.stdout is not None
    elapsed = float("nan")
    for line in proc.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=120)  # let it finish (background work included) before the next run
    if elapsed != elapsed:
        raise RuntimeError(f"{cmd} never said it was ready")
    return elapsed


def cold_start(profile: Path, runs: int, settings: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(settings),  # window state of these runs stays here
        "INSPECTOR_PASSWORD": PASSWORD,
    }
    # Bytecode as an installed copy has it (pip compiles a wheel's modules at install):
    # where PYTHONDONTWRITEBYTECODE is set, every start would compile our modules from
    # source again, 0.1-0.2 s that no user pays. Written beside the sources, git-ignored.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "inspector_app")],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    ours_cmd = [
        sys.executable, "-m", "inspector_app.cli", "--profile", str(profile),
        "--lang", "zh_CN", "gui", "--exit-when-ready",
    ]  # fmt: skip
    bare_cmd = [sys.executable, "-c", BARE]
    _time_to_ready(ours_cmd, env)  # warm the OS file cache for both, once
    _time_to_ready(bare_cmd, env)
    ours, bare = [], []
    for _ in range(runs):
        bare.append(_time_to_ready(bare_cmd, env))
        ours.append(_time_to_ready(ours_cmd, env))
    emit("window_cold_start_10000_tasks", statistics.median(ours), "s")
    emit("window_cold_start_bare_pyside6_baseline", statistics.median(bare), "s")
    emit("window_cold_start_ratio_to_bare", statistics.median(ours) / statistics.median(bare), "x")


# --- in the window ------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def in_window(profile_dir: Path, runs: int, settings: Path) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from inspector_app.domain.entities import Outcome
    from inspector_app.services import (
        get_results,
        get_task,
        list_tasks,
        open_profile,
        record_item_result,
        start_inspection,
    )
    from inspector_app.services.task_views import TaskFilter, TaskView
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.operations import Warmup

    rss_before = _rss_mb()
    profile = open_profile(profile_dir)
    window = MainWindow(
        profile, state=QSettings(str(settings / "bench.ini"), QSettings.Format.IniFormat)
    )
    window.sync.shutdown()  # no server here: nothing to probe or sync in the background
    window.show()
    window.activateWindow()
    deadline = time.perf_counter() + 60
    while window.visit.task is None and time.perf_counter() < deadline:
        app.processEvents()
    window.tasks.set_view(TaskView.ALL)

    def settle(until) -> None:  # type: ignore[no-untyped-def]
        limit = time.perf_counter() + 30
        while not until():
            app.processEvents()
            if time.perf_counter() > limit:
                raise RuntimeError("the window never got there")
        app.processEvents()

    # What start-up left to load on the GUI thread, a module per turn of the event loop
    # (a second or two), is done before the window's own figures are taken: the cold
    # start above counts start-up, these the window at work.
    warmup = window.findChild(Warmup)
    settle(lambda: warmup is None or warmup.finished)

    # -- saving one result ------------------------------------------------------------
    task_id = "bench-00001"
    start_inspection(profile, task_id)
    window.select_task(task_id)
    window.data_changed.emit(_changes(task_id))
    settle(lambda: window.visit.task is not None and window.visit.task.id == task_id)
    editor = window.visit.editor
    order = window.visit.checklist.item_order()
    saves = []
    for n in range(min(len(order) - 1, 3 * runs)):
        window.visit.checklist.select_item(order[n])
        settle(lambda n=n: editor.item_id == order[n])
        editor.choose_outcome(Outcome.COMPLIANT)
        editor.note.setPlainText(f"第{n}项现场查看符合要求")
        start = time.perf_counter()
        QTest.keyClick(editor.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        settle(
            lambda n=n: editor.item_id == order[n + 1] and not window.ops.busy and not editor.dirty
        )
        saves.append(time.perf_counter() - start)
    other = get_task(profile, "bench-00002")
    start_inspection(profile, other.id)
    direct = []
    for item in other.checklist[: len(saves)]:
        start = time.perf_counter()
        record_item_result(profile, other.id, item.id, outcome=Outcome.COMPLIANT, note="对照")
        direct.append(time.perf_counter() - start)
    emit("window_save_result_to_next_item_10000_tasks", 1000 * statistics.median(saves), "ms")
    emit("window_save_result_service_call_baseline", 1000 * statistics.median(direct), "ms")

    # -- a search keystroke -----------------------------------------------------------
    search = window.tasks.search
    search.setFocus()
    keys = []
    for _ in range(runs):
        search.clear()
        settle(lambda: window.model.rowCount() >= N_TASKS)
        for ch in "914403":
            wanted = search.text() + ch
            start = time.perf_counter()
            QTest.keyClick(search, ch)
            settle(lambda wanted=wanted: window.model.task_filter.text == wanted)
            keys.append(time.perf_counter() - start)
        start = time.perf_counter()
        search.insert("湘")  # what an input method commits: one Chinese character
        settle(lambda: window.model.task_filter.text.endswith("湘"))
        keys.append(time.perf_counter() - start)
    summaries = list_tasks(profile)
    alone = []
    for text in ("9", "91", "9144", "914403", "湘"):
        start = time.perf_counter()
        TaskFilter(text=text).apply(summaries)
        alone.append(time.perf_counter() - start)
    search.clear()
    emit("window_search_keystroke_10000_tasks", 1000 * statistics.median(keys), "ms")
    emit("window_search_filter_alone_baseline", 1000 * statistics.median(alone), "ms")

    # -- opening a task with a 300-item checklist ---------------------------------------
    settle(lambda: window.model.rowCount() >= N_TASKS)
    opens, reads = [], []
    for _ in range(runs):
        window.select_task("bench-00003")
        settle(lambda: window.visit.task is not None and window.visit.task.id == "bench-00003")
        start = time.perf_counter()
        window.select_task(BIG)
        settle(lambda: window.visit.task is not None and window.visit.task.id == BIG)
        opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        get_task(profile, BIG)
        get_results(profile, BIG)
        reads.append(time.perf_counter() - start)
    assert window.visit.checklist.item_order() and len(window.visit.checklist.item_order()) == 300
    emit("window_open_task_300_items", 1000 * statistics.median(opens), "ms")
    emit("window_open_task_300_items_service_read_baseline", 1000 * statistics.median(reads), "ms")

    # -- memory after opening 50 tasks ---------------------------------------------------
    for n in range(50):
        task = f"bench-{100 + n * 97:05d}"
        window.select_task(task)
        settle(lambda task=task: window.visit.task is not None and window.visit.task.id == task)
    emit("window_rss_after_opening_50_tasks", _rss_mb(), "MB")
    emit("window_rss_before_the_window_baseline", rss_before, "MB")
    window.close()
    profile.close()


def _changes(task_id: str):  # type: ignore[no-untyped-def]
    from inspector_app.services import Changes

    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", type=Path, help="where to keep the 10,000-task profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="window-bench-") as tmp:
        work = Path(tmp)
        # The app's settings, compiled translations and keys stay in this run's folder.
        os.environ["INSPECTOR_SETTINGS"] = str(work / "settings.json")
        os.environ["INSPECTOR_CACHE"] = str(work / "cache")
        os.environ.setdefault("INSPECTOR_KEYRING", "off")
        cached = args.profile or work / "profile-10000"
        build_profile(cached)
        cold_start(cached, args.runs, work / "settings-cold")
        scratch = work / "scratch"  # saves write: never into the kept profile
        shutil.copytree(cached, scratch)
        (work / "settings-window").mkdir()
        in_window(scratch, args.runs, work / "settings-window")
    return 0


if __name__ == "__main__":
    sys.exit(main())
