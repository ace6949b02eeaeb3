"""Fixtures for the sync tests: the real server with the demo data, and laptops."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


world = _load("syncworld", Path(__file__).with_name("syncworld.py"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    settings = world.demo_settings(tmp_path_factory.mktemp("server"))
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


@pytest.fixture
def make_laptop(server: object, tmp_path: Path) -> Iterator[Callable[..., object]]:
    opened: list[object] = []

    def make(username: str, name: str | None = None) -> object:
        folder = tmp_path / (name or username)
        profile = world.laptop(folder, server.url, username)  # type: ignore[attr-defined]
        opened.append(profile)
        return profile

    yield make
    for p in opened:
        p.close()  # type: ignore[attr-defined]


@pytest.fixture
def sw() -> ModuleType:
    return world
