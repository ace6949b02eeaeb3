"""Every endpoint × role × own/other team (issue 3 part 5).

Roles: an inspector and a team lead of team A, an admin, an anonymous caller, and
an inspector of team A whose device was revoked. Scope "own" acts on team A's task,
"other" on team B's. Each cell states what the caller must observe.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from inspector_app.sync.protocol import reason_code

from .conftest import Api, LiveServer, World, mutation, task_data

ROLES = ("inspector", "lead", "admin", "anonymous", "revoked")
SCOPES = ("own", "other")


@dataclass
class Ctx:
    live: LiveServer
    world: World
    apis: dict[str, Api]
    blobs: dict[str, str]  # scope -> sha256 named by a record of that team
    documents: dict[str, str]  # scope -> final document id

    def task(self, scope: str) -> str:
        return self.world.task_a if scope == "own" else self.world.task_b

    def team(self, scope: str) -> str:
        return self.world.team_a if scope == "own" else self.world.team_b


@pytest.fixture(scope="module")
def ctx(live: LiveServer, world: World) -> Ctx:
    admin = Api(live.url).login("admin")
    apis = {
        "inspector": Api(live.url).login("inspector_a"),
        "lead": Api(live.url).login("lead"),
        "admin": admin,
        "anonymous": Api(live.url),
        "revoked": Api(live.url).login("revoked_a"),
    }
    assert (
        admin.post(f"/api/v1/admin/devices/{apis['revoked'].device_id}/revoke").status_code == 204
    )
    blobs, documents = {}, {}
    for scope, task in (("own", world.task_a), ("other", world.task_b)):
        data = os.urandom(64)
        sha = hashlib.sha256(data).hexdigest()
        admin.request("PUT", f"/api/v1/blobs/{sha}", data=data)
        (r,) = admin.push(
            mutation(
                "item_result",
                f"{task}:photo",
                {"task_id": task, "item_id": "photo", "outcome": "compliant", "evidence": [sha]},
            )
        )
        assert r["status"] == "applied"
        doc_id = str(uuid.uuid4())
        (r,) = admin.push(
            mutation(
                "document",
                doc_id,
                {
                    "task_id": task,
                    "kind": "onsite_record",
                    "number": "N1",
                    "sha256": sha,
                    "status": "final",
                },
            )
        )
        assert r["status"] == "applied"
        blobs[scope], documents[scope] = sha, doc_id
    return Ctx(live, world, apis, blobs, documents)


def _push(api: Api, m: dict[str, Any]) -> str:
    r = api.post("/api/v1/sync/push", json={"device_id": api.device_id or "none", "mutations": [m]})
    if r.status_code != 200:
        return str(r.status_code)
    result = r.json()["results"][0]
    return result["status"] if result["status"] != "rejected" else result["reason"]


def pull(api: Api, c: Ctx, scope: str) -> str:
    r = api.get("/api/v1/sync/pull", params={"limit": 10_000})
    if r.status_code != 200:
        return str(r.status_code)
    ids = {(ch["entity"], ch["id"]) for ch in r.json()["changes"]}
    seen_task = ("task", c.task(scope)) in ids
    seen_result = ("item_result", f"{c.task(scope)}:photo") in ids
    assert seen_task == seen_result
    return "visible" if seen_task else "hidden"


def push_item_result(api: Api, c: Ctx, scope: str) -> str:
    item = uuid.uuid4().hex[:8]
    return _push(
        api,
        mutation(
            "item_result",
            f"{c.task(scope)}:{item}",
            {"task_id": c.task(scope), "item_id": item, "outcome": "compliant"},
        ),
    )


def push_inspection(api: Api, c: Ctx, scope: str) -> str:
    task = c.task(scope)  # one inspection record per visit, its id the task's
    return _push(
        api,
        mutation(
            "inspection",
            task,
            {"task_id": task, "status": "in_progress"},
            base_rev=c.live.rev("inspection", task),
        ),
    )


def push_document(api: Api, c: Ctx, scope: str) -> str:
    return _push(
        api,
        mutation(
            "document",
            str(uuid.uuid4()),
            {"task_id": c.task(scope), "kind": "onsite_record", "status": "draft"},
        ),
    )


def push_review(api: Api, c: Ctx, scope: str) -> str:
    """Authorization only: the visit is not submitted, so a review a lead may push is
    refused by the visit's state (``visit_state``), one they may not by ``forbidden``."""
    answer = _push(
        api,
        mutation(
            "review",
            str(uuid.uuid4()),
            {
                "task_id": c.task(scope),
                "round": 1,
                "decision": "returned",
                "comment": "补充照片",
                "item_comments": [],
                "reviewer_id": c.world.users.get(api.username or "", "nobody"),
                "device_id": api.device_id or "none",
                "reviewed_at": "2026-11-06T09:00:00+08:00",
            },
        ),
    )
    return reason_code(answer)


def push_task_update(api: Api, c: Ctx, scope: str) -> str:
    task = c.task(scope)
    rev = c.live.rev("task", task)
    data = task_data(task, c.team(scope), [])
    data["status"] = "in_progress"
    data["plan"] = {"touch": uuid.uuid4().hex}
    return _push(api, mutation("task", task, data, base_rev=rev))


