"""A real server (uvicorn in a thread on 127.0.0.1 port 0) seeded with the demo data,
and laptops (real profile folders) that sign in to it.

Loaded by path from tests/sync/conftest.py, tests/chaos/conftest.py and the
benchmarks, since test folders are not packages.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.services import Profile, open_profile
from inspector_app.services import login as service_login
from inspector_app.sync.protocol import MAX_BLOB_BYTES
from inspector_server.api.compression import install_compression
from inspector_server.core.config import Settings
from inspector_server.core.db import make_engine, write_session
from inspector_server.core.migrate import upgrade
from inspector_server.core.security import PasswordHashing
from inspector_server.main import UVICORN_OPTIONS, create_app
from inspector_server.models import OpLedger, Record, RecordRevision, Sibling
from inspector_server.services.seed import seed_demo

# The token goes to a 0600 file in tests: never touch a developer's real keyring.
os.environ["INSPECTOR_KEYRING"] = "off"

DEMO_PASSWORD = "demo"
TEAM_1 = "cd0d9691-846c-51a2-bde6-5fd883ed0d32"


def demo_settings(data: Path, db_url: str | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data": data,
        "db": db_url or f"sqlite:///{data / 'server.sqlite3'}",
        "demo": True,
        "argon2_memory_kib": 64,
        "argon2_time_cost": 1,
        "max_blob_bytes": MAX_BLOB_BYTES,
        # Chaos tests sign in many times from one address.
        "login_pair_free": 1000,
        "login_user_free": 1000,
        "login_address_free": 1000,
    }
    values.update(overrides)
    return Settings(**values)


def prepare(settings: Settings, *, seed: bool = True) -> None:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    if seed:
        factory = sessionmaker(bind=engine)
        with write_session(factory) as s:
            seed_demo(s, PasswordHashing(settings))
    engine.dispose()


@dataclass
class LiveServer:
    url: str
    port: int
    settings: Settings
    factory: sessionmaker[Session]
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    # -- what the server holds, for assertions ----------------------------------------

    def ledger(self) -> dict[str, str]:
        with self.factory() as s:
            return {op: st for op, st in s.execute(select(OpLedger.op_id, OpLedger.status))}

    def record(self, entity: str, record_id: str) -> Record | None:
        with self.factory() as s:
            return s.get(Record, (entity, record_id))

    def siblings(self, entity: str, record_id: str) -> list[Sibling]:
        with self.factory() as s:
            return list(
                s.scalars(
                    select(Sibling).where(Sibling.entity == entity, Sibling.record_id == record_id)
                )
            )

    def revisions_per_op(self) -> dict[str, int]:
        with self.factory() as s:
            return {
                op: n
                for op, n in s.execute(
                    select(RecordRevision.op_id, func.count())
                    .where(RecordRevision.op_id.is_not(None))
                    .group_by(RecordRevision.op_id)
                )
            }


def start_server(settings: Settings, port: int = 0) -> LiveServer:
    app = create_app(settings)
    install_compression(app)  # a no-op once create_app installs it itself
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="error",
        lifespan="on",
        timeout_keep_alive=30,
        **UVICORN_OPTIONS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return LiveServer(
        f"http://127.0.0.1:{port}", port, settings, app.state.sessionmaker, server, thread
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def laptop(folder: Path, url: str, username: str) -> Profile:
    """A profile folder signed in as ``username`` (demo password)."""
    profile = open_profile(folder)
    service_login(profile, url, username, DEMO_PASSWORD)
    return profile


def jpeg(seed: int = 0, size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, 120))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def big_jpeg(n_bytes: int, seed: int = 0) -> bytes:
    """A valid JPEG header followed by random bytes: large and incompressible."""
    head = jpeg(seed)
    return head + os.urandom(max(0, n_bytes - len(head)))
