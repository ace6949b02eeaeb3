"""The pull horizon on PostgreSQL is bounded by this database's writers only, and a pull
that holds changes back says so (issue 9 part 7).

Transaction ids are the cluster's: before, a long write in ANY database of the cluster
made every pull return nothing with ``more: false``, and laptops called themselves up
to date."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from .conftest import PG_URL, Api, LiveServer, World, mutation


def _item(world: World) -> tuple[str, dict[str, Any]]:
    item = f"horizon-{uuid.uuid4().hex[:8]}"
    return f"{world.task_a}:{item}", {
        "task_id": world.task_a,
        "item_id": item,
        "outcome": "compliant",
    }


def _page(api: Api, cursor: str) -> dict[str, Any]:
    r = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 500})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@contextmanager
def _open_write(url: str) -> Iterator[Connection]:
    """A write transaction left open (it holds a transaction id) until the block ends."""
    engine = create_engine(url)
    conn = engine.connect()
    tx = conn.begin()
    try:
        conn.execute(text("SELECT pg_current_xact_id()"))  # takes an id, as a write does
        yield conn
    finally:
        tx.rollback()
        conn.close()
        engine.dispose()


@contextmanager
def _scratch_database() -> Iterator[str]:
    """A database of its own in the same cluster, dropped afterwards."""
    assert PG_URL
    name = f"test_other_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        url = make_url(PG_URL).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _postgres_only(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("transaction ids and their horizon are PostgreSQL's")


def test_a_long_write_in_another_database_does_not_hold_pulls_back(
    live: LiveServer, world: World, db_url: str
) -> None:
    _postgres_only(db_url)
    a = Api(live.url).login("inspector_a")
    _, cursor = a.pull_all()
    with _scratch_database() as other, _open_write(other) as conn:
        conn.execute(text("CREATE TABLE batch_job (n int)"))
        conn.execute(text("INSERT INTO batch_job SELECT generate_series(1, 1000)"))
        record_id, data = _item(world)
        assert a.push(mutation("item_result", record_id, data))[0]["status"] == "applied"
        page = _page(a, cursor)
        assert [c["id"] for c in page["changes"]] == [record_id]
        assert page["more"] is False and page["held_back"] is False


def test_a_long_write_in_this_database_holds_back_and_says_so(
    live: LiveServer, world: World, db_url: str
) -> None:
    _postgres_only(db_url)
    a = Api(live.url).login("inspector_a")
    _, cursor = a.pull_all()
    with _open_write(db_url):
        record_id, data = _item(world)
        assert a.push(mutation("item_result", record_id, data))[0]["status"] == "applied"
        page = _page(a, cursor)
        assert page["changes"] == [] and page["more"] is False
        assert page["held_back"] is True  # not "up to date"
        # Someone who may not see the held record is not told to wait for it.
        assert _page(Api(live.url).login("inspector_b"), cursor)["held_back"] is False
        cursor = page["cursor"]
    page = _page(a, cursor)  # the write ended: the change comes, nothing was skipped
    assert [c["id"] for c in page["changes"]] == [record_id]
    assert page["held_back"] is False


def test_sqlite_never_holds_back(live: LiveServer, world: World, db_url: str) -> None:
    if db_url.startswith("postgresql"):
        pytest.skip("SQLite's writers are serialised")
    a = Api(live.url).login("inspector_a")
    _, cursor = a.pull_all()
    record_id, data = _item(world)
    assert a.push(mutation("item_result", record_id, data))[0]["status"] == "applied"
    page = _page(a, cursor)
    assert [c["id"] for c in page["changes"]] == [record_id] and page["held_back"] is False
