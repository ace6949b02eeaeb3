"""Every string the interface shows has a Chinese translation in resources/translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "zh_CN.ts"


def _messages(path: Path) -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", default="")
        for msg in context.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") in {"obsolete", "vanished"}:
                continue
            out[(name, msg.findtext("source") or "")] = (tr.text or "") if tr is not None else ""
    return out


def test_every_shipped_source_string_is_translated() -> None:
    untranslated = [src for src, zh in _messages(TS).items() if not zh]
    assert untranslated == []


def test_translation_file_covers_every_string_in_the_ui(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "inspector_app" / "ui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sorted(set(_messages(fresh)) - set(_messages(TS)))
    assert missing == [], (
        "run: .venv/bin/pyside6-lupdate $(find inspector_app/ui -name '*.py')"
        " -ts resources/translations/zh_CN.ts"
        " -no-obsolete, then translate the new entries"
    )


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
