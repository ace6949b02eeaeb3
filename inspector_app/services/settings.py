"""Settings, declared once (qutebrowser's ``configdata`` habit).

Each :class:`Setting` names its key, kind, default, bounds and, in both languages,
its label and description. Everything else comes from this declaration: reading and
checking the settings file, the settings page of the window (``ui/settings``), and
``inspector-app settings`` on the command line. To add a setting, add it to
``SETTINGS``; the page shows it and the file keeps it without another line of code.

The values live in one JSON file per user and laptop (``paths.settings_file()``),
outside the data folder because one setting moves the data folder.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from inspector_app.paths import settings_file, user_data_root
from inspector_app.services.errors import InvalidInput
from inspector_app.services.messages import Text

log = logging.getLogger(__name__)


class Kind(enum.StrEnum):
    CHOICE = "choice"  # one of ``choices``
    TEXT = "text"
    URL = "url"  # empty, or http(s)://host[:port][/path]
    INTEGER = "integer"  # between ``minimum`` and ``maximum``
    FOLDER = "folder"  # empty (the platform's default), or a path
    PRINTER = "printer"  # empty (the system's default printer), or a printer's name
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    kind: Kind
    default: Any
    label: Text
    description: Text
    choices: tuple[tuple[str, Text], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: Text | None = None
    applies_at_restart: bool = False

    def parse(self, raw: object) -> Any:
        """``raw`` (from the file, a form or the command line) as this setting's value,
        or InvalidInput saying what would be accepted."""
        if self.kind is Kind.INTEGER:
            return self._integer(raw)
        if self.kind is Kind.BOOLEAN:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise InvalidInput(NOT_BOOLEAN, label=self.label)
        if not isinstance(raw, str):
            raise InvalidInput(NOT_TEXT, label=self.label)
        value = raw.strip()
        if self.kind is Kind.CHOICE and value not in {c for c, _ in self.choices}:
            raise InvalidInput(NOT_A_CHOICE, label=self.label, choices=[c for c, _ in self.choices])
        if self.kind is Kind.URL and value:
            url = urlparse(value)
            if url.scheme not in ("http", "https") or not url.netloc:
                raise InvalidInput(NOT_A_URL, label=self.label, value=value)
            value = value.rstrip("/")
        if self.kind is Kind.FOLDER and value:
            value = str(Path(value).expanduser())
        return value

    def _integer(self, raw: object) -> int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, str) and raw.strip().removeprefix("-").isdigit():
            value = int(raw.strip())
        else:
            raise InvalidInput(NOT_A_NUMBER, label=self.label)
        low = self.minimum if self.minimum is not None else value
        high = self.maximum if self.maximum is not None else value
        if not low <= value <= high:
            raise InvalidInput(OUT_OF_RANGE, label=self.label, low=low, high=high)
        return value


NOT_BOOLEAN = Text(
    "settings.not_boolean", en="{label}: say yes or no.", zh="{label}：请选择是或否。"
)
NOT_TEXT = Text("settings.not_text", en="{label}: give a text.", zh="{label}：请填写文字。")
NOT_A_CHOICE = Text(
    "settings.not_a_choice",
    en="{label}: choose one of {choices}.",
    zh="{label}：请从 {choices} 中选择。",
)
NOT_A_URL = Text(
    "settings.not_a_url",
    en="{label}: {value} is not a server address; give one like https://inspector.example.gov.cn.",
    zh="{label}：{value} 不是服务器地址，请填写类似 https://inspector.example.gov.cn 的地址。",
)
NOT_A_NUMBER = Text(
    "settings.not_a_number", en="{label}: give a whole number.", zh="{label}：请填写整数。"
)
OUT_OF_RANGE = Text(
    "settings.out_of_range",
    en="{label}: give a number from {low} to {high}.",
    zh="{label}：请填写 {low} 到 {high} 之间的数。",
)
UNKNOWN_SETTING = Text(
    "settings.unknown",
    en="There is no setting {key}. Settings: {keys}.",
    zh="没有名为 {key} 的设置。可用的设置：{keys}。",
)
MINUTES = Text("settings.unit.minutes", en="min", zh="分钟")
PIXELS = Text("settings.unit.pixels", en="px", zh="像素")

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "language",
        Kind.CHOICE,
        "system",
        Text("settings.language", en="Language", zh="界面语言"),
        Text(
            "settings.language.about",
            en="The language of the window, its messages and Qt's own dialogs.",
            zh="窗口、提示信息以及 Qt 自带对话框所用的语言。",
        ),
        choices=(
            ("system", Text("settings.language.system", en="As the system", zh="跟随系统")),
            ("zh_CN", Text("settings.language.zh_CN", en="中文 (Chinese)", zh="中文")),
            ("en", Text("settings.language.en", en="English", zh="English（英文）")),
        ),
        applies_at_restart=True,
    ),
    Setting(
        "server",
        Kind.URL,
        "",
        Text("settings.server", en="Server", zh="服务器"),
        Text(
            "settings.server.about",
            en="The address of the central server, offered when you sign in.",
            zh="中心服务器的地址，登录时默认填入。",
        ),
    ),
    Setting(
        "printer",
        Kind.PRINTER,
        "",
        Text("settings.printer", en="Printer", zh="打印机"),
        Text(
            "settings.printer.about",
            en="The printer for documents on site. Empty: the system's default printer.",
            zh="现场打印文书所用的打印机。留空则使用系统默认打印机。",
        ),
    ),
    Setting(
        "data_folder",
        Kind.FOLDER,
        "",
        Text("settings.data_folder", en="Data folder", zh="数据文件夹"),
        Text(
            "settings.data_folder.about",
            en="Where new profiles are kept (one folder per account and server). Empty: the "
            "system's folder for application data. Profiles already there stay where they are.",
            zh="新配置的存放位置（每个账号和服务器一个文件夹）。留空则使用系统的应用数据文件夹。"
            "已有的配置保留在原处。",
        ),
        applies_at_restart=True,
    ),
    Setting(
        "photo_long_side",
        Kind.INTEGER,
        # ~440 dpi across the 74 mm photo box of a record, beyond what a printer resolves
        # (1600 px made a 60-item record with six noisy 12-megapixel photos 2.2 MB).
        1280,
        Text("settings.photo_long_side", en="Photo size", zh="照片尺寸"),
        Text(
            "settings.photo_long_side.about",
            en="The long side of the copy of each photo that goes into documents, made when "
            "the photo is added. The original is always kept as evidence.",
            zh="放入文书的照片副本的长边像素，在添加照片时生成。原始照片始终作为证据保留。",
        ),
        minimum=640,
        maximum=4096,
        unit=PIXELS,
    ),
    Setting(
        "idle_lock_minutes",
        Kind.INTEGER,
        10,
        Text("settings.idle_lock_minutes", en="Lock after", zh="闲置锁定"),
        Text(
            "settings.idle_lock_minutes.about",
            en="Lock the window after this many minutes without use; your password opens it "
            "again. 0: never lock.",
            zh="闲置多少分钟后锁定窗口，输入密码即可解锁。0 表示从不锁定。",
        ),
        minimum=0,
        maximum=240,
        unit=MINUTES,
    ),
    Setting(
        "sync_interval_minutes",
        Kind.INTEGER,
        5,
        Text("settings.sync_interval_minutes", en="Sync every", zh="自动同步间隔"),
        Text(
            "settings.sync_interval_minutes.about",
            en="Sync in the background this often while the server can be reached. "
            "0: only when you choose Sync now.",
            zh="能连接服务器时，每隔多少分钟在后台同步一次。0 表示只在点击“立即同步”时同步。",
        ),
        minimum=0,
        maximum=240,
        unit=MINUTES,
    ),
)

BY_KEY: Mapping[str, Setting] = {s.key: s for s in SETTINGS}


def declared(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise InvalidInput(UNKNOWN_SETTING, key=key, keys=list(BY_KEY)) from None


class Settings:
    """The values of the declared settings, kept in one JSON file.

    A value the file holds that its declaration refuses (hand-edited, or from an
    older version) falls back to the default with a warning in the log; keys the
    declaration no longer knows are kept in the file untouched.
    """

    def __init__(self, path: Path, values: Mapping[str, Any] | None = None) -> None:
        self.path = Path(path)
        self._raw: dict[str, Any] = dict(values or {})
        self._values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.key not in self._raw:
                continue
            try:
                self._values[setting.key] = setting.parse(self._raw[setting.key])
            except InvalidInput as exc:
                log.warning("%s: ignoring %s (%s); using the default", self.path, setting.key, exc)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = Path(path) if path is not None else settings_file()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = {}
        except (OSError, ValueError) as exc:
            log.warning("cannot read the settings in %s (%s); using the defaults", path, exc)
            raw = {}
        if not isinstance(raw, dict):
            log.warning("%s does not hold a settings object; using the defaults", path)
            raw = {}
        return cls(path, raw)

    def get(self, key: str) -> Any:
        return self._values.get(key, declared(key).default)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def __iter__(self) -> Iterator[tuple[Setting, Any]]:
        return ((s, self.get(s.key)) for s in SETTINGS)

    def is_default(self, key: str) -> bool:
        return key not in self._values

    def set(self, key: str, raw: object) -> Any:
        """Check and keep a new value (call :meth:`save` to write it); return it parsed."""
        setting = declared(key)
        value = setting.parse(raw)
        if value == setting.default:
            self._values.pop(key, None)
            self._raw.pop(key, None)
        else:
            self._values[key] = value
            self._raw[key] = value
        return value

    def save(self) -> None:
        """Write the file whole: a temporary file, fsynced, renamed over the old one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._raw, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- what other parts ask -------------------------------------------------------------

    def data_root(self) -> Path:
        """The folder new profiles go into."""
        folder = self.get("data_folder")
        return Path(folder) if folder else user_data_root()

    def language(self) -> str | None:
        """``zh_CN`` or ``en``, or None to follow the system."""
        value = self.get("language")
        return None if value == "system" else str(value)


__all__ = ["BY_KEY", "SETTINGS", "Kind", "Setting", "Settings", "declared"]
