"""The one module that knows where things live: shipped resources and user data.

Nothing else builds a data path by hand (qutebrowser's ``standarddir`` habit).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "FieldInspector"
APP_AUTHOR = "FieldInspector"


@cache
def resources_dir() -> Path:
    """``resources/``: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError(
        f"The resources folder is missing (looked in {here / 'resources'} and "
        f"{here.parent / 'resources'}); reinstall Field Inspector."
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_root() -> Path:
    """The platform's folder for this user's data: profiles live under it by default."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_profile_dir() -> Path:
    """Where a profile lives when ``--profile`` is not given (``INSPECTOR_PROFILE`` overrides)."""
    env = os.environ.get("INSPECTOR_PROFILE")
    if env:
        return Path(env).expanduser()
    return user_data_root() / "default"


def settings_file() -> Path:
    """The settings of this user on this laptop (``INSPECTOR_SETTINGS`` overrides).

    Outside the data folder on purpose: one of the settings moves the data folder.
    """
    env = os.environ.get("INSPECTOR_SETTINGS")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "settings.json"


def cache_dir() -> Path:
    """Files the app can make again (compiled translations): ``INSPECTOR_CACHE`` overrides."""
    env = os.environ.get("INSPECTOR_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))