def push_task_create(api: Api, c: Ctx, scope: str) -> str:
    task = str(uuid.uuid4())
    return _push(api, mutation("task", task, task_data(task, c.team(scope), [])))


def push_reference(api: Api, c: Ctx, scope: str) -> str:
    return _push(api, mutation("reference", f"ref-{uuid.uuid4()}", {"kind": "rule_pack"}))


def push_number_block(api: Api, c: Ctx, scope: str) -> str:
    return _push(
        api,
        mutation(
            "number_block",
            str(uuid.uuid4()),
            {"agency_code": "深市监", "kind": "onsite_record", "year": 2026, "size": 10},
        ),
    )


def get_blob(api: Api, c: Ctx, scope: str) -> str:
    return str(api.get(f"/api/v1/blobs/{c.blobs[scope]}").status_code)


def head_blob(api: Api, c: Ctx, scope: str) -> str:
    return str(api.request("HEAD", f"/api/v1/blobs/{c.blobs[scope]}").status_code)


def put_blob(api: Api, c: Ctx, scope: str) -> str:
    data = os.urandom(32)
    return str(
        api.request(
            "PUT", f"/api/v1/blobs/{hashlib.sha256(data).hexdigest()}", data=data
        ).status_code
    )


def verify_document(api: Api, c: Ctx, scope: str) -> str:
    return str(api.get(f"/api/v1/documents/{c.documents[scope]}/verify").status_code)


def health(api: Api, c: Ctx, scope: str) -> str:
    return str(api.get("/api/v1/health").status_code)


def admin_devices(api: Api, c: Ctx, scope: str) -> str:
    return str(api.get("/api/v1/admin/devices").status_code)


def admin_audit_chains(api: Api, c: Ctx, scope: str) -> str:
    return str(api.get("/api/v1/admin/audit-chains").status_code)


def admin_revoke(api: Api, c: Ctx, scope: str) -> str:
    return str(api.post(f"/api/v1/admin/devices/{c.apis['revoked'].device_id}/revoke").status_code)


F = "forbidden"
A = "applied"
# expected[endpoint] = {role: (own, other)}; anonymous/revoked default to 401 both.
EXPECTED: dict[Callable[[Api, Ctx, str], str], dict[str, tuple[str, str]]] = {
    health: {r: ("200", "200") for r in ROLES},
    verify_document: {r: ("200", "200") for r in ROLES},
    pull: {
        "inspector": ("visible", "hidden"),
        "lead": ("visible", "hidden"),
        "admin": ("visible", "visible"),
    },
    push_item_result: {"inspector": (A, F), "lead": (F, F), "admin": (A, A)},
    push_inspection: {"inspector": (A, F), "lead": (F, F), "admin": (A, A)},
    push_document: {"inspector": (A, F), "lead": (F, F), "admin": (A, A)},
    push_review: {"inspector": (F, F), "lead": ("visit_state", F), "admin": (F, F)},
    push_task_update: {"inspector": (A, F), "lead": (F, F), "admin": (A, A)},
    push_task_create: {"inspector": (F, F), "lead": (F, F), "admin": (A, A)},
    push_reference: {"inspector": (F, F), "lead": (F, F), "admin": (A, A)},
    push_number_block: {"inspector": (A, A), "lead": (A, A), "admin": (A, A)},
    # Another team's blob is, to the caller, absent (a hash is not a key).
    get_blob: {"inspector": ("200", "404"), "lead": ("200", "404"), "admin": ("200", "200")},
    head_blob: {"inspector": ("200", "404"), "lead": ("200", "404"), "admin": ("200", "200")},
    put_blob: {r: ("201", "201") for r in ("inspector", "lead", "admin")},
    admin_devices: {"inspector": ("403", "403"), "lead": ("403", "403"), "admin": ("200", "200")},
    admin_audit_chains: {
        "inspector": ("403", "403"),
        "lead": ("403", "403"),
        "admin": ("200", "200"),
    },
    admin_revoke: {"inspector": ("403", "403"), "lead": ("403", "403"), "admin": ("204", "204")},
}

CASES = [
    pytest.param(endpoint, role, scope, id=f"{endpoint.__name__}-{role}-{scope}")
    for endpoint in EXPECTED
    for role in ROLES
    for scope in SCOPES
]


@pytest.mark.parametrize(("endpoint", "role", "scope"), CASES)
def test_matrix(ctx: Ctx, endpoint: Callable[[Api, Ctx, str], str], role: str, scope: str) -> None:
    own, other = EXPECTED[endpoint].get(role, ("401", "401"))
    expected = own if scope == "own" else other
    assert endpoint(ctx.apis[role], ctx, scope) == expected


def test_forbidden_writes_were_never_applied(ctx: Ctx) -> None:
    """Whatever the matrix refused left no trace: team B's records hold only admin's writes."""
    from sqlalchemy import select

    from inspector_server.models import Record

    with ctx.live.factory() as s:
        writers = set(s.scalars(select(Record.user_id).where(Record.team_id == ctx.world.team_b)))
    assert writers <= {ctx.world.users["admin"], "server"}


def test_logout_matrix(live: LiveServer, world: World) -> None:
    for username in ("inspector_a", "lead", "admin"):
        assert Api(live.url).login(username).post("/api/v1/auth/logout").status_code == 204
    assert Api(live.url).post("/api/v1/auth/logout").status_code == 401
