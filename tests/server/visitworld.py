"""A visit driven as the laptops drive it: one inspection record per task, pushed with
the statuses the client sets; reviews as a lead's laptop makes them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from inspector_app.domain.enforcement import (
    Decision,
    DispositionRecord,
    DispositionStatus,
    FollowUpResult,
    disposition_record_to_json,
)
from inspector_app.domain.entities import Disposition, DispositionKind
from inspector_app.domain.findings import Assessment
from inspector_server.core.db import write_session
from inspector_server.models_visits import Visit
from inspector_server.services import sync

from .conftest import Api, LiveServer, World, mutation, task_data


def new_task(
    live: LiveServer,
    world: World,
    inspectors: list[str] | None = None,
    **changes: Any,
) -> str:
    """A fresh visit of team A (inspector_a, inspector_a2 unless named)."""
    task_id = str(uuid.uuid4())
    ids = inspectors or [world.users["inspector_a"], world.users["inspector_a2"]]
    with write_session(live.factory) as s:
        sync.server_put(
            s,
            entity="task",
            record_id=task_id,
            data={**task_data(task_id, world.team_a, ids), **changes},
            task_id=task_id,
            team_id=world.team_a,
        )
    return task_id


class Visit_:
    """One laptop's view of a visit: it pushes the inspection record as the client does."""

    def __init__(self, live: LiveServer, api: Api, task_id: str) -> None:
        self.live, self.api, self.task_id = live, api, task_id
        self.data: dict[str, Any] = {
            "task_id": task_id,
            "status": "assigned",
            "checked_in_at": None,
            "checked_out_at": None,
            "present": [],
            "party_statement": "",
            "recorded_by": "",
        }

    def push(self, **changes: Any) -> dict[str, Any]:
        self.data.update(changes)
        base = self.live.rev("inspection", self.task_id)
        (result,) = self.api.push(mutation("inspection", self.task_id, dict(self.data), base))
        return result

    def check_in(self, at: str = "2026-11-05T09:00:00+08:00") -> dict[str, Any]:
        return self.push(status="in_progress", checked_in_at=at, checked_out_at=None)

    def record(self, item: str, outcome: str = "compliant", **extra: Any) -> dict[str, Any]:
        rid = f"{self.task_id}:{item}"
        data = {"task_id": self.task_id, "item_id": item, "outcome": outcome, **extra}
        (result,) = self.api.push(
            mutation("item_result", rid, data, self.live.rev("item_result", rid))
        )
        return result

    def decide(
        self,
        item: str,
        kind: str,
        deadline: date | None = None,
        *,
        followed_up: date | None = None,
    ) -> dict[str, Any]:
        """The item's disposition record as the laptop writes it (its wire JSON): ``kind``
        confirmed, ordering correction by ``deadline``; with the follow-up's result
        (corrected) when ``followed_up`` names its day."""
        record = DispositionRecord(
            task_id=self.task_id,
            item_id=item,
            assessment=Assessment(),
            status=DispositionStatus.CONFIRMED,
            decision=Decision.ACCEPTED,
            disposition=Disposition(DispositionKind(kind), "T-1", (), "", deadline=deadline),
            follow_up=None if followed_up is None else FollowUpResult(followed_up, True, "已改正"),
        )
        rid = f"{self.task_id}:{item}"
        data = disposition_record_to_json(record)
        (result,) = self.api.push(
            mutation("disposition", rid, data, self.live.rev("disposition", rid))
        )
        return result

    def complete(self, at: str = "2026-11-05T11:00:00+08:00") -> dict[str, Any]:
        return self.push(status="completed", checked_out_at=at)

    def submit(self, at: str = "2026-11-05T12:00:00+08:00") -> dict[str, Any]:
        return self.push(status="submitted", submitted_at=at)


def review(
    api: Api,
    world: World,
    task_id: str,
    decision: str,
    *,
    rnd: int = 1,
    comment: str = "",
    item_comments: list[dict[str, str]] | None = None,
    review_id: str | None = None,
    **override: Any,
) -> dict[str, Any]:
    data = {
        "task_id": task_id,
        "round": rnd,
        "decision": decision,
        "comment": comment,
        "item_comments": item_comments or [],
        "reviewer_id": world.users[api.username or ""],
        "device_id": api.device_id,
        "reviewed_at": "2026-11-06T09:30:00+08:00",
        **override,
    }
    (result,) = api.push(mutation("review", review_id or str(uuid.uuid4()), data))
    return result


def state(live: LiveServer, task_id: str) -> tuple[str, int]:
    with live.factory() as s:
        visit = s.get(Visit, task_id)
        assert visit is not None
        return visit.state, visit.round


def inspection(live: LiveServer, task_id: str) -> dict[str, Any]:
    from inspector_server.models import Record

    with live.factory() as s:
        rec = s.get(Record, ("inspection", task_id))
        assert rec is not None and rec.data is not None
        return dict(rec.data)


def submitted_visit(live: LiveServer, world: World, api: Api) -> Visit_:
    visit = Visit_(live, api, new_task(live, world))
    assert visit.check_in()["status"] == "applied"
    assert visit.record("SC-SP-001", "noncompliant", note="未亮证")["status"] == "applied"
    assert visit.complete()["status"] == "applied"
    assert visit.submit()["status"] == "applied"
    return visit
