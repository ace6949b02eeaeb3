"""The preview of the selected document beside the list: a fresh draft while it is not
issued (drawn up off the GUI thread), else the stored PDF; its caption and zoom.

A mixin of :class:`~inspector_app.ui.documents.page.DocumentsPanel`, which holds the
pane (``view``, a :class:`~inspector_app.ui.documents.preview.PdfPreview`) and its
labels. Its strings are translated in the panel's context, ``DocumentsPanel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer

from inspector_app.services.errors import ServiceError
from inspector_app.ui.i18n import error_text

if TYPE_CHECKING:
    from inspector_app.services.document_records import VisitDocument
    from inspector_app.ui.documents.page import DocumentsPanel


class DocumentPreviewing:
    def preview(self: DocumentsPanel) -> None:
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
        self.view.show_message(
            QCoreApplication.translate("DocumentsPanel", "Drawing up the draft…")
        )

        def draft() -> tuple[Any, None]:
            # The list learns of the new draft once its first page is on screen
            # (``_pages_shown``): re-reading what blocks each document takes a while.
            return preview(profile, task_id, kind, item_ids=items or None), None

        def made(result: Any) -> None:
            drafted = result[0]
            self._pending = drafted.changes
            docs = drafted.documents
            if docs and self.task_id == task_id:
                caption = QCoreApplication.translate("DocumentsPanel", "Draft: {title}").format(
                    title=docs[0].title
                )
                self._show_pdf(key, caption, docs[0].pdf)
            else:
                self._announce_draft()

        def failed(exc: BaseException) -> None:
            self.view.show_message(error_text(exc) if isinstance(exc, ServiceError) else str(exc))

        self.ops.run(draft, after=made, failed=failed)

    def _caption(self: DocumentsPanel, d: VisitDocument) -> str:
        state = self.model.state_text(d)
        return f"{d.title} {d.number or ''} ({state})"

    def _show_pdf(self: DocumentsPanel, key: str, caption: str, pdf: bytes) -> None:
        self.shown_key = key
        self.preview_title.setText(caption)
        self.view.show_pdf(pdf)
        self._update_actions()

    def _pages_shown(self: DocumentsPanel, first_only: bool) -> None:
        if first_only or self.view.rendered():
            self.previewed.emit(self.shown_key or "")
        QTimer.singleShot(0, self._announce_draft)  # after the page is painted

    def _announce_draft(self: DocumentsPanel) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.ops.data_changed.emit(pending)

    def zoom_in(self: DocumentsPanel) -> None:
        self.view.zoom_in()
        self._show_zoom()

    def zoom_out(self: DocumentsPanel) -> None:
        self.view.zoom_out()
        self._show_zoom()

    def _show_zoom(self: DocumentsPanel) -> None:
        self.zoom_label.setText(
            QCoreApplication.translate("DocumentsPanel", "Zoom {percent}%").format(
                percent=round(self.view.zoom * 100)
            )
        )
