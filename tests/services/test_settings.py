"""Settings declared once: the file is read and checked from the declaration, kept whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.services import InvalidInput
from inspector_app.services.settings import SETTINGS, Kind, Settings, declared


def test_every_setting_is_declared_with_a_valid_default_and_both_languages() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    assert {
        "language",
        "server",
        "printer",
        "data_folder",
        "photo_long_side",
        "idle_lock_minutes",
        "sync_interval_minutes",
    } <= set(keys)
    for s in SETTINGS:
        assert s.parse(s.default) == s.default, s.key
        assert s.label.zh and s.label.en and s.description.zh and s.description.en


def test_defaults_without_a_file_and_a_change_kept_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.json"
    settings = Settings.load(path)
    assert settings.get("idle_lock_minutes") == 10
    assert settings.is_default("idle_lock_minutes")
    assert settings.set("idle_lock_minutes", "3") == 3
    settings.set("server", "https://inspector.example.gov.cn/")
    settings.save()
    again = Settings.load(path)
    assert again.get("idle_lock_minutes") == 3
    assert again.get("server") == "https://inspector.example.gov.cn"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "idle_lock_minutes": 3,
        "server": "https://inspector.example.gov.cn",
    }
    again.set("idle_lock_minutes", 10)  # back to the default: the file forgets it
    again.save()
    assert "idle_lock_minutes" not in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("idle_lock_minutes", "-1", "from 0 to 240"),
        ("idle_lock_minutes", "ten", "whole number"),
        ("photo_long_side", 100, "from 640 to 4096"),
        ("language", "fr", "zh_CN"),
        ("server", "inspector.example", "not a server address"),
        ("no_such", "x", "no setting"),
    ],
)
def test_a_value_the_declaration_refuses_says_what_would_do(
    tmp_path: Path, key: str, value: object, says: str
) -> None:
    with pytest.raises(InvalidInput, match=says) as caught:
        Settings.load(tmp_path / "s.json").set(key, value)
    assert caught.value.text("zh") != str(caught.value)


def test_a_bad_value_in_the_file_falls_back_to_the_default_and_others_stay(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"idle_lock_minutes": 9999, "sync_interval_minutes": 2, "later": 1}),
        encoding="utf-8",
    )
    settings = Settings.load(path)
    assert settings.get("idle_lock_minutes") == 10
    assert settings.get("sync_interval_minutes") == 2
    settings.set("printer", "Office-A4")
    settings.save()
    assert json.loads(path.read_text(encoding="utf-8"))["later"] == 1  # unknown keys kept


def test_a_damaged_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path).get("sync_interval_minutes") == 5


def test_data_root_and_language_read_from_the_settings(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "s.json")
    assert settings.language() is None  # follow the system
    settings.set("language", "en")
    settings.set("data_folder", str(tmp_path / "data"))
    assert settings.language() == "en"
    assert settings.data_root() == tmp_path / "data"
    assert declared("data_folder").kind is Kind.FOLDER
