"""A real server on 127.0.0.1 port 0 (uvicorn in a thread), over SQLite and, when
``INSPECTOR_TEST_PG_URL`` is set, again over PostgreSQL in a fresh schema per module."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import uvicorn
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.sync.protocol import PROTOCOL_HEADER
from inspector_server.core.config import Settings
from inspector_server.core.db import write_session
from inspector_server.core.migrate import upgrade
from inspector_server.main import UVICORN_OPTIONS, create_app
from inspector_server.models import Record
from inspector_server.services import accounts, sync

PG_URL = os.environ.get("INSPECTOR_TEST_PG_URL")
PASSWORD = "correct horse battery staple"
SECRET = "test-secret-" + "x" * 32


def _backends() -> list[Any]:
    params: list[Any] = ["sqlite"]
    params.append(
        pytest.param(
            "postgresql",
            marks=[
                pytest.mark.pg,
                pytest.mark.skipif(not PG_URL, reason="INSPECTOR_TEST_PG_URL is not set"),
            ],
        )
    )
    return params


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="module", params=_backends())
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'server.sqlite3'}"
        return
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _with_search_path(PG_URL, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def make_settings(db: str, data: Any, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data": data,
        "db": db,
        "demo": False,
        "secret_key": SECRET,
        # Cheap hashes keep the suite fast; production uses the defaults (64 MiB, t=3).
        "argon2_memory_kib": 64,
        "argon2_time_cost": 1,
        "max_blob_bytes": 64 * 1024,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class LiveServer:
    url: str
    settings: Settings
    factory: sessionmaker[Session]
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def rev(self, entity: str, record_id: str) -> int | None:
        with self.factory() as s:
            rec = s.get(Record, (entity, record_id))
            return None if rec is None else rec.rev


def start_server(settings: Settings) -> LiveServer:
    app = create_app(settings)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", lifespan="on", **UVICORN_OPTIONS
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
    return LiveServer(f"http://127.0.0.1:{port}", settings, app.state.sessionmaker, server, thread)


class SourceAddressAdapter(HTTPAdapter):
    """Connect from another loopback address (127.0.0.x), to look like another client."""

    def __init__(self, source: str) -> None:
        self._source = source
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self._source, 0)
        super().init_poolmanager(*args, **kwargs)


class Api:
    """A thin HTTP client: base URL, protocol header, bearer token."""

    def __init__(self, base: str, token: str | None = None, source: str | None = None) -> None:
        self.base = base
        self.token = token
        self.device_id: str | None = None
        self.username: str | None = None
        self.device_key: str | None = None
        self.http = requests.Session()
        self.http.headers[PROTOCOL_HEADER] = "1"
        if source:
            self.http.mount("http://", SourceAddressAdapter(source))

    def request(self, method: str, path: str, **kw: Any) -> requests.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.http.request(method, self.base + path, headers=headers, timeout=30, **kw)

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.request("POST", path, **kw)

    def login(self, username: str, password: str = PASSWORD, device_id: str | None = None) -> Api:
        device_id = device_id or f"dev-{username}-{uuid.uuid4().hex[:8]}"
        r = self.post(
            "/api/v1/auth/login",
            json={
                "username": username,
                "password": password,
                "device_id": device_id,
                "device_name": f"{username}'s laptop",
            },
        )
        assert r.status_code == 200, r.text
        self.token = r.json()["access_token"]
        self.device_id = device_id
        self.username = username
        self.device_key = r.json().get("device_key")
        return self

    def push(
        self, *mutations: dict[str, Any], device_id: str | None = None
    ) -> list[dict[str, Any]]:
        r = self.post(
            "/api/v1/sync/push",
            json={"device_id": device_id or self.device_id, "mutations": list(mutations)},
        )
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def pull_all(
        self, cursor: str | None = None, limit: int = 500
    ) -> tuple[list[dict[str, Any]], str]:
        """Every change after ``cursor``. Changes held back behind a write still running
        (on PostgreSQL, any writer of this database: other tests' too) are waited for,
        as a laptop told "not yet" syncs again."""
        changes: list[dict[str, Any]] = []
        deadline = time.monotonic() + 60
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor is not None:
                params["cursor"] = cursor
            r = self.get("/api/v1/sync/pull", params=params)
            assert r.status_code == 200, r.text
            body = r.json()
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if body["more"]:
                continue
            if not body.get("held_back") or time.monotonic() > deadline:
                return changes, cursor
            time.sleep(0.2)


def mutation(
    entity: str,
    record_id: str,
    data: dict[str, Any] | None,
    base_rev: int | None = None,
    op_id: str | None = None,
) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "entity": entity,
        "id": record_id,
        "base_rev": base_rev,
        "data": data,
        "recorded_at": "2026-11-05T09:30:00+08:00",
    }


def task_data(task_id: str, team_id: str, inspector_ids: list[str]) -> dict[str, Any]:
    return {
        "id": task_id,
        "business": {
            "uscc": "91440304MA5P23YC2P",
            "name": "深圳市粤味轩餐饮有限公司",
            "address": "深圳市福田区沙嘴路68号",
            "legal_rep": "陈志强",
        },
        "departments": [{"code": "SZSCJG", "name": "市场监管"}, {"code": "XF", "name": "消防"}],
        "lead_department_code": "SZSCJG",
        "inspector_ids": inspector_ids,
        "team_id": team_id,
        "window_start": "2026-11-02",
        "window_end": "2026-11-27",
        "checklist": [
            {
                "id": "SC-SP-001",
                "code": "SC-SP-001",
                "title": "亮证经营",
                "severity": "key",
                "sources": [],
            }
        ],
        "status": "assigned",
        "plan": {},
        "history": [],
    }


@dataclass
class World:
    """Two teams, one task each. Team A: inspector_a, inspector_a2, led by lead.
    Team B: inspector_b, led by lead_b."""

    users: dict[str, str] = field(default_factory=dict)  # username -> id
    team_a: str = "team-a"
    team_b: str = "team-b"
    task_a: str = ""
    task_b: str = ""


def build_world(live: LiveServer) -> World:
    from inspector_server.core.security import PasswordHashing

    world = World(task_a=str(uuid.uuid4()), task_b=str(uuid.uuid4()))
    hashing = PasswordHashing(live.settings)
    people = [
        ("admin", "admin", None),
        ("lead", "team_lead", None),
        ("lead_b", "team_lead", None),
        ("inspector_a", "inspector", "A"),
        ("inspector_a2", "inspector", "A"),
        ("inspector_b", "inspector", "B"),
        ("revoked_a", "inspector", "A"),
    ]
    with write_session(live.factory) as s:
        for username, role, _team in people:
            user = accounts.create_user(
                s,
                hashing,
                username=username,
                role=role,
                password=PASSWORD,
                display_name=username,
                department_code="SZSCJG",
                badge_no="19030012345",
            )
            world.users[username] = user.id
        accounts.ensure_team(s, team_id=world.team_a, name="A", lead_id=world.users["lead"])
        accounts.ensure_team(s, team_id=world.team_b, name="B", lead_id=world.users["lead_b"])
        for username, _role, team in people:
            if team:
                accounts.add_member(
                    s,
                    team_id=world.team_a if team == "A" else world.team_b,
                    user_id=world.users[username],
                )
        a_ids = [world.users["inspector_a"], world.users["inspector_a2"]]
        sync.server_put(
            s,
            entity="task",
            record_id=world.task_a,
            data=task_data(world.task_a, world.team_a, a_ids),
            task_id=world.task_a,
            team_id=world.team_a,
        )
        sync.server_put(
            s,
            entity="task",
            record_id=world.task_b,
            data=task_data(world.task_b, world.team_b, [world.users["inspector_b"]]),
            task_id=world.task_b,
            team_id=world.team_b,
        )
    return world


@pytest.fixture(scope="module")
def server_overrides() -> dict[str, Any]:
    """Override in a test module to change the server's settings."""
    return {}


@pytest.fixture(scope="module")
def live(
    db_url: str, tmp_path_factory: pytest.TempPathFactory, server_overrides: dict[str, Any]
) -> Iterator[LiveServer]:
    settings = make_settings(db_url, tmp_path_factory.mktemp("data"), **server_overrides)
    from inspector_server.core.db import make_engine

    engine = make_engine(settings.database_url)
    upgrade(engine)
    engine.dispose()
    server = start_server(settings)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    return build_world(live)


@pytest.fixture
def api(live: LiveServer) -> Api:
    return Api(live.url)
