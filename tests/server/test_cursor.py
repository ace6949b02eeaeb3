"""The pull cursor never skips a change that commits late.

Two writers: the first takes its change number and holds its transaction open; the
second starts later and would, with an auto-increment id, take a larger number and
commit first, so a reader could move its cursor past the first writer's number
before that one commits, and miss it for ever. Here the second writer waits on the
counter row, so numbers follow commit order and a pull taken at any moment hands
out a cursor below every change still in flight.
"""

from __future__ import annotations

import threading
import time
import uuid

from inspector_server.core.db import write_session
from inspector_server.services import sync
from inspector_server.services.principal import Principal

from .conftest import LiveServer, World, task_data


def _admin(world: World) -> Principal:
    return Principal(world.users["admin"], "admin", "admin", "dev", "x", frozenset(), frozenset())


def test_late_commit_is_not_skipped(live: LiveServer, world: World) -> None:
    admin = _admin(world)
    with live.factory() as s:
        start = sync.pull(s, admin, 0, 10_000).cursor
    first_has_seq = threading.Event()
    release_first = threading.Event()
    second_done = threading.Event()
    order: list[str] = []
    t1_id, t2_id = str(uuid.uuid4()), str(uuid.uuid4())

    def first() -> None:
        with write_session(live.factory) as s:
            sync.server_put(
                s,
                entity="task",
                record_id=t1_id,
                data=task_data(t1_id, world.team_a, []),
                team_id=world.team_a,
            )
            first_has_seq.set()
            release_first.wait(10)
            order.append("first commits")

    def second() -> None:
        first_has_seq.wait(10)
        with write_session(live.factory) as s:
            sync.server_put(
                s,
                entity="task",
                record_id=t2_id,
                data=task_data(t2_id, world.team_a, []),
                team_id=world.team_a,
            )
            order.append("second commits")
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    first_has_seq.wait(10)
    time.sleep(0.3)  # give the second writer every chance to overtake
    # A pull now, while the first writer is in flight, must not move past it.
    with live.factory() as s:
        during = sync.pull(s, admin, int(start), 10_000)
    assert not any(c.id in (t1_id, t2_id) for c in during.changes)
    assert not second_done.is_set(), "the second writer overtook the first"
    release_first.set()
    for t in threads:
        t.join(15)
    assert order == ["first commits", "second commits"]
    with live.factory() as s:
        after = sync.pull(s, admin, int(during.cursor), 10_000)
    assert {c.id for c in after.changes} >= {t1_id, t2_id}
