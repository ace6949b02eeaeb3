"""The task page's lower half: the item editor, the dispositions and the signatures, as
tabs, with the actions of the last two (the Decide menu).

Other parts of the visit (documents, review) add their own tab with ``addTab``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from inspector_app.services.changes import Changes
from inspector_app.ui.actions import PageActions
from inspector_app.ui.operations import Operations
from inspector_app.ui.visit.disposition import AskReason, DispositionPanel
from inspector_app.ui.visit.signatures import SignaturesPanel


class VisitTabs(QTabWidget):
    def __init__(
        self,
        profile: Any,
        ops: Operations,
        ask_reason: AskReason,
        editor: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visit-tabs")
        self.editor = editor
        self.dispositions = DispositionPanel(profile, ops, ask_reason, self)
        self.signatures = SignaturesPanel(profile, ops, ask_reason, self)
        self.addTab(editor, self.tr("Item"))
        self.addTab(self.dispositions, self.tr("Dispositions"))
        self.addTab(self.signatures, self.tr("Signatures"))
        self.actions = self.declare_actions()

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Decide"), self)
        a.add("show-item-tab", self.tr("Show the &item"), "Ctrl+Shift+I", self.show_item_tab)
        a.add(
            "show-dispositions",
            self.tr("Show the &dispositions"),
            "Ctrl+Shift+D",
            self.show_dispositions,
        )
        a.add(
            "show-signatures",
            self.tr("Show the si&gnatures"),
            "Ctrl+Shift+G",
            self.show_signatures,
        )
        d = self.dispositions
        self.accept_action = a.add(
            "accept-proposal",
            self.tr("&Accept the proposal"),
            "Ctrl+Shift+A",
            self._on_dispositions(d.accept_current),
            separator=True,
        )
        self.override_action = a.add(
            "override-proposal",
            self.tr("&Override with the kind and reason given"),
            "Ctrl+Shift+O",
            self._on_dispositions(d.override_current),
        )
        a.add(
            "choose-override",
            self.tr("Choose another &kind…"),
            "Ctrl+Shift+H",
            self._on_dispositions(d.focus_override),
        )
        a.add(
            "edit-facts",
            self.tr("Edit the &facts of the finding…"),
            "Ctrl+Shift+M",
            self._on_dispositions(d.edit_facts),
        )
        a.add(
            "save-statement",
            self.tr("Save the party's &statement"),
            "Ctrl+Shift+T",
            self._on_dispositions(d.statement.request_save),
        )
        s = self.signatures
        a.add(
            "record-signature",
            self.tr("&Record the signature"),
            "Ctrl+Shift+E",
            self._on_signatures(s.sign),
            separator=True,
        )
        a.add("undo-stroke", self.tr("&Undo the last stroke"), "Ctrl+Shift+Z", s.pad.undo)
        a.add("clear-pad", self.tr("C&lear the pad"), "Ctrl+Shift+X", s.pad.clear)
        a.add(
            "record-refusal",
            self.tr("Record the party's refusal to sig&n"),
            "Ctrl+Shift+B",
            self._on_signatures(s.record_refusal),
        )
        # Pressing the buttons' keys in the panels shows them in the buttons' tooltips.
        for name, button in (
            ("accept-proposal", d.accept_button),
            ("override-proposal", d.override_button),
            ("edit-facts", d.facts_button),
            ("save-statement", d.statement.save_button),
            ("record-signature", s.sign_button),
            ("undo-stroke", s.undo_button),
            ("clear-pad", s.clear_button),
            ("record-refusal", s.refuse_button),
        ):
            keys = a.by_name(name).shortcut().toString()
            button.setToolTip(keys)
            button.setText(f"{button.text()} ({keys})")
        return a

    def _on_dispositions(self, fn: Any) -> Any:
        """An action of the dispositions tab: shows the tab, then acts."""

        def run() -> None:
            self.show_dispositions(focus=False)
            fn()

        return run

    def _on_signatures(self, fn: Any) -> Any:
        def run() -> None:
            self.show_signatures(focus=False)
            fn()

        return run

    def show_item_tab(self) -> None:
        self.setCurrentWidget(self.editor)
        focus = getattr(self.editor, "focus_first_field", None)
        if focus is not None:
            focus()

    def show_dispositions(self, *, focus: bool = True) -> None:
        self.setCurrentWidget(self.dispositions)
        if focus:
            self.dispositions.items.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_signatures(self, *, focus: bool = True) -> None:
        self.setCurrentWidget(self.signatures)
        if focus:
            self.signatures.signer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_task(self, task: Any, *, editable: bool) -> None:
        self.dispositions.show_task(None if task is None else task.id, editable=editable)
        self.signatures.show_task(task, editable=editable)

    def apply_changes(self, changes: Changes) -> None:
        self.dispositions.apply_changes(changes)
        self.signatures.apply_changes(changes)
