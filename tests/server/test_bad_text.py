"""A lone surrogate (a JSON "\\ud800" escape, which no database can store) is a 422 or a
rejection of that one change, never a 500: the answer that echoes it could not be
encoded, and the push reason blamed NaN."""

from __future__ import annotations

from .conftest import Api, LiveServer, World, mutation


def test_a_lone_surrogate_in_sign_in_fields_is_422(live: LiveServer, world: World) -> None:
    api = Api(live.url)
    for field in ("username", "device_name", "password"):
        body = {"username": "inspector_a", "password": "x", "device_id": "d-1"}
        body[field] = body.get(field, "") + "\ud800"
        r = api.post("/api/v1/auth/login", json=body)  # requests writes it as an escape
        assert r.status_code == 422, r.text
        assert field in r.text


def test_a_lone_surrogate_in_data_rejects_that_change_alone(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    bad = mutation(
        "item_result",
        f"{world.task_a}:surrogate",
        {"task_id": world.task_a, "item_id": "surrogate", "note": "过期\udc80食品"},
    )
    good = mutation(
        "item_result",
        f"{world.task_a}:plain",
        {"task_id": world.task_a, "item_id": "plain", "note": "过期食品"},
    )
    results = a.push(bad, good)
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert "lone surrogate" in results[0]["reason"]
