"""Every string the interface shows has a Chinese translation in resources/translations,
the translations are compiled (or read) at run time, and Qt's own dialogs speak Chinese.

The services' messages (errors, sync phases) are checked in tests/services/test_messages.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "zh_CN.ts"
UPDATE = (
    "run: .venv/bin/pyside6-lupdate $(find inspector_app/ui -name '*.py') "
    "-ts resources/translations/zh_CN.ts -no-obsolete -locations none, then translate the "
    "new entries (Qt Linguist: .venv/bin/pyside6-linguist)"
)


def _messages(path: Path) -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", default="")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") in {"obsolete", "vanished"}:
                continue
            unfinished = tr is not None and tr.get("type") == "unfinished"
            text = (tr.text or "") if tr is not None and not unfinished else ""
            out[(name, msg.findtext("source") or "")] = text
    return out


def _lupdate() -> str:
    found = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return found


def _untranslated(sources: list[Path], ts: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """Strings in ``tr()``/``translate()`` calls of ``sources`` that ``ts`` does not
    translate (missing, unfinished or empty)."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_lupdate(), *map(str, sources), "-ts", str(fresh)], check=True, capture_output=True
    )
    shipped = _messages(ts)
    return sorted(key for key in _messages(fresh) if not shipped.get(key))


def test_every_string_of_the_interface_is_translated(tmp_path: Path) -> None:
    sources = sorted((ROOT / "inspector_app" / "ui").rglob("*.py"))
    assert any("session" in p.parts for p in sources)  # the pages' folders are scanned
    assert _untranslated(sources, TS, tmp_path) == [], UPDATE


def test_the_scan_fails_on_a_string_nobody_translated(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class Page(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.setWindowTitle(self.tr('A title nobody translated'))\n",
        encoding="utf-8",
    )
    assert _untranslated([page], TS, tmp_path) == [("Page", "A title nobody translated")]


def test_the_shipped_file_has_no_unfinished_entry() -> None:
    assert [key for key, zh in _messages(TS).items() if not zh] == []


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INSPECTOR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_compiled_at_first_run_into_the_cache_and_used(qapp, fresh_cache: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from inspector_app.ui import i18n

    if i18n.find_lrelease() is None:
        pytest.skip("no lrelease")
    translator = i18n.install_translator(qapp, "zh_CN")
    try:
        compiled = list((fresh_cache / "translations").glob("zh_CN-*.qm"))
        assert len(compiled) == 1 and translator.source == str(compiled[0])
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert i18n.current_language() == "zh_CN"
    finally:
        qapp.removeTranslator(translator)
    assert i18n.current_language() == "en"
    assert not (ROOT / "resources" / "translations" / "zh_CN.qm").exists()  # never committed


def test_without_lrelease_the_ts_is_read_directly(
    qapp, fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication

    from inspector_app.ui import i18n

    monkeypatch.setattr(i18n, "find_lrelease", lambda: None)
    translator = i18n.install_translator(qapp, "zh_CN")
    try:
        assert translator.source == str(TS)
        assert QCoreApplication.translate("SyncStatusWidget", "● Online") == "● 在线"
    finally:
        qapp.removeTranslator(translator)


def test_qts_own_dialogs_speak_chinese(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from inspector_app.ui.i18n import install_translator

    translator = install_translator(qapp, "zh_CN")
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        qapp.removeTranslator(translator)


def test_strings_we_do_not_translate_keep_their_own_text(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from inspector_app.ui.i18n import install_translator

    translator = install_translator(qapp, "zh_CN")
    try:
        # An empty answer would replace Qt's own "%1+%2" patterns with nothing.
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    finally:
        qapp.removeTranslator(translator)


def test_service_errors_follow_the_interface_language(qapp) -> None:
    from inspector_app.services import InvalidInput
    from inspector_app.services.sync import WRONG_PASSWORD
    from inspector_app.ui.i18n import error_text, install_translator

    exc = InvalidInput(WRONG_PASSWORD)
    assert error_text(exc) == "Wrong password. Use the password you last signed in with."
    translator = install_translator(qapp, "zh_CN")
    try:
        assert error_text(exc) == "密码错误。请使用您上次登录时的密码。"
    finally:
        qapp.removeTranslator(translator)
