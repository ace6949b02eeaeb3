"""Photo evidence: the file is made durable first, then one action records it.

A photo is checked whole before anything is written (``photos.check_photo``): too
large to sync, not a photo, damaged or truncated, or a decompression bomb is refused
with a message. Its copy for documents is written beside it and named on its row.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update

from inspector_app.domain.entities import Outcome, item_result_id
from inspector_app.services._guards import (
    FIELD_CAPTION,
    aware,
    check_editable,
    check_text,
    item_row,
    task_row,
)
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, NotFound
from inspector_app.services.messages import Text
from inspector_app.services.photos import check_photo, make_document_copy
from inspector_app.services.profile import Profile
from inspector_app.store.codec import item_result_to_json
from inspector_app.store.errors import StoreError
from inspector_app.store.models import EvidenceRow, ItemResultRow
from inspector_app.store.repositories import item_result_entity

log = logging.getLogger(__name__)

EMPTY_PHOTO = Text(
    "evidence.empty",
    en="The photo file is empty. Take the photo again.",
    zh="照片文件是空的，请重新拍摄。",
)
NOT_A_PHOTO = Text(
    "evidence.not_a_photo",
    en="This file is not a JPEG or PNG photo. Choose a photo file.",
    zh="该文件不是 JPEG 或 PNG 照片，请选择照片文件。",
)
DAMAGED_PHOTO = Text(
    "evidence.damaged",
    en="The photo file is damaged ({detail}). Take the photo again or choose another file.",
    zh="照片文件已损坏（{detail}），请重新拍摄或选择其他文件。",
)
WRONG_TYPE = Text(
    "evidence.wrong_type",
    en="The file is {sniffed}, not {mime}. Choose the right file.",
    zh="该文件是 {sniffed}，不是 {mime}，请选择正确的文件。",
)
NOT_ATTACHED = Text(
    "evidence.not_attached",
    en="Photo {sha}… is not attached to this item.",
    zh="照片 {sha}… 没有附在此检查项目上。",
)
NOT_ON_LAPTOP = Text(
    "evidence.not_on_laptop",
    en="The photo {sha}… is not on this laptop ({detail}).",
    zh="本机没有照片 {sha}…（{detail}）。",
)
CANNOT_READ = Text(
    "evidence.cannot_read",
    en="Cannot read {path}: {reason}. Choose another file.",
    zh="无法读取 {path}：{reason}。请选择其他文件。",
)
CAPTURE_TIME = Text("evidence.capture_time", en="capture time", zh="拍摄时间")


def sniff_image(data: bytes) -> str:
    """The MIME type of a JPEG or PNG photo; InvalidInput for anything else."""
    return check_photo(data).mime


def attach_evidence(
    profile: Profile,
    task_id: str,
    item_id: str,
    data: bytes,
    *,
    mime: str | None = None,
    caption: str = "",
    captured_at: datetime | None = None,
    reason: str | None = None,
) -> tuple[str, Changes]:
    """Attach a photo to an item; return its SHA-256.

    The photo and its copy for documents are written and fsynced before the
    transaction that names them. An
    item without a result yet gets one with outcome ``not_checked`` holding the
    photo (the outcome is recorded later). Attaching the same photo to the same
    item again changes nothing. ``mime``, when given, must match the bytes.
    """
    user = profile.require_user()
    check_text(caption, FIELD_CAPTION)
    photo = check_photo(data, long_side=profile.photo_long_side)
    sniffed = photo.mime
    if mime is not None and mime != sniffed:
        raise InvalidInput(WRONG_TYPE, sniffed=sniffed, mime=mime)
    captured_at = aware(captured_at, CAPTURE_TIME)
    # Refuse early what the transaction would refuse, so no orphan file is written.
    with profile.db.session() as session:
        task = task_row(session, task_id)
        item_row(session, task, item_id)
        check_editable(task, reason)

    sha = profile.blobs.put(data)  # durable before any row names it
    copy_sha = sha if photo.copy is None else profile.blobs.put(photo.copy)

    rid = item_result_id(task_id, item_id)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        item_row(s, task, item_id)
        clean_reason = check_editable(task, reason)
        if s.get(EvidenceRow, (sha, task_id, item_id)) is not None:
            return sha, Changes()
        s.add(
            EvidenceRow(
                sha256=sha,
                task_id=task_id,
                item_id=item_id,
                mime=sniffed,
                size=len(data),
                caption=caption,
                captured_at=captured_at,
                created_by=user.id,
                created_at=act.at,
                copy_sha256=copy_sha,
            )
        )
        row = s.get(ItemResultRow, rid)
        previous = None if row is None else item_result_to_json(item_result_entity(row))
        if row is None:
            row = ItemResultRow(
                id=rid,
                task_id=task_id,
                item_id=item_id,
                outcome=Outcome.NOT_CHECKED.value,
                note="",
                measurements={},
                evidence=[],
                corrected_on_site=False,
                deadline=None,
                recorded_by=user.id,
                recorded_at=act.at,
                rev=1,
                base_rev=None,
            )
            s.add(row)
        else:
            row.rev += 1
        row.evidence = [*row.evidence, sha]  # a new list, so the JSON column is saved
        row.dirty = True
        audit: dict[str, object] = {
            "evidence": {
                "sha256": sha,
                "mime": sniffed,
                "size": len(data),
                "caption": caption,
                "captured_at": None if captured_at is None else captured_at.isoformat(),
            },
            "previous": previous,
        }
        if clean_reason is not None:
            audit["reason"] = clean_reason
        act.record(
            "item_result",
            rid,
            row.base_rev,
            item_result_to_json(item_result_entity(row)),
            action="attach_evidence",
            audit=audit,
        )
    return sha, Changes(
        tasks=frozenset({task_id}),
        item_results=frozenset({rid}),
        evidence=frozenset({sha}),
        outbox=True,
    )


def detach_evidence(
    profile: Profile,
    task_id: str,
    item_id: str,
    sha256: str,
    *,
    reason: str | None = None,
) -> Changes:
    """Take a photo off an item: one action (the item result without it, its outbox
    entry and an audit event naming the photo). The file stays on this laptop.

    What a user does with a photo the server refused (too large for its limit): the
    earlier changes naming it are then superseded by this one at the next sync.
    """
    user = profile.require_user()
    rid = item_result_id(task_id, item_id)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        item_row(s, task, item_id)
        clean_reason = check_editable(task, reason)
        row = s.get(ItemResultRow, rid)
        if row is None or sha256 not in row.evidence:
            raise NotFound(NOT_ATTACHED, sha=sha256[:12])
        previous = item_result_to_json(item_result_entity(row))
        row.evidence = [h for h in row.evidence if h != sha256]  # a new list: saved
        row.rev += 1
        row.dirty = True
        evidence = s.get(EvidenceRow, (sha256, task_id, item_id))
        if evidence is not None:
            s.delete(evidence)
        audit: dict[str, object] = {"detached": sha256, "previous": previous}
        if clean_reason is not None:
            audit["reason"] = clean_reason
        act.record(
            "item_result",
            rid,
            row.base_rev,
            item_result_to_json(item_result_entity(row)),
            action="detach_evidence",
            audit=audit,
        )
    return Changes(
        tasks=frozenset({task_id}),
        item_results=frozenset({rid}),
        evidence=frozenset({sha256}),
        outbox=True,
    )


def document_image(profile: Profile, sha256: str) -> bytes:
    """The image bytes a document prints for the evidence photo ``sha256``: its copy.

    A row from before copies (or a photo that came down from the server) gets its copy
    made now and remembered; an original no decoder can read is returned as it is, as
    documents printed it before. NotFound when the photo is not on this laptop.
    """
    with profile.db.session() as s:
        copies = {
            c
            for c in s.scalars(select(EvidenceRow.copy_sha256).where(EvidenceRow.sha256 == sha256))
            if c is not None
        }
    for copy in sorted(copies):
        if profile.blobs.exists(copy):
            return profile.blobs.read(copy)
    try:
        original = profile.blobs.read(sha256)
    except StoreError as exc:
        raise NotFound(NOT_ON_LAPTOP, sha=sha256[:12], detail=str(exc)) from exc
    try:
        copy_bytes = make_document_copy(original, long_side=profile.photo_long_side)
    except Exception as exc:  # noqa: BLE001 - any decoder error: print the original
        log.warning("photo %s has no document copy (%s); printing the original", sha256, exc)
        return original
    copy_sha = profile.blobs.put(copy_bytes)  # durable before the rows name it
    with profile.db.write() as s:
        # A rebuildable cache beside the evidence, not a change of the record: nothing
        # to send, nothing to audit.
        s.execute(
            update(EvidenceRow).where(EvidenceRow.sha256 == sha256).values(copy_sha256=copy_sha)
        )
    return copy_bytes


def read_evidence(profile: Profile, sha256: str) -> bytes:
    """A photo's bytes, checked against its hash (``BlobCorrupt`` says when it was damaged)."""
    return profile.blobs.read(sha256)


def attach_photo_file(
    profile: Profile,
    task_id: str,
    item_id: str,
    path: Path,
    *,
    reason: str | None = None,
) -> tuple[str, Changes]:
    """Attach the photo in ``path`` (a file picked or dropped), captioned with its name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(CANNOT_READ, path=path, reason=exc.strerror) from exc
    return attach_evidence(profile, task_id, item_id, data, caption=path.name, reason=reason)
