"""The search page: provisions, rule-pack entries and check items, found as you type.

The index is built off the GUI thread (once per profile; again when its tasks or rule
packs changed); each keystroke then searches it on the GUI thread, which takes a few
milliseconds (benchmarks/lookup_bench.py). Keys: type, Up/Down to move through the
results, Enter to read the full text, Esc back to the search box, Esc again to close.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.errors import ServiceError
from inspector_app.services.lookup import (
    Hit,
    Kind,
    LookupIndex,
    SearchResult,
    Section,
    highlight_spans,
    lookup_index,
)
from inspector_app.services.profile import Profile
from inspector_app.ui.i18n import error_text
from inspector_app.ui.lookup.results import HIT_ROLE, ResultModel, RichRowDelegate, marked
from inspector_app.ui.operations import OperationRunner

log = logging.getLogger(__name__)


class LookupDialog(QDialog):
    """Emits ``searched`` after each search has been shown (tests wait on it)."""

    searched = Signal(object)  # SearchResult | None

    def __init__(
        self,
        profile: Profile,
        parent: QWidget | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        """``prepare``: runs on the GUI thread before the index is built in a worker (the
        window's warm-up: a first import must not happen in a worker thread)."""
        super().__init__(parent)
        self.setObjectName("lookup-dialog")
        self.prepare = prepare
        self.setWindowTitle(self.tr("Search provisions, rule packs and check items"))
        self.profile = profile
        self.index: LookupIndex | None = None
        self.result: SearchResult | None = None
        self._rows: list[QModelIndex] = []
        self._runner = OperationRunner(self)

        self.search = QLineEdit(self)
        self.search.setObjectName("lookup-search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Type a few characters, e.g. 责令改正, 首违不罚, 处罚法第33条 (F3)")
        )
        self.search.textChanged.connect(self.run_search)
        self.search.installEventFilter(self)

        self.status = QLabel(self)
        self.status.setObjectName("lookup-status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.model = ResultModel(self)
        self.results = QTreeView(self)
        self.results.setObjectName("lookup-results")
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setItemDelegate(RichRowDelegate(self.results))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.results.activated.connect(lambda _index: self.open_current())

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("lookup-detail")
        self.detail.setOpenLinks(False)
        self.detail.installEventFilter(self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.results)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.resize(1100, 680)
        self.refresh_index()

    # --- the index ------------------------------------------------------------------

    def refresh_index(self) -> None:
        """Build the index (or check it is current) off the GUI thread."""
        if self.index is None:
            self.status.setText(self.tr("Preparing the search…"))
        if self.prepare is not None:
            self.prepare()
        profile = self.profile
        profile.db  # noqa: B018 - opened here, on the GUI thread, if nothing opened it yet
        self._runner.run(
            lambda: lookup_index(profile), on_success=self._index_ready, on_failure=self._failed
        )

    def _index_ready(self, index: LookupIndex) -> None:
        fresh = index is not self.index
        self.index = index
        if fresh:
            self.run_search(self.search.text())

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.status.setText(error_text(exc))
            return
        log.error("the search index could not be built", exc_info=exc)
        self.status.setText(self.tr("The search is not available: {error}").format(error=exc))

    # --- searching ------------------------------------------------------------------

    def run_search(self, text: str) -> None:
        if self.index is None:
            return
        try:
            result = self.index.search(text)
        except ServiceError as exc:
            self.status.setText(error_text(exc))
            return
        self.result = result
        self._rows = self.model.show_result(result if result.terms else None)
        self.results.expandAll()
        self._say_counts(result)
        if self._rows:
            self.results.setCurrentIndex(self._rows[0])
        else:
            self.detail.clear()
        self.searched.emit(result)

    def _say_counts(self, result: SearchResult) -> None:
        if not result.terms:
            counts = self.index.counts() if self.index is not None else {}
            self.status.setText(
                self.tr(
                    "{provisions} provisions, {entries} rule-pack entries and {items} check "
                    "items on this laptop. Up/Down moves, Enter reads, Esc closes."
                ).format(
                    provisions=counts.get(Kind.PROVISION, 0),
                    entries=counts.get(Kind.RULE_PACK_ENTRY, 0),
                    items=counts.get(Kind.CHECK_ITEM, 0),
                )
            )
            return
        if result.total == 0:
            self.status.setText(self.tr("Nothing found for “{query}”.").format(query=result.query))
            return
        self.status.setText(
            self.tr("{n} found in {ms:.1f} ms.").format(n=result.total, ms=result.elapsed_ms)
        )

    # --- moving and reading ---------------------------------------------------------

    def current_hit(self) -> Hit | None:
        index = self.results.currentIndex()
        hit = index.data(HIT_ROLE) if index.isValid() else None
        return hit if isinstance(hit, Hit) else None

    def move(self, delta: int) -> None:
        if not self._rows:
            return
        current = self.results.currentIndex()
        at = next((n for n, i in enumerate(self._rows) if i == current), -1)
        n = max(0, min(len(self._rows) - 1, at + delta if at >= 0 else 0))
        self.results.setCurrentIndex(self._rows[n])
        self.results.scrollTo(self._rows[n])

    def open_current(self) -> None:
        """Enter: the full text of the selected result, to read and scroll."""
        hit = self.current_hit()
        if hit is None:
            return
        self.show_detail(hit)
        self.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = current.data(HIT_ROLE) if current.isValid() else None
        if isinstance(hit, Hit):
            self.show_detail(hit)

    def section_label(self, section: Section) -> str:
        return {
            Section.TEXT: "",
            Section.CONDITIONS: self.tr("Conditions"),
            Section.SOURCE: self.tr("Source"),
            Section.NOTE: self.tr("Note"),
            Section.CONTENT: self.tr("What is checked"),
            Section.METHOD: self.tr("How"),
            Section.LEGAL_BASIS: self.tr("Legal basis"),
            Section.DEPARTMENTS: self.tr("Departments and their items"),
        }[section]

    def show_detail(self, hit: Hit) -> None:
        terms = self.result.terms if self.result is not None else ()
        entry = hit.entry
        context = marked(entry.context, highlight_spans(entry.context, terms))
        parts = [
            f"<h3>{marked(entry.title, highlight_spans(entry.title, terms))}</h3>",
            f"<p style='color:gray'>{context}</p>",
        ]
        for section, text in entry.sections:
            label = self.section_label(section)
            if label:
                parts.append(f"<p><b>{escape(label)}</b></p>")
            for line in text.splitlines():
                if line.strip():
                    parts.append(f"<p>{marked(line, highlight_spans(line, terms))}</p>")
        self.detail.setHtml("\n".join(parts))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search:
                steps = {
                    Qt.Key.Key_Down: 1,
                    Qt.Key.Key_Up: -1,
                    Qt.Key.Key_PageDown: 10,
                    Qt.Key.Key_PageUp: -10,
                }
                if key in steps:
                    self.move(steps[key])
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
            elif watched is self.detail and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
        return super().eventFilter(watched, event)
