"""``inspector-server serve --workers 2`` on one PostgreSQL: one port, two processes."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest

from .conftest import Api, mutation
from .test_two_processes import _free_port, _start, _wait, migrated_world

pytestmark = [pytest.mark.slow, pytest.mark.pg]


def test_serve_with_two_worker_processes(db_url: str, tmp_path: Path) -> None:
    """``serve --workers 2``: two processes behind one port, each building its app from
    the environment, and pushes through either are exactly once."""
    engine, world = migrated_world(db_url, tmp_path)
    port = _free_port()
    proc = _start(db_url, tmp_path, port, "--workers", "2")
    try:
        url = f"http://127.0.0.1:{port}"
        _wait(url, proc)
        deadline = time.monotonic() + 20
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_children(proc.pid)) >= 2
        apis = [Api(url).login("inspector_a", device_id=f"w-{n}") for n in range(4)]
        item = "workers-1"
        m = mutation(
            "item_result",
            f"{world.task_a}:{item}",
            {"task_id": world.task_a, "item_id": item, "outcome": "compliant"},
            op_id=str(uuid.uuid4()),
        )
        statuses = sorted(api.push(m)[0]["status"] for api in apis)
        assert statuses == ["applied", "duplicate", "duplicate", "duplicate"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        engine.dispose()


def _children(pid: int) -> list[str]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return out.split()
