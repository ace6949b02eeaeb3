"""Chinese and English for the interface, for its messages and for Qt's own dialogs.

Our strings live in ``resources/translations/<lang>.ts`` (Qt Linguist's XML, the
file translators edit; no compiled file is ever committed). At run time, in order:

1. ``<lang>.qm`` beside the .ts, compiled by the packaging (``packaging/``);
2. a .qm compiled at first run by ``lrelease`` (PySide6 ships it) into the cache
   folder, named by the hash of the .ts, so an edited .ts is compiled again;
3. the .ts read directly, when no ``lrelease`` is at hand (a distribution's
   PySide6 without the tools): the window is never English for want of a tool.

Qt's own dialogs (file picker, print dialog, standard buttons) come from
PySide6's ``qt_<lang>.qm``. One :class:`AppTranslator` holds both, so installing
and removing it is one call. Service errors and sync phases are not Qt strings:
:func:`error_text` and :func:`text` say them in the interface's language through
the services' message catalog (``services/messages.py``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inspector_app.paths import cache_dir, resource
from inspector_app.services.errors import error_text as _error_text
from inspector_app.services.messages import Text

log = logging.getLogger(__name__)

SUPPORTED = ("zh_CN", "en")

# Asking the installed translators for this context answers the interface's language:
# it stays right when a test or a language switch removes our translator.
_LANGUAGE_CONTEXT = "FieldInspector/language"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of the finished and unfinished entries of a .ts."""
    import xml.etree.ElementTree as ET  # (only without a compiled file: not at every start)

    table: dict[tuple[str, str], str] = {}
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
            table[(name, source)] = translation.text or ""
    return table


def find_lrelease() -> Path | None:
    """PySide6's own ``lrelease``, else one on the PATH."""
    try:
        import PySide6

        folder = Path(PySide6.__file__).resolve().parent
        for name in ("lrelease", "lrelease.exe"):
            if (folder / name).is_file():
                return folder / name
    except ImportError:  # pragma: no cover - this module imports PySide6 already
        pass
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def compiled_translation(lang: str) -> Path | None:
    """The .qm for ``lang``: shipped beside the .ts, or compiled into the cache now."""
    ts = resource("translations", f"{lang}.ts")
    if not ts.is_file():
        return None
    shipped = ts.with_suffix(".qm")  # only a build puts one there (packaging/)
    if shipped.is_file():
        return shipped
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cached = cache_dir() / "translations" / f"{lang}-{digest}.qm"
    if cached.is_file():
        return cached
    import subprocess  # (only to compile, once per edited .ts: not at every start)

    lrelease = find_lrelease()
    if lrelease is None:
        log.info("no lrelease at hand; reading %s directly", ts)
        return None
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(cached.name + f".{os.getpid()}.partial")
    try:
        subprocess.run(
            [str(lrelease), "-silent", str(ts), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        os.replace(partial, cached)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("compiling %s failed (%s); reading it directly", ts, exc)
        partial.unlink(missing_ok=True)
        return None
    return cached


class AppTranslator(QTranslator):
    """Our strings for ``lang`` and, behind them, Qt's own."""

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.source = "none"
        self._compiled: QTranslator | None = None
        self._table: dict[tuple[str, str], str] = {}
        qm = compiled_translation(lang)
        if qm is not None:
            compiled = QTranslator(self)
            if compiled.load(str(qm)):
                self._compiled, self.source = compiled, str(qm)
            else:
                log.warning("%s could not be loaded; reading the .ts instead", qm)
        if self._compiled is None:
            ts = resource("translations", f"{lang}.ts")
            if ts.is_file():
                self._table, self.source = read_ts(ts), str(ts)
        self._qt = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        # qtbase holds the widgets' and dialogs' strings; the qt_ meta file names every Qt
        # module as a dependency and fails to load where, as with PySide6-Essentials, some
        # modules are not installed.
        if not any(self._qt.load(f"{name}_{lang}", qt_dir) for name in ("qtbase", "qt")):
            log.info("Qt's own translations for %s are not in %s", lang, qt_dir)
        log.debug("translations for %s from %s", lang, self.source)

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == _LANGUAGE_CONTEXT:
            return self.lang
        if self._compiled is not None:
            found = self._compiled.translate(context, source, disambiguation, n)
        else:
            found = self._table.get((context, source))
        if found:
            return found
        # None is a null QString: "no translation", so the source text (or Qt's) stays.
        return self._qt.translate(context, source, disambiguation, n) or None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def language(self) -> str:
        return self.lang


def choose_language(requested: str | None) -> str:
    """The user's choice, else the system's if we ship it, else Chinese (our users' language)."""
    if requested in SUPPORTED:
        return requested
    system = QLocale.system()
    if system.language() == QLocale.Language.English and system.name() != "C":
        return "en"
    return "zh_CN"


def install_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Install the translations of ``lang``; remove them with ``app.removeTranslator``."""
    if lang == "en":
        return None  # the source strings are English, and so are Qt's
    translator = AppTranslator(lang, app)
    app.installTranslator(translator)
    return translator


def current_language() -> str:
    """``zh_CN`` or ``en``: the language of the translator installed now."""
    return QCoreApplication.translate(_LANGUAGE_CONTEXT, "en") or "en"


def text(message: Text, **params: object) -> str:
    """A message of the services' catalog in the interface's language."""
    return message.render(current_language(), **params)


def error_text(exc: BaseException) -> str:
    """What to tell the user about ``exc``, in the interface's language."""
    return _error_text(exc, current_language())
