"""Pull: pages from the stored cursor, each applied in one transaction with its cursor.

Rules, in the order they bite:
* a record with a local edit the server has not acknowledged (dirty row, or an
  outbox entry pending or rejected) is not overwritten;
* a task cancelled or reassigned on the server while this laptop holds work for it
  keeps the work and is flagged (``tasks.server_state``);
* a record whose task has not arrived yet is parked in ``sync_state`` (in the same
  transaction) and applied when its task comes, so no page order loses it;
* siblings the server keeps for a record become local conflict records.
Files named by results that came down are fetched afterwards ("download").
"""

from __future__ import annotations

import hashlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.entities import Observer, TaskStatus
from inspector_app.domain.serialization import item_result_from_json, task_from_json
from inspector_app.store.codec import INSPECTION_DETAILS
from inspector_app.store.models import (
    DispositionRow,
    DocumentRow,
    EvidenceRow,
    InspectionRow,
    ItemResultRow,
    NumberBlockRow,
    ReferenceRow,
    ReviewRow,
    SignatureRow,
    SyncStateRow,
    TaskRow,
)
from inspector_app.store.repositories import (
    CANCELLED,
    delete_state,
    get_state,
    set_state,
    upsert_task,
)
from inspector_app.store.reviews import store_pulled as store_pulled_review
from inspector_app.store.sync_records import (
    add_conflict,
    conflict_for_sibling,
    conflicts_for,
    drop_task,
    existing_task_revs,
    flag_task,
    has_unacknowledged_edit,
    insert_new_tasks,
    task_exists,
    task_has_local_work,
)
from inspector_app.store.types import utcnow
from inspector_app.sync.client import ServerUnreachable
from inspector_app.sync.context import SyncRun
from inspector_app.sync.protocol import Change, ReviewData

log = logging.getLogger(__name__)

CURSOR_KEY = "pull_cursor"
PARKED = "parked:"
WANTED = "blob_wanted:"
SIGNATURE_WANTED = "signature_wanted:"
TASK_SCOPED = ("item_result", "inspection", "document", "disposition", "signature", "review")
_LIFECYCLE = {s.value for s in TaskStatus}


def pull_changes(run: SyncRun) -> None:
    """Pages one after another; the next page is fetched while this one is applied, so
    the network (and the server) work while the laptop writes. The cursor is stored
    with each page's changes only: a page fetched ahead and never applied (cancel,
    crash, error) is simply fetched again next time."""
    with run.db.session() as s:
        cursor = get_state(s, CURSOR_KEY)
    received = 0
    wire = 0
    with ThreadPoolExecutor(1, thread_name_prefix="pull-ahead") as ahead:
        pending = ahead.submit(run.client.pull, cursor, run.tuning.pull_first_page)
        try:
            while not run.cancelled():
                page, size = pending.result()
                if page.more:
                    pending = ahead.submit(run.client.pull, page.cursor, run.tuning.pull_page)
                with run.db.write() as s:
                    _apply_page(run, s, page.changes)
                    set_state(s, CURSOR_KEY, page.cursor)
                received += len(page.changes)
                wire += size
                run.report.pulled += len(page.changes)
                run.emit("pull", received, None, wire, None)
                if not page.more:
                    run.report.pull_complete = True
                    run.report.held_back = page.held_back
                    return
        finally:
            # A page still in flight is waited for by the executor and dropped.
            pending.cancel()


def _apply_page(run: SyncRun, s: Session, changes: list[Change]) -> None:
    now = utcnow()
    tasks = [c for c in changes if c.entity == "task"]
    if tasks:
        _apply_tasks(run, s, tasks, now)
    for change in changes:
        if change.entity == "task":
            if change.conflicts:
                _apply_conflicts(run, s, change, now)
            continue
        if change.entity in TASK_SCOPED:
            task_id = _task_of(change)
            if task_id is not None and not task_exists(s, task_id):
                set_state(s, f"{PARKED}{change.entity}:{change.id}", change.model_dump_json())
                continue
        _apply_one(run, s, change, now)
    if tasks:
        _unpark(run, s, now)


