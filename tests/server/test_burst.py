"""Many devices at once against a small connection pool: every request is answered.

A request must not hold a pooled connection while it waits for a worker thread
(or another connection): with a synchronous session dependency and FastAPI's
threadpool serialisation, a burst used to deadlock into 30 s pool time-outs and 500s.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from .conftest import Api, LiveServer, World, mutation


@pytest.fixture(scope="module")
def server_overrides() -> dict[str, Any]:
    return {"db_pool_size": 2, "db_max_overflow": 1, "db_pool_timeout_s": 5}


def test_a_burst_of_devices_is_served_by_a_small_pool(
    db_url: str, live: LiveServer, world: World
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the connection pool applies to PostgreSQL")

    def device(n: int) -> tuple[list[int], list[str]]:
        api = Api(live.url).login("inspector_a", device_id=f"burst-{n}-{uuid.uuid4()}")
        statuses = []
        pulled = api.get("/api/v1/sync/pull", params={"limit": 50})
        statuses.append(pulled.status_code)
        item = f"burst-{n}"
        m = mutation(
            "item_result",
            f"{world.task_a}:{item}",
            {"task_id": world.task_a, "item_id": item, "outcome": "compliant", "evidence": []},
        )
        pushed = api.push(m)
        return statuses, [r["status"] for r in pushed]

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(device, range(40)))
    assert all(code == 200 for statuses, _ in outcomes for code in statuses)
    assert all(results == ["applied"] for _, results in outcomes)
