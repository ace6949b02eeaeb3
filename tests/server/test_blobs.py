"""Blobs: hash check, size limit, dedupe, atomic write, reading only via a visible record."""

from __future__ import annotations

import hashlib
import os
import uuid

from .conftest import Api, LiveServer, World, mutation


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_put_head_get_and_dedupe(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    photo = os.urandom(10_000)
    sha = _sha(photo)
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 404
    assert a.request("PUT", f"/api/v1/blobs/{sha}", data=photo).status_code == 201
    assert a.request("PUT", f"/api/v1/blobs/{sha}", data=photo).status_code == 200
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 200
    r = a.get(f"/api/v1/blobs/{sha}")  # the uploader may read it back
    assert r.status_code == 200 and r.content == photo
    stored = live.settings.blob_dir / sha[:2] / sha
    assert stored.read_bytes() == photo
    assert list((live.settings.blob_dir / "tmp").iterdir()) == []


def test_hash_mismatch_is_400_and_nothing_kept(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    sha = _sha(b"what I claim")
    r = a.request("PUT", f"/api/v1/blobs/{sha}", data=b"what I send")
    assert r.status_code == 400 and "hash" in r.json()["detail"]
    assert a.request("HEAD", f"/api/v1/blobs/{sha}").status_code == 404
    assert not (live.settings.blob_dir / sha[:2] / sha).exists()


def test_oversized_blob_is_413(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    big = os.urandom(live.settings.max_blob_bytes + 1)
    assert a.request("PUT", f"/api/v1/blobs/{_sha(big)}", data=big).status_code == 413

    def chunks():  # no Content-Length: the limit is enforced while streaming
        for i in range(0, len(big), 8192):
            yield big[i : i + 8192]

    r = a.request("PUT", f"/api/v1/blobs/{_sha(big)}", data=chunks())
    assert r.status_code == 413
    assert a.request("HEAD", f"/api/v1/blobs/{_sha(big)}").status_code == 404


def test_bad_hash_in_path_is_422(live: LiveServer, world: World) -> None:
    a = Api(live.url).login("inspector_a")
    assert a.request("PUT", "/api/v1/blobs/NOTAHASH", data=b"x").status_code == 422


def test_blob_readable_only_by_those_who_see_a_record_naming_it(
    live: LiveServer, world: World
) -> None:
    a = Api(live.url).login("inspector_a")
    photo = os.urandom(500)
    sha = _sha(photo)
    a.request("PUT", f"/api/v1/blobs/{sha}", data=photo)
    item_id = f"item-{uuid.uuid4().hex[:6]}"
    (res,) = a.push(
        mutation(
            "item_result",
            f"{world.task_a}:{item_id}",
            {
                "task_id": world.task_a,
                "item_id": item_id,
                "outcome": "noncompliant",
                "evidence": [sha],
            },
        )
    )
    assert res["status"] == "applied"
    teammate = Api(live.url).login("inspector_a2")
    lead = Api(live.url).login("lead")
    outsider = Api(live.url).login("inspector_b")
    other_lead = Api(live.url).login("lead_b")
    admin = Api(live.url).login("admin")
    for api in (teammate, lead, admin):
        r = api.get(f"/api/v1/blobs/{sha}")
        assert r.status_code == 200 and r.content == photo
    for api in (outsider, other_lead):
        assert api.get(f"/api/v1/blobs/{sha}").status_code == 404
    assert Api(live.url).get(f"/api/v1/blobs/{sha}").status_code == 401
    assert admin.get(f"/api/v1/blobs/{'0' * 64}").status_code == 404
