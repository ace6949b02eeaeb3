"""Four laptops (inspector1; inspector2 on two laptops; the lead) work on one joint task
offline and sync in random order: every edit is applied or kept as a conflict,
nothing is silently overwritten, and a person's pick settles it everywhere."""

from __future__ import annotations

import random
import uuid

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import Outcome
from inspector_app.services import (
    get_results,
    get_task,
    list_conflicts,
    record_item_result,
    resolve_conflict,
    start_inspection,
    sync,
)
from inspector_app.store.models import OutboxRow


def _outbox(profile) -> list[OutboxRow]:  # type: ignore[no-untyped-def]
    with profile.db.session() as s:
        return list(s.scalars(select(OutboxRow)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_offline_edits_on_one_joint_task_are_applied_or_kept(make_laptop, server, seed) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(seed)
    one = make_laptop("inspector1", f"c{seed}-one")
    two_a = make_laptop("inspector2", f"c{seed}-two-a")
    two_b = make_laptop("inspector2", f"c{seed}-two-b")
    lead = make_laptop("lead", f"c{seed}-lead")
    everyone = [one, two_a, two_b, lead]
    for p in everyone:  # (earlier seeds left conflicts on other tasks: exit 1 is fine)
        first = sync(p)
        assert first.unreachable is None and not first.rejected and first.pending == 0
    task = sorted(t.id for t in [*get_task.__globals__["list_tasks"](one)])[seed]
    items = [i.id for i in get_task(one, task).checklist]
    written: dict[str, set[str]] = {}  # record id -> notes written offline

    def edit(profile, name: str, item: str) -> None:  # type: ignore[no-untyped-def]
        note = f"{name}: {uuid.uuid4().hex[:6]}"
        record_item_result(profile, task, item, outcome=Outcome.NONCOMPLIANT, note=note)
        written.setdefault(f"{task}:{item}", set()).add(note)

    for profile, name in ((one, "one"), (two_a, "two_a"), (two_b, "two_b")):
        start_inspection(profile, task)
        edit(profile, name, items[0])  # all three meet on the same record
    edit(two_a, "two_a", items[1])  # the same person on two laptops
    edit(two_b, "two_b", items[1])
    edit(one, "one", items[2])  # and one edit nobody else makes
    edit(one, "one-again", items[2])  # edits in sequence on one laptop are not conflicts
    written[f"{task}:{items[2]}"] = {n for n in written[f"{task}:{items[2]}"] if "again" in n}
    # The lead's laptop only reads here: the server refuses a review of a visit that
    # is not submitted (tests/server/test_review.py covers reviews).

    order = everyone[:]
    rnd.shuffle(order)
    for p in order:
        assert sync(p).unreachable is None
    for _ in range(2):
        for p in everyone:
            sync(p)

    ledger = server.ledger()
    for p in everyone:
        for row in _outbox(p):
            assert row.state in ("applied", "duplicate", "conflict"), (row.entity, row.reason)
            assert ledger[row.op_id] in ("applied", "conflict")
    for record_id, notes in written.items():
        rec = server.record("item_result", record_id)
        kept = {rec.data["note"]} | {
            sib.data["note"] for sib in server.siblings("item_result", record_id)
        }
        assert kept == notes, record_id  # every edit is somewhere; nothing overwritten
    # Everyone of the team sees the conflicts; the lead too (it reads the team's work).
    contested = f"{task}:{items[0]}"
    for p in everyone:
        open_ = [c for c in list_conflicts(p) if c.entity_id == contested]
        assert len(open_) == 2, p.folder.name
        assert all(c.local["data"] and c.remote["data"] for c in open_)
        assert sync(p).exit_code == 1  # conflicts open: IT's scheduled sync reports it

    # inspector1 picks one version; after a round of syncs nobody holds a conflict for it.
    pick = next(c for c in list_conflicts(one) if c.entity_id == contested)
    chosen = pick.remote["data"]["note"]
    resolve_conflict(one, pick.id, keep="remote")
    for _ in range(2):
        for p in everyone:
            sync(p)
    assert server.siblings("item_result", contested) == []
    assert server.record("item_result", contested).data["note"] == chosen
    for p in everyone:
        assert not [c for c in list_conflicts(p) if c.entity_id == contested]
        if p is not lead:
            assert get_results(p, task)[items[0]].note == chosen
