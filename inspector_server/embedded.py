"""A server inside another process: the demo (``make run``) and tests start one on loopback.

It is the real server (same app, migrations, seed) on a SQLite file, served by
uvicorn in a daemon thread on 127.0.0.1 with a port the OS picks.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from inspector_server.core.config import Settings
from inspector_server.core.db import engine_for, make_sessionmaker, write_session
from inspector_server.core.migrate import upgrade
from inspector_server.core.security import PasswordHashing
from inspector_server.main import UVICORN_OPTIONS, create_app
from inspector_server.services.seed import SeedReport, seed_demo


@dataclass
class EmbeddedServer:
    url: str
    settings: Settings
    seed: SeedReport | None
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def start_embedded(data: Path, *, demo: bool = True, seed: bool = True) -> EmbeddedServer:
    """Start a server whose SQLite file and blobs live in ``data``; seed the demo if asked."""
    settings = Settings(data=data, demo=demo)
    engine = engine_for(settings)
    upgrade(engine)
    report = None
    if seed:
        with write_session(make_sessionmaker(engine)) as session:
            report = seed_demo(session, PasswordHashing(settings))
    engine.dispose()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="on",
        **UVICORN_OPTIONS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="embedded-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the embedded server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return EmbeddedServer(f"http://127.0.0.1:{port}", settings, report, server, thread)
