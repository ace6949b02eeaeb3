"""Screenshots of every page of the app in both languages, to look at (issue 13).

Run by hand under an X server (not part of the test suite):

    xvfb-run -a -s "-screen 0 1600x1100x24" env PYTHONPATH=$PWD \\
        .venv/bin/python tools/screens.py /tmp/screens

A real server on loopback (the demo data), an inspector's laptop with a recorded day
(tests/e2e/visitday.py), a conflict made by a second laptop, a change the server refused,
a visit returned by the lead, and the lead's laptop. Writes ``<lang>-<page>.png``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ui"))

import uiworld  # noqa: E402

world = uiworld.syncworld()
visitday = uiworld.load("visitday", ROOT / "tests" / "e2e" / "visitday.py")
reviewworld = uiworld.load("reviewworld", ROOT / "tests" / "ui" / "reviewworld.py")


def wait(condition: Callable[[], bool], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError(condition)
        QApplication.processEvents()
        time.sleep(0.01)


def settle(ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


class Shots:
    def __init__(self, folder: Path, lang: str) -> None:
        self.folder, self.lang = folder, lang
        self.saved: list[Path] = []

    def save(self, widget: QWidget, name: str) -> None:
        settle()
        path = self.folder / f"{self.lang}-{name}.png"
        widget.window().grab().save(str(path))
        self.saved.append(path)
        print(path, flush=True)

    def modal(self, name: str, opens: Callable[[], object], fill=None) -> None:  # type: ignore[no-untyped-def]
        """Grab the modal dialog ``opens`` shows (it blocks in exec()), then close it."""

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(50, poll)
                return
            if fill is not None:
                fill(dialog)
            self.save(dialog, name)
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

        QTimer.singleShot(100, poll)
        opens()


def prepare(folder: Path, url: str):  # type: ignore[no-untyped-def]
    from inspector_app.domain.entities import Outcome
    from inspector_app.services import (
        complete_inspection,
        get_task,
        list_tasks,
        record_item_result,
        start_inspection,
        submit_inspection,
        sync,
    )
    from inspector_app.services.review import return_visit

    one = world.laptop(folder / "inspector1", url, "inspector1")
    two = world.laptop(folder / "inspector2", url, "inspector2")
    lead = world.laptop(folder / "lead", url, "lead")
    for p in (one, one, two, lead):
        assert sync(p).exit_code == 0
    day = visitday.record_day(one)
    # A conflict: the same finding recorded on two laptops.
    both = sorted(
        {t.id for t in list_tasks(one) if t.status == "assigned"} & {t.id for t in list_tasks(two)}
    )
    joint = next(t for t in both if t != day.task_id)
    start_inspection(one, joint)
    sync(one)
    sync(two)
    item = get_task(one, joint).checklist[1]
    record_item_result(one, joint, item.id, outcome=Outcome.NONCOMPLIANT, note="灭火器过期")
    record_item_result(two, joint, item.id, outcome=Outcome.COMPLIANT, note="已更换灭火器")
    sync(one)
    sync(two)
    sync(one)
    # A visit submitted, then returned by the lead with comments.
    returned = reviewworld.fresh_task(one)
    reviewworld.visit(one, returned, photo=reviewworld.jpeg(1))
    submit_inspection(one, returned)
    sync(one)
    sync(lead)
    first = get_task(lead, returned).checklist[0]
    return_visit(lead, returned, "请补充整改要求", {first.id: "写明未亮证的位置"})
    sync(lead)
    sync(one)
    # Another visit submitted, waiting in the lead's queue.
    waiting = reviewworld.fresh_task(one)
    reviewworld.visit(one, waiting, photo=reviewworld.jpeg(2))
    submit_inspection(one, waiting)
    sync(one)
    sync(lead)
    # A change the server refuses: the lead records a finding on a task not theirs.
    refused = sorted(t.id for t in list_tasks(lead) if t.status == "assigned")[0]
    start_inspection(lead, refused)
    record_item_result(
        lead,
        refused,
        get_task(lead, refused).checklist[0].id,
        outcome=Outcome.NONCOMPLIANT,
        note="组长改",
    )
    sync(lead)
    _ = complete_inspection
    return one, two, lead, day, returned, waiting, item.id


def inspector_pages(shots: Shots, profile, two, day, returned, url: str, hub) -> None:  # type: ignore[no-untyped-def]
    from inspector_app.services.task_views import TaskView
    from inspector_app.ui.lookup import open_lookup
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.settings.page import SettingsDialog
    from inspector_app.ui.sync import ConflictDialog, RejectedDialog

    window = MainWindow(profile, server_url=url, settings=hub)
    window.resize(1400, 950)
    window.show()
    wait(lambda: window.visit.task is not None)
    wait(lambda: window.sync.started and not window.sync.busy)
    shots.save(window, "01-task-list")
    window.tasks.set_view(TaskView.ALL)
    assert window.select_task(day.task_id)
    wait(lambda: window.visit.task is not None and window.visit.task.id == day.task_id)
    window.visit.checklist.select_item(day.item_id)
    shots.save(window, "02-task-page-item")
    tabs = window.visit.tabs
    tabs.setCurrentWidget(tabs.dispositions)
    wait(lambda: tabs.dispositions.items.count() > 0)
    shots.save(window, "03-dispositions")
    tabs.setCurrentWidget(tabs.signatures)
    wait(lambda: tabs.signatures.list.count() > 0)
    shots.save(window, "04-signatures")
    docs = window.visit.documents
    tabs.setCurrentWidget(docs)
    wait(lambda: bool(docs.model.rows) and not docs.reader.busy)
    order = next(d for d in docs.model.rows if d.kind.value == "order_to_correct")
    docs.select_document(key=order.key)
    docs.preview()
    wait(docs.view.rendered, 60)
    wait(lambda: not window.ops.busy)
    shots.save(window, "05-documents-preview")
    tabs.setCurrentWidget(tabs.editor)
    # The returned visit: the banner with the lead's comments.
    assert window.select_task(returned)
    wait(lambda: window.visit.task is not None and window.visit.task.id == returned)
    wait(lambda: not window.visit.review.banner.isHidden())
    first = window.visit.checklist.item_order()[0]
    window.visit.checklist.select_item(first)
    shots.save(window, "06-returned-banner")
    # Self-check sheet preview.
    window.visit.self_check.preview = True
    shots.modal("07-self-check-preview", lambda: _self_check(shots, window, day.task_id))
    # Search (F3).
    dialog = open_lookup(window, profile, window.ops.prepare)
    dialog.resize(1000, 700)
    dialog.search.setText("灭火器") if hasattr(dialog, "search") else None
    settle(1500)
    shots.save(dialog, "08-search")
    dialog.close()
    # Settings.
    shots.modal("09-settings", lambda: SettingsDialog(hub, window).exec())
    window.sync.shutdown()
    window.ops.wait()
    window.close()

    # The second laptop: the conflict.
    other = MainWindow(two, server_url=url, settings=hub)
    other.resize(1400, 950)
    other.show()
    wait(lambda: other.sync.started and not other.sync.busy)
    shots.modal("10-conflict", lambda: ConflictDialog(two, other.data_changed, other).exec())
    other.sync.shutdown()
    other.ops.wait()
    other.close()
    _ = RejectedDialog


def _self_check(shots: Shots, window, task_id: str) -> None:  # type: ignore[no-untyped-def]
    """The sheet is built in a worker, then previewed in a modal dialog."""
    count = len(shots.saved)
    window.visit.self_check.start(task_id)
    wait(lambda: len(shots.saved) > count, 60)
    wait(lambda: QApplication.activeModalWidget() is None, 60)


def lead_pages(shots: Shots, lead, waiting: str, url: str, hub) -> None:  # type: ignore[no-untyped-def]
    from inspector_app.ui.lead.window import LeadWindow
    from inspector_app.ui.stats.dialog import StatisticsDialog
    from inspector_app.ui.sync import RejectedDialog

    window = LeadWindow(lead, server_url=url, settings=hub)
    window.resize(1400, 950)
    window.show()
    wait(lambda: waiting in window.queue.task_ids(), 60)
    shots.save(window, "11-lead-queue")
    assert window.queue.select_task(waiting)
    wait(lambda: window.review.task_id == waiting)
    shots.save(window, "12-lead-review-page")
    shots.modal("13-refused-changes", lambda: RejectedDialog(lead, window).exec())
    stats = StatisticsDialog(lead, window.ops, window)
    stats.resize(1300, 900)
    stats.show()
    settle(3000)
    shots.save(stats, "14-statistics")
    stats.close()
    window.close()


def session_pages(shots: Shots, profile, url: str) -> None:  # type: ignore[no-untyped-def]
    from inspector_app.ui.session.sign_in import SignInDialog
    from inspector_app.ui.session.unlock import UnlockDialog

    sign_in = SignInDialog(lambda *_a: None, server_url=url)  # type: ignore[arg-type]
    sign_in.show()
    shots.save(sign_in, "00-sign-in")
    sign_in.close()
    unlock = UnlockDialog(profile.user, lambda _p: True, where=str(profile.folder))  # type: ignore[arg-type]
    unlock.show()
    shots.save(unlock, "00-unlock")
    unlock.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/screens")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    from inspector_app.services.settings import Settings
    from inspector_app.ui.i18n import install_translator
    from inspector_app.ui.settings import SettingsHub

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = world.demo_settings(folder / "server")
        (folder / "server").mkdir()
        world.prepare(settings)
        live = world.start_server(settings)
        try:
            one, two, lead, day, returned, waiting, _item = prepare(folder, live.url)
            hub = SettingsHub(Settings.load(folder / "settings.json"))
            for lang in ("zh_CN", "en"):
                translator = install_translator(app, lang)
                shots = Shots(out, lang)
                session_pages(shots, one, live.url)
                inspector_pages(shots, one, two, day, returned, live.url, hub)
                lead_pages(shots, lead, waiting, live.url, hub)
                if translator is not None:
                    app.removeTranslator(translator)
        finally:
            live.stop()


if __name__ == "__main__":
    main()
