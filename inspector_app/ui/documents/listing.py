"""The panel's list of documents and the details of the selected one: read in the
reader thread (what each document needs before it can be issued, how far the set is
issued, whether the issued documents agree), kept selected across a reload, and read
again when the window's ``data_changed`` names this visit.

A mixin of :class:`~inspector_app.ui.documents.page.DocumentsPanel`, which holds the
widgets and state these use (table, model, details, reader). Its strings are translated
in the panel's context, ``DocumentsPanel``, the class Qt sees at run time.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.messages import Message
from inspector_app.ui.i18n import current_language

if TYPE_CHECKING:
    from inspector_app.services.document_records import VisitDocument
    from inspector_app.services.issue_progress import IssueProgress
    from inspector_app.ui.documents.page import DocumentsPanel

log = logging.getLogger(__name__)


class DocumentListing:
    def show_task(self: DocumentsPanel, task_id: str | None, legal_rep: str = "") -> None:
        if task_id != self.task_id:
            self.shown_key = None
            self.view.show_message(
                QCoreApplication.translate(
                    "DocumentsPanel", "Choose a document and press Ctrl+Alt+V to preview it."
                )
            )
        self.task_id, self.legal_rep = task_id, legal_rep
        self.stale = True
        if self.isVisible():
            self.reload()

    def reload(self: DocumentsPanel, *, wait: bool = False) -> None:
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
        self: DocumentsPanel,
        rows: list[VisitDocument],
        texts: dict[str, list[str]],
        progress: IssueProgress,
    ) -> None:
        current = self.current()
        keep = (current.id, current.key) if current is not None else (None, None)
        self.model.set_documents(rows, texts)
        self._show_progress(progress)
        problems = progress.problems
        if problems:
            self.problems.setText(
                QCoreApplication.translate(
                    "DocumentsPanel", "The issued documents disagree: {problems}"
                ).format(problems="；".join(p.message for p in problems))
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

    def _show_progress(self: DocumentsPanel, progress: IssueProgress) -> None:
        """Documents still to issue are the next steps of the work, told as such."""
        if not progress.total:
            self.progress_note.hide()
            return
        if progress.to_issue:
            text = QCoreApplication.translate(
                "DocumentsPanel", "{issued} of {total} documents issued; still to issue: {titles}"
            ).format(
                issued=len(progress.issued),
                total=progress.total,
                titles=("、" if current_language().startswith("zh") else "; ").join(
                    self.model.title(d) for d in progress.to_issue
                ),
            )
        else:
            text = QCoreApplication.translate(
                "DocumentsPanel", "All {total} documents of this visit are issued."
            ).format(total=progress.total)
        self.progress_note.setText(text)
        self.progress_note.show()

    def current(self: DocumentsPanel) -> VisitDocument | None:
        index = self.table.currentIndex()
        return self.model.document(index.row()) if index.isValid() else None

    def select_row(self: DocumentsPanel, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_document(
        self: DocumentsPanel, doc_id: str | None = None, key: str | None = None
    ) -> bool:
        row = self.model.row_of(doc_id, key)
        if row is not None:
            self.select_row(row)
        return row is not None

    def _selected(self: DocumentsPanel) -> None:
        self._show_details()
        self._update_actions()

    def _show_details(self: DocumentsPanel) -> None:
        d = self.current()
        if d is None:
            self.details.setText(
                QCoreApplication.translate(
                    "DocumentsPanel", "No document: check in and record the findings first."
                )
                if self.task_id
                else ""
            )
            return
        e = html.escape
        parts = [f"<b>{e(self.model.title(d))}</b> {e(d.number or '')}"]
        blocked = self.model.blocked_by(d)
        if blocked:
            parts.append(
                e(
                    QCoreApplication.translate(
                        "DocumentsPanel", "Before it can be issued, it needs:"
                    )
                )
            )
            parts.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in blocked) + "</ul>")
        else:
            parts.append(e(self.model.details(d)))
        for delivery in d.deliveries:
            parts.append(
                e(
                    QCoreApplication.translate(
                        "DocumentsPanel", "Delivered to {recipient} ({how}), {at}"
                    ).format(
                        recipient=delivery.recipient,
                        how=self._method_name(delivery.method),
                        at=delivery.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    )
                )
            )
        if d.note:
            parts.append(f"<i>{e(d.note)}</i>")
        self.details.setText("<br>".join(parts))

    def apply_changes(self: DocumentsPanel, changes: Changes) -> None:
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
