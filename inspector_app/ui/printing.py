"""Printing documents on site: a PDF onto a QPrinter, with a preview first.

QtPdf is not part of PySide6-Essentials, so pages are rasterised with pypdfium2 at
the printer's resolution (capped, a 1200 dpi PDF printer would need 140 MP a page)
and painted with QPainter onto the full paper: the PDF already has its margins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from inspector_app.ui.settings.hub import SettingsHub

log = logging.getLogger(__name__)

MAX_DPI = 300  # enough for text and QR codes on office and mobile printers


class PrintError(Exception):
    """The PDF could not be printed; the message says what to do."""


@dataclass(frozen=True, slots=True)
class PrintResult:
    pages: int
    dpi: int


def _open_pdf(pdf: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium  # imported late: only printing needs it

    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PrintError(f"不是有效的PDF文件，无法打印：{exc}") from exc


def _page_image(page, dpi: int) -> QImage:  # type: ignore[no-untyped-def]
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    pil = bitmap.to_pil().convert("RGB")
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: ``data`` goes away with this frame


def paint_pdf(pdf: bytes, printer: QPrinter, *, max_dpi: int = MAX_DPI) -> PrintResult:
    """Paint every page (or the printer's from/to range) of ``pdf`` onto ``printer``."""
    doc = _open_pdf(pdf)
    try:
        n = len(doc)
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), n) if printer.toPage() else n
        dpi = max(72, min(printer.resolution(), max_dpi))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("无法连接打印机，请检查打印机是否开启并已连接，然后重试。")
        printed = 0
        try:
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                image = _page_image(doc[index], dpi)
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                target.moveTo(0, 0)
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return PrintResult(pages=printed, dpi=dpi)
    finally:
        doc.close()


def a4_printer(
    mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution, name: str = ""
) -> QPrinter:
    """An A4 printer: ``name`` (the ``printer`` setting) when it is installed, else the
    system's default one (a printer set up on another laptop, or since removed)."""
    printer = QPrinter(mode)
    if name:
        if name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(name)
        else:
            log.warning("printer %r (the settings) is not installed: the default is used", name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own GB/T 9704 margins
    return printer


class PrintService(QObject):
    """Send document PDFs to a printer, with a preview the inspector confirms."""

    def __init__(
        self, parent: QObject | None = None, printer_name: str | Callable[[], str] = ""
    ) -> None:
        """``printer_name``: the printer to preselect, or what says it at each print
        (:meth:`following` the settings); empty: the system's default."""
        super().__init__(parent)
        self.last_result: PrintResult | None = None
        self._keep_printer: QPrinter | None = None
        self._printer_name = printer_name

    @classmethod
    def following(cls, settings: SettingsHub, parent: QObject | None = None) -> PrintService:
        """A service whose printer is the ``printer`` setting at the time of each print."""
        return cls(parent, lambda: str(settings.get("printer") or ""))

    @property
    def printer_name(self) -> str:
        name = self._printer_name
        return name() if callable(name) else name

    def new_printer(self) -> QPrinter:
        """An A4 printer on the chosen printer (the setting's, else the default)."""
        return a4_printer(name=self.printer_name)

    def print_pdf(self, pdf: bytes, printer: QPrinter | None = None) -> PrintResult:
        """Print straight away (on ``printer``, else the chosen printer or the default)."""
        printer = printer or self.new_printer()
        self.last_result = paint_pdf(pdf, printer)
        return self.last_result

    def preview_dialog(
        self, pdf: bytes, parent: QWidget | None = None, printer: QPrinter | None = None
    ) -> QPrintPreviewDialog:
        """A preview of ``pdf``; its print button prints it. Call ``exec()`` on it."""
        printer = printer or self.new_printer()
        dialog = QPrintPreviewDialog(printer, parent)
        self._keep_printer = printer  # Qt does not own it: keep it alive with the dialog
        dialog.setWindowTitle(self.tr("Print preview"))

        def paint(target: QPrinter) -> None:
            try:
                self.last_result = paint_pdf(pdf, target)
            except PrintError:
                log.exception("printing a document failed")
                raise

        dialog.paintRequested.connect(paint)
        return dialog

    def preview_and_print(self, pdf: bytes, parent: QWidget | None = None) -> bool:
        """Show the preview; True when the inspector printed."""
        return bool(self.preview_dialog(pdf, parent).exec())

    def choose_printer_and_print(self, pdf: bytes, parent: QWidget | None = None) -> bool:
        printer = self.new_printer()  # the dialog opens on it
        dialog = QPrintDialog(printer, parent)
        if not dialog.exec():
            return False
        self.print_pdf(pdf, printer)
        return True
