"""Two server processes on one PostgreSQL, clients alternating between them: exactly once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, func, select

from inspector_server.core.db import make_engine, make_sessionmaker
from inspector_server.models import OpLedger, Record

from .conftest import SECRET, Api, World, build_world, make_settings, mutation

pytestmark = [pytest.mark.slow, pytest.mark.pg]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db_url: str, data: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "INSPECTOR_SERVER_DB": db_url,
        "INSPECTOR_SERVER_DATA": str(data),
        "INSPECTOR_SERVER_SECRET_KEY": SECRET,
        "INSPECTOR_SERVER_ARGON2_MEMORY_KIB": "64",
        "INSPECTOR_SERVER_ARGON2_TIME_COST": "1",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "inspector_server.cli",
            "serve",
            "--port",
            str(port),
            "--log-level",
            "warning",
            *extra,
        ],
        env=env,
    )


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "server process died"
        try:
            if requests.get(url + "/api/v1/health", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise TimeoutError(url)


def migrated_world(db_url: str, tmp_path: Path) -> tuple[Engine, World]:
    """The schema and the two-team world on this module's PostgreSQL (skip on SQLite)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("several server processes share PostgreSQL, not a SQLite file")
    from inspector_server.core.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    settings = make_settings(db_url, tmp_path)
    return engine, build_world(
        SimpleNamespace(settings=settings, factory=make_sessionmaker(engine))
    )


def test_two_processes_exactly_once(db_url: str, tmp_path: Path) -> None:
    engine, world = migrated_world(db_url, tmp_path)
    ports = [_free_port(), _free_port()]
    procs = [_start(db_url, tmp_path, p) for p in ports]
    try:
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        for url, proc in zip(urls, procs, strict=True):
            _wait(url, proc)
        users = ["inspector_a", "inspector_a2"] * 3
        device_ids = [f"dev-{i}" for i in range(len(users))]
        clients = [
            [Api(url).login(u, device_id=d) for url in urls]
            for u, d in zip(users, device_ids, strict=True)
        ]
        per_client = 15

        def run(i: int) -> list[dict[str, Any]]:
            pair = clients[i]
            results = []
            for n in range(per_client):
                item = f"c{i}-{n}"
                m = mutation(
                    "item_result",
                    f"{world.task_a}:{item}",
                    {"task_id": world.task_a, "item_id": item, "outcome": "compliant"},
                )
                block = mutation(
                    "number_block",
                    str(uuid.uuid4()),
                    {"agency_code": "深市监", "kind": "onsite_record", "year": 2026, "size": 7},
                )
                # Send to one process, then retry the very same ops on the other.
                first, second = pair[n % 2], pair[(n + 1) % 2]
                results += first.push(m, block) + second.push(m, block)
            return results

        with ThreadPoolExecutor(len(clients)) as pool:
            all_results = [r for rs in pool.map(run, range(len(clients))) for r in rs]
        by_op: dict[str, list[str]] = {}
        for r in all_results:
            by_op.setdefault(r["op_id"], []).append(r["status"])
        assert len(by_op) == len(clients) * per_client * 2
        assert all(statuses == ["applied", "duplicate"] for statuses in by_op.values())
        factory = make_sessionmaker(engine)
        with factory() as s:
            assert s.scalar(select(func.count()).select_from(OpLedger)) == len(by_op)
            revs = set(s.scalars(select(Record.rev).where(Record.entity == "item_result")))
            blocks = [
                r.data for r in s.scalars(select(Record).where(Record.entity == "number_block"))
            ]
        assert revs == {1}
        ranges = sorted((b["first"], b["last"]) for b in blocks)
        assert ranges == [(1 + 7 * k, 7 * (k + 1)) for k in range(len(ranges))]
        # Every change is pulled exactly once, whichever process answers each page.
        reader = clients[0]
        cursor, seen = None, []
        for page in range(10_000):
            params: dict[str, Any] = {"limit": 7}
            if cursor is not None:
                params["cursor"] = cursor
            body = reader[page % 2].get("/api/v1/sync/pull", params=params).json()
            seen += [c["id"] for c in body["changes"]]
            cursor = body["cursor"]
            if not body["more"]:
                break
        assert len(seen) == len(set(seen))
        assert (
            sum(1 for x in seen if x.startswith(world.task_a + ":c")) == len(clients) * per_client
        )
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)
        engine.dispose()
