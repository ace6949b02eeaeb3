"""The search results as a tree (kind, then results) and how a result is drawn and read.

Each result row is a line of rich text: the title and a snippet of the text with the
matched words marked. Text from the data is escaped before it becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from inspector_app.services.lookup import KINDS, Hit, Kind, SearchResult, highlight_spans

HTML_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's markup (result rows only)
HIT_ROLE = Qt.ItemDataRole.UserRole + 2  # the Hit (result rows only)
MARK = "background-color:#ffe082;color:#000000"
MUTED = ("#757575", "#424242")  # context and snippet; white on a selected row


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, with ``spans`` marked."""
    out: list[str] = []
    at = 0
    for a, b in spans:
        out.append(escape(text[at:a]))
        out.append(f"<span style='{MARK}'>{escape(text[a:b])}</span>")
        at = b
    out.append(escape(text[at:]))
    return "".join(out)


def row_html(hit: Hit, terms: Sequence[str]) -> str:
    title = marked(hit.entry.title, hit.title_spans)
    context = marked(hit.entry.context, highlight_spans(hit.entry.context, terms))
    snippet = marked(hit.snippet, hit.snippet_spans)
    return (
        f"<b>{title}</b>&nbsp;&nbsp;<span style='color:#757575'>{context}</span>"
        f"<br><span style='color:#424242'>{snippet}</span>"
    )


class ResultModel(QStandardItemModel):
    """Kinds as top-level rows, their results under them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 1, parent)

    def kind_label(self, kind: Kind, shown: int, total: int) -> str:
        names = {
            Kind.PROVISION: self.tr("Provisions"),
            Kind.RULE_PACK_ENTRY: self.tr("Rule-pack entries (首违不罚 / 轻微免罚)"),
            Kind.CHECK_ITEM: self.tr("Check items"),
        }
        if shown < total:
            return self.tr("{kind} ({shown} of {total} shown)").format(
                kind=names[kind], shown=shown, total=total
            )
        return self.tr("{kind} ({total})").format(kind=names[kind], total=total)

    def show_result(self, result: SearchResult | None) -> list[QModelIndex]:
        """Fill the model; returns the result rows' indexes in display order."""
        self.clear()
        self.setColumnCount(1)
        rows: list[QModelIndex] = []
        if result is None:
            return rows
        root = self.invisibleRootItem()
        for kind in KINDS:
            hits = result.groups.get(kind, ())
            if not hits:
                continue
            group = QStandardItem(self.kind_label(kind, len(hits), result.totals[kind]))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            group.setData(kind.value, Qt.ItemDataRole.AccessibleDescriptionRole)
            children = []
            for hit in hits:
                item = QStandardItem(f"{hit.entry.title} {hit.snippet}")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setData(row_html(hit, result.terms), HTML_ROLE)
                item.setData(hit, HIT_ROLE)
                item.setToolTip(hit.entry.title)
                children.append(item)
            group.appendRows(children)
            root.appendRow(group)
            rows.extend(child.index() for child in children)
        return rows


class RichRowDelegate(QStyledItemDelegate):
    """Paints a result row's markup on one or two lines; other rows as usual."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._doc.setDefaultTextOption(option)
        self._font_key = ""  # setDefaultFont lays the document out again: only on a change

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget: QWidget | None = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect  # type: ignore[attr-defined]
        font = opt.font  # type: ignore[attr-defined]
        if font.key() != self._font_key:
            self._font_key = font.key()
            self._doc.setDefaultFont(font)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = opt.palette  # type: ignore[attr-defined]
        if opt.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            selected = palette.color(QPalette.ColorRole.HighlightedText)
            context.palette.setColor(QPalette.ColorRole.Text, selected)
            for muted in MUTED:
                html = html.replace(f"color:{muted}", f"color:{selected.name()}")
        self._doc.setHtml(html)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(0, 0, rect.width(), rect.height())
        self._doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not index.data(HTML_ROLE):
            return super().sizeHint(option, index)
        # Two lines, as wide as the view: measuring the row's text is what costs here.
        line = option.fontMetrics.lineSpacing()  # type: ignore[attr-defined]
        return QSize(option.rect.width(), 2 * line + 8)  # type: ignore[attr-defined]
