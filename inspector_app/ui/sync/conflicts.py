"""Records two devices changed at once: both versions side by side, and the user's pick
recorded through ``services.resolve_conflict`` (it goes to the server at the next sync)."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.entities import ItemResult
from inspector_app.services import Profile, ServiceError, resolve_conflict
from inspector_app.services.sync_status import ConflictView, VersionView, conflict_views
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import OperationRunner

log = logging.getLogger(__name__)

FIELDS = ("who", "when", "outcome", "note", "measurements", "corrected", "deadline", "photos")


class VersionPanel(QGroupBox):
    """One version of the record, its fields in rows; the rows that differ in bold."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        labels = {
            "who": self.tr("Recorded by"),
            "when": self.tr("Recorded at"),
            "outcome": self.tr("Result"),
            "note": self.tr("Note"),
            "measurements": self.tr("Measurements"),
            "corrected": self.tr("Corrected on the spot"),
            "deadline": self.tr("Correct by"),
            "photos": self.tr("Photos"),
        }
        for name in FIELDS:
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            form.addRow(labels[name], value)
        self.keep = QPushButton(self)
        form.addRow(self.keep)

    def texts(self, version: VersionView) -> dict[str, str]:
        r: ItemResult | None = version.result
        if version.recorded_by_me:
            who = (
                self.tr("you, on this laptop")
                if version.this_device
                else self.tr("you, on another device")
            )
        else:
            who = self.tr("a teammate")
        if r is None:
            missing = self.tr("(not known yet: sync, then pick)")
            return {name: (who if name == "who" else missing) for name in FIELDS}
        outcomes = {
            "compliant": self.tr("Compliant"),
            "noncompliant": self.tr("Non-compliant"),
            "not_applicable": self.tr("Not applicable"),
            "not_checked": self.tr("Not checked"),
        }
        yes, no = self.tr("yes"), self.tr("no")
        return {
            "who": who,
            "when": r.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.recorded_at else "",
            "outcome": outcomes.get(r.outcome.value, r.outcome.value),
            "note": r.note,
            "measurements": "; ".join(f"{k}: {v}" for k, v in sorted(r.measurements.items())),
            "corrected": yes if r.corrected_on_site else no,
            "deadline": r.deadline.isoformat() if r.deadline else "",
            "photos": str(len(r.evidence)),
        }

    def show_version(self, texts: dict[str, str], other: dict[str, str]) -> None:
        for name, label in self.values.items():
            value = escape(texts[name]) or "—"
            differs = name not in ("who", "when") and texts[name] != other[name]
            label.setText(f"<b>{value}</b>" if differs else value)


class ConflictDialog(QDialog):
    def __init__(
        self, profile: Profile, data_changed: SignalInstance, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts"))
        self.profile = profile
        self.data_changed = data_changed
        self.runner = OperationRunner(self)
        self.views: list[ConflictView] = []
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self._show)
        self.explain = QLabel(
            self.tr(
                "The same finding was changed on two devices. Both versions are kept until you "
                "pick one; your pick is sent at the next sync and settles it for everyone."
            ),
            self,
        )
        self.explain.setWordWrap(True)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.panels = (
            VersionPanel(self.tr("Version 1"), self),
            VersionPanel(self.tr("Version 2"), self),
        )
        side_by_side = QHBoxLayout()
        for n, panel in enumerate(self.panels, start=1):
            panel.keep.setText(self.tr("Keep version {n} (Alt+{n})").format(n=n))
            panel.keep.clicked.connect(lambda _=False, i=n - 1: self.keep(i))
            QShortcut(QKeySequence(f"Alt+{n}"), self, activated=lambda i=n - 1: self.keep(i))
            side_by_side.addWidget(panel, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(side_by_side)
        right_layout.addStretch(1)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([260, 740])
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.reload()

    def reload(self) -> None:
        self.views = conflict_views(self.profile)
        self.list.clear()
        for view in self.views:
            item = QListWidgetItem(f"{view.business}\n{view.item}")
            item.setToolTip(view.entity_id)
            self.list.addItem(item)
        if self.views:
            self.list.setCurrentRow(0)
        else:
            self.heading.setText(escape(self.tr("No conflicts are open.")))
            for panel in self.panels:
                panel.setEnabled(False)
                panel.show_version(dict.fromkeys(FIELDS, ""), dict.fromkeys(FIELDS, ""))

    @property
    def current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _show(self, row: int) -> None:
        view = self.current
        if view is None:
            return
        texts = [panel.texts(v) for panel, v in zip(self.panels, view.versions, strict=True)]
        for n, panel in enumerate(self.panels):
            panel.setEnabled(view.versions[n].result is not None)
            panel.show_version(texts[n], texts[1 - n])
        self.heading.setText(f"<h3>{escape(view.business)}</h3><p>{escape(view.item)}</p>")

    def keep(self, index: int) -> None:
        """Record the pick of version ``index`` (0 or 1) of the conflict shown."""
        view = self.current
        if view is None or self.runner.busy or not self.panels[index].isEnabled():
            return
        side = view.versions[index].side
        profile = self.profile
        for panel in self.panels:
            panel.setEnabled(False)
        self.runner.run(
            lambda: resolve_conflict(profile, view.id, side),  # type: ignore[arg-type]
            on_success=self._kept,
            on_failure=self._failed,
        )

    def _kept(self, changes: object) -> None:
        self.data_changed.emit(changes)
        self.message.setText(
            self.tr("Your pick is recorded; it goes to the server at the next sync.")
        )
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            log.error("settling a conflict failed", exc_info=exc)
        self.message.setText(error_text(exc))
        self.reload()

    def reject(self) -> None:
        self.runner.wait()
        super().reject()