def _task_of(change: Change) -> str | None:
    if change.entity in ("item_result", "disposition", "signature"):
        return change.id.partition(":")[0]
    if change.data is not None and isinstance(change.data.get("task_id"), str):
        return str(change.data["task_id"])
    return None


def _unpark(run: SyncRun, s: Session, now: datetime) -> None:
    parked = s.scalars(select(SyncStateRow).where(SyncStateRow.key.startswith(PARKED))).all()
    for row in parked:
        change = Change.model_validate_json(row.value)
        task_id = _task_of(change)
        if task_id is None or task_exists(s, task_id):
            s.delete(row)
            _apply_one(run, s, change, now)


# -- tasks --------------------------------------------------------------------------------


def _apply_tasks(run: SyncRun, s: Session, changes: list[Change], now: datetime) -> None:
    held = existing_task_revs(s, {c.id for c in changes})
    fresh: dict[str, tuple[dict[str, Any], int]] = {}
    readable = _ReadableTasks()
    for change in changes:
        if change.op == "delete" or change.data is None:
            fresh.pop(change.id, None)
            if change.id in held:
                if task_has_local_work(s, change.id):
                    flag_task(s, change.id, CANCELLED)
                    run.report.flagged_tasks.append(change.id)
                else:
                    drop_task(s, change.id)
                    held.pop(change.id)
            continue
        if change.id not in held:
            try:
                readable.check(change.data)  # refuse what the codec cannot read
            except (KeyError, ValueError, TypeError) as exc:
                log.error("task %s from the server cannot be read (%s); skipped", change.id, exc)
                continue
            fresh[change.id] = (change.data, change.rev)  # the last version in the page wins
            continue
        try:
            task = replace(task_from_json(change.data), rev=change.rev)
        except (KeyError, ValueError, TypeError) as exc:
            log.error("task %s from the server cannot be read (%s); skipped", change.id, exc)
            continue
        upsert_task(s, task, now=now, user_id=run.user_id)
        row = s.get(TaskRow, change.id)
        if row is not None and row.server_state is not None and task_has_local_work(s, row.id):
            run.report.flagged_tasks.append(row.id)
    insert_new_tasks(s, list(fresh.values()), now=now)


class _ReadableTasks:
    """Checks that the codec reads each new task, each distinct checklist once: a plan's
    tasks for the same departments carry the same merged checklist, and decoding forty
    items is most of what reading a task costs."""

    def __init__(self) -> None:
        self._checklists: set[bytes] = set()

    def check(self, data: dict[str, Any]) -> None:
        checklist = data.get("checklist") or []
        key = orjson.dumps(checklist, option=orjson.OPT_NON_STR_KEYS)
        if key in self._checklists:
            task_from_json({**data, "checklist": []})
            return
        task_from_json(data)
        self._checklists.add(key)


# -- records hanging off a task -----------------------------------------------------------


def _apply_one(run: SyncRun, s: Session, change: Change, now: datetime) -> None:
    entity = change.entity
    if entity in TASK_SCOPED and has_unacknowledged_edit(s, entity, change.id):
        run.report.kept_local += 1
    elif entity == "item_result":
        _apply_item_result(s, change)
    elif entity == "inspection":
        _apply_inspection(s, change)
    elif entity == "document":
        _apply_document(s, change, now)
    elif entity == "number_block":
        _apply_number_block(run, s, change, now)
    elif entity in ("disposition", "signature"):
        _apply_visit_record(s, change)
    elif entity == "reference":
        _apply_reference(s, change, now)
    elif entity == "review":
        _apply_review(s, change)
    # audit_event: nothing of it is kept on the laptop.
    if change.conflicts or entity in TASK_SCOPED:
        _apply_conflicts(run, s, change, now)


def _older_than_held(row: Any, change: Change) -> bool:
    """A page older than what this laptop holds (another sync of this profile fetched a
    newer one first): applying it would rewind the record to a version it left."""
    return row is not None and row.base_rev is not None and change.rev < row.base_rev


