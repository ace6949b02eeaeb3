"""Print the business's compliance self-check sheet (合规体检自查表), to leave behind.

The sheet is built off the GUI thread (services.self_check), shown page by page, and
printed on the printer the inspector picks in Qt's print dialog. Tests hand in their own
printer chooser and skip the preview, so no modal dialog waits for a person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.profile import Profile
from inspector_app.ui.operations import Operations
from inspector_app.ui.printing import PrintError, PrintResult, a4_printer, send_pdf

log = logging.getLogger(__name__)

PrinterChooser = Callable[[QWidget], QPrinter | None]
PREVIEW_DPI = 72


def ask_for_printer(parent: QWidget) -> QPrinter | None:
    """Qt's print dialog on an A4 printer: the printer, copies and pages; None on cancel."""
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def page_images(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    import pypdfium2 as pdfium  # only the preview needs it

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            pil = page.render(scale=dpi / 72, rev_byteorder=True).to_pil().convert("RGB")
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            out.append(image.copy())
        return out
    finally:
        doc.close()


class SheetPreview(QDialog):
    """The sheet's pages, one under the other; Print… (Ctrl+P) or Close (Esc)."""

    def __init__(self, title: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("self-check-preview")
        self.setWindowTitle(title)
        pages = QWidget(self)
        column = QVBoxLayout(pages)
        for n, image in enumerate(page_images(pdf), start=1):
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page {n}").format(n=n))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
        scroll = QScrollArea(self)
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setDefault(True)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(700, 860)


class SelfCheckPrinting(QObject):
    """One window's "Print self-check sheet…": build, preview, choose a printer, print.

    ``printed`` carries the PrintResult once the sheet went to the printer.
    """

    printed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        profile: Profile,
        ops: Operations,
        *,
        choose_printer: PrinterChooser = ask_for_printer,
        preview: bool = True,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.profile = profile
        self.ops = ops
        self.choose_printer = choose_printer
        self.preview = preview
        self.job_options: tuple[str, ...] = ()  # CUPS job options, name=value

    def start(self, task_id: str) -> None:
        from inspector_app.services.self_check import self_check_sheet

        profile = self.profile
        self.ops.run(
            lambda: (self_check_sheet(profile, task_id), None),  # (result, no Changes)
            done=self.tr("Self-check sheet ready."),
            after=lambda result: self._built(result[0]),
        )

    def _built(self, sheet: object) -> None:
        from inspector_app.services.self_check import SelfCheckPdf

        assert isinstance(sheet, SelfCheckPdf)
        title = self.tr("Self-check sheet: {business}").format(business=sheet.business_name)
        if self.preview:
            preview = SheetPreview(title, sheet.pdf, self.parent_widget)
            if preview.exec() != QDialog.DialogCode.Accepted:
                return
        printer = self.choose_printer(self.parent_widget)
        if printer is None:
            return
        try:
            name = sheet.filename.removesuffix(".pdf")
            result = send_pdf(sheet.pdf, printer, name, self.job_options)
        except PrintError as exc:
            log.warning("the self-check sheet was not printed: %s", exc)
            QMessageBox.warning(self.parent_widget, title, str(exc))
            return
        self._say_printed(result)

    def _say_printed(self, result: PrintResult) -> None:
        self.ops.status.emit(
            self.tr("Self-check sheet sent to the printer ({n} pages).").format(n=result.pages),
            5000,
        )
        self.printed.emit(result)
