"""Sync protocol v1 over real HTTP: exactly-once push, conflicts as siblings, pull."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from inspector_app.sync.protocol import PROTOCOL_HEADER
from inspector_server.services.audit_chain import GENESIS_HASH, event_hash

from .conftest import Api, LiveServer, World, mutation


def _result(api: Api, m: dict[str, Any]) -> dict[str, Any]:
    (result,) = api.push(m)
    return result


def _item(
    world: World, note: str = "", evidence: list[str] | None = None, item_id: str | None = None
) -> tuple[str, dict[str, Any]]:
    item_id = item_id or f"item-{uuid.uuid4().hex[:8]}"
    return f"{world.task_a}:{item_id}", {
        "task_id": world.task_a,
        "item_id": item_id,
        "outcome": "compliant",
        "note": note,
        "measurements": {},
        "evidence": evidence or [],
        "corrected_on_site": False,
        "deadline": None,
        "recorded_by": "inspector_a",
        "recorded_at": "2026-11-05T01:30:00+00:00",
    }


def _upload(api: Api, payload: bytes) -> str:
    sha = hashlib.sha256(payload).hexdigest()
    r = api.request("PUT", f"/api/v1/blobs/{sha}", data=payload)
    assert r.status_code in (200, 201), r.text
    return sha


def test_health_names_the_protocol_range(api: Api) -> None:
    r = api.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "protocol": {"min": 1, "max": 1}}


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/sync/pull", "/api/v1/auth/login"])
def test_unsupported_protocol_gets_426_with_a_message(api: Api, path: str) -> None:
    for version in ("2", "0", "abc"):
        r = api.http.get(api.base + path, headers={PROTOCOL_HEADER: version})
        assert r.status_code == 426
        assert "protocol" in r.json()["detail"]


def test_missing_protocol_header_is_fine_for_health_only(live: LiveServer) -> None:
    import requests

    assert requests.get(live.url + "/api/v1/health", timeout=5).status_code == 200
    assert requests.get(live.url + "/api/v1/sync/pull", timeout=5).status_code == 426


def test_push_then_pull_round_trip(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    record_id, data = _item(world, "灭火器压力正常")
    result = _result(a, mutation("item_result", record_id, data))
    assert result["status"] == "applied" and result["rev"] == 1
    changes, cursor = a.pull_all()
    mine = [c for c in changes if c["id"] == record_id]
    assert mine == [
        {
            "entity": "item_result",
            "id": record_id,
            "op": "upsert",
            "rev": 1,
            "data": data,
            "conflicts": [],
        }
    ]
    assert any(c["entity"] == "task" and c["id"] == world.task_a for c in changes)
    again, cursor2 = a.pull_all(cursor)
    assert again == [] and int(cursor2) >= int(cursor)


def test_exactly_once_duplicate_and_reused_op_id(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    record_id, data = _item(world, "first")
    m = mutation("item_result", record_id, data)
    first = _result(a, m)
    assert first["status"] == "applied"
    # The same op_id again, e.g. the answer was lost: nothing is applied twice.
    dup = _result(a, {**m, "recorded_at": "2026-11-05T01:30:00.000000+00:00"})
    assert dup == {"op_id": m["op_id"], "status": "duplicate", "rev": 1, "reason": "applied"}
    assert live.rev("item_result", record_id) == 1
    reused = _result(a, {**m, "data": {**data, "note": "something else"}})
    assert reused["status"] == "rejected"
    assert reused["reason"] == "op_id reused with different data"
    assert live.rev("item_result", record_id) == 1


def test_unknown_entity_is_rejected_alone(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    record_id, data = _item(world)
    results = a.push(mutation("spaceship", "x", {"a": 1}), mutation("item_result", record_id, data))
    assert results[0]["status"] == "rejected" and "unknown entity" in results[0]["reason"]
    assert results[1]["status"] == "applied"


def test_missing_blob_is_rejected_then_applied_after_upload(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    photo = b"\xff\xd8 a photo " + uuid.uuid4().bytes
    sha = hashlib.sha256(photo).hexdigest()
    record_id, data = _item(world, evidence=[sha])
    m = mutation("item_result", record_id, data)
    assert _result(a, m) == {
        "op_id": m["op_id"],
        "status": "rejected",
        "rev": None,
        "reason": f"missing_blob:{sha}",
    }
    assert live.rev("item_result", record_id) is None
    _upload(a, photo)
    assert _result(a, m)["status"] == "applied"  # same op_id, now it goes through


def test_conflict_kept_as_sibling_both_visible_then_resolved(
    live: LiveServer, world: World
) -> None:
    laptop1 = Api(live.url).login("inspector_a")
    laptop2 = Api(live.url).login("inspector_a2")
    record_id, data = _item(world, "laptop 1 says compliant", item_id="XF-002")
    assert _result(laptop1, mutation("item_result", record_id, data))["status"] == "applied"
    # Laptop 2 recorded the same item offline, believing it new.
    other = {**data, "outcome": "noncompliant", "note": "laptop 2 found an expired extinguisher"}
    m2 = mutation("item_result", record_id, other)
    result = _result(laptop2, m2)
    assert result["status"] == "conflict" and result["rev"] == 1
    for laptop in (laptop1, laptop2):
        changes, _ = laptop.pull_all()
        (change,) = [c for c in changes if c["id"] == record_id]
        assert change["data"]["note"] == "laptop 1 says compliant"
        assert [s["data"]["note"] for s in change["conflicts"]] == [other["note"]]
        assert change["conflicts"][0]["op_id"] == m2["op_id"]
    # A person picks laptop 2's version: a new mutation on the current rev.
    pick = {**other, "resolves": [m2["op_id"]]}
    resolved = _result(laptop1, mutation("item_result", record_id, pick, base_rev=1))
    assert resolved["status"] == "applied" and resolved["rev"] == 2
    changes, _ = laptop2.pull_all()
    (change,) = [c for c in changes if c["id"] == record_id]
    assert change["conflicts"] == [] and change["data"]["outcome"] == "noncompliant"
    assert "resolves" not in change["data"]


def test_edits_in_sequence_from_one_device_are_not_conflicts(
    live: LiveServer, world: World
) -> None:
    a = Api(live.url).login("inspector_a")
    record_id, data = _item(world, "v1")
    assert _result(a, mutation("item_result", record_id, data))["rev"] == 1
    # The outbox held two more edits made before the device heard back: both on base 1.
    r2 = _result(a, mutation("item_result", record_id, {**data, "note": "v2"}, base_rev=1))
    r3 = _result(a, mutation("item_result", record_id, {**data, "note": "v3"}, base_rev=1))
    assert (r2["status"], r2["rev"], r3["status"], r3["rev"]) == ("applied", 2, "applied", 3)
    # Another device on an old base conflicts.
    b = Api(live.url).login("inspector_a2")
    assert (
        _result(b, mutation("item_result", record_id, {**data, "note": "b"}, base_rev=1))["status"]
        == "conflict"
    )
    # base_rev ahead of the server is refused.
    ahead = _result(a, mutation("item_result", record_id, {**data, "note": "x"}, base_rev=9))
    assert ahead["status"] == "rejected"


def test_item_result_id_must_match_its_task(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    _record_id, data = _item(world)
    bad = _result(a, mutation("item_result", "no-colon", data))
    assert bad["status"] == "rejected" and "<task_id>:<item_id>" in bad["reason"]
    unknown = _result(a, mutation("item_result", f"{uuid.uuid4()}:x", {**data, "task_id": None}))
    assert unknown["status"] == "rejected"


def test_number_blocks_are_disjoint_per_agency_kind_year(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    b = Api(live.url).login("inspector_b")
    want = {"agency_code": "深市监", "kind": "order_to_correct", "year": 2026, "size": 50}
    ids = {}
    for api in (a, b, a):
        block_id = str(uuid.uuid4())
        assert _result(api, mutation("number_block", block_id, want))["status"] == "applied"
        ids[block_id] = api
    other_year = str(uuid.uuid4())
    _result(a, mutation("number_block", other_year, {**want, "year": 2027}))
    ranges = []
    for block_id, api in ids.items():
        changes, _ = api.pull_all()
        (block,) = [c for c in changes if c["id"] == block_id]
        d = block["data"]
        assert d["device_id"] == api.device_id and d["last"] - d["first"] + 1 == 50
        ranges.append((d["first"], d["last"]))
    assert sorted(ranges) == [(1, 50), (51, 100), (101, 150)]
    changes, _ = a.pull_all()
    assert [c["data"]["first"] for c in changes if c["id"] == other_year] == [1]
    # Nobody else sees a's blocks.
    b_changes, _ = b.pull_all()
    assert not any(c["id"] == other_year for c in b_changes)
    bad = _result(a, mutation("number_block", str(uuid.uuid4()), {**want, "size": 0}))
    assert bad["status"] == "rejected"


def _event(device_id: str, seq: int, prev: str, **extra: Any) -> dict[str, Any]:
    fields = {
        "id": str(uuid.uuid4()),
        "device_id": device_id,
        "seq": seq,
        "actor": "inspector_a",
        "action": "record_result",
        "entity": "item_result",
        "entity_id": "t:i",
        "at": "2026-11-05T01:30:00.000000+00:00",
        "payload": {"note": "灭火器"},
        "prev_hash": prev,
        **extra,
    }
    # The client's recipe (inspector_app/store/audit.py), written out independently.
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {**fields, "hash": hashlib.sha256(prev.encode() + canonical.encode()).hexdigest()}


def test_audit_chain_checked_per_device_and_break_flagged(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    admin = Api(live.url).login("admin")
    e1 = _event(a.device_id, 1, GENESIS_HASH)
    assert event_hash(e1) == e1["hash"]
    e2 = _event(a.device_id, 2, e1["hash"])
    results = a.push(*(mutation("audit_event", e["id"], e) for e in (e1, e2)))
    assert [r["status"] for r in results] == ["applied", "applied"]
    chains = {c["device_id"]: c for c in admin.get("/api/v1/admin/audit-chains").json()}
    assert chains[a.device_id]["broken"] is False and chains[a.device_id]["events"] == 2
    # Event 3 is missing; event 4 arrives with a tampered payload: kept, flagged.
    e4 = _event(a.device_id, 4, "f" * 64)
    e4["payload"] = {"note": "changed afterwards"}
    (r4,) = a.push(mutation("audit_event", e4["id"], e4))
    assert r4["status"] == "applied" and "audit chain broken" in r4["reason"]
    chain = {c["device_id"]: c for c in admin.get("/api/v1/admin/audit-chains").json()}[a.device_id]
    assert chain["broken"] is True and chain["events"] == 3
    assert "seq 4 where 3 was expected" in chain["problems"][0]["problems"]
    # Another device's events cannot be pushed by this one.
    forged = _event("someone-else", 1, GENESIS_HASH)
    assert a.push(mutation("audit_event", forged["id"], forged))[0]["reason"] == "forbidden"
    assert (
        admin.get(
            "/api/v1/admin/audit-chains", headers={"Authorization": f"Bearer {a.token}"}
        ).status_code
        == 403
    )


def test_document_verify_only_for_final_documents(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    pdf = _upload(a, b"%PDF-1.4 " + uuid.uuid4().bytes)
    doc_id = str(uuid.uuid4())
    doc = {
        "task_id": world.task_a,
        "kind": "order_to_correct",
        "number": "深市监责改〔2026〕12号",
        "sha256": pdf,
        "status": "draft",
        "issued_at": "2026-11-05T10:00:00+08:00",
        "agency": "深圳市市场监督管理局福田监管局",
        "signatures": [],
    }
    assert _result(a, mutation("document", doc_id, doc))["status"] == "applied"
    anonymous = Api(live.url)
    anonymous.http.headers.pop(PROTOCOL_HEADER)
    assert anonymous.get(f"/api/v1/documents/{doc_id}/verify").status_code == 404
    assert (
        _result(a, mutation("document", doc_id, {**doc, "status": "final"}, base_rev=1))["status"]
        == "applied"
    )
    r = anonymous.get(f"/api/v1/documents/{doc_id}/verify")
    assert r.status_code == 200
    body = r.json()
    assert datetime.fromisoformat(body.pop("issued_at")) == datetime(2026, 11, 5, 2, tzinfo=UTC)
    assert body == {
        "id": doc_id,
        "kind": "order_to_correct",
        "number": "深市监责改〔2026〕12号",
        "sha256": pdf,
        "agency": "深圳市市场监督管理局福田监管局",
        "status": "valid",
        "pdf_sha256": pdf,
    }
    assert anonymous.get(f"/api/v1/documents/{uuid.uuid4()}/verify").status_code == 404
    # A voided number arrives as a document with status void: no longer valid, and
    # said so (410, status "voided") rather than passed off as unknown.
    assert (
        _result(a, mutation("document", doc_id, {**doc, "status": "void"}, base_rev=2))["status"]
        == "applied"
    )
    voided = anonymous.get(f"/api/v1/documents/{doc_id}/verify")
    assert voided.status_code == 410
    assert voided.json()["status"] == "voided" and voided.json()["number"] == doc["number"]


def test_document_signature_blob_must_exist(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    missing = hashlib.sha256(b"signature" + uuid.uuid4().bytes).hexdigest()
    doc = {
        "task_id": world.task_a,
        "kind": "onsite_record",
        "status": "draft",
        "signatures": [{"who": "party", "sha256": missing}],
    }
    r = _result(a, mutation("document", str(uuid.uuid4()), doc))
    assert r["reason"] == f"missing_blob:{missing}"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"device_id": "d"}',
        b'{"device_id": "d", "mutations": [{"entity": "task"}]}',
        b'{"device_id": "d", "mutations": "nope"}',
        b"[]",
    ],
)
def test_malformed_push_gets_422_with_field_errors(live: LiveServer, body: bytes) -> None:
    a = Api(live.url).login("inspector_a")
    r = a.post("/api/v1/sync/push", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], list) and "loc" in r.json()["detail"][0]


def test_bad_cursor_is_422(live: LiveServer) -> None:
    a = Api(live.url).login("inspector_a")
    r = a.get("/api/v1/sync/pull", params={"cursor": "-1"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_push_for_another_device_is_refused(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    r = a.post("/api/v1/sync/push", json={"device_id": "not-mine", "mutations": []})
    assert r.status_code == 403


def test_pull_pages_with_limit(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    for _ in range(5):
        record_id, data = _item(world)
        a.push(mutation("item_result", record_id, data))
    paged, cursor = a.pull_all(limit=2)
    whole, cursor2 = a.pull_all(limit=500)
    assert [c["id"] for c in paged] == [c["id"] for c in whole] and cursor == cursor2
