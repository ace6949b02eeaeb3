"""A laptop is "not yet up to date", not "up to date", while the server holds changes
back behind a write still running (issue 9 part 7): the report says so and
``inspector-app sync`` exits 3; the next sync after the write brings the changes."""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from inspector_app.cli import main as app_main
from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    get_results,
    get_task,
    list_tasks,
    record_item_result,
    start_inspection,
)
from inspector_app.services import sync as sync_profile
from inspector_app.store.repositories import get_state
from inspector_app.sync.engine import LAST_SYNC_KEY

PG_URL = os.environ.get("INSPECTOR_TEST_PG_URL")
pytestmark = [
    pytest.mark.pg,
    pytest.mark.skipif(not PG_URL, reason="INSPECTOR_TEST_PG_URL is not set"),
]


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo server on PostgreSQL, in a schema of its own."""
    world = sys.modules["syncworld"]
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    settings = world.demo_settings(tmp_path_factory.mktemp("pg-server"), db_url=url)
    world.prepare(settings)
    live = world.start_server(settings)
    try:
        yield live
    finally:
        live.stop()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _settled(profile: Any) -> Any:
    """Sync until not held back: other tests' writers share this database."""
    deadline = time.monotonic() + 60
    while True:
        report = sync_profile(profile)
        if not report.held_back or time.monotonic() > deadline:
            return report
        time.sleep(0.5)


def test_held_back_changes_make_the_laptop_not_yet_up_to_date(
    pg_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = sys.modules["syncworld"]
    one = world.laptop(tmp_path / "one", pg_server.url, "inspector1")
    two = world.laptop(tmp_path / "two", pg_server.url, "inspector2")
    try:
        assert _settled(one).exit_code == 0
        assert _settled(two).exit_code == 0
        task = sorted(t.id for t in list_tasks(two) if t.server_state is None)[0]
        item = get_task(two, task).checklist[0].id
        start_inspection(two, task)
        record_item_result(two, task, item, outcome=Outcome.COMPLIANT, note="held back")

        engine = create_engine(pg_server.settings.database_url)
        long_write = engine.connect()
        tx = long_write.begin()
        try:
            # A long write of this database (say a big draw-plan) started first.
            long_write.execute(text("SELECT pg_current_xact_id()"))
            report = sync_profile(two)  # its push is applied, and held back on the way down
            assert report.applied >= 1 and report.held_back
            assert report.exit_code == 3 and "Not yet up to date" in report.summary()
            capsys.readouterr()
            with one.db.session() as s:
                before = get_state(s, LAST_SYNC_KEY)
            assert app_main(["--profile", str(one.folder), "sync"]) == 3
            out = capsys.readouterr().out
            assert "Not yet up to date" in out and "Everything is up to date" not in out
            with one.db.session() as s:
                assert get_state(s, LAST_SYNC_KEY) == before  # no "last synced" stamp
            assert item not in get_results(one, task)
        finally:
            tx.rollback()
            long_write.close()
            engine.dispose()
        report = _settled(one)
        assert report.exit_code == 0 and not report.held_back, report.summary()
        assert get_results(one, task)[item].note == "held back"
    finally:
        one.close()
        two.close()
