"""NUL characters (which PostgreSQL text cannot hold) are refused with 422 or a
rejection, never a 500 — the fuzzer found one in a device name."""

from __future__ import annotations

import uuid

from .conftest import Api, LiveServer, World, mutation


def test_nul_in_sign_in_fields_is_422(live: LiveServer, world: World) -> None:
    api = Api(live.url)
    for field, value in (("username", "inspector_a\x00"), ("device_name", "lap\x00top")):
        body = {"username": "inspector_a", "password": "x", "device_id": "d-1", field: value}
        r = api.post("/api/v1/auth/login", json=body)
        assert r.status_code == 422, r.text
        assert "NUL" in r.text


def test_nul_in_a_mutation_is_refused(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    r = a.post(
        "/api/v1/sync/push",
        json={"device_id": a.device_id, "mutations": [mutation("item_result", "t\x00:i", {})]},
    )
    assert r.status_code == 422, r.text
    doc = mutation("document", str(uuid.uuid4()), {"task_id": world.task_a + "\x00", "kind": "x"})
    block = mutation(
        "number_block",
        str(uuid.uuid4()),
        {"agency_code": "深市监\x00", "kind": "on_site_record", "year": 2026, "size": 5},
    )
    item = mutation(
        "item_result",
        f"{world.task_a}:nul-evidence",
        {"task_id": world.task_a, "item_id": "nul-evidence", "evidence": ["ab\x00cd"]},
    )
    results = a.push(doc, block, item)
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected"]
    assert results[2]["reason"].startswith("missing_blob:")


def test_nul_in_a_path_is_422(live: LiveServer, world: World) -> None:
    admin = Api(live.url).login("admin")
    assert admin.get("/api/v1/documents/abc%00def/verify").status_code == 422
    assert admin.post("/api/v1/admin/devices/dev%00ice/revoke").status_code == 422
