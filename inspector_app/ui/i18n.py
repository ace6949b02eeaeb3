"""Chinese and English for the interface.

Translations live in ``resources/translations/<lang>.ts`` (Qt Linguist's XML, the
file translators edit). We read the .ts directly instead of shipping compiled .qm
files, so the repository holds no generated artefacts.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from inspector_app.paths import resource

log = logging.getLogger(__name__)

SUPPORTED = ("zh_CN", "en")


class TsTranslator(QTranslator):
    """A QTranslator fed from a Qt Linguist .ts file (finished and unfinished entries)."""

    def __init__(self, path: Path, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._table: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name", default="")
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if source is None or translation is None or not (translation.text or ""):
                    continue
                if translation.get("type") in {"obsolete", "vanished"}:
                    continue
                self._table[(name, source)] = translation.text or ""
        log.debug("loaded %d translations from %s", len(self._table), path)

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        # None becomes a null QString: "no translation", so Qt keeps its own text.
        return self._table.get((context, source))  # type: ignore[return-value]

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


def choose_language(requested: str | None) -> str:
    """The user's choice, else the system's if we ship it, else Chinese (our users' language)."""
    if requested in SUPPORTED:
        return requested
    system = QLocale.system()
    if system.language() == QLocale.Language.English and system.name() != "C":
        return "en"
    return "zh_CN"


def install_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    if lang == "en":
        return None  # the source strings are English
    path = resource("translations", f"{lang}.ts")
    if not path.is_file():
        log.warning("no translation file for %s at %s", lang, path)
        return None
    translator = TsTranslator(path, app)
    app.installTranslator(translator)
    return translator
