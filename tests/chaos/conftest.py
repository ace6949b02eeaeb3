"""Chaos fixtures: the real demo server, a fault proxy in front of it, laptops behind it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
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


HERE = Path(__file__).resolve().parent
world = _load("syncworld", HERE.parent / "sync" / "syncworld.py")
faultproxy = _load("faultproxy", HERE / "faultproxy.py")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[object]:
    settings = world.demo_settings(tmp_path / "server")
    settings.data.mkdir()
    world.prepare(settings)
    live = world.start_server(settings)
    yield live
    live.stop()


@pytest.fixture
def proxy(server: object) -> Iterator[object]:
    p = faultproxy.FaultProxy(server.port)  # type: ignore[attr-defined]
    yield p
    p.close()


@pytest.fixture
def sw() -> ModuleType:
    return world
