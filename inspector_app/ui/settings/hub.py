"""The app's settings as a Qt object: one place that changes them and says so."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from inspector_app.services.settings import Settings, declared


class SettingsHub(QObject):
    """Wraps the services' :class:`Settings`; ``changed(key)`` after each saved change, so
    the idle lock and the background sync follow a new value at once."""

    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings

    @classmethod
    def load(cls, path: Path | None = None, parent: QObject | None = None) -> SettingsHub:
        return cls(Settings.load(path), parent)

    def get(self, key: str) -> Any:
        return self.settings.get(key)

    def apply(self, values: Mapping[str, object]) -> set[str]:
        """Check every value first (InvalidInput names the first refused one and leaves all
        as they were), then keep and save them; return the keys whose value changed."""
        parsed = {key: declared(key).parse(raw) for key, raw in values.items()}
        changed = {key for key, value in parsed.items() if value != self.settings.get(key)}
        if not changed:
            return set()
        for key in changed:
            self.settings.set(key, parsed[key])
        self.settings.save()
        for key in sorted(changed):
            self.changed.emit(key)
        return changed
