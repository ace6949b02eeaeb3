"""Issuing the selected document, or every document the visit still needs, off the GUI
thread; then the first one issued is selected and shown.

A mixin of :class:`~inspector_app.ui.documents.page.DocumentsPanel`. Its strings are
translated in the panel's context, ``DocumentsPanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from inspector_app.services.changes import Changes

if TYPE_CHECKING:
    from inspector_app.ui.documents.page import DocumentsPanel


class DocumentIssuing:
    def issue(self: DocumentsPanel) -> None:
        self.bring_forward()
        d = self.current()
        if d is None or self.task_id is None or d.state not in ("needed", "draft"):
            return
        from inspector_app.services.issuing import issue

        profile, task_id, kind, items = self.profile, self.task_id, d.kind, d.item_ids

        def run() -> tuple[Any, Changes]:
            result = issue(profile, task_id, kind, item_ids=items or None)
            return result, result.changes

        self.ops.run(
            run,
            done=QCoreApplication.translate("DocumentsPanel", "Document issued."),
            after=self._issued,
        )

    def issue_all(self: DocumentsPanel) -> None:
        self.bring_forward()
        if self.task_id is None:
            return
        from inspector_app.services.issuing import issue_all

        profile, task_id = self.profile, self.task_id

        def run() -> tuple[Any, Changes]:
            result = issue_all(profile, task_id)
            return result, result.changes

        self.ops.run(run, after=self._issued)

    def _issued(self: DocumentsPanel, result: Any) -> None:
        issued = result[0]
        docs = issued.documents
        numbers = "、".join(d.number or "" for d in docs)
        text = (
            QCoreApplication.translate(
                "DocumentsPanel", "Issued {n} document(s): {numbers}"
            ).format(n=len(docs), numbers=numbers)
            if docs
            else QCoreApplication.translate(
                "DocumentsPanel", "Nothing to issue: every document this visit needs is issued."
            )
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
