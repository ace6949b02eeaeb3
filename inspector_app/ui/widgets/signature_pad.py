"""A pad to sign on with a pen, a finger or the mouse; strokes are kept as paths so the
last one can be undone, and the signature leaves as PNG bytes (black ink on white).

Pen (``QTabletEvent``), touch (``QTouchEvent``) and mouse all add points to the stroke
being drawn; Qt synthesises mouse events from unhandled tablet and touch events, so
those are accepted here and the synthesised mouse events are ignored (no double ink).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(16, 16, 16)
PEN_WIDTH = 3.0


class SignaturePad(QWidget):
    """Draw a signature; ``changed`` after each stroke, clear or undo."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature-pad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setToolTip(self.tr("Sign here with a pen, a finger or the mouse"))
        self.strokes: list[QPainterPath] = []
        self._drawing: QPainterPath | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 180)

    # --- what was drawn -------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self.strokes

    def clear(self) -> None:
        self.strokes.clear()
        self._drawing = None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        """Take back the last stroke."""
        if self.strokes:
            self.strokes.pop()
            self._drawing = None
            self.update()
            self.changed.emit()

    def to_image(self) -> QImage:
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint_strokes(painter)
        painter.end()
        return image

    def to_png(self) -> bytes:
        """The signature as PNG bytes, cropped to the ink with a margin."""
        image = self.to_image()
        box = QRectF()
        for path in self.strokes:
            box = box.united(path.controlPointRect())
        if not box.isNull():
            margin = 12.0
            crop = box.adjusted(-margin, -margin, margin, margin).toAlignedRect()
            image = image.copy(crop.intersected(image.rect()))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # --- drawing --------------------------------------------------------------------

    def _begin(self, at: QPointF) -> None:
        path = QPainterPath(at)
        # A dot is a stroke too: a tiny segment so it is painted.
        path.lineTo(at + QPointF(0.1, 0.1))
        self._drawing = path
        self.strokes.append(path)
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._drawing is None:
            return
        self._drawing.lineTo(at)
        self.update()

    def _end(self, at: QPointF | None = None) -> None:
        if self._drawing is None:
            return
        if at is not None:
            self._drawing.lineTo(at)
        self._drawing = None
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.source() is not Qt.MouseEventSource.MouseEventNotSynthesized:
            event.ignore()
            return
        if event.button() is Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.source() is not Qt.MouseEventSource.MouseEventNotSynthesized:
            event.ignore()
            return
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.source() is not Qt.MouseEventSource.MouseEventNotSynthesized:
            event.ignore()
            return
        if event.button() is Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            if event.pressure() > 0 or self._drawing is not None:
                self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                at = points[0].position()  # one finger signs; others are the palm
                if kind == QEvent.Type.TouchBegin:
                    self._begin(at)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(at)
                else:
                    self._end(at)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            if self._drawing is not None and self.strokes:
                self.strokes.pop()
            self._drawing = None
            self.update()
            return True
        return super().event(event)

    # --- painting -------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(INK, PEN_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in self.strokes:
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        # The signing line, as on paper; not exported.
        painter.setPen(QPen(QColor(180, 180, 180), 1, Qt.PenStyle.DashLine))
        y = self.height() - 28
        painter.drawLine(16, y, self.width() - 16, y)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        else:
            painter.setPen(QPen(QColor(160, 160, 160), 1))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if not self.strokes:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(
                self.rect().adjusted(0, 0, 0, -32),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Sign here"),
            )
        self._paint_strokes(painter)
        painter.end()
