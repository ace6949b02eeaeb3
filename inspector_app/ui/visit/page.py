"""The task page: the business card and its history, check-in, the grouped checklist and
the recording of each item.

Writes go through :class:`Operations` (off the GUI thread); the page refreshes from the
window's one ``data_changed`` signal, re-reading only the results a change names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from inspector_app import services
from inspector_app.domain.entities import ItemResult, JointTask, Outcome, TaskStatus
from inspector_app.services.changes import Changes
from inspector_app.services.errors import ServiceError
from inspector_app.services.profile import Profile
from inspector_app.services.task_list import list_tasks
from inspector_app.ui.actions import PageActions
from inspector_app.ui.documents.page import DocumentsPanel
from inspector_app.ui.operations import Operations
from inspector_app.ui.tasks.model import status_label
from inspector_app.ui.visit.card import BusinessCard
from inspector_app.ui.visit.checklist import ChecklistView
from inspector_app.ui.visit.drafts import DraftKeeper
from inspector_app.ui.visit.editor import OUTCOMES, ItemEditor
from inspector_app.ui.visit.review import VisitReview
from inspector_app.ui.visit.self_check import SelfCheckPrinting
from inspector_app.ui.visit.tabs import VisitTabs
from inspector_app.ui.visit.writes import VisitWrites

if TYPE_CHECKING:
    from inspector_app.services.tasks import Seen
    from inspector_app.services.visit import BusinessHistory, Visit

log = logging.getLogger(__name__)

#: Findings can be recorded in these states (after completion with a reason).
EDITABLE = frozenset({TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED, TaskStatus.SUBMITTED})
STARTABLE = frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED})


class VisitPage(VisitWrites, QWidget):
    """Shows one task; emits ``status_changed`` when its lifecycle moved."""

    status_changed = Signal()

    def __init__(
        self,
        profile: Profile,
        ops: Operations,
        drafts: DraftKeeper,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visit-page")
        self.profile = profile
        self.ops = ops
        self.drafts = drafts
        self.task: JointTask | None = None
        self.status: TaskStatus | None = None
        self.server_state: str | None = None  # cancelled or reassigned on the server
        self.results: dict[str, ItemResult] = {}
        # Which server version of each item's result the page shows: a save is made on
        # it, so a sync by another process meanwhile is never overwritten unseen.
        self.seen: dict[str, Seen] = {}
        self.visit: Visit | None = None
        self.history: BusinessHistory | None = None

        self.card = BusinessCard(self)
        self.checklist = ChecklistView(self)
        self.checklist.item_selected.connect(self._item_selected)
        self.editor = ItemEditor(self)
        self.editor.save_requested.connect(self.save_entry)
        self.editor.photos_requested.connect(self.attach_photos)
        self.editor.edited.connect(self._keep_draft)
        self.editor.draft_restore_requested.connect(self.restore_draft)
        self.editor.draft_discard_requested.connect(self.discard_draft)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("visit-splitter")
        self.splitter.addWidget(self.card)
        self.splitter.addWidget(self.checklist)
        # The item editor, the dispositions and the signatures as tabs (ui/visit/tabs).
        self.tabs = VisitTabs(profile, ops, self._reason_if_needed, self.editor, self)
        self.decide_actions = self.tabs.actions
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([190, 330, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.self_check = SelfCheckPrinting(self, profile, ops)  # 合规体检自查表
        self.documents = DocumentsPanel(profile, ops, self.tabs)  # ui/documents
        self.documents.wanted.connect(lambda: self.tabs.setCurrentWidget(self.documents))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self._sizes_before_documents: list[int] | None = None
        self.tabs.currentChanged.connect(lambda _i: self._room_for_documents())
        self.visit_actions = self.declare_visit_actions()
        self.record_actions = self.declare_record_actions()
        # Submit for review, the lead's comments of a return, the on-site co-review.
        self.review = VisitReview(self)
        self._update_actions()

    def _room_for_documents(self) -> None:
        """A page preview needs height: the documents tab takes most of the page while it
        is on show, and gives it back after."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if self.tabs.currentWidget() is self.documents:
            if total and sizes[2] < total * 0.6:
                self._sizes_before_documents = sizes
                top, middle = int(total * 0.12), int(total * 0.16)
                self.splitter.setSizes([top, middle, total - top - middle])
        elif self._sizes_before_documents is not None:
            self.splitter.setSizes(self._sizes_before_documents)
            self._sizes_before_documents = None

    def _show_tabs(self) -> None:
        self.tabs.show_task(self.task, editable=self.status in EDITABLE)

    # --- actions --------------------------------------------------------------------

    def declare_visit_actions(self) -> PageActions:
        a = PageActions(self.tr("&Visit"), self)
        self.check_in_action = a.add(
            "check-in", self.tr("Check &in…"), "Ctrl+K", self.check_in, toolbar=True
        )
        self.complete_action = a.add(
            "complete",
            self.tr("&Complete inspection"),
            "Ctrl+Shift+K",
            self.complete,
            toolbar=True,
        )
        # The opening again, after check-in: recorded there wrongly or not at all.
        self.opening_action = a.add(
            "record-opening", self.tr("Record the &opening…"), "Ctrl+Alt+K", self.record_opening
        )
        self.law_action = a.add(
            "show-provision",
            self.tr("Show the &legal basis"),
            # Not Ctrl+L: that locks the window (ui/session), as it does in every OS.
            "Ctrl+Shift+L",
            self.show_provisions,
            separator=True,
        )
        a.add("next-item", self.tr("&Next item"), "Ctrl+PgDown", lambda: self.step(1))
        a.add("previous-item", self.tr("&Previous item"), "Ctrl+PgUp", lambda: self.step(-1))
        a.add("focus-checklist", self.tr("Go to the chec&klist"), "Ctrl+J", self.focus_checklist)
        self.self_check_action = a.add(
            "print-self-check",
            self.tr("Print the &self-check sheet…"),
            "Ctrl+Shift+J",
            lambda: self.task is not None and self.self_check.start(self.task.id),
            separator=True,
        )
        return a

    def declare_record_actions(self) -> PageActions:
        a = PageActions(self.tr("&Record"), self)
        texts = {
            Outcome.COMPLIANT: self.tr("&Compliant"),
            Outcome.NONCOMPLIANT: self.tr("&Non-compliant"),
            Outcome.NOT_APPLICABLE: self.tr("Not &applicable"),
            Outcome.NOT_CHECKED: self.tr("Not chec&ked"),
        }
        for n, outcome in enumerate(OUTCOMES, start=1):
            a.add(
                f"outcome-{outcome.value}",
                texts[outcome],
                f"Alt+{n}",
                lambda outcome=outcome: self.editor.choose_outcome(outcome),
            )
        self.save_action = a.add(
            "save-result",
            self.tr("&Save result"),
            "Ctrl+Return",
            self.editor.request_save,
            separator=True,
            toolbar=True,
        )
        self.save_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.photo_action = a.add(
            "add-photo", self.tr("Add &photos…"), "Ctrl+Shift+P", self.editor.choose_photos
        )
        a.add(
            "view-photos", self.tr("&View photos"), "Ctrl+Shift+V", self.editor.photos.open_viewer
        )
        a.add("focus-note", self.tr("Go to the n&ote"), "Ctrl+Shift+N", self._focus_note)
        a.add(
            "restore-draft",
            self.tr("&Restore the kept entry"),
            "Ctrl+Shift+R",
            self.restore_draft,
            separator=True,
        )
        return a

    def _update_actions(self) -> None:
        status = self.status
        self.check_in_action.setEnabled(
            self.task is not None and status in STARTABLE and self.server_state is None
        )
        self.complete_action.setEnabled(status is TaskStatus.IN_PROGRESS)
        self.opening_action.setEnabled(self.task is not None and status in EDITABLE)
        editable = status in EDITABLE and self.editor.item is not None
        self.save_action.setEnabled(editable)
        self.photo_action.setEnabled(editable)
        self.law_action.setEnabled(self.editor.item is not None)
        self.review.update_actions()
        self.self_check_action.setEnabled(self.task is not None)

    # --- showing --------------------------------------------------------------------

    def show_task(self, task_id: str | None) -> None:
        """Show a task (None: nothing); the item that was selected stays when it is the same."""
        self.drafts.flush()
        same = task_id is not None and self.task is not None and task_id == self.task.id
        keep = self.editor.item_id if same else None
        if task_id is None:
            self._clear()
            return
        try:
            task = services.get_task(self.profile, task_id)
            results, seen = services.get_results_seen(self.profile, task_id)
            visit = services.get_visit(self.profile, task_id)
            history = services.business_history(self.profile, task, today=date.today())
        except ServiceError as exc:
            log.warning("task %s not shown: %s", task_id, exc)
            self._clear()
            return
        self.task, self.status, self.results, self.seen = task, task.status, results, seen
        self.visit, self.history = visit, history
        summaries = list_tasks(self.profile, ids={task_id})
        self.server_state = summaries[0].server_state if summaries else None
        self._show_card()
        self.checklist.show_task(task, results)
        self.review.refresh()
        target = keep or self._first_open_item()
        if target is not None:
            self.checklist.select_item(target)  # -> _item_selected
        else:
            self._show_item(None)
        self._show_tabs()
        self.documents.show_task(task_id, task.business.legal_rep)
        self._update_actions()

    def _clear(self) -> None:
        self.task, self.status, self.results, self.visit, self.history = None, None, {}, None, None
        self.seen = {}
        self.server_state = None
        self.card.show_task(None, None, None, None, status_text="")
        self.checklist.show_task(None, {})
        self.review.refresh()
        self._show_item(None)
        self._show_tabs()
        self.documents.show_task(None)
        self._update_actions()

    def _first_open_item(self) -> str | None:
        """The first item with a kept draft, else the first without a result."""
        if self.task is None:
            return None
        order = self.checklist.item_order()
        drafted = set(self.drafts.items_with_drafts(self.task.id))
        for pick in (lambda i: i in drafted, lambda i: i not in self.results):
            found = next((i for i in order if pick(i)), None)
            if found is not None:
                return found
        return order[0] if order else None

    def _show_card(self) -> None:
        text = "" if self.status is None else self.status_text(self.status)
        self.card.show_task(
            self.task, self.history, self.visit, self.profile.user, status_text=text
        )

    def status_text(self, status: TaskStatus) -> str:
        labels = {
            TaskStatus.ASSIGNED: self.tr("assigned, not checked in"),
            TaskStatus.IN_PROGRESS: self.tr("in progress"),
            TaskStatus.COMPLETED: self.tr("completed"),
            TaskStatus.SUBMITTED: self.tr("submitted"),
        }
        return labels.get(status) or status_label(status)

    def _item_selected(self, item_id: str | None) -> None:
        if item_id == self.editor.item_id and item_id is not None:
            return
        self.drafts.flush()
        self._show_item(item_id)

    def _show_item(self, item_id: str | None) -> None:
        item = None
        if self.task is not None and item_id is not None:
            item = next((i for i in self.task.checklist if i.id == item_id), None)
        editable = self.status in EDITABLE
        self.editor.show_item(
            item, self.results.get(item_id or ""), editable=editable, photos=self._photo_loader()
        )
        if item is not None and self.task is not None and editable:
            kept = self.drafts.get(self.task.id, item.id)
            if kept is not None:
                self.editor.offer_draft(kept[0][:16].replace("T", " "))
        self.review.show_item(item_id)
        self._update_actions()

    def _photo_loader(self) -> Callable[[str], bytes]:
        profile, read = self.profile, services.read_evidence  # resolved on the GUI thread
        return lambda sha: read(profile, sha)

    # --- following changes ----------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Re-read what a change names about the task on show; a change naming nothing (a
        sync) re-reads the task, keeping what was typed."""
        if self.task is None:
            return
        self.tabs.apply_changes(changes)
        task_id = self.task.id
        items = {
            rid.split(":", 1)[1] for rid in changes.item_results if rid.split(":", 1)[0] == task_id
        }
        touched = task_id in changes.tasks or task_id in changes.inspections or bool(items)
        if not changes.tasks and not changes.item_results and not changes.inspections:
            self._reload_keeping_typed()
            return
        if not touched:
            return
        if items:
            try:
                self.results, seen = services.get_results_seen(self.profile, task_id)
            except ServiceError as exc:
                log.warning("results of %s not read: %s", task_id, exc)
                return
            self.seen = self._keeping_typed_on(seen)
            for item_id in items:
                result = self.results.get(item_id)
                self.checklist.set_result(item_id, result)
                if item_id == self.editor.item_id:
                    self.editor.refresh_saved(result, self._photo_loader())
        if task_id in changes.inspections or (task_id in changes.tasks and not items):
            self._refresh_lifecycle()

    def _refresh_lifecycle(self) -> None:
        if self.task is None:
            return
        summaries = list_tasks(self.profile, ids={self.task.id})
        if not summaries:
            self._clear()
            return
        before = self.status
        self.status, self.server_state = summaries[0].status, summaries[0].server_state
        self.visit = services.get_visit(self.profile, self.task.id)
        self._show_card()
        self.review.refresh()
        if before != self.status:
            if self.editor.dirty:  # what was typed stays; only what may be edited changes
                self.editor.set_editable(self.status in EDITABLE)
            else:
                self._show_item(self.editor.item_id)
            self._show_tabs()
            self.status_changed.emit()
        self._update_actions()

    def _reload_keeping_typed(self) -> None:
        if self.task is None:
            return
        item_id, dirty = self.editor.item_id, self.editor.dirty
        typed = self.editor.to_draft() if dirty else None
        was_seen = self.seen.get(item_id or "")
        self.show_task(self.task.id)
        if typed is not None and item_id == self.editor.item_id:
            self.editor.apply_draft(typed)
            if was_seen is not None:
                self.seen[item_id] = was_seen  # typed on the version shown before

    def _keeping_typed_on(self, seen: dict[str, Seen]) -> dict[str, Seen]:
        """``seen`` read now, but for the item being typed (whose fields stay as typed):
        still the version those fields were typed on."""
        item_id = self.editor.item_id
        if item_id is not None and self.editor.dirty and item_id in self.seen:
            seen = {**seen, item_id: self.seen[item_id]}
        return seen

    # --- navigation -----------------------------------------------------------------

    def step(self, delta: int) -> None:
        if self.checklist.step(delta) is not None:
            self.editor.focus_first_field()

    def focus_checklist(self) -> None:
        self.checklist.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_note(self) -> None:
        self.editor.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- drafts ---------------------------------------------------------------------

    def _keep_draft(self) -> None:
        if self.task is not None and self.editor.item_id is not None:
            self.drafts.keep(self.task.id, self.editor.item_id, self.editor.to_draft())

    def restore_draft(self) -> None:
        if self.task is None or self.editor.item_id is None:
            return
        kept = self.drafts.get(self.task.id, self.editor.item_id)
        if kept is not None:
            self.editor.apply_draft(kept[1])
            self.editor.focus_first_field()

    def discard_draft(self) -> None:
        if self.task is not None and self.editor.item_id is not None:
            self.drafts.drop(self.task.id, self.editor.item_id)
        self.editor.draft_banner.hide()