def _apply_item_result(s: Session, change: Change) -> None:
    row = s.get(ItemResultRow, change.id)
    if _older_than_held(row, change):
        return
    if change.op == "delete" or change.data is None:
        if row is not None:
            s.delete(row)
        return
    r = item_result_from_json(change.data)
    if row is None:
        row = ItemResultRow(id=change.id, task_id=r.task_id, item_id=r.item_id)
        s.add(row)
    row.outcome = r.outcome.value
    row.note = r.note
    row.measurements = dict(r.measurements)
    row.evidence = list(r.evidence)
    row.corrected_on_site = r.corrected_on_site
    row.deadline = r.deadline
    row.recorded_by = r.recorded_by
    row.recorded_at = r.recorded_at or utcnow()
    row.rev = change.rev
    row.base_rev = change.rev
    row.dirty = False
    for sha in r.evidence:
        if s.get(EvidenceRow, (sha, r.task_id, r.item_id)) is None:
            set_state(
                s,
                WANTED + sha,
                json.dumps(
                    {"task_id": r.task_id, "item_id": r.item_id, "by": r.recorded_by},
                    ensure_ascii=False,
                ),
            )


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    from inspector_app.domain.serialization import to_utc

    return to_utc(datetime.fromisoformat(str(value)))


def _apply_review(s: Session, change: Change) -> None:
    if _older_than_held(s.get(ReviewRow, change.id), change):
        return
    if change.op == "delete" or change.data is None:
        store_pulled_review(s, change.id, change.rev, None)
        return
    try:
        data = ReviewData.model_validate(change.data).model_dump(mode="json")
    except ValueError as exc:  # a malformed review would mislead a person: skip it, say so
        log.error("review %s from the server cannot be read (%s); skipped", change.id, exc)
        return
    store_pulled_review(s, change.id, change.rev, {**change.data, **data})


def _time_or_none(value: Any) -> datetime | None:
    """A time the server added, or None when it is missing or unreadable (never fatal)."""
    try:
        return _time(value)
    except (TypeError, ValueError):
        return None


def _apply_inspection(s: Session, change: Change) -> None:
    row = s.get(InspectionRow, change.id)
    if _older_than_held(row, change):
        return
    if change.op == "delete" or change.data is None:
        if row is not None:
            s.delete(row)
        return
    d = change.data
    if row is None:
        row = InspectionRow(task_id=change.id)
        s.add(row)
    row.status = str(d.get("status", "in_progress"))
    row.checked_in_at = _time(d.get("checked_in_at"))
    row.checked_out_at = _time(d.get("checked_out_at"))
    row.present = list(d.get("present") or [])
    row.observers = [
        Observer.from_json(o).to_json() for o in d.get("observers") or [] if isinstance(o, dict)
    ]
    row.party_statement = str(d.get("party_statement") or "")
    row.details = {k: d[k] for k in INSPECTION_DETAILS if isinstance(d.get(k), dict)}
    row.recorded_by = str(d.get("recorded_by") or "")
    row.submitted_at = _time_or_none(d.get("submitted_at"))
    # What the server adds when a review or a publication sets the state (issue 12).
    row.round = d["round"] if isinstance(d.get("round"), int) else None
    row.review_id = d.get("review_id") if isinstance(d.get("review_id"), str) else None
    row.reviewed_by = d.get("reviewed_by") if isinstance(d.get("reviewed_by"), str) else None
    row.reviewed_at = _time_or_none(d.get("reviewed_at"))
    row.published_at = _time_or_none(d.get("published_at"))
    row.rev = change.rev
    row.base_rev = change.rev
    row.dirty = False
    task = s.get(TaskRow, change.id)
    # A teammate checked in (or out) on another laptop: the task moves here too.
    if task is not None and task.server_state is None and row.status in _LIFECYCLE:
        task.status = row.status


def _apply_document(s: Session, change: Change, now: datetime) -> None:
    row = s.get(DocumentRow, change.id)
    if _older_than_held(row, change):
        return
    if change.op == "delete" or change.data is None:
        if row is not None and row.number is None:
            s.delete(row)
        return
    d = change.data
    number = d.get("number") if isinstance(d.get("number"), str) else None
    if number is not None:
        clash = s.scalar(
            select(DocumentRow.id).where(DocumentRow.number == number, DocumentRow.id != change.id)
        )
        if clash is not None:
            log.error("document %s names number %s, held here by %s", change.id, number, clash)
            return
    if row is None:
        row = DocumentRow(id=change.id, task_id=str(d["task_id"]), created_at=now)
        s.add(row)
    row.kind = str(d.get("kind") or "")
    row.number = number
    row.sha256 = d.get("sha256") if isinstance(d.get("sha256"), str) else None
    row.status = str(d.get("status") or "final")
    row.data = dict(d)
    row.rev = change.rev
    row.base_rev = change.rev
    row.dirty = False


