"""The settings page is generated from the declaration in services/settings.py, checks
values as the declaration says, and a change is saved and followed at once."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from inspector_app.services.settings import SETTINGS, Kind, Settings
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.settings import SettingsDialog, SettingsHub, SettingsPage
from inspector_app.ui.settings.page import _FolderEditor

WIDGETS = {
    Kind.CHOICE: QComboBox,
    Kind.INTEGER: QSpinBox,
    Kind.BOOLEAN: QCheckBox,
    Kind.PRINTER: QComboBox,
    Kind.URL: QLineEdit,
    Kind.TEXT: QLineEdit,
    Kind.FOLDER: _FolderEditor,
}


def test_one_row_per_declared_setting_with_its_label_in_chinese(qtbot, qapp, tmp_path) -> None:
    translator = install_translator(qapp, "zh_CN")
    try:
        page = SettingsPage(SettingsHub(Settings.load(tmp_path / "s.json")))
        qtbot.addWidget(page)
        assert list(page.editors) == [s.key for s in SETTINGS]
        buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel)}
        for setting in SETTINGS:
            editor = page.editors[setting.key]
            assert editor.objectName() == f"setting-{setting.key}"
            if setting.kind in WIDGETS:
                assert isinstance(editor, WIDGETS[setting.kind]), setting.key
            assert buddies[editor] == setting.label.zh
            assert editor.toolTip() == setting.description.zh
        minutes = page.editors["idle_lock_minutes"]
        assert (minutes.minimum(), minutes.maximum(), minutes.suffix()) == (0, 240, " 分钟")
        language = page.editors["language"]
        assert [language.itemData(i) for i in range(language.count())] == ["system", "zh_CN", "en"]
    finally:
        qapp.removeTranslator(translator)


def test_a_change_made_with_the_keyboard_is_saved_and_announced(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    hub = SettingsHub(Settings.load(path))
    announced: list[str] = []
    hub.changed.connect(announced.append)
    dialog = SettingsDialog(hub)
    qtbot.addWidget(dialog)
    dialog.show()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(dialog)
    spin = dialog.page.editors["idle_lock_minutes"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    server = dialog.page.editors["server"]
    qtbot.keyClicks(server, "https://inspector.example.gov.cn/")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter: OK
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert sorted(announced) == ["idle_lock_minutes", "server"]
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"idle_lock_minutes": 3, "server": "https://inspector.example.gov.cn"}
    again = SettingsPage(SettingsHub(Settings.load(path)))  # what the next start shows
    qtbot.addWidget(again)
    assert again.editors["idle_lock_minutes"].value() == 3


def test_a_refused_value_is_explained_and_nothing_is_saved(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    dialog = SettingsDialog(SettingsHub(Settings.load(path)))
    qtbot.addWidget(dialog)
    dialog.page.editors["server"].setText("inspector.example.gov.cn")
    dialog.page.editors["idle_lock_minutes"].setValue(5)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "is not a server address" in dialog.page.message.text()
    assert not path.exists()


def test_the_settings_the_issue_asks_for_are_declared_and_shown_in_english(qtbot, tmp_path) -> None:
    """Issue 14: "language, server, printer, data folder, photo size; declared once and
    shown from that declaration"."""
    declared = {s.key: s for s in SETTINGS}
    for key in ("language", "server", "printer", "data_folder", "photo_long_side"):
        assert key in declared
    page = SettingsPage(SettingsHub(Settings.load(tmp_path / "s.json")))
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel)}
    for setting in SETTINGS:
        editor = page.editors[setting.key]
        assert isinstance(editor, WIDGETS[setting.kind]), setting.key
        assert buddies[editor] == setting.label.en and editor.toolTip() == setting.description.en
        assert any(t.startswith(setting.description.en) for t in texts), setting.key
    printers = page.editors["printer"]
    assert isinstance(printers, QComboBox)
    assert [printers.itemData(i) for i in range(printers.count())] == [
        "",
        *QPrinterInfo.availablePrinterNames(),
    ]
    photo = page.editors["photo_long_side"]
    assert isinstance(photo, QSpinBox)
    assert (photo.value(), photo.minimum(), photo.maximum(), photo.suffix()) == (
        1280, 640, 4096, " px")  # fmt: skip


def test_a_printer_and_a_data_folder_are_kept(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    hub = SettingsHub(Settings.load(path))
    page = SettingsPage(hub)
    qtbot.addWidget(page)
    printers = page.editors["printer"]
    assert isinstance(printers, QComboBox)
    printers.setEditText("Office printer 2")  # set up on another laptop: kept by name
    folder = page.editors["data_folder"]
    assert isinstance(folder, _FolderEditor)
    folder.line.setText(str(tmp_path / "data"))
    photo = page.editors["photo_long_side"]
    assert isinstance(photo, QSpinBox)
    photo.setValue(1024)
    assert page.apply()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {
        "printer": "Office printer 2",
        "data_folder": str(tmp_path / "data"),
        "photo_long_side": 1024,
    }
    assert hub.settings.data_root() == tmp_path / "data"  # where new profiles go
    again = SettingsPage(SettingsHub(Settings.load(path)))
    qtbot.addWidget(again)
    assert again.editors["printer"].currentText() == "Office printer 2"
