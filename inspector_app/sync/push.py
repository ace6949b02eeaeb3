"""Push: blobs first, then the outbox in order and in batches, then the audit chain.

An outbox entry is done only when the server answers ``applied`` or ``duplicate``;
a ``rejected`` one stays, with the reason, for the user; a ``conflict`` becomes a
local conflict record (the server's version is filled in by the pull that follows).

One bad item never holds up the rest. A blob the server will not take (over its
limit, or bytes that no longer match their name) is not retried on every sync: the
entries naming it are set aside as ``rejected`` with the reason (never sent), and
every other entry goes; once a later change of the same record is taken (the photo
detached), they are ``superseded``. A batch the server refuses as a whole (413, 422)
is split until the one entry it refuses is found and rejected alone.
Answers are written in one transaction per batch, after the server committed: if
the laptop dies in between, the same op_ids go again and come back ``duplicate``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from inspector_app.store.audit import event_fields
from inspector_app.store.audit_check import PUSHED_KEY, record_break, verify_chain
from inspector_app.store.models import OutboxRow
from inspector_app.store.repositories import get_state, set_state
from inspector_app.store.sync_records import (
    add_conflict,
    audit_event_count,
    audit_events_after,
    conflict_for_sibling,
    count_by_state,
    pending_batch,
    settle,
    supersede_held,
)
from inspector_app.store.types import iso_utc, utcnow
from inspector_app.sync.client import RequestRefused, ServerUnreachable
from inspector_app.sync.context import SyncRun
from inspector_app.sync.protocol import (
    MAX_BLOB_BYTES,
    MISSING_BLOB_PREFIX,
    MutationResult,
    blob_refs,
)
from inspector_app.sync.report import BLOB_REFUSED_PREFIX, RejectedItem

log = logging.getLogger(__name__)

AUDIT_PUSHED_KEY = PUSHED_KEY
AUDIT_VERDICT_KEY = "audit_verdict"
_CHAIN_BROKEN = "audit chain broken"


#: Whole-batch answers that one malformed or oversized entry can cause: split the batch.
_SPLIT_ON = (413, 422)


class LocalBlobMissing(Exception):
    pass


class BlobRefused(Exception):
    """The server will not take this blob, however often it is sent."""

    def __init__(self, sha: str, why: str) -> None:
        super().__init__(why)
        self.sha = sha
        self.why = why


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _wire(row: OutboxRow) -> dict[str, Any]:
    return {
        "op_id": row.op_id,
        "entity": row.entity,
        "id": row.entity_id,
        "base_rev": row.base_rev,
        "data": row.data,
        "recorded_at": iso_utc(row.recorded_at),
    }


# -- blobs --------------------------------------------------------------------------------


def upload_blob(run: SyncRun, sha: str, *, force: bool = False) -> None:
    """HEAD, then PUT from where the server's copy stops; after a cut, ask again and go on.

    HEAD says "present" only for a blob this user may name in a record (one they
    uploaded, or one a record they may see names): the server does not take a bare
    hash as proof. ``force`` sends the bytes whatever HEAD says, from the start.

    Raises BlobRefused for a file over the protocol's limit (without sending it: on a
    site's mobile link 30 MB is minutes) or one the server answers with a 4xx.
    """
    path = run.blobs.path(sha)
    if not path.is_file():
        raise LocalBlobMissing(sha)
    total = path.stat().st_size
    if total > MAX_BLOB_BYTES:
        raise BlobRefused(
            sha, f"the file is {_mb(total)}; the server takes at most {_mb(MAX_BLOB_BYTES)}"
        )
    try:
        _upload(run, sha, path, total, force=force)
    except RequestRefused as exc:
        raise BlobRefused(sha, f"the server refused the file ({exc})") from None


def _upload(run: SyncRun, sha: str, path: Path, total: int, *, force: bool = False) -> None:
    present, held = (False, 0) if force else run.client.blob_head(sha)
    if present:
        return
    if held:
        run.report.blob_resumes += 1
    pause = run.tuning.blob_resume_pause
    failures = 0
    sent_here = 0

    def count(n: int) -> None:
        nonlocal sent_here
        sent_here += n
        run.report.bytes_uploaded += n
        run.emit("blobs", run.report.blobs_uploaded, None, sent_here, total)

    while True:
        before = held
        try:
            with path.open("rb") as source:
                source.seek(held)
                stored, held = run.client.blob_put_range(sha, source, held, total, count)
            if stored:
                run.report.blobs_uploaded += 1
                return
        except ServerUnreachable:
            failures += 1
            if failures > run.tuning.blob_resume_attempts:
                raise
            time.sleep(pause)
            try:
                present, held = run.client.blob_head(sha)
            except ServerUnreachable:
                held = before
                present = False
            if present:
                run.report.blobs_uploaded += 1
                return
            run.report.blob_resumes += 1
        if held > before:
            failures, pause = 0, run.tuning.blob_resume_pause
        else:
            pause = min(pause * 2, 10.0)
        if run.cancelled():
            return


def _upload_named(
    run: SyncRun, rows: list[OutboxRow], confirmed: set[str], refused: dict[str, str]
) -> set[str]:
    """Upload every blob these entries name; return the ones missing on this laptop.
    Blobs the server will not take go into ``refused`` with the reason."""
    missing: set[str] = set()
    for row in rows:
        for sha in blob_refs(row.entity, row.data):
            if sha in confirmed or sha in missing or sha in refused:
                continue
            try:
                upload_blob(run, sha)
            except LocalBlobMissing:
                log.error("outbox entry %s names blob %s, absent from this laptop", row.op_id, sha)
                missing.add(sha)
                continue
            except BlobRefused as exc:
                log.warning("blob %s refused: %s; the changes naming it wait", sha, exc.why)
                refused[sha] = exc.why
                continue
            if run.report.cancelled:
                return missing
            confirmed.add(sha)
    return missing


# -- mutations ----------------------------------------------------------------------------


def push_outbox(run: SyncRun) -> None:
    with run.db.session() as s:
        states = count_by_state(s)
    total = states.get("pending", 0)
    done = 0
    after = 0
    confirmed: set[str] = set()
    refused: dict[str, str] = {}
    run.emit("push", 0, total)
    while not run.cancelled():
        with run.db.session() as s:
            rows = list(pending_batch(s, after, run.tuning.push_batch))
        if not rows:
            break
        _upload_named(run, rows, confirmed, refused)
        if run.report.cancelled:
            break
        held = _held(rows, refused)
        sendable = [row for row in rows if row.op_id not in held]
        results = _send(run, sendable) if sendable else {}
        _resend_missing_blobs(run, sendable, results, confirmed, refused)
        held.update(_held(sendable, refused))
        _record_answers(run, rows, results, held)
        after = rows[-1].seq
        done += len(rows)
        run.emit("push", done, total)


def _held(rows: list[OutboxRow], refused: dict[str, str]) -> dict[str, str]:
    """op_id -> reason, for the entries naming a blob the server refused."""
    held: dict[str, str] = {}
    for row in rows:
        for sha in blob_refs(row.entity, row.data):
            if sha in refused:
                held[row.op_id] = f"{BLOB_REFUSED_PREFIX}{sha}: {refused[sha]}"
                break
    return held


def _missing_blob(result: MutationResult | None) -> str | None:
    if result is None or result.status != "rejected" or result.reason is None:
        return None
    if not result.reason.startswith(MISSING_BLOB_PREFIX):
        return None
    return result.reason[len(MISSING_BLOB_PREFIX) :]


def _resend_missing_blobs(
    run: SyncRun,
    rows: list[OutboxRow],
    results: dict[str, MutationResult],
    confirmed: set[str],
    refused: dict[str, str],
) -> None:
    """Entries answered ``missing_blob`` for a blob we took as there: the server lost it,
    or the access that let us name it ended between our HEAD and the push. Send its
    bytes (proof that we hold them) and those entries again; a few rounds, since the
    server names one missing blob per entry."""
    resent: set[str] = set()
    for _round in range(3):
        missing = {r.op_id: _missing_blob(results.get(r.op_id)) for r in rows}
        retry = [r for r in rows if missing[r.op_id] in confirmed - resent]
        if not retry:
            return
        shas = sorted({missing[r.op_id] or "" for r in retry})
        for sha in shas:
            resent.add(sha)
            confirmed.discard(sha)
            try:
                upload_blob(run, sha, force=True)
            except LocalBlobMissing:
                log.error("blob %s vanished from this laptop during sync", sha)
                continue
            except BlobRefused as exc:  # the caller sets its entries aside with the reason
                log.warning("blob %s refused: %s; the changes naming it wait", sha, exc.why)
                refused[sha] = exc.why
                continue
            if run.report.cancelled:
                for r in retry:
                    results.pop(r.op_id, None)  # they stay pending for the next run
                return
            confirmed.add(sha)
        retry = [r for r in retry if missing[r.op_id] not in refused]
        if retry:
            results.update(_send(run, retry))


def _send(run: SyncRun, rows: list[OutboxRow]) -> dict[str, MutationResult]:
    try:
        response = run.client.push(run.device_id, [_wire(r) for r in rows])
    except RequestRefused as exc:
        if exc.status not in _SPLIT_ON:
            raise
        if len(rows) == 1:  # found it: this entry alone is refused
            log.error("the server refused outbox entry %s: %s", rows[0].op_id, exc)
            op_id = rows[0].op_id
            reason = f"refused by the server ({exc})"
            return {op_id: MutationResult(op_id=op_id, status="rejected", reason=reason)}
        # Push is idempotent by op_id, so halves may be sent again safely, in order.
        half = len(rows) // 2
        return {**_send(run, rows[:half]), **_send(run, rows[half:])}
    return {r.op_id: r for r in response.results}


def _record_answers(
    run: SyncRun,
    rows: list[OutboxRow],
    results: dict[str, MutationResult],
    held: dict[str, str] | None = None,
) -> None:
    now = utcnow()
    with run.db.write() as s:
        for detached in rows:
            reason = (held or {}).get(detached.op_id)
            if reason is not None:  # never sent: set aside with the reason, in order
                row = s.get(OutboxRow, detached.seq)
                if row is not None and row.state == "pending":
                    settle(s, row, "rejected", None, reason)
                    run.report.rejected.append(
                        RejectedItem(row.op_id, row.entity, row.entity_id, reason)
                    )
                continue
            result = results.get(detached.op_id)
            if result is None:
                continue  # stays pending; sent again next time
            row = s.get(OutboxRow, detached.seq)
            if row is None or row.state != "pending":
                continue
            status = result.status
            # A duplicate carries the first answer's status in ``reason``.
            first = result.reason if status == "duplicate" else status
            if status == "applied":
                run.report.applied += 1
            elif status == "duplicate":
                run.report.duplicates += 1
            if first != "rejected":
                # The server holds a newer version of this record from this laptop:
                # the changes set aside before it (a refused photo) are now moot.
                supersede_held(s, row, BLOB_REFUSED_PREFIX)
            if first == "conflict" or status == "conflict":
                settle(s, row, "conflict", result.rev, result.reason)
                if conflict_for_sibling(s, row.entity, row.entity_id, row.op_id) is None:
                    add_conflict(
                        s,
                        row.entity,
                        row.entity_id,
                        local={
                            "sibling": row.op_id,
                            "op_id": row.op_id,
                            "device_id": run.device_id,
                            "base_rev": row.base_rev,
                            "data": row.data,
                        },
                        # The server's version arrives with the next pull.
                        remote={"sibling": row.op_id, "rev": result.rev, "data": None},
                        now=now,
                    )
                    run.report.conflicts += 1
            elif status == "rejected":
                reason = result.reason or "rejected"
                settle(s, row, "rejected", None, reason)
                run.report.rejected.append(
                    RejectedItem(row.op_id, row.entity, row.entity_id, reason)
                )
            else:
                settle(s, row, status, result.rev, result.reason)


# -- the audit chain ----------------------------------------------------------------------


def check_audit_chain(run: SyncRun) -> None:
    """Check this device's chain before anything is pushed; a break is recorded in the
    chain (once) and reported, and everything is pushed all the same.

    Why push a broken chain: holding it back would keep the field data and the
    evidence of the break on the one machine known to be damaged or tampered with;
    on the server it is safe, and flagged there by the server's own check.
    """
    seal = run.db.audit_seal
    with run.db.session() as s:
        acknowledged = int(get_state(s, AUDIT_PUSHED_KEY) or 0)
        verdict = verify_chain(
            s, run.device_id, seal=seal, acknowledged=acknowledged, from_acknowledged=True
        )
    if verdict.ok:
        return
    with run.db.write() as s:
        new = record_break(
            s,
            device_id=run.device_id,
            actor=run.user_id,
            verdict=verdict,
            seal=seal,
            at=utcnow(),
        )
    log.error("this laptop's audit trail is damaged: %s", verdict.describe())
    run.report.local_audit_verdict = verdict.describe()
    run.report.audit_break_found = run.report.audit_break_found or new


def push_audit(run: SyncRun) -> None:
    """This device's audit events after the last one acknowledged, in chain order.

    ``op_id`` is the event id, so a resend after a lost answer is a duplicate. The
    server's verdict (a broken chain) is kept in ``sync_state`` for the UI.
    """
    with run.db.session() as s:
        start = int(get_state(s, AUDIT_PUSHED_KEY) or 0)
        total = audit_event_count(s, run.device_id) - start
    done = 0
    while not run.cancelled():
        with run.db.session() as s:
            events = list(audit_events_after(s, run.device_id, start, run.tuning.audit_batch))
        if not events:
            break
        mutations = []
        for e in events:
            fields = event_fields(
                id=e.id,
                device_id=e.device_id,
                seq=e.seq,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                at=e.at,
                payload=e.payload,
                prev_hash=e.prev_hash,
            )
            mutations.append(
                {
                    "op_id": e.id,
                    "entity": "audit_event",
                    "id": e.id,
                    "base_rev": None,
                    "data": {**fields, "hash": e.hash},
                    "recorded_at": fields["at"],
                }
            )
        response = run.client.push(run.device_id, mutations)
        results = {r.op_id: r for r in response.results}
        acked = start
        verdict: str | None = None
        for e in events:
            r = results.get(e.id)
            if r is None or r.status not in ("applied", "duplicate"):
                if r is not None:
                    verdict = f"event {e.seq} refused: {r.reason}"
                break
            acked = e.seq
            # The first break names what went wrong; later ones in a batch follow from it.
            if verdict is None and r.reason and r.reason.startswith(_CHAIN_BROKEN):
                verdict = f"event {e.seq}: {r.reason}"
        with run.db.write() as s:
            set_state(s, AUDIT_PUSHED_KEY, str(acked))
            if verdict is not None and get_state(s, AUDIT_VERDICT_KEY) is None:
                set_state(s, AUDIT_VERDICT_KEY, verdict)  # the chain's first break stays
        if verdict is not None and run.report.audit_verdict is None:
            run.report.audit_verdict = verdict
        run.report.audit_events_pushed += acked - start
        done += acked - start
        run.emit("audit", done, total)
        if acked < events[-1].seq:
            break  # a refusal: do not send events after a gap
        start = acked
