"""Pushes at the same moment: no common lock on PostgreSQL, and still exactly once.

Each test releases several pushes together (threads on a barrier) at the real
server. Batches that meet on a key (the same op_id, the same new record, the same
number counter) are rolled back and run again, so the outcome is what one push
after the other would give: one ``applied``, the rest ``duplicate`` or
``conflict``, number ranges that never overlap, pulls that miss nothing.
"""

from __future__ import annotations

import json
import math
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select

from inspector_server.models import OpLedger, Record, RecordRevision, Sibling

from .conftest import Api, LiveServer, World, mutation


def _together(calls: list[Any]) -> list[Any]:
    gate = threading.Barrier(len(calls))

    def run(call: Any) -> Any:
        gate.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _item(world: World, item_id: str, by: str, note: str) -> dict[str, Any]:
    return {
        "task_id": world.task_a,
        "item_id": item_id,
        "outcome": "noncompliant",
        "note": note,
        "measurements": {},
        "evidence": [],
        "corrected_on_site": False,
        "deadline": None,
        "recorded_by": by,
        "recorded_at": "2026-11-05T01:30:00+00:00",
    }


def test_the_same_op_id_at_once_is_applied_once(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    item = f"race-{uuid.uuid4().hex[:8]}"
    m = mutation("item_result", f"{world.task_a}:{item}", _item(world, item, "a", "同时重发"))
    results = _together([lambda: a.push(m)[0] for _ in range(6)])
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["applied"] + ["duplicate"] * 5, statuses
    assert {r["rev"] for r in results} == {1}
    with live.factory() as s:
        assert s.scalar(select(func.count()).where(OpLedger.op_id == m["op_id"])) == 1
        revs = s.scalar(
            select(func.count()).where(RecordRevision.record_id == f"{world.task_a}:{item}")
        )
        assert revs == 1


def test_two_laptops_creating_one_record_at_once_make_a_conflict(
    live: LiveServer, world: World
) -> None:
    a = Api(live.url).login("inspector_a")
    a2 = Api(live.url).login("inspector_a2")
    item = f"race-{uuid.uuid4().hex[:8]}"
    record_id = f"{world.task_a}:{item}"
    ours = mutation("item_result", record_id, _item(world, item, "a", "灭火器过期"))
    theirs = mutation("item_result", record_id, _item(world, item, "a2", "灭火器压力不足"))
    results = _together([lambda: a.push(ours)[0], lambda: a2.push(theirs)[0]])
    assert sorted(r["status"] for r in results) == ["applied", "conflict"]
    with live.factory() as s:
        record = s.get(Record, ("item_result", record_id))
        siblings = s.scalars(select(Sibling).where(Sibling.record_id == record_id)).all()
    assert record is not None and record.rev == 1
    # Both notes are kept: the record holds one, the sibling the other.
    notes = {record.data["note"], *(sib.data["note"] for sib in siblings)}
    assert notes == {"灭火器过期", "灭火器压力不足"}
    changes, _ = a.pull_all()
    (pulled,) = [c for c in changes if c["id"] == record_id]
    assert len(pulled["conflicts"]) == 1


def test_number_blocks_asked_for_at_once_never_overlap(live: LiveServer, world: World) -> None:
    apis = [Api(live.url).login(name) for name in ("inspector_a", "inspector_a2", "inspector_b")]
    want = {"agency_code": "深市监竞", "kind": "on_site_record", "year": 2026, "size": 10}
    calls = [
        (lambda api=api: api.push(mutation("number_block", str(uuid.uuid4()), want))[0])
        for api in apis
        for _ in range(3)
    ]
    results = _together(calls)
    assert all(r["status"] == "applied" for r in results), results
    with live.factory() as s:
        blocks = [
            r.data
            for r in s.scalars(select(Record).where(Record.entity == "number_block"))
            if r.data["agency_code"] == "深市监竞"
        ]
    ranges = sorted((b["first"], b["last"]) for b in blocks)
    assert ranges == [(1 + 10 * n, 10 * (n + 1)) for n in range(9)]


def test_pushes_at_once_are_all_pulled(live: LiveServer, world: World) -> None:
    """Twelve devices commit in whatever order; a pull running alongside them, page
    after page, ends up with every record (none skipped by a cursor that ran ahead)."""
    lead = Api(live.url).login("lead")
    _, start = lead.pull_all()
    apis = [Api(live.url).login("inspector_a") for _ in range(12)]
    made: list[str] = []
    calls = []
    for n, api in enumerate(apis):
        ids = [f"burst{n}-{uuid.uuid4().hex[:6]}-{k}" for k in range(5)]
        made += [f"{world.task_a}:{i}" for i in ids]
        calls.append(
            lambda api=api, ids=ids: api.push(
                *(
                    mutation("item_result", f"{world.task_a}:{i}", _item(world, i, "a", i))
                    for i in ids
                )
            )
        )
    seen: list[str] = []
    done = threading.Event()

    def follow() -> str:
        cursor = start
        while True:
            last_round = done.is_set()
            changes, cursor = lead.pull_all(cursor, limit=7)
            seen.extend(c["id"] for c in changes)
            if last_round:
                return cursor

    with ThreadPoolExecutor(1) as pool:
        follower = pool.submit(follow)
        results = _together(calls)
        done.set()
        follower.result(timeout=60)
    assert all(r["status"] == "applied" for batch in results for r in batch)
    assert set(made) <= set(seen)


def test_non_finite_numbers_are_rejected_alone(live: LiveServer, world: World) -> None:
    """JSON has no NaN (Python's parser takes it): such a mutation is rejected on its
    own, with a reason, and the rest of its batch is applied."""
    a = Api(live.url).login("inspector_a")
    bad_item, good_item = f"nan-{uuid.uuid4().hex[:8]}", f"ok-{uuid.uuid4().hex[:8]}"
    bad = mutation("item_result", f"{world.task_a}:{bad_item}", _item(world, bad_item, "a", "x"))
    bad["data"]["measurements"] = {"t": "NAN_HERE"}
    good = mutation("item_result", f"{world.task_a}:{good_item}", _item(world, good_item, "a", "y"))
    body = json.dumps({"device_id": a.device_id, "mutations": [bad, good]})
    body = body.replace('"NAN_HERE"', "NaN")
    r = a.post("/api/v1/sync/push", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["status"] == "rejected" and "NaN" in first["reason"]
    assert second["status"] == "applied"
    changes, _ = a.pull_all()
    ids = {c["id"] for c in changes}
    assert f"{world.task_a}:{good_item}" in ids and f"{world.task_a}:{bad_item}" not in ids


def test_stored_json_has_no_nan_even_beside_big_integers() -> None:
    from inspector_app.domain.serialization import json_text

    assert json_text({"a": [1.5, math.inf, {"b": math.nan}], "c": "深圳"}) == (
        '{"a":[1.5,null,{"b":null}],"c":"深圳"}'
    )
    # Beyond 64 bits orjson gives up; the standard library writes it, still without NaN.
    assert json_text({"n": 2**70, "x": math.nan}) == '{"n":1180591620717411303424,"x":null}'
