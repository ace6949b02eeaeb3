"""Printing the self-check sheet from the task page (Ctrl+Shift+J): preview, printer, paper.

The CUPS test prints to the real queue named by ``INSPECTOR_TEST_PRINTER`` (a cups-pdf
queue; skipped when unset) and reads the PDF file the queue wrote (its folder from
``INSPECTOR_TEST_PRINTER_DIR``, else cups-pdf.conf's ``Out``, else ~/PDF).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from inspector_app.services import get_task
from inspector_app.services.self_check import self_check_sheet
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.printing import a4_printer
from inspector_app.ui.visit.self_check import SheetPreview

pytest.importorskip("pypdfium2")


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(qtbot, profile):
    w = MainWindow(profile)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.visit.task is not None)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.ops.wait()


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _file_printer(path: Path) -> QPrinter:
    printer = a4_printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _press_print(qtbot, window: MainWindow, **kw) -> list:
    printing = window.visit.self_check
    for key, value in kw.items():
        setattr(printing, key, value)
    action = window.visit.self_check_action
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+J"
    with qtbot.waitSignal(printing.printed, timeout=30_000) as caught:
        keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_J, keys)
    return caught.args


def test_prints_on_the_chosen_printer_without_a_dialog(qtbot, window, profile, tmp_path) -> None:
    out = tmp_path / "sheet.pdf"
    chosen: list[object] = []

    def choose(parent):
        chosen.append(parent)
        return _file_printer(out)

    (result,) = _press_print(qtbot, window, preview=False, choose_printer=choose)
    assert chosen == [window.visit]
    task_id = window.visit.task.id
    expected = _pages(self_check_sheet(profile, task_id).pdf)
    assert result.pages == expected
    assert _pages(out.read_bytes()) == expected  # a file printer: painted page by page


def test_the_preview_shows_the_pages_then_prints(qtbot, window, tmp_path) -> None:
    out = tmp_path / "previewed.pdf"
    seen: list[int] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        # Keys reach the dialog's shortcuts once it is the active window.
        if isinstance(dialog, SheetPreview) and dialog.isVisible() and dialog.isActiveWindow():
            pages = [w for w in dialog.findChildren(QLabel) if not w.pixmap().isNull()]
            seen.append(len(pages))
            qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    (result,) = _press_print(
        qtbot, window, preview=True, choose_printer=lambda _parent: _file_printer(out)
    )
    assert seen, "the preview came up"
    assert result.pages == _pages(out.read_bytes()) == seen[0] >= 2


def _cups_output_dir() -> Path:
    if os.environ.get("INSPECTOR_TEST_PRINTER_DIR"):
        return Path(os.environ["INSPECTOR_TEST_PRINTER_DIR"])
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"^\s*Out\s+(\S+)", line)
            if m:
                return Path(m[1].replace("${HOME}", str(Path.home())))
    return Path.home() / "PDF"


def test_prints_to_the_cups_queue(qtbot, window, profile) -> None:
    queue = os.environ.get("INSPECTOR_TEST_PRINTER")
    if not queue:
        pytest.skip("INSPECTOR_TEST_PRINTER names no CUPS queue")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    folder = _cups_output_dir()
    before = set(folder.glob("*.pdf")) if folder.is_dir() else set()

    def choose(_parent):
        printer = a4_printer()
        printer.setPrinterName(queue)
        return printer

    started = time.time()
    _press_print(qtbot, window, preview=False, choose_printer=choose)
    new: list[Path] = []

    def written() -> bool:
        new[:] = [p for p in folder.glob("*.pdf") if p not in before and p.stat().st_size > 0]
        return bool(new)

    qtbot.waitUntil(written, timeout=60_000)
    path = max(new, key=lambda p: p.stat().st_mtime)
    assert path.stat().st_mtime >= started - 1
    read: list[str] = []

    def readable() -> bool:  # cups-pdf may still be writing it
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True)
        read[:] = [done.stdout.decode("utf-8")] if done.returncode == 0 else []
        return bool(read)

    qtbot.waitUntil(readable, timeout=30_000)
    text = read[0]
    flat = re.sub(r"\s+", "", text)
    task = get_task(profile, window.visit.task.id)
    assert "合规体检自查表" in flat
    assert task.business.name in flat
    # The queue's default path (PostScript by Ghostscript, then PDF again): every item's
    # title and citation is there as text, indeed the whole sheet's text.
    assert all(item.title in flat for item in task.checklist)
    basis = {c for item in task.checklist for c in item.legal_basis}
    assert all(re.sub(r"\s+", "", c) in flat for c in basis)
    sheet = self_check_sheet(profile, task.id).pdf
    original = subprocess.run(["pdftotext", "-", "-"], input=sheet, capture_output=True, check=True)
    assert flat == re.sub(r"\s+", "", original.stdout.decode("utf-8"))
    assert "不是执法文书" in flat
