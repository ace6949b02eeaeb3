"""A blob hash is not a key (issue 9 part 4): naming or reading a blob needs proof of
possession (the caller uploaded the bytes) or a record the caller may already see."""

from __future__ import annotations

import hashlib
import os
import uuid
from typing import Any

from .conftest import Api, LiveServer, World, mutation


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _evidence(task_id: str, *shas: str) -> tuple[str, dict[str, Any]]:
    item = f"item-{uuid.uuid4().hex[:8]}"
    return f"{task_id}:{item}", {
        "task_id": task_id,
        "item_id": item,
        "outcome": "noncompliant",
        "evidence": list(shas),
    }


def _named_by_team_b(live: LiveServer, world: World, photo: bytes) -> str:
    """inspector_b uploads a photo and names it in a result of team B's task."""
    b = Api(live.url).login("inspector_b")
    sha = _sha(photo)
    assert b.request("PUT", f"/api/v1/blobs/{sha}", data=photo).status_code == 201
    record_id, data = _evidence(world.task_b, sha)
    (r,) = b.push(mutation("item_result", record_id, data))
    assert r["status"] == "applied"
    return sha


def test_another_teams_blob_named_by_hash_is_missing_until_uploaded(
    live: LiveServer, world: World
) -> None:
    photo = os.urandom(3000)
    sha = _named_by_team_b(live, world, photo)
    a = Api(live.url).login("inspector_a")
    record_id, data = _evidence(world.task_a, sha)
    m = mutation("item_result", record_id, data)
    (r,) = a.push(m)
    assert r["status"] == "rejected" and r["reason"] == f"missing_blob:{sha}"
    assert live.rev("item_result", record_id) is None  # not applied
    assert a.get(f"/api/v1/blobs/{sha}").status_code == 404  # and still unreadable
    # Uploading the same bytes proves possession; the same mutation then goes through.
    assert a.request("PUT", f"/api/v1/blobs/{sha}", data=photo).status_code == 200
    (r,) = a.push(m)
    assert r["status"] == "applied"
    got = a.get(f"/api/v1/blobs/{sha}")
    assert got.status_code == 200 and got.content == photo


def test_outsider_head_and_get_look_exactly_like_an_absent_blob(
    live: LiveServer, world: World
) -> None:
    sha = _named_by_team_b(live, world, os.urandom(2000))
    absent = _sha(uuid.uuid4().bytes)
    for outsider in (Api(live.url).login("inspector_a"), Api(live.url).login("lead")):
        for method in ("HEAD", "GET"):
            there = outsider.request(method, f"/api/v1/blobs/{sha}")
            missing = outsider.request(method, f"/api/v1/blobs/{absent}")
            assert there.status_code == missing.status_code == 404
            assert there.content == missing.content
            skip = {"date", "content-length"} if method == "HEAD" else {"date"}
            assert {k: v for k, v in there.headers.items() if k.lower() not in skip} == {
                k: v for k, v in missing.headers.items() if k.lower() not in skip
            }
    # Who may see the record still reads it; so do admins.
    for reader in ("inspector_b", "lead_b", "admin"):
        api = Api(live.url).login(reader)
        assert api.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 200
        assert api.get(f"/api/v1/blobs/{sha}").status_code == 200


def test_a_teammates_blob_may_be_named_without_uploading(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    photo = os.urandom(1500)
    sha = _sha(photo)
    a.request("PUT", f"/api/v1/blobs/{sha}", data=photo)
    record_id, data = _evidence(world.task_a, sha)
    assert a.push(mutation("item_result", record_id, data))[0]["status"] == "applied"
    teammate = Api(live.url).login("inspector_a2")
    assert teammate.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 200
    record_id, data = _evidence(world.task_a, sha)
    assert teammate.push(mutation("item_result", record_id, data))[0]["status"] == "applied"


def test_partial_uploads_are_each_uploaders_own(live: LiveServer, world: World) -> None:
    """Another user's interrupted upload is neither visible nor finishable with its tail."""
    b = Api(live.url).login("inspector_b")
    a = Api(live.url).login("inspector_a")
    photo = os.urandom(4000)
    sha = _sha(photo)
    half = len(photo) // 2
    r = b.request(
        "PUT",
        f"/api/v1/blobs/{sha}",
        data=photo[:half],
        headers={"Content-Range": f"bytes 0-{half - 1}/{len(photo)}"},
    )
    assert r.status_code == 202 and r.headers["Upload-Offset"] == str(half)
    assert b.request("HEAD", f"/api/v1/blobs/{sha}").headers["Upload-Offset"] == str(half)
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").headers["Upload-Offset"] == "0"
    tail = a.request(
        "PUT",
        f"/api/v1/blobs/{sha}",
        data=photo[half:],
        headers={"Content-Range": f"bytes {half}-{len(photo) - 1}/{len(photo)}"},
    )
    assert tail.status_code == 409 and tail.headers["Upload-Offset"] == "0"
    record_id, data = _evidence(world.task_a, sha)
    assert a.push(mutation("item_result", record_id, data))[0]["reason"] == f"missing_blob:{sha}"
    # inspector_b finishes its own upload; the blob is whole for them, still not for a.
    r = b.request(
        "PUT",
        f"/api/v1/blobs/{sha}",
        data=photo[half:],
        headers={"Content-Range": f"bytes {half}-{len(photo) - 1}/{len(photo)}"},
    )
    assert r.status_code == 201
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 404


def test_a_ranged_put_of_a_stored_blob_must_carry_the_bytes(live: LiveServer, world: World) -> None:
    photo = os.urandom(2500)
    sha = _named_by_team_b(live, world, photo)
    a = Api(live.url).login("inspector_a")
    whole = {"Content-Range": f"bytes 0-{len(photo) - 1}/{len(photo)}"}
    wrong = a.request("PUT", f"/api/v1/blobs/{sha}", data=os.urandom(len(photo)), headers=whole)
    assert wrong.status_code == 400
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 404
    assert a.request("PUT", f"/api/v1/blobs/{sha}", data=photo, headers=whole).status_code == 200
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 200
