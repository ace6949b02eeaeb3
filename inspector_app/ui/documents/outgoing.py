"""What leaves the office with the documents: printing one or the whole set, the record
of delivery (送达), and voiding with a reason.

A mixin of :class:`~inspector_app.ui.documents.page.DocumentsPanel`, which holds the
state these use (profile, ops, model, printer, the injected dialogs). Its strings are
translated in the panel's context, ``DocumentsPanel``, the class Qt sees at run time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog

from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.ui.documents.dialogs import DeliveryDialog, DeliveryEntry, VoidDialog
from inspector_app.ui.documents.model import ISSUED, PRINTABLE
from inspector_app.ui.documents.print_set import PrintItem, PrintOutcome
from inspector_app.ui.i18n import error_text

if TYPE_CHECKING:
    from inspector_app.services.document_records import VisitDocument
    from inspector_app.ui.documents.page import DocumentsPanel

log = logging.getLogger(__name__)


class DocumentOutgoing:
    def _method_name(self: DocumentsPanel, wire: str) -> str:
        names = {
            "direct": QCoreApplication.translate("DocumentsPanel", "in person"),
            "left": QCoreApplication.translate("DocumentsPanel", "left at the premises"),
            "post": QCoreApplication.translate("DocumentsPanel", "by post"),
            "entrusted": QCoreApplication.translate("DocumentsPanel", "entrusted"),
            "transferred": QCoreApplication.translate("DocumentsPanel", "transferred"),
            "electronic": QCoreApplication.translate("DocumentsPanel", "electronically"),
            "public": QCoreApplication.translate("DocumentsPanel", "by public announcement"),
        }
        return names.get(wire, wire)

    # --- printing -------------------------------------------------------------------

    def print_selected(self: DocumentsPanel) -> None:
        self.bring_forward()
        d = self.current()
        if d is None or d.state not in PRINTABLE or d.id is None:
            return
        from inspector_app.services.issuing import document_pdf

        try:
            pdf = document_pdf(self.profile, d.id)
        except ServiceError as exc:
            self.ops.status.emit(error_text(exc), 10_000)
            return
        number = d.number or QCoreApplication.translate("DocumentsPanel", "draft")
        title = f"{d.title} {number}"
        self._print([PrintItem(title, pdf)], title)

    def print_set(self: DocumentsPanel) -> None:
        """Every issued document of the visit, in order, as one print job."""
        self.bring_forward()
        from inspector_app.services.issuing import document_pdf

        items = []
        for d in self.model.rows:
            if d.state in ISSUED and d.id is not None:
                try:
                    items.append(
                        PrintItem(f"{d.title} {d.number}", document_pdf(self.profile, d.id))
                    )
                except ServiceError as exc:
                    self.ops.status.emit(error_text(exc), 10_000)
                    return
        if not items:
            self.ops.status.emit(
                QCoreApplication.translate(
                    "DocumentsPanel", "Issue the documents first: none is issued yet."
                ),
                10_000,
            )
            return
        self._print(
            items,
            QCoreApplication.translate("DocumentsPanel", "Documents of the visit ({n})").format(
                n=len(items)
            ),
        )

    def _print(self: DocumentsPanel, items: list[PrintItem], title: str) -> None:
        if self.printer.busy:
            return
        printer = self.choose_printer(self, title, self.copies)
        if printer is None:
            return
        total = self.printer.start(items, printer)
        progress = QProgressDialog(
            QCoreApplication.translate("DocumentsPanel", "Printing {title}…").format(title=title),
            QCoreApplication.translate("DocumentsPanel", "Cancel"),
            0,
            total,
            self,
        )
        progress.setObjectName("print-progress")
        progress.setWindowTitle(QCoreApplication.translate("DocumentsPanel", "Printing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.printer.cancel)
        progress.setValue(0)
        self.progress = progress
        self._update_actions()

    def _print_progress(self: DocumentsPanel, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        # setValue() of a window-modal progress dialog runs the event loop, where the end
        # of the job may close the dialog (self.progress = None): the label first.
        progress.setLabelText(
            QCoreApplication.translate("DocumentsPanel", "Printing page {done} of {total}…").format(
                done=done, total=total
            )
        )
        progress.setMaximum(total)
        progress.setValue(done)

    def _close_progress(self: DocumentsPanel) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.printer.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._update_actions()

    def _printed(self: DocumentsPanel, outcome: PrintOutcome) -> None:
        self._close_progress()
        if outcome.cancelled:
            self.ops.status.emit(
                QCoreApplication.translate("DocumentsPanel", "Printing cancelled."), 10_000
            )
        else:
            self.ops.status.emit(
                QCoreApplication.translate(
                    "DocumentsPanel",
                    "Sent {documents} document(s), {pages} page(s) to the printer.",
                ).format(documents=outcome.documents, pages=outcome.pages),
                10_000,
            )

    def _print_failed(self: DocumentsPanel, exc: BaseException) -> None:
        self._close_progress()
        log.error("printing failed", exc_info=exc)
        self.ops.status.emit(
            QCoreApplication.translate(
                "DocumentsPanel",
                "The printer could not be used ({error}). Check that it is on and connected, "
                "then print again.",
            ).format(error=exc),
            15_000,
        )

    # --- delivery and void ----------------------------------------------------------

    def _ask_delivery(self: DocumentsPanel, d: VisitDocument) -> DeliveryEntry | None:
        dialog = DeliveryDialog(f"{d.title} {d.number or ''}", self.legal_rep, self)
        return dialog.entry() if dialog.exec() else None

    def _ask_void_reason(self: DocumentsPanel, d: VisitDocument) -> str | None:
        dialog = VoidDialog(f"{d.title} {d.number or ''}", self)
        return dialog.text() if dialog.exec() else None

    def deliver(self: DocumentsPanel) -> None:
        self.bring_forward()
        d = self.current()
        if d is None or d.id is None or d.state not in ISSUED:
            return
        entry = self.ask_delivery(d)
        if entry is None:
            return
        from inspector_app.services.issuing import deliver

        profile, doc_id = self.profile, d.id

        def run() -> Changes:
            return deliver(
                profile,
                doc_id,
                method=entry.method,
                recipient=entry.recipient,
                at=entry.at,
                place=entry.place,
                witness=entry.witness,
                reference=entry.reference,
                proxy_relationship=entry.proxy_relationship,
                proxy_reason=entry.proxy_reason,
            )

        self.ops.run(run, done=QCoreApplication.translate("DocumentsPanel", "Delivery recorded."))

    def void(self: DocumentsPanel) -> None:
        self.bring_forward()
        d = self.current()
        if d is None or d.id is None or d.state not in ISSUED:
            return
        reason = self.ask_void_reason(d)
        if reason is None:
            return
        from inspector_app.services.issuing import void_document

        profile, doc_id = self.profile, d.id
        self.ops.run(
            lambda: void_document(profile, doc_id, reason=reason),
            done=QCoreApplication.translate(
                "DocumentsPanel", "Document voided; its number will not be used again."
            ),
        )
