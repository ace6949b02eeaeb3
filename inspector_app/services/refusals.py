"""What the server would not take, and why: the changes a person has to act on.

A change is refused for good (``forbidden``, an ``op_id`` reused, a record the server
cannot read) or set aside by this laptop because the server refused a file it names
(``blob_refused:``, a photo over the server's limit). Everything else was sent; these
stay here, with their reasons, until someone acts: a photo set aside is detached from
its item (``detach_evidence``), after which the next sync marks those changes
superseded and they leave this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from inspector_app.services.profile import Profile
from inspector_app.store.sync_records import rejected_rows
from inspector_app.sync.report import BLOB_REFUSED_PREFIX


@dataclass(frozen=True, slots=True)
class RefusedChange:
    op_id: str
    entity: str  # item_result, inspection, document…
    entity_id: str
    recorded_at: datetime
    reason: str  # as recorded: the server's answer, or ``blob_refused:<sha256>: why``
    task_id: str | None = None
    item_id: str | None = None
    blob: str | None = None  # the file the server refused, when that is the reason
    advice: str = ""  # what to do next, in a sentence


def list_refused(profile: Profile) -> list[RefusedChange]:
    """Every change the server refused or this laptop set aside, oldest first."""
    with profile.db.session() as s:
        rows = list(rejected_rows(s))
    out = []
    for row in rows:
        data = row.data or {}
        reason = row.reason or "rejected"
        blob = None
        if reason.startswith(BLOB_REFUSED_PREFIX):
            blob = reason[len(BLOB_REFUSED_PREFIX) :].split(":", 1)[0]
        task_id = data.get("task_id") if isinstance(data.get("task_id"), str) else None
        item_id = data.get("item_id") if isinstance(data.get("item_id"), str) else None
        out.append(
            RefusedChange(
                op_id=row.op_id,
                entity=row.entity,
                entity_id=row.entity_id,
                recorded_at=row.recorded_at,
                reason=reason,
                task_id=task_id,
                item_id=item_id,
                blob=blob,
                advice=_advice(row.entity, reason, blob),
            )
        )
    return out


def _advice(entity: str, reason: str, blob: str | None) -> str:
    if blob is not None and entity == "item_result":
        return (
            f"Detach photo {blob[:12]}… from this item, attach a smaller copy if it is "
            "needed, and sync again; this change then stops waiting."
        )
    if blob is not None:
        return f"The file {blob[:12]}… cannot be uploaded; ask your administrator."
    if entity == "review":  # issue 12: the review stays, refused; the visit is reviewed anew
        code = reason.partition(":")[0].strip()
        if code in ("visit_state", "review_round"):
            return (
                "The visit changed on the server before this review arrived (returned, "
                "resubmitted or already reviewed); sync and review its current submission."
            )
        if code == "own_visit":
            return "An inspector never reviews their own visit; another lead of the team does."
        if code == "forbidden":
            return "Only the lead of the visit's team reviews it; sign in again if teams changed."
    if reason == "forbidden":
        return "You may not change this record (the task is not your team's); ask your lead."
    return "The server refused this change; ask your administrator, quoting the reason."


__all__ = ["RefusedChange", "list_refused"]
