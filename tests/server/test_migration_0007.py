"""Migration 0007_follow_up_facts: the follow-ups of a server upgraded with visits synced
are the disposition records' (as the laptops list them), no longer the item results'."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select

from inspector_server.core.db import make_engine, make_sessionmaker
from inspector_server.core.migrate import upgrade
from inspector_server.models import Record, utcnow
from inspector_server.models_visits import Visit, VisitFact
from inspector_server.services import visits

from .conftest import task_data

DUE = "2026-11-10"


def _order(item: str, followed_up: bool) -> dict[str, Any]:
    return {
        "task_id": "t-1",
        "item_id": item,
        "status": "confirmed",
        "disposition": {"kind": "order_to_correct", "deadline": DUE},
        "follow_up": {"done_on": "2026-11-11", "corrected": True, "note": "", "by": "u-1"}
        if followed_up
        else None,
    }


def test_upgrade_counts_follow_ups_from_the_disposition_records(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0006_security")
    finding = {"task_id": "t-1", "outcome": "noncompliant", "deadline": DUE}
    rows = [
        ("task", "t-1", task_data("t-1", "team-a", ["u-1", "u-2"])),
        ("inspection", "t-1", {"task_id": "t-1", "status": "completed"}),
        ("item_result", "t-1:A", {**finding, "item_id": "A"}),
        ("item_result", "t-1:B", {**finding, "item_id": "B"}),
        ("item_result", "t-1:C", {**finding, "item_id": "C"}),  # no disposition: none
        ("disposition", "t-1:A", _order("A", followed_up=False)),
        ("disposition", "t-1:B", _order("B", followed_up=True)),
    ]
    with engine.begin() as c:
        c.execute(
            insert(Record.__table__),
            [
                {
                    "entity": entity,
                    "id": record_id,
                    "rev": 1,
                    "data": d,
                    "deleted": False,
                    "task_id": "t-1",
                    "team_id": "team-a",
                    "seq": n + 1,
                    "txid": 0,
                    "updated_at": utcnow(),
                }
                for n, (entity, record_id, d) in enumerate(rows)
            ],
        )
    factory = make_sessionmaker(engine)
    # The projection as the server before 0007 kept it: a follow-up per finding with a
    # deadline (A, B and C), none from the disposition records.
    with factory() as s:
        visits.rebuild(s)
        s.execute(delete(VisitFact).where(VisitFact.fact == "follow_up"))
        s.execute(
            insert(VisitFact),
            [
                {
                    "entity": "item_result",
                    "record_id": f"t-1:{item}",
                    "fact": "follow_up",
                    "task_id": "t-1",
                    "kind": "",
                    "due_on": date.fromisoformat(DUE),
                    **visits.fact_context(s.get(Visit, "t-1")),
                }
                for item in "ABC"
            ],
        )
        s.commit()

    upgrade(engine)
    with factory() as s:
        follow_ups = s.execute(
            select(
                VisitFact.entity, VisitFact.record_id, VisitFact.due_on, VisitFact.team_id
            ).where(VisitFact.fact == "follow_up")
        ).all()
        assert [tuple(f) for f in follow_ups] == [
            ("disposition", "t-1:A", date.fromisoformat(DUE), "team-a")
        ]
        kinds = s.scalars(select(VisitFact.kind).where(VisitFact.fact == "disposition")).all()
        assert sorted(kinds) == ["order_to_correct", "order_to_correct"]
        assert s.get(Visit, "t-1").noncompliant == 3  # type: ignore[union-attr]
    engine.dispose()
