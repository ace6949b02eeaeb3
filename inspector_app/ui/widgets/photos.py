"""The photo strip: an item's photos as thumbnails, files dropped or picked, a full view.

Thumbnails are decoded off the GUI thread at their small size (JPEG decodes scaled,
so a 12-megapixel photo costs milliseconds), so opening an item with six photos
never holds up typing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
THUMB = QSize(72, 54)
SHA_ROLE = Qt.ItemDataRole.UserRole

Loader = Callable[[str], bytes]


def decode(data: bytes, size: QSize | None = None) -> QImage:
    """A QImage of the photo, scaled while decoding to fit ``size`` if given."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phones store portrait photos rotated, with an EXIF flag
    if size is not None:
        full = reader.size()
        if full.isValid():
            reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


class _Thumbs(QObject):
    done = Signal(int, str, QImage)  # generation, sha256, thumbnail


class _ThumbJob(QRunnable):
    def __init__(self, generation: int, sha: str, loader: Loader, out: _Thumbs) -> None:
        super().__init__()
        self.generation, self.sha, self.loader, self.out = generation, sha, loader, out

    def run(self) -> None:
        try:
            image = decode(self.loader(self.sha), THUMB)
        except Exception:  # a damaged blob: logged, the strip shows a blank tile
            log.exception("thumbnail of %s failed", self.sha)
            image = QImage()
        self.out.done.emit(self.generation, self.sha, image)


class PhotoStrip(QListWidget):
    """Thumbnails in a row; Enter or a double click opens the full view; files drop here."""

    files_dropped = Signal(list)  # [path str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo-strip")
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setFixedHeight(THUMB.height() + 30)
        self.setMovement(QListWidget.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        # Drops land on the widget under the pointer: the viewport must take them too.
        self.viewport().setAcceptDrops(True)
        self.setTabKeyNavigation(False)
        self._loader: Loader | None = None
        self._generation = 0
        self._shas: list[str] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._thumbs = _Thumbs(self)
        self._thumbs.done.connect(self._thumb_ready)
        self.itemActivated.connect(lambda _item: self.open_viewer())
        self.placeholder = self.tr("Drop photos here, or press Ctrl+Shift+P to choose them")
        self.setToolTip(self.placeholder)

    def set_photos(self, shas: list[str], loader: Loader | None) -> None:
        """Show these photos; thumbnails already shown for the same photos stay."""
        if shas == self._shas and loader is self._loader:
            return
        self._generation += 1
        self._loader = loader
        self._shas = list(shas)
        self.clear()
        for n, sha in enumerate(shas, start=1):
            item = QListWidgetItem(self.tr("Photo {n}").format(n=n))
            item.setData(SHA_ROLE, sha)
            item.setToolTip(sha[:12])
            item.setSizeHint(QSize(THUMB.width() + 8, THUMB.height() + 22))
            self.addItem(item)
            if loader is not None:
                self._pool.start(_ThumbJob(self._generation, sha, loader, self._thumbs))

    @Slot(int, str, QImage)
    def _thumb_ready(self, generation: int, sha: str, image: QImage) -> None:
        if generation != self._generation or image.isNull():
            return
        for n in range(self.count()):
            item = self.item(n)
            if item.data(SHA_ROLE) == sha:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def photos(self) -> list[str]:
        return list(self._shas)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.count() == 0 and self.isEnabled():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()

    def wait(self) -> None:
        self._pool.waitForDone()

    # --- drag and drop --------------------------------------------------------------

    @staticmethod
    def photo_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            url.toLocalFile()
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(PHOTO_SUFFIXES)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.isEnabled() and self.photo_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self.photo_paths(event)
        if paths and self.isEnabled():
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    # --- full view ------------------------------------------------------------------

    def open_viewer(self) -> None:
        if self._loader is None or not self._shas:
            return
        row = max(self.currentRow(), 0)
        PhotoViewer(self._shas, self._loader, row, self).exec()


class PhotoViewer(QDialog):
    """One photo at the window's size; Left and Right move through the item's photos."""

    def __init__(self, shas: list[str], loader: Loader, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("photo-viewer")
        self.shas, self.loader, self.index = shas, loader, index
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(320, 240)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        self._full = QImage()
        window = parent.window()
        self.resize(int(window.width() * 0.8), int(window.height() * 0.8))
        self._load()

    def _load(self) -> None:
        try:
            self._full = decode(self.loader(self.shas[self.index]))
        except Exception:
            log.exception("photo %s could not be shown", self.shas[self.index])
            self._full = QImage()
        self.setWindowTitle(
            self.tr("Photo {n} of {total}").format(n=self.index + 1, total=len(self.shas))
        )
        hint = self.tr("← → other photos · Esc closes")
        self.caption.setText(f"{self.shas[self.index][:16]}  ·  {hint}")
        self._fit()

    def _fit(self) -> None:
        if self._full.isNull():
            self.image.setText(self.tr("This photo cannot be shown."))
            return
        scaled = self._full.scaled(
            self.image.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.image.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is not None and len(self.shas) > 1:
            self.index = (self.index + step) % len(self.shas)
            self._load()
            return
        super().keyPressEvent(event)


def is_photo(path: str) -> bool:
    return Path(path).suffix.lower() in PHOTO_SUFFIXES
