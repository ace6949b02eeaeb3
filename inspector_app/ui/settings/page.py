"""The settings page: one row per declared setting, its editor chosen by the setting's kind.

Nothing here names a setting: add one to ``services.settings.SETTINGS`` and it shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.errors import InvalidInput
from inspector_app.services.settings import SETTINGS, Kind, Setting, declared
from inspector_app.ui.i18n import error_text, text
from inspector_app.ui.settings.hub import SettingsHub


class _FolderEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("The system's folder for application data"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(browse)
        self.setFocusProxy(self.line)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.line.text())
        if folder:
            self.line.setText(folder)


class SettingsPage(QWidget):
    """Every declared setting with its label, editor and description."""

    def __init__(self, hub: SettingsHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        restart = self.tr("(after a restart)")
        for setting in SETTINGS:
            editor = self._editor(setting)
            editor.setObjectName(f"setting-{setting.key}")
            editor.setToolTip(text(setting.description))
            self.editors[setting.key] = editor
            about = QLabel(
                text(setting.description) + (f" {restart}" if setting.applies_at_restart else ""),
                self,
            )
            about.setWordWrap(True)
            palette = about.palette()
            palette.setColor(QPalette.ColorRole.WindowText, palette.placeholderText().color())
            about.setPalette(palette)
            label = QLabel(text(setting.label), self)
            label.setBuddy(editor)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(about)
            form.addRow(label, column)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.load()

    # -- one editor per kind ---------------------------------------------------------------

    def _editor(self, setting: Setting) -> QWidget:
        if setting.kind is Kind.CHOICE:
            box = QComboBox(self)
            for value, label in setting.choices:
                box.addItem(text(label), value)
            return box
        if setting.kind is Kind.INTEGER:
            spin = QSpinBox(self)
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            if setting.unit is not None:
                spin.setSuffix(f" {text(setting.unit)}")
            return spin
        if setting.kind is Kind.BOOLEAN:
            return QCheckBox(self)
        if setting.kind is Kind.FOLDER:
            return _FolderEditor(self)
        if setting.kind is Kind.PRINTER:
            box = QComboBox(self)
            box.setEditable(True)
            default = QPrinterInfo.defaultPrinterName()
            box.addItem(
                self.tr("The system's default printer ({name})").format(name=default)
                if default
                else self.tr("The system's default printer"),
                "",
            )
            for name in QPrinterInfo.availablePrinterNames():
                box.addItem(name, name)
            return box
        line = QLineEdit(self)
        if setting.kind is Kind.URL:
            line.setPlaceholderText("https://inspector.example.gov.cn")
        return line

    def _set(self, setting: Setting, value: Any) -> None:
        editor = self.editors[setting.key]
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index >= 0:
                editor.setCurrentIndex(index)
            else:  # a printer that is not installed now: keep the name
                editor.setEditText(str(value))
        elif isinstance(editor, _FolderEditor):
            editor.line.setText(str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def _get(self, setting: Setting) -> object:
        editor = self.editors[setting.key]
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            if editor.isEditable():
                typed = editor.currentText()
                index = editor.findText(typed)
                return editor.itemData(index) if index >= 0 else typed
            return editor.currentData()
        if isinstance(editor, _FolderEditor):
            return editor.line.text()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    # -- reading and keeping ---------------------------------------------------------------

    def load(self) -> None:
        for setting in SETTINGS:
            self._set(setting, self.hub.get(setting.key))
        self.message.clear()

    def values(self) -> dict[str, object]:
        return {setting.key: self._get(setting) for setting in SETTINGS}

    def apply(self) -> bool:
        """Keep what the page shows; on a refused value say why and go to it."""
        values = self.values()
        for key, raw in values.items():
            try:
                declared(key).parse(raw)
            except InvalidInput as exc:
                self.message.setText(error_text(exc))
                self.editors[key].setFocus(Qt.FocusReason.OtherFocusReason)
                return False
        self.hub.apply(values)
        self.message.setText(self.tr("Settings saved."))
        return True


class SettingsDialog(QDialog):
    def __init__(self, hub: SettingsHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.page = SettingsPage(hub, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.page.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _ok(self) -> None:
        if self.page.apply():
            self.accept()