def _apply_visit_record(s: Session, change: Change) -> None:
    """A teammate's disposition or signature: kept as it came (the services read ``data``)."""
    model = DispositionRow if change.entity == "disposition" else SignatureRow
    row = s.get(model, change.id)
    if change.op == "delete" or change.data is None:
        if row is not None:
            s.delete(row)
        return
    d = change.data
    if row is None:
        row = model(id=change.id, task_id=str(d.get("task_id") or _task_of(change)))
        s.add(row)
    if isinstance(row, DispositionRow):
        row.item_id = str(d.get("item_id") or change.id.partition(":")[2])
        row.status = str(d.get("status") or "assessed")
        kind = (d.get("disposition") or {}).get("kind") if row.status == "confirmed" else None
        row.kind = kind if isinstance(kind, str) else None
    else:
        row.signer = str(d.get("signer") or change.id.partition(":")[2])
    row.data = dict(d)
    row.rev = change.rev
    row.base_rev = change.rev
    row.dirty = False
    if row.data.get("sha256") and isinstance(row, SignatureRow):
        sha = str(row.data["sha256"])
        set_state(s, SIGNATURE_WANTED + sha, "1")


def _apply_reference(s: Session, change: Change, now: datetime) -> None:
    """Rule packs, benchmarks, agency settings, wording, the roster: the server's copy wins
    (reference data is written by the administrators only)."""
    row = s.get(ReferenceRow, change.id)
    if change.op == "delete" or change.data is None:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        row = ReferenceRow(id=change.id)
        s.add(row)
    row.kind = str(change.data.get("kind") or change.id.partition(":")[0])
    row.rev = change.rev
    row.data = dict(change.data)
    row.received_at = now


def _apply_number_block(run: SyncRun, s: Session, change: Change, now: datetime) -> None:
    d = change.data
    # A user's blocks are visible from all their laptops; each laptop uses only its own.
    if d is None or d.get("device_id") != run.device_id or s.get(NumberBlockRow, change.id):
        return
    s.add(
        NumberBlockRow(
            id=change.id,
            agency_code=d["agency_code"],
            kind=d["kind"],
            year=int(d["year"]),
            first=int(d["first"]),
            last=int(d["last"]),
            received_at=now,
        )
    )


# -- conflicts ----------------------------------------------------------------------------


def _apply_conflicts(run: SyncRun, s: Session, change: Change, now: datetime) -> None:
    """One local conflict per sibling; ours shows our version as ``local``.

    A conflict stays open while the server keeps its sibling, whatever happened
    here: one a person settled on this laptop opens again when the server still
    shows the sibling and the pick is no longer on its way (it was itself kept as
    a sibling, or did not name this one). A conflict closes when the server shows
    the record at a newer rev without its sibling (someone's pick); a page older
    than what the conflict already knows (one fetched by another sync of this
    profile before ours) neither closes nor rewinds it.
    """
    current = {"rev": change.rev, "data": change.data}
    live = set()
    pick_on_its_way = has_unacknowledged_edit(s, change.entity, change.id)
    for sib in change.conflicts:
        live.add(sib.op_id)
        row = conflict_for_sibling(s, change.entity, change.id, sib.op_id)
        theirs = {
            "sibling": sib.op_id,
            "op_id": sib.op_id,
            "device_id": sib.device_id,
            "user_id": sib.user_id,
            "base_rev": sib.base_rev,
            "data": sib.data,
        }
        winner = {"sibling": sib.op_id, **current}
        if row is None:
            mine = sib.device_id == run.device_id
            add_conflict(
                s,
                change.entity,
                change.id,
                local=theirs if mine else winner,
                remote=winner if mine else theirs,
                now=now,
            )
            run.report.conflicts += 1
            continue
        known = _winner_rev(row)
        if known is not None and change.rev < known:
            continue  # an older page than the one this conflict was last shown with
        if row.local.get("op_id") == sib.op_id:
            row.remote = winner
        else:
            row.local = winner
        if row.resolved and not pick_on_its_way:
            row.resolved = False
            log.warning(
                "conflict on %s %s opened again: the server still keeps sibling %s",
                change.entity,
                change.id,
                sib.op_id,
            )
    for row in conflicts_for(s, change.entity, change.id):
        sibling = row.local.get("sibling") or row.remote.get("sibling")
        if row.resolved or sibling in live:
            continue
        known = _winner_rev(row)
        if known is None or change.rev > known:
            row.resolved = True


