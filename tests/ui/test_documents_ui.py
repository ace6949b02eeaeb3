"""The documents page of a visit, in the window: what it needs and what blocks it, the
draft preview, issue, print to a real CUPS queue, delivery and void (with a reason only).

The laptop is signed in to a real server on loopback and synced (tasks, reference data,
number blocks); the visit is recorded through the services as the inspector would in the
other tabs (check-in, a non-compliance, the order to correct accepted, signatures).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from inspector_app.services import sync
from inspector_app.services.issuing import list_documents
from inspector_app.ui.documents.dialogs import DeliveryDialog, DeliveryEntry, VoidDialog
from inspector_app.ui.documents.page import DocumentsPanel
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.printing import a4_printer

from .uiworld import HERE, load, syncworld

world = syncworld()
visitday = load("visitday", HERE.parent / "e2e" / "visitday.py")
PRINTER = os.environ.get("INSPECTOR_TEST_PRINTER", "")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    settings = world.demo_settings(tmp_path_factory.mktemp("server"))
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


@pytest.fixture
def day(server, tmp_path: Path):  # type: ignore[no-untyped-def]
    profile = world.laptop(tmp_path / "laptop", server.url, "inspector1")
    assert sync(profile).exit_code == 0
    assert sync(profile).exit_code == 0  # the number blocks asked for on the first
    recorded = visitday.record_day(profile)
    yield profile, recorded
    profile.close()


@pytest.fixture
def window(qtbot, day, monkeypatch):  # type: ignore[no-untyped-def]
    profile, recorded = day
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    w = MainWindow(profile)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.visit.task is not None, timeout=20_000)
    assert w.select_task(recorded.task_id)
    qtbot.waitUntil(
        lambda: w.visit.task is not None and w.visit.task.id == recorded.task_id, timeout=20_000
    )
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.warnings = warnings  # type: ignore[attr-defined]
    yield w
    w.ops.wait()
    w.visit.documents.wait()


def _panel(window: MainWindow) -> DocumentsPanel:
    return window.visit.documents


def _press(qtbot, window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, mods)


CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20_000)


def _show_documents(qtbot, window: MainWindow) -> DocumentsPanel:
    panel = _panel(window)
    window.visit.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: bool(panel.model.rows) and not panel.reader.busy, timeout=20_000)
    return panel


def _states(panel: DocumentsPanel) -> dict[str, str]:
    return {d.kind.value: d.state for d in panel.model.rows}


def test_needs_with_what_blocks_them_and_a_draft_preview_by_keyboard(qtbot, window) -> None:
    panel = _panel(window)
    assert window.visit.tabs.currentWidget() is not panel
    _press(qtbot, window, Qt.Key.Key_D, CTRL_ALT)  # Show the documents
    assert window.visit.tabs.currentWidget() is panel
    # The list is read off the GUI thread: wait for it (a busy machine is slow to).
    qtbot.waitUntil(lambda: bool(panel.model.rows) and not panel.reader.busy, timeout=20_000)
    assert _states(panel) == {
        "onsite_record": "needed",
        "joint_result_notice": "needed",
        "order_to_correct": "needed",
    }
    # The recorded visit is complete: nothing blocks; every row says it can be issued.
    assert all(panel.model.blocked_by(d) == [] for d in panel.model.rows)
    panel.select_document(
        key=next(d.key for d in panel.model.rows if d.kind.value == "order_to_correct")
    )
    with qtbot.waitSignal(panel.previewed, timeout=20_000):
        _press(qtbot, window, Qt.Key.Key_V, CTRL_ALT)  # Preview
    qtbot.waitUntil(panel.view.rendered, timeout=20_000)
    assert panel.view.page_count >= 1 and panel.view.pages[0].pixmap().width() > 300
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: _states(panel)["order_to_correct"] == "draft", timeout=20_000)
    width = panel.view.pages[0].width()
    panel.zoom_in_action.trigger()
    qtbot.waitUntil(
        lambda: panel.view.rendered() and panel.view.pages[0].width() > width, timeout=20_000
    )


def test_a_visit_without_signatures_shows_what_is_missing(qtbot, day, server, tmp_path) -> None:
    from inspector_app.domain.enforcement import Opening
    from inspector_app.services import start_inspection

    profile, recorded = day
    # Another assigned task: checked in without telling the party its rights.
    other = next(
        t.id
        for t in __import__("inspector_app.services", fromlist=["list_tasks"]).list_tasks(profile)
        if t.status.value == "assigned" and t.id != recorded.task_id
    )
    start_inspection(profile, other, opening=Opening("张伟", False, False), present=["张伟"])
    w = MainWindow(profile)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.visit.task is not None, timeout=20_000)
    assert w.select_task(other)
    w.show()
    qtbot.waitExposed(w)
    panel = _show_documents(qtbot, w)
    record = next(d for d in panel.model.rows if d.kind.value == "onsite_record")
    blocked = " ".join(panel.model.blocked_by(record))
    assert "当事人签名" in blocked
    assert panel.model.state_text(record) == "blocked"
    panel.select_document(key=record.key)
    assert "当事人签名" in panel.details.text()
    w.ops.wait()


def _issue_order(qtbot, window: MainWindow) -> str:
    panel = _show_documents(qtbot, window)
    key = next(d.key for d in panel.model.rows if d.kind.value == "order_to_correct")
    panel.select_document(key=key)
    doc0 = panel.current()
    _press(qtbot, window, Qt.Key.Key_I, CTRL_ALT)  # Issue
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: _states(panel)["order_to_correct"] == "issued", timeout=20_000)
    qtbot.waitUntil(lambda: (panel.current() or doc0).state == "issued", timeout=20_000)
    doc = panel.current()
    assert doc is not None and doc.kind.value == "order_to_correct" and doc.number
    # The issued document is on show, with its number.
    qtbot.waitUntil(panel.view.rendered, timeout=20_000)
    assert doc.number in panel.preview_title.text()
    return doc.number


def _issue_kind(qtbot, window: MainWindow, kind: str) -> None:
    panel = _show_documents(qtbot, window)
    panel.select_document(key=next(d.key for d in panel.model.rows if d.kind.value == kind))
    _press(qtbot, window, Qt.Key.Key_I, CTRL_ALT)  # Issue
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: _states(panel)[kind] == "issued", timeout=20_000)
    qtbot.waitUntil(lambda: not panel.reader.busy, timeout=20_000)


def test_a_half_issued_set_reads_as_progress_and_a_contradiction_as_a_problem(
    qtbot, window
) -> None:
    """The 现场笔录 issued, the joint notice and the order not yet: the page tells what is
    still to issue, in the normal colour, and shows no problem. An issued order for a
    finding the record now calls compliant is a contradiction, shown as one."""
    from inspector_app.domain.entities import Outcome
    from inspector_app.services import Changes, record_item_result

    panel = _panel(window)
    _issue_kind(qtbot, window, "onsite_record")
    assert not panel.problems.isVisible()
    assert panel.progress_note.isVisible()
    note = panel.progress_note.text()
    assert note.startswith("1 of 3 documents issued; still to issue: ")
    assert "联合检查结果告知书" in note and "责令改正通知书" in note
    assert "现场笔录 " not in note.split(":", 1)[1]
    assert "#a8281e" not in panel.progress_note.styleSheet()

    _issue_kind(qtbot, window, "order_to_correct")
    assert not panel.problems.isVisible()
    assert panel.progress_note.text().startswith("2 of 3 documents issued")

    task_id = window.visit.task.id
    item = next(d.item_ids[0] for d in panel.model.rows if d.kind.value == "order_to_correct")
    record_item_result(window.profile, task_id, item, outcome=Outcome.COMPLIANT, note="符合")
    window.ops.data_changed.emit(Changes(item_results=frozenset({f"{task_id}:{item}"})))
    qtbot.waitUntil(panel.problems.isVisible, timeout=20_000)
    assert "责令改正通知书" in panel.problems.text() and "符合" in panel.problems.text()
    assert "联合检查结果告知书" not in panel.problems.text()  # still to issue, not a problem
    assert "联合检查结果告知书" in panel.progress_note.text()


def _cups_text(started: float, doc_name: str) -> tuple[Path, str]:
    """The text of the PDF cups-pdf wrote for the job ``doc_name`` (once it is whole)."""
    folders = [Path.home() / "PDF", Path("/root/PDF"), Path("/var/spool/cups-pdf/ANONYMOUS")]
    for _ in range(1800):  # Ghostscript takes its time on a busy machine
        for folder in folders:
            if not folder.is_dir():
                continue
            for f in folder.glob(f"{doc_name}*.pdf"):
                if f.stat().st_mtime < started - 1:
                    continue
                done = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True)
                if done.returncode == 0:
                    return f, "".join(done.stdout.split())
        time.sleep(0.1)
    raise AssertionError(f"cups-pdf wrote no readable {doc_name}*.pdf")


def _qr_codes(pdf: Path, folder: Path) -> list[str]:
    """Every QR code on the printed pages (pdftoppm, then zbarimg)."""
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "p")], check=True)
    found = subprocess.run(
        ["zbarimg", "-q", "--raw", *sorted(str(f) for f in folder.glob("p-*.png"))],
        capture_output=True,
        text=True,
    )
    return found.stdout.split()


def _number_in(number: str, text: str) -> None:
    # cups-pdf prints through CUPS's PostScript step (Ghostscript), as most printer
    # drivers do: the pages stay vector (signatures have no soft mask) and the glyph
    # names bring the text back (documents/fonts.py ``with_glyph_names``).
    assert "".join(number.split()) in text


@pytest.mark.skipif(not PRINTER, reason="set INSPECTOR_TEST_PRINTER to a CUPS queue (cups-pdf)")
def test_issue_then_print_the_set_to_cups(qtbot, window, tmp_path) -> None:
    panel = _panel(window)
    number = _issue_order(qtbot, window)
    # The whole set: issue the others too, then print them all in one job, two copies.
    _press(qtbot, window, Qt.Key.Key_I, CTRL_ALT | Qt.KeyboardModifier.ShiftModifier)
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: set(_states(panel).values()) == {"issued"}, timeout=20_000)
    doc_name = f"fi-{uuid.uuid4().hex[:8]}"
    chosen: list[tuple[str, int]] = []

    def cups(_parent, title: str, copies: int) -> QPrinter:
        chosen.append((title, copies))
        printer = a4_printer()
        printer.setPrinterName(PRINTER)
        printer.setDocName(doc_name)
        printer.setCopyCount(2)
        return printer

    panel.choose_printer = cups
    started = time.time()
    with qtbot.waitSignal(panel.printer.done, timeout=120_000) as done:
        _press(qtbot, window, Qt.Key.Key_P, CTRL_ALT)  # Print the whole set
        assert panel.progress is not None
    outcome = done.args[0]
    assert outcome.documents == 3 and not outcome.cancelled and outcome.pages >= 3
    assert chosen and "3" in chosen[0][0]
    printed, squeezed = _cups_text(started, doc_name)
    keep = os.environ.get("INSPECTOR_KEEP_PRINTED")
    if keep:
        shutil.copy(printed, keep)
    # The paper carries the issued documents: the QR code of each verifies its id and hash.
    issued = [d for d in panel.model.rows if d.state == "issued"]
    codes = _qr_codes(printed, tmp_path)
    for d in issued:
        assert any(d.id in c and (d.content_sha256 or "-") in c for c in codes), (d.title, codes)
    _number_in(number, squeezed)
    for d in issued:  # every document of the set, as text
        _number_in(d.number or "-", squeezed)


@pytest.mark.skipif(not PRINTER, reason="set INSPECTOR_TEST_PRINTER to a CUPS queue (cups-pdf)")
def test_print_one_document_to_cups(qtbot, window) -> None:
    panel = _panel(window)
    number = _issue_order(qtbot, window)
    doc_name = f"fi-{uuid.uuid4().hex[:8]}"

    def cups(_parent, _title: str, _copies: int) -> QPrinter:
        printer = a4_printer()
        printer.setPrinterName(PRINTER)
        printer.setDocName(doc_name)
        return printer

    panel.choose_printer = cups
    started = time.time()
    with qtbot.waitSignal(panel.printer.done, timeout=120_000):
        _press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    _printed, text = _cups_text(started, doc_name)
    _number_in(number, text)


def test_print_cancelled_in_the_dialog_prints_nothing(qtbot, window) -> None:
    panel = _panel(window)
    _issue_order(qtbot, window)
    panel.choose_printer = lambda *_a: None
    panel.print_action.trigger()
    assert not panel.printer.busy and panel.progress is None


def test_deliver_then_void_with_a_reason_only(qtbot, window) -> None:
    panel = _panel(window)
    number = _issue_order(qtbot, window)
    at = datetime.now().astimezone() + timedelta(minutes=1)
    panel.ask_delivery = lambda _d: DeliveryEntry("direct", "张伟", at, place="店堂")
    _press(qtbot, window, Qt.Key.Key_R, CTRL_ALT)  # Record delivery
    _idle(qtbot, window)
    qtbot.waitUntil(lambda: _states(panel)["order_to_correct"] == "delivered", timeout=20_000)
    assert "张伟" in panel.details.text()
    # A proof of service is now needed for the delivered order.
    qtbot.waitUntil(lambda: _states(panel).get("proof_of_service") == "needed", timeout=20_000)

    panel.select_document(key=next(d.key for d in panel.model.rows if d.number == number))
    panel.ask_void_reason = lambda _d: "   "
    _press(qtbot, window, Qt.Key.Key_X, CTRL_ALT)  # Void, without a reason
    _idle(qtbot, window)
    assert window.warnings and ("理由" in window.warnings[-1] or "why" in window.warnings[-1])
    assert next(d for d in panel.model.rows if d.number == number).state == "delivered"

    panel.ask_void_reason = lambda _d: "送达地址写错"
    _press(qtbot, window, Qt.Key.Key_X, CTRL_ALT)
    _idle(qtbot, window)
    qtbot.waitUntil(
        lambda: next(d for d in panel.model.rows if d.number == number).state == "voided",
        timeout=20_000,
    )
    voided = next(d for d in panel.model.rows if d.number == number)
    assert voided.void_reason == "送达地址写错"
    profile = window.profile
    assert {d.number: d.state for d in list_documents(profile, window.visit.task.id)}[
        number
    ] == "voided"
    # The order is needed again: it can be issued anew, with a new number.
    qtbot.waitUntil(
        lambda: (
            "needed" in {d.state for d in panel.model.rows if d.kind.value == "order_to_correct"}
        ),
        timeout=20_000,
    )


def test_void_dialog_refuses_without_a_reason(qtbot) -> None:
    dialog = VoidDialog("责令改正通知书 X")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.accept()
    assert dialog.result() == 0
    dialog.reason.setPlainText("  ")
    assert not ok.isEnabled()
    dialog.reason.setPlainText("打印损坏")
    assert ok.isEnabled() and dialog.text() == "打印损坏"


def test_delivery_dialog_needs_a_recipient(qtbot) -> None:
    dialog = DeliveryDialog("责令改正通知书 X")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.recipient.setText("张伟")
    dialog.method.setCurrentIndex(dialog.method.findData("post"))
    assert ok.isEnabled()
    entry = dialog.entry()
    assert entry.method == "post" and entry.recipient == "张伟" and entry.at.tzinfo is not None
