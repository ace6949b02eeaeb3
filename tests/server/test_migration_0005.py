"""Migration 0005_review_publication builds the visits of records synced before it."""

from __future__ import annotations

from sqlalchemy import insert

from inspector_server.core.db import make_engine, make_sessionmaker
from inspector_server.core.migrate import upgrade
from inspector_server.models import Record, utcnow
from inspector_server.models_visits import Visit, VisitFact

from .conftest import task_data


def test_upgrade_fills_the_visits_from_the_records(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0004_checklist_provisions")
    data = task_data("t-1", "team-a", ["u-1", "u-2"])
    data["plan"] = {"plan_id": "P", "name": "计划", "items_before": 30, "items_after": 19}
    rows = [
        ("task", "t-1", data),
        (
            "inspection",
            "t-1",
            {
                "task_id": "t-1",
                "status": "completed",
                "checked_out_at": "2026-11-05T11:00:00+08:00",
            },
        ),
        ("item_result", "t-1:A", {"task_id": "t-1", "item_id": "A", "outcome": "noncompliant"}),
        ("document", "d-1", {"task_id": "t-1", "kind": "onsite_record", "status": "final"}),
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
    upgrade(engine)
    with make_sessionmaker(engine)() as s:
        visit = s.get(Visit, "t-1")
        assert visit is not None
        assert (visit.state, visit.round, visit.noncompliant) == ("completed", 1, 1)
        assert (visit.items_before, visit.items_after, visit.departments) == (30, 19, "SZSCJG;XF")
        assert visit.day is not None and visit.day.isoformat() == "2026-11-05"
        facts = {(f.fact, f.kind, f.team_id) for f in s.query(VisitFact)}
        assert facts == {("noncompliant", "", "team-a"), ("document", "onsite_record", "team-a")}
    engine.dispose()
