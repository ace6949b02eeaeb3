"""Unsaved entries kept in QSettings, so a crash, a close or a move to another item loses
nothing typed: each item's draft stays until its result is saved or the user discards it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer

log = logging.getLogger(__name__)

#: How long typing may pause before the draft reaches the disk.
WRITE_DELAY_MS = 300


class DraftKeeper(QObject):
    """Drafts of one profile, keyed by task and item."""

    def __init__(self, settings: QSettings, profile_key: str, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        # The profile folder's hash: two profiles on one laptop keep separate drafts.
        self.group = "drafts/" + hashlib.sha256(profile_key.encode()).hexdigest()[:16]
        self._pending: tuple[str, str, dict[str, Any]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WRITE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def _key(self, task_id: str, item_id: str) -> str:
        return f"{self.group}/{task_id}/{item_id}"

    def keep(self, task_id: str, item_id: str, fields: dict[str, Any]) -> None:
        """Remember what was typed; written shortly after typing pauses."""
        if self._pending is not None and self._pending[:2] != (task_id, item_id):
            self.flush()  # another item's draft: never overwrite it with this one
        self._pending = (task_id, item_id, fields)
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self._pending is None:
            return
        task_id, item_id, fields = self._pending
        self._pending = None
        value = {"saved_at": datetime.now().astimezone().isoformat(), "fields": fields}
        self.settings.setValue(self._key(task_id, item_id), json.dumps(value, ensure_ascii=False))
        self.settings.sync()  # on disk now: the point is to survive a crash

    def get(self, task_id: str, item_id: str) -> tuple[str, dict[str, Any]] | None:
        """(when it was kept, the fields) of a kept draft, or None."""
        if self._pending is not None and self._pending[:2] == (task_id, item_id):
            return datetime.now().astimezone().isoformat(), dict(self._pending[2])
        raw = self.settings.value(self._key(task_id, item_id))
        if not raw:
            return None
        try:
            value = json.loads(str(raw))
            return str(value["saved_at"]), dict(value["fields"])
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable draft for %s/%s dropped", task_id, item_id)
            self.drop(task_id, item_id)
            return None

    def drop(self, task_id: str, item_id: str) -> None:
        if self._pending is not None and self._pending[:2] == (task_id, item_id):
            self._pending = None
            self._timer.stop()
        self.settings.remove(self._key(task_id, item_id))
        self.settings.sync()

    def items_with_drafts(self, task_id: str) -> list[str]:
        self.flush()
        self.settings.beginGroup(f"{self.group}/{task_id}")
        try:
            return list(self.settings.childKeys())
        finally:
            self.settings.endGroup()