def _winner_rev(row: Any) -> int | None:
    """The server rev a conflict last showed as the record's current version."""
    side = row.remote if "rev" in row.remote else row.local
    rev = side.get("rev")
    return rev if isinstance(rev, int) else None


# -- files named by what came down --------------------------------------------------------


def download_blobs(run: SyncRun) -> None:
    _download_signatures(run)
    with run.db.session() as s:
        wanted = [
            (r.key.removeprefix(WANTED), json.loads(r.value))
            for r in s.scalars(select(SyncStateRow).where(SyncStateRow.key.startswith(WANTED)))
        ]
    for n, (sha, where) in enumerate(wanted):
        if run.cancelled():
            return
        if not run.blobs.exists(sha):
            try:
                data = _fetch(run, sha, n, len(wanted))
            except ServerUnreachable:
                raise
            except Exception as exc:  # a 403/404: keep the wish, say why
                log.warning("file %s could not be fetched: %s", sha[:12], exc)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                log.error("file %s came down damaged; it will be fetched again", sha[:12])
                continue
            run.blobs.put(data)
            run.report.blobs_downloaded += 1
        size = run.blobs.path(sha).stat().st_size
        with run.db.write() as s:
            if (
                s.get(TaskRow, where["task_id"]) is not None
                and s.get(EvidenceRow, (sha, where["task_id"], where["item_id"])) is None
            ):
                s.add(
                    EvidenceRow(
                        sha256=sha,
                        task_id=where["task_id"],
                        item_id=where["item_id"],
                        mime=_sniff(run.blobs.path(sha)),
                        size=size,
                        caption="",
                        captured_at=None,
                        created_by=str(where.get("by") or ""),
                        created_at=utcnow(),
                    )
                )
            delete_state(s, WANTED + sha)
        run.emit("download", n + 1, len(wanted))


def _fetch(run: SyncRun, sha: str, done: int, total: int) -> bytes:
    """One file, with its bytes reported as they arrive (a big photo on a slow link)."""
    got = 0

    def count(n: int) -> None:
        nonlocal got
        got += n
        run.emit("download", done, total, got, None)

    return run.client.blob_get(sha, count)


def _download_signatures(run: SyncRun) -> None:
    """Teammates' signature images, which the documents of a shared visit print."""
    with run.db.session() as s:
        wanted = [
            r.key.removeprefix(SIGNATURE_WANTED)
            for r in s.scalars(
                select(SyncStateRow).where(SyncStateRow.key.startswith(SIGNATURE_WANTED))
            )
        ]
    for sha in wanted:
        if run.cancelled():
            return
        if not run.blobs.exists(sha):
            try:
                data = run.client.blob_get(sha)
            except ServerUnreachable:
                raise
            except Exception as exc:  # a 403/404: keep the wish, say why
                log.warning("signature %s could not be fetched: %s", sha[:12], exc)
                continue
            if hashlib.sha256(data).hexdigest() != sha:
                log.error("signature %s came down damaged; it will be fetched again", sha[:12])
                continue
            run.blobs.put(data)
            run.report.blobs_downloaded += 1
        with run.db.write() as s:
            delete_state(s, SIGNATURE_WANTED + sha)


def _sniff(path: Any) -> str:
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"%PDF"):
        return "application/pdf"
    return "application/octet-stream"


__all__ = ["CURSOR_KEY", "download_blobs", "pull_changes"]
