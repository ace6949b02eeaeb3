"""The documents panel of the task page: what the visit needs and the state of each
(blocked with what is missing, draft, issued, delivered, voided), a draft preview at any
time, issue one or all, print one or the whole set, record delivery, void with a reason.

Writes go through :class:`Operations` (off the GUI thread) and the panel refreshes from
the window's one ``data_changed`` signal. The panel reads nothing until it is shown.

This module builds the panel (its widgets, actions and toolbar); the work is in mixins:
the list and details (``listing``), the preview pane (``previewing``), issuing
(``issuing``), and printing, delivery and void (``outgoing``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import Changes
from inspector_app.ui.actions import PageActions, show_plain_on_toolbar
from inspector_app.ui.documents.dialogs import DeliveryEntry
from inspector_app.ui.documents.issuing import DocumentIssuing
from inspector_app.ui.documents.listing import DocumentListing
from inspector_app.ui.documents.model import ISSUED, PRINTABLE, DocumentTableModel
from inspector_app.ui.documents.outgoing import DocumentOutgoing
from inspector_app.ui.documents.preview import PdfPreview
from inspector_app.ui.documents.previewing import DocumentPreviewing
from inspector_app.ui.documents.print_set import (
    ChoosePrinter,
    SetPrinter,
    choose_printer_dialog,
)
from inspector_app.ui.operations import OperationRunner, Operations

if TYPE_CHECKING:
    from inspector_app.services.document_records import VisitDocument
    from inspector_app.services.profile import Profile


class DocumentsPanel(
    DocumentListing, DocumentPreviewing, DocumentIssuing, DocumentOutgoing, QWidget
):
    """One task's documents. ``wanted`` asks the task page to bring the panel forward
    (a shortcut of the panel was pressed while another tab was on show)."""

    wanted = Signal()
    previewed = Signal(str)  # the key of the document on show, once its first page is
    loaded = Signal()  # the list was read again

    def __init__(self, profile: Profile, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents-panel")
        self.profile = profile
        self.ops = ops
        self.task_id: str | None = None
        self.stale = False
        self.legal_rep = ""
        self.shown_key: str | None = None  # the document whose pages are on show
        # Replaced in tests, which must not block in a modal dialog.
        self.printer_name: Callable[[], str] = lambda: ""  # the window: the setting's
        self.choose_printer: ChoosePrinter = lambda parent, title, copies: choose_printer_dialog(
            parent, title, copies, self.printer_name()
        )
        self.ask_delivery: Callable[[VisitDocument], DeliveryEntry | None] = self._ask_delivery
        self.ask_void_reason: Callable[[VisitDocument], str | None] = self._ask_void_reason
        self.copies = 1
        self._pending: Changes | None = None  # a draft's changes, told once it is shown
        self.reader = OperationRunner(self)  # reads, beside the writes of ``ops``
        self._reads = 0
        self._select_next: str | None = None  # a document just issued, once it is listed

        self.model = DocumentTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("documents-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 190)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.preview())
        self.details = QLabel(self)
        self.details.setObjectName("document-details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QLabel(self)
        self.problems.setObjectName("visit-problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a8281e;")
        self.problems.hide()
        # How far the set is issued: information in the normal colour, not a problem (a
        # set is issued one document after another).
        self.progress_note = QLabel(self)
        self.progress_note.setObjectName("visit-progress")
        self.progress_note.setWordWrap(True)
        self.progress_note.hide()

        self.preview_title = QLabel(self)
        self.preview_title.setObjectName("preview-title")
        self.zoom_label = QLabel(self)
        self.view = PdfPreview(self)
        self.view.shown.connect(self._pages_shown)
        self.view.shown.connect(lambda _first: self._show_zoom())
        self.view.show_message(self.tr("Choose a document and press Ctrl+Alt+V to preview it."))

        self.printer = SetPrinter(self)
        self.printer.progress.connect(self._print_progress)
        self.printer.done.connect(self._printed)
        self.printer.failed.connect(self._print_failed)
        self.progress: QProgressDialog | None = None

        self.actions = self.declare_actions()
        self.toolbar = QToolBar(self.tr("Documents"), self)
        self.toolbar.setObjectName("documents-toolbar")
        for action in self.actions.actions:
            if action.objectName() not in ("show-documents",):
                show_plain_on_toolbar(action)
                self.toolbar.addAction(action)
                action.setToolTip(
                    f"{action.iconText()} "
                    f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                )

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 3)
        lv.addWidget(self.details, 1)
        lv.addWidget(self.progress_note)
        lv.addWidget(self.problems)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.preview_title, 1)
        top.addWidget(self.zoom_label)
        rv.addLayout(top)
        rv.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("documents-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self.ops.data_changed.connect(self.apply_changes)
        self._show_zoom()
        self._update_actions()

    # --- actions --------------------------------------------------------------------

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("D&ocuments"), self)  # Alt+D opens Decide
        a.add("show-documents", self.tr("Show the &documents"), "Ctrl+Alt+D", self.bring_forward)
        self.preview_action = a.add(
            "preview-document", self.tr("Pre&view"), "Ctrl+Alt+V", self.preview, separator=True
        )
        self.issue_action = a.add("issue-document", self.tr("&Issue"), "Ctrl+Alt+I", self.issue)
        self.issue_all_action = a.add(
            "issue-all-documents", self.tr("Issue &all"), "Ctrl+Alt+Shift+I", self.issue_all
        )
        self.print_action = a.add(
            "print-document",
            self.tr("&Print…"),
            QKeySequence.StandardKey.Print,
            self.print_selected,
            separator=True,
        )
        self.print_set_action = a.add(
            "print-set", self.tr("Print the whole &set…"), "Ctrl+Alt+P", self.print_set
        )
        self.deliver_action = a.add(
            "deliver-document",
            self.tr("&Record delivery…"),
            "Ctrl+Alt+R",
            self.deliver,
            separator=True,
        )
        self.void_action = a.add("void-document", self.tr("V&oid…"), "Ctrl+Alt+X", self.void)
        self.zoom_in_action = a.add(
            "zoom-in",
            self.tr("Zoom i&n"),
            QKeySequence.StandardKey.ZoomIn,
            self.zoom_in,
            separator=True,
        )
        self.zoom_out_action = a.add(
            "zoom-out", self.tr("Zoom ou&t"), QKeySequence.StandardKey.ZoomOut, self.zoom_out
        )
        return a

    def _update_actions(self) -> None:
        d = self.current()
        state = d.state if d is not None else None
        busy = self.printer.busy
        self.preview_action.setEnabled(d is not None)
        self.issue_action.setEnabled(state in ("needed", "draft"))
        self.issue_all_action.setEnabled(
            any(r.state in ("needed", "draft") for r in self.model.rows)
        )
        self.print_action.setEnabled(state in PRINTABLE and not busy)
        self.print_set_action.setEnabled(
            any(r.state in ISSUED for r in self.model.rows) and not busy
        )
        self.deliver_action.setEnabled(state in ISSUED)
        self.void_action.setEnabled(state in ISSUED)
        has_pages = self.view.pdf is not None
        self.zoom_in_action.setEnabled(has_pages)
        self.zoom_out_action.setEnabled(has_pages)

    def bring_forward(self) -> None:
        self.wanted.emit()
        if self.stale or self.reader.busy:
            self.reload(wait=True)  # the action works on the list as it is now
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- showing --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.reload()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.reader.wait(msecs) and self.view.wait(msecs) and self.printer.wait(msecs)
