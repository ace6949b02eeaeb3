"""A document's pages in a scrollable view, rasterised with pypdfium2 off the GUI thread.

QtPdf is not part of PySide6-Essentials (see ui/printing.py). The first page is drawn
first, on its own, so the inspector reads it while the rest are rasterised; zooming
draws them again at the new size. Pdfium is not thread-safe: every call into it holds
``PDFIUM``.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from inspector_app.ui.operations import OperationRunner

PDFIUM = threading.Lock()
ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 3
A4_WIDTH_PT = 595.3  # the documents are A4 portrait
FORMATS = {
    "RGB": QImage.Format.Format_RGB888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGBX": QImage.Format.Format_RGBX8888,
}  # 100 %: an A4 page as wide as it is on paper at the screen's dpi


def load_pdfium() -> None:
    """Import pypdfium2 here, on the GUI thread: a first import in a worker thread has
    crashed PySide6 (see ui.operations.WARMUP_MODULES)."""
    import pypdfium2  # noqa: F401


def rasterise(pdf: bytes, scale: float, first: int, last: int | None) -> tuple[int, list[QImage]]:
    """(page count, images of pages ``first``..``last`` - 1) at ``scale`` × 72 dpi."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            n = len(doc)
            for index in range(first, n if last is None else min(last, n)):
                bitmap = doc[index].render(scale=scale, rev_byteorder=True)
                fmt = FORMATS.get(bitmap.mode, QImage.Format.Format_RGB888)
                data = bytes(bitmap.buffer)
                image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
                images.append(image)
        finally:
            doc.close()
    return n, images


class PdfPreview(QScrollArea):
    """Shows one PDF, page under page; ``shown(first_only)`` when pages are on screen."""

    shown = Signal(bool)  # True: the first page only (the rest are coming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-preview")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.runner = OperationRunner(self)
        self.pdf: bytes | None = None
        self.zoom_index = DEFAULT_ZOOM
        self.fit_width = True  # until the inspector zooms: the page as wide as the view
        self.page_count = 0
        self.pages: list[QLabel] = []
        self._generation = 0
        self.error = ""
        body = QWidget(self)
        body.setObjectName("preview-pages")
        body.setStyleSheet("#preview-pages { background: #6b6b6b; }")
        self.column = QVBoxLayout(body)
        self.column.setSpacing(12)
        self.column.setContentsMargins(12, 12, 12, 12)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: white; padding: 24px;")
        self.column.addWidget(self.placeholder)
        self.setWidget(body)

    # --- what is shown --------------------------------------------------------------

    @property
    def zoom(self) -> float:
        if self.fit_width:
            return self._fit_zoom()
        return ZOOMS[self.zoom_index]

    def _fit_zoom(self) -> float:
        room = self.viewport().width() - 24 - self.verticalScrollBar().sizeHint().width()
        dpi = self.logicalDpiX() or 96
        return max(0.3, room / (A4_WIDTH_PT * dpi / 72))

    def scale(self) -> float:
        """Pdfium's scale (1.0 = 72 dpi) for the zoom on this screen, in device pixels."""
        dpi = self.logicalDpiX() or 96
        return self.zoom * dpi / 72 * self.devicePixelRatioF()

    def show_message(self, text: str) -> None:
        self._generation += 1
        self.pdf = None
        self._clear_pages()
        self.page_count = 0
        self.placeholder.setText(text)
        self.placeholder.show()

    def show_pdf(self, pdf: bytes) -> None:
        """Show ``pdf``: the first page as soon as it is drawn, then the others."""
        load_pdfium()
        self.pdf = pdf
        self.error = ""
        self._render()

    def set_zoom(self, index: int) -> None:
        index = max(0, min(len(ZOOMS) - 1, index))
        if index != self.zoom_index or self.fit_width:
            self.fit_width = False
            self.zoom_index = index
            if self.pdf is not None:
                self._render()

    def _nearest(self) -> int:
        return min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))

    def zoom_in(self) -> None:
        near = self._nearest()
        self.set_zoom(near + 1 if ZOOMS[near] <= self.zoom else near)

    def zoom_out(self) -> None:
        near = self._nearest()
        self.set_zoom(near - 1 if ZOOMS[near] >= self.zoom else near)

    # --- drawing --------------------------------------------------------------------

    def _render(self) -> None:
        self._generation += 1
        generation, pdf, scale = self._generation, self.pdf, self.scale()
        assert pdf is not None
        ratio = self.devicePixelRatioF()

        def first_done(result: Any) -> None:
            if generation != self._generation:
                return
            n, images = result
            self.page_count = n
            self._clear_pages()
            self.placeholder.hide()
            self._add_pages(images, ratio)
            self.shown.emit(n > 1)
            if n > 1:
                self.runner.run(
                    lambda: rasterise(pdf, scale, 1, None), on_success=rest_done, on_failure=failed
                )

        def rest_done(result: Any) -> None:
            if generation != self._generation:
                return
            self._add_pages(result[1], ratio)
            self.shown.emit(False)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.error = str(exc)
            self.show_message(self.tr("The document could not be shown: {error}").format(error=exc))

        self.runner.run(
            lambda: rasterise(pdf, scale, 0, 1), on_success=first_done, on_failure=failed
        )

    def _clear_pages(self) -> None:
        for label in self.pages:
            self.column.removeWidget(label)
            label.deleteLater()
        self.pages = []

    def _add_pages(self, images: list[QImage], ratio: float) -> None:
        for image in images:
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel(self.widget())
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
            label.setStyleSheet("background: white;")
            label.setAccessibleName(self.tr("Page {n}").format(n=len(self.pages) + 1))
            self.column.addWidget(label)
            self.pages.append(label)

    def rendered(self) -> bool:
        """Every page is on screen."""
        return self.pdf is not None and self.page_count > 0 and len(self.pages) == self.page_count

    def wait(self, msecs: int = 30_000) -> bool:
        return self.runner.wait(msecs)
