"""What the task page writes: results, photos, check-in, the opening and check-out, each
one operation run off the GUI thread through ``Operations``; and the provision text it reads.

A mixin of :class:`~inspector_app.ui.visit.page.VisitPage`, which holds the state
these use (task, status, history, editor, drafts, ops). Its strings are translated in
the page's context, ``VisitPage``, which is the class Qt sees at run time.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from inspector_app import services
from inspector_app.domain.enforcement import Opening
from inspector_app.domain.entities import TaskStatus
from inspector_app.services.changes import Changes
from inspector_app.ui.i18n import error_text
from inspector_app.ui.visit.check_in import CheckInDialog
from inspector_app.ui.visit.editor import ItemEntry
from inspector_app.ui.visit.opening import OpeningDialog
from inspector_app.ui.visit.provisions import ProvisionDialog

if TYPE_CHECKING:
    from inspector_app.ui.visit.page import VisitPage

#: Recording here needs a reason: the inspection was already closed.
AFTER_COMPLETION = frozenset({TaskStatus.COMPLETED, TaskStatus.SUBMITTED})


class VisitWrites:
    def _reason_if_needed(self: VisitPage) -> tuple[bool, str | None]:
        if self.status not in AFTER_COMPLETION:
            return True, None
        reason, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("VisitPage", "Reason for the change"),
            QCoreApplication.translate(
                "VisitPage", "This inspection is already completed. Why is this finding changed?"
            ),
        )
        if not ok or not reason.strip():
            return False, None
        return True, reason.strip()

    def save_entry(self: VisitPage, entry: ItemEntry) -> None:
        task = self.task
        if task is None:
            return
        go, reason = self._reason_if_needed()
        if not go:
            return
        # Resolved here, on the GUI thread: a first use imports its module, which must
        # not happen in the worker (see ui.operations.WARMUP_MODULES).
        profile, record = self.profile, services.record_item_result
        # The version of the result the page showed when this was typed: the save is
        # made on it, even if a sync by another process brought a newer one since.
        seen = self.seen.get(entry.item_id)

        def save() -> Changes:
            return record(
                profile,
                task.id,
                entry.item_id,
                outcome=entry.outcome,
                note=entry.note,
                measurements=entry.measurements,
                corrected_on_site=entry.corrected_on_site,
                deadline=entry.deadline,
                reason=reason,
                seen=seen,
            )

        def saved(_changes: object) -> None:
            self.drafts.drop(task.id, entry.item_id)
            if self.task is None or self.task.id != task.id:
                return
            if self.editor.item_id == entry.item_id:
                self.editor.mark_saved()
                self.step(1)

        self.ops.run(
            save, done=QCoreApplication.translate("VisitPage", "Result saved"), after=saved
        )

    def attach_photos(self: VisitPage, item_id: str, paths: list[str]) -> None:
        task = self.task
        if task is None or not paths:
            return
        go, reason = self._reason_if_needed()
        if not go:
            return
        profile, attach_file = self.profile, services.attach_photo_file

        def attach() -> Changes:
            changes = Changes()
            for path in paths:
                _sha, changed = attach_file(profile, task.id, item_id, Path(path), reason=reason)
                changes = changes | changed
            return changes

        self.ops.run(attach, done=QCoreApplication.translate("VisitPage", "Photo attached"))

    def check_in(self: VisitPage) -> None:
        task = self.task
        if task is None or not self.check_in_action.isEnabled():
            return
        related = self.history.related_reason if self.history and self.history.related else None
        rep = task.business.legal_rep
        dialog = CheckInDialog(
            task.business.name,
            suggested_present=[
                QCoreApplication.translate("VisitPage", "{name} (legal representative)").format(
                    name=rep
                )
            ]
            if rep
            else [],
            related_reason=related,
            representative=rep or "",
            parent=self,
        )
        if not dialog.exec():
            return
        profile, present, observers = self.profile, dialog.people_present(), dialog.observer_list()
        opening, start = dialog.opening(), services.start_inspection
        self.ops.run(
            lambda: start(profile, task.id, present=present, observers=observers, opening=opening),
            done=QCoreApplication.translate("VisitPage", "Checked in"),
        )

    def record_opening(self: VisitPage) -> None:
        """Record or correct the opening (行政处罚法第五十五条) after check-in; after
        completion the dialog asks why, as every change then does."""
        task = self.task
        if task is None or not self.opening_action.isEnabled():
            return
        profile, record = self.profile, services.record_opening
        opening = services.get_opening(profile, task.id)
        if not opening.party_representative and task.business.legal_rep:
            opening = replace(opening, party_representative=task.business.legal_rep)
        dialog = OpeningDialog(
            task.business.name,
            opening,
            needs_reason=self.status in AFTER_COMPLETION,
            parent=self,
        )

        def save(value: Opening, reason: str | None) -> None:
            self.ops.run(
                lambda: record(profile, task.id, value, reason=reason),
                done=QCoreApplication.translate("VisitPage", "Opening recorded"),
                after=lambda _changes: dialog.saved(),
                failed=lambda exc: dialog.refused(error_text(exc)),
            )

        dialog.save_requested.connect(save)
        dialog.exec()

    def complete(self: VisitPage) -> None:
        task = self.task
        if task is None or not self.complete_action.isEnabled():
            return
        profile, complete = self.profile, services.complete_inspection
        self.ops.run(
            lambda: complete(profile, task.id),
            done=QCoreApplication.translate("VisitPage", "Inspection completed"),
        )

    def show_provisions(self: VisitPage) -> None:
        item = self.editor.item
        if item is None:
            return
        ProvisionDialog(
            f"{item.code} {item.title}", services.lookup_provisions(item.legal_basis), self
        ).exec()
