"""The documents panel of the task page: what the visit needs and the state of each
(blocked with what is missing, draft, issued, delivered, voided), a draft preview at any
time, issue one or all, print one or the whole set, record delivery, void with a reason.

Writes go through :class:`Operations` (off the GUI thread) and the panel refreshes from
the window's one ``data_changed`` signal. The panel reads nothing until it is shown.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
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
from inspector_app.services.errors import ServiceError
from inspector_app.services.messages import Message
from inspector_app.ui.actions import PageActions, show_plain_on_toolbar
from inspector_app.ui.documents.dialogs import DeliveryEntry
from inspector_app.ui.documents.model import ISSUED, PRINTABLE, DocumentTableModel
from inspector_app.ui.documents.outgoing import DocumentOutgoing
from inspector_app.ui.documents.preview import PdfPreview
from inspector_app.ui.documents.print_set import (
    ChoosePrinter,
    SetPrinter,
    choose_printer_dialog,
)
from inspector_app.ui.i18n import current_language, error_text
from inspector_app.ui.operations import OperationRunner, Operations

if TYPE_CHECKING:
    from inspector_app.services.document_records import VisitDocument
    from inspector_app.services.issue_progress import IssueProgress
    from inspector_app.services.profile import Profile

log = logging.getLogger(__name__)


class DocumentsPanel(DocumentOutgoing, QWidget):
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

    def show_task(self, task_id: str | None, legal_rep: str = "") -> None:
        if task_id != self.task_id:
            self.shown_key = None
            self.view.show_message(self.tr("Choose a document and press Ctrl+Alt+V to preview it."))
        self.task_id, self.legal_rep = task_id, legal_rep
        self.stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.reload()

    def reload(self, *, wait: bool = False) -> None:
        """Read the visit's documents and what blocks each (composing every needed
        document: a while) in the reader thread, then show them keeping the selection;
        ``wait``: read here and now (an action needs the list at once)."""
        from inspector_app.services.document_gates import blocking
        from inspector_app.services.issue_progress import issue_progress
        from inspector_app.services.issuing import list_documents, visit_problems

        self.stale = False
        self._reads += 1
        read_no, task_id, profile = self._reads, self.task_id, self.profile
        lang = current_language()

        def read() -> tuple[list[Any], dict[str, list[str]], IssueProgress]:
            if task_id is None:
                return [], {}, issue_progress((), ())
            try:
                rows = list_documents(profile, task_id)
                gates = blocking(profile, task_id)
                progress = issue_progress(rows, visit_problems(profile, task_id))
            except ServiceError as exc:
                log.warning("documents of %s not read: %s", task_id, exc)
                return [], {}, issue_progress((), ())
            texts = {
                key: [b.render(lang) if isinstance(b, Message) else b for b in found]
                for key, found in gates.items()
            }
            return rows, texts, progress

        def fill(result: Any) -> None:
            if read_no == self._reads and task_id == self.task_id:
                self._fill(*result)

        def failed(exc: BaseException) -> None:
            log.error("documents of %s not read", task_id, exc_info=exc)

        if wait:
            fill(read())
        else:
            self.reader.run(read, on_success=fill, on_failure=failed)

    def _fill(
        self, rows: list[VisitDocument], texts: dict[str, list[str]], progress: IssueProgress
    ) -> None:
        current = self.current()
        keep = (current.id, current.key) if current is not None else (None, None)
        self.model.set_documents(rows, texts)
        self._show_progress(progress)
        problems = progress.problems
        if problems:
            self.problems.setText(
                self.tr("The issued documents disagree: {problems}").format(
                    problems="；".join(p.message for p in problems)
                )
            )
        self.problems.setVisible(bool(problems))
        wanted, self._select_next = self._select_next, None
        row = self.model.row_of(wanted, None) if wanted else None
        if row is None:
            row = self.model.row_of(*keep)
        if row is None and rows:
            row = 0
        if row is not None:
            self.select_row(row)
        self._show_details()
        self._update_actions()
        self.loaded.emit()

    def _show_progress(self, progress: IssueProgress) -> None:
        """Documents still to issue are the next steps of the work, told as such."""
        if not progress.total:
            self.progress_note.hide()
            return
        if progress.to_issue:
            text = self.tr("{issued} of {total} documents issued; still to issue: {titles}").format(
                issued=len(progress.issued),
                total=progress.total,
                titles=("、" if current_language().startswith("zh") else "; ").join(
                    self.model.title(d) for d in progress.to_issue
                ),
            )
        else:
            text = self.tr("All {total} documents of this visit are issued.").format(
                total=progress.total
            )
        self.progress_note.setText(text)
        self.progress_note.show()

    def current(self) -> VisitDocument | None:
        index = self.table.currentIndex()
        return self.model.document(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_document(self, doc_id: str | None = None, key: str | None = None) -> bool:
        row = self.model.row_of(doc_id, key)
        if row is not None:
            self.select_row(row)
        return row is not None

    def _selected(self) -> None:
        self._show_details()
        self._update_actions()

    def _show_details(self) -> None:
        d = self.current()
        if d is None:
            self.details.setText(
                self.tr("No document: check in and record the findings first.")
                if self.task_id
                else ""
            )
            return
        e = html.escape
        parts = [f"<b>{e(self.model.title(d))}</b> {e(d.number or '')}"]
        blocked = self.model.blocked_by(d)
        if blocked:
            parts.append(e(self.tr("Before it can be issued, it needs:")))
            parts.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in blocked) + "</ul>")
        else:
            parts.append(e(self.model.details(d)))
        for delivery in d.deliveries:
            parts.append(
                e(
                    self.tr("Delivered to {recipient} ({how}), {at}").format(
                        recipient=delivery.recipient,
                        how=self._method_name(delivery.method),
                        at=delivery.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    )
                )
            )
        if d.note:
            parts.append(f"<i>{e(d.note)}</i>")
        self.details.setText("<br>".join(parts))

    # --- following changes ----------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        task_id = self.task_id
        if task_id is None:
            return
        prefix = f"{task_id}:"
        linked = changes.item_results | changes.dispositions | changes.signatures
        named = bool(changes.tasks or changes.inspections or changes.documents or linked)
        touched = (
            task_id in changes.tasks
            or task_id in changes.inspections
            or bool(changes.documents)
            or any(r.startswith(prefix) for r in linked)
        )
        if not touched and named:
            return
        self.stale = True
        if self.isVisible():
            self.reload()

    # --- preview --------------------------------------------------------------------

    def preview(self) -> None:
        """Show the selected document: a fresh draft while it is not issued, else the
        stored PDF of the issued (or voided) document."""
        self.bring_forward()
        self._announce_draft()  # a draft whose pages never came (a rendering error)
        d = self.current()
        if d is None or self.task_id is None:
            return
        if d.id is not None and d.state in ("issued", "delivered", "voided"):
            from inspector_app.services.issuing import document_pdf

            try:
                pdf = document_pdf(self.profile, d.id)
            except ServiceError as exc:
                self.view.show_message(error_text(exc))
                return
            self._show_pdf(d.key, self._caption(d), pdf)
            return
        from inspector_app.services.issuing import preview

        profile, task_id, kind, items = self.profile, self.task_id, d.kind, d.item_ids
        key = d.key
        self.view.show_message(self.tr("Drawing up the draft…"))

        def draft() -> tuple[Any, None]:
            # The list learns of the new draft once its first page is on screen
            # (``_pages_shown``): re-reading what blocks each document takes a while.
            return preview(profile, task_id, kind, item_ids=items or None), None

        def made(result: Any) -> None:
            drafted = result[0]
            self._pending = drafted.changes
            docs = drafted.documents
            if docs and self.task_id == task_id:
                caption = self.tr("Draft: {title}").format(title=docs[0].title)
                self._show_pdf(key, caption, docs[0].pdf)
            else:
                self._announce_draft()

        def failed(exc: BaseException) -> None:
            self.view.show_message(error_text(exc) if isinstance(exc, ServiceError) else str(exc))

        self.ops.run(draft, after=made, failed=failed)

    def _caption(self, d: VisitDocument) -> str:
        state = self.model.state_text(d)
        return f"{d.title} {d.number or ''} ({state})"

    def _show_pdf(self, key: str, caption: str, pdf: bytes) -> None:
        self.shown_key = key
        self.preview_title.setText(caption)
        self.view.show_pdf(pdf)
        self._update_actions()

    def _pages_shown(self, first_only: bool) -> None:
        if first_only or self.view.rendered():
            self.previewed.emit(self.shown_key or "")
        QTimer.singleShot(0, self._announce_draft)  # after the page is painted

    def _announce_draft(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.ops.data_changed.emit(pending)

    def zoom_in(self) -> None:
        self.view.zoom_in()
        self._show_zoom()

    def zoom_out(self) -> None:
        self.view.zoom_out()
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(
            self.tr("Zoom {percent}%").format(percent=round(self.view.zoom * 100))
        )

    # --- issuing --------------------------------------------------------------------

    def issue(self) -> None:
        self.bring_forward()
        d = self.current()
        if d is None or self.task_id is None or d.state not in ("needed", "draft"):
            return
        from inspector_app.services.issuing import issue

        profile, task_id, kind, items = self.profile, self.task_id, d.kind, d.item_ids

        def run() -> tuple[Any, Changes]:
            result = issue(profile, task_id, kind, item_ids=items or None)
            return result, result.changes

        self.ops.run(run, done=self.tr("Document issued."), after=self._issued)

    def issue_all(self) -> None:
        self.bring_forward()
        if self.task_id is None:
            return
        from inspector_app.services.issuing import issue_all

        profile, task_id = self.profile, self.task_id

        def run() -> tuple[Any, Changes]:
            result = issue_all(profile, task_id)
            return result, result.changes

        self.ops.run(run, after=self._issued)

    def _issued(self, result: Any) -> None:
        issued = result[0]
        docs = issued.documents
        numbers = "、".join(d.number or "" for d in docs)
        text = (
            self.tr("Issued {n} document(s): {numbers}").format(n=len(docs), numbers=numbers)
            if docs
            else self.tr("Nothing to issue: every document this visit needs is issued.")
        )
        notes = " ".join(issued.notes)
        self.ops.status.emit(f"{text} {notes}".strip(), 10_000)
        if docs:
            # The list is read again in the reader thread; it selects the document then.
            first = docs[0]
            self._select_next = first.id
            self.select_document(first.id)
            current = self.current()
            key = current.key if current is not None else ""
            self._show_pdf(key, f"{first.title} {first.number}", first.pdf)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.reader.wait(msecs) and self.view.wait(msecs) and self.printer.wait(msecs)
