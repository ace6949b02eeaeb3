"""Printing the visit's documents: one, or the whole set as one print job, with progress.

The printer is chosen on the GUI thread (``choose_printer``: the QPrintDialog, with the
number of copies; tests hand in a printer of their own instead). Then, in a worker thread
so the window stays responsive:

- on a CUPS system (Linux, macOS) the issued PDFs themselves, joined into one PDF, go to
  the chosen queue with ``lp`` as one job: the paper carries exactly the issued
  documents, their text, embedded fonts and QR codes as they are, and CUPS makes the
  copies (a PDF printer such as cups-pdf writes one searchable file);
- elsewhere (Windows, or a printer without a CUPS queue) the pages are rasterised with
  pypdfium2 and painted onto the QPrinter (Qt allows QPainter on a QPrinter outside the
  GUI thread); a progress dialog can cancel between pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from inspector_app.ui.documents.preview import PDFIUM, load_pdfium, rasterise
from inspector_app.ui.operations import OperationRunner
from inspector_app.ui.printing import MAX_DPI, a4_printer

# (parent, job title, copies) -> the printer to use, or None when the user cancelled.
ChoosePrinter = Callable[[QWidget, str, int], "QPrinter | None"]


@dataclass(frozen=True, slots=True)
class PrintItem:
    title: str  # e.g. "责令改正通知书 深市监福责改〔2026〕1号"
    pdf: bytes


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    pages: int  # pages painted (each copy counted once when the printer makes the copies)
    documents: int
    cancelled: bool


class PrinterUnavailable(Exception):
    """The printer could not be opened."""


def choose_printer_dialog(
    parent: QWidget, title: str, copies: int = 1, name: str = ""
) -> QPrinter | None:
    """The system's print dialog (printer, pages, copies) on an A4 printer, opening on
    ``name`` (the ``printer`` setting) when it is installed, else the default printer."""
    printer = a4_printer(name=name)
    printer.setDocName(title)
    printer.setCopyCount(copies)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("DocumentsPanel", "Print {title}").format(title=title)
    )
    return printer if dialog.exec() else None


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def cups_command(printer: QPrinter) -> list[str] | None:
    """The ``lp`` command that prints to ``printer``'s CUPS queue, or None when there is no
    CUPS (Windows) or the printer is not a queue (a PDF file)."""
    if sys.platform == "win32" or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return None
    lp = shutil.which("lp")
    name = printer.printerName()
    if lp is None or not name:
        return None
    cmd = [lp, "-d", name, "-n", str(max(1, printer.copyCount()))]
    cmd += ["-t", printer.docName() or "Field Inspector", "-o", "media=A4"]
    if printer.collateCopies():
        cmd += ["-o", "collate=true"]
    if printer.fromPage() and printer.toPage():
        cmd += ["-P", f"{printer.fromPage()}-{printer.toPage()}"]
    duplex = {
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
    }.get(printer.duplex())
    if duplex:
        cmd += ["-o", f"sides={duplex}"]
    return cmd


def joined(pdfs: Sequence[bytes]) -> bytes:
    """One PDF of every page of ``pdfs``, in order (pdfium copies the pages with their
    fonts and images as they are)."""
    import io

    import pypdfium2 as pdfium

    if len(pdfs) == 1:
        return pdfs[0]
    with PDFIUM:
        out = pdfium.PdfDocument.new()
        sources = [pdfium.PdfDocument(pdf) for pdf in pdfs]
        try:
            for src in sources:
                out.import_pages(src)
            buf = io.BytesIO()
            out.save(buf)
            return buf.getvalue()
        finally:
            for src in sources:
                src.close()
            out.close()


def send_to_cups(
    items: Sequence[PrintItem], cmd: list[str], progress: Callable[[int], None]
) -> PrintOutcome:
    """The PDFs as they are, joined into one document of one CUPS job: the copies and
    collation apply to the whole set, and a PDF printer (cups-pdf) writes one file."""
    pages = sum(page_count(item.pdf) for item in items)
    with tempfile.TemporaryDirectory(prefix="fi-print-") as tmp:
        path = Path(tmp) / "set.pdf"
        path.write_bytes(joined([item.pdf for item in items]))
        done = subprocess.run([*cmd, "--", str(path)], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise PrinterUnavailable((done.stderr or done.stdout).strip() or cmd[2])
    progress(pages)
    return PrintOutcome(pages, len(items), False)


def print_set(
    items: Sequence[PrintItem],
    printer: QPrinter,
    *,
    progress: Callable[[int], None] = lambda _n: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> PrintOutcome:
    """Print every item, in order, as one job: through CUPS where there is one, else by
    painting the pages onto ``printer``."""
    cmd = cups_command(printer)
    if cmd is not None:
        return send_to_cups(items, cmd, progress)
    return paint_set(items, printer, progress=progress, cancelled=cancelled)


def paint_set(
    items: Sequence[PrintItem],
    printer: QPrinter,
    *,
    progress: Callable[[int], None] = lambda _n: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> PrintOutcome:
    """Paint every page of every item, in order, onto ``printer`` as one job."""
    dpi = max(72, min(printer.resolution(), MAX_DPI))
    # A printer that cannot make copies itself gets each copy painted.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterUnavailable(printer.printerName())
    printed = 0
    try:
        for _copy in range(copies):
            for item in items:
                n = page_count(item.pdf)
                for index in range(n):
                    if cancelled():
                        printer.abort()
                        return PrintOutcome(printed, len(items), True)
                    _n, (image,) = rasterise(item.pdf, dpi / 72, index, index + 1)
                    if printed:
                        printer.newPage()
                    target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                    target.moveTo(0, 0)
                    painter.drawImage(target, image)
                    printed += 1
                    progress(printed)
    finally:
        if painter.isActive():
            painter.end()
    return PrintOutcome(printed, len(items), False)


class SetPrinter(QObject):
    """Prints a list of documents in a worker thread; ``progress(done, total)`` in pages,
    then ``done(PrintOutcome)`` or ``failed(exception)``."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = OperationRunner(self)
        self._cancel = threading.Event()
        self.printer: QPrinter | None = None  # kept alive while it prints
        self.total = 0

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def start(self, items: Sequence[PrintItem], printer: QPrinter) -> int:
        """Start printing; the number of pages to paint (one copy)."""
        load_pdfium()
        self._cancel.clear()
        self.printer = printer
        self.total = sum(page_count(i.pdf) for i in items)
        total, emit = self.total, self.progress.emit
        cancelled = self._cancel.is_set

        def job() -> PrintOutcome:
            # The PDFs themselves to a CUPS queue (their text and vector pages reach the
            # printer), else painted page by page.
            return print_set(items, printer, progress=lambda n: emit(n, total), cancelled=cancelled)

        def finished(outcome: Any) -> None:
            self.printer = None
            self.done.emit(outcome)

        def broke(exc: BaseException) -> None:
            self.printer = None
            self.failed.emit(exc)

        self.runner.run(job, on_success=finished, on_failure=broke)
        return self.total

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, msecs: int = 60_000) -> bool:
        return self.runner.wait(msecs)


__all__ = [
    "ChoosePrinter",
    "PrintItem",
    "PrintOutcome",
    "PrinterUnavailable",
    "SetPrinter",
    "choose_printer_dialog",
    "paint_set",
    "print_set",
]
