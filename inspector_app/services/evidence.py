"""Photo evidence: the file is made durable first, then one action records it."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, UnidentifiedImageError

from inspector_app.domain.entities import Outcome, item_result_id
from inspector_app.services._guards import aware, check_editable, item_row, task_row
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.store.codec import item_result_to_json
from inspector_app.store.models import EvidenceRow, ItemResultRow
from inspector_app.store.repositories import item_result_entity

_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))

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
CAPTURE_TIME = Text("evidence.capture_time", en="capture time", zh="拍摄时间")


def sniff_image(data: bytes) -> str:
    """The MIME type of a JPEG or PNG photo; InvalidInput for anything else."""
    if not data:
        raise InvalidInput(EMPTY_PHOTO)
    if not any(data.startswith(magic) for magic, _ in _MAGIC):
        raise InvalidInput(NOT_A_PHOTO)
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(DAMAGED_PHOTO, detail=str(exc)) from exc
    if fmt not in _FORMATS:
        raise InvalidInput(NOT_A_PHOTO)
    return _FORMATS[fmt]


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

    The blob is written and fsynced before the transaction that names it. An
    item without a result yet gets one with outcome ``not_checked`` holding the
    photo (the outcome is recorded later). Attaching the same photo to the same
    item again changes nothing. ``mime``, when given, must match the bytes.
    """
    user = profile.require_user()
    sniffed = sniff_image(data)
    if mime is not None and mime != sniffed:
        raise InvalidInput(WRONG_TYPE, sniffed=sniffed, mime=mime)
    captured_at = aware(captured_at, CAPTURE_TIME)
    # Refuse early what the transaction would refuse, so no orphan file is written.
    with profile.db.session() as session:
        task = task_row(session, task_id)
        item_row(session, task, item_id)
        check_editable(task, reason)

    sha = profile.blobs.put(data)  # durable before any row names it

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
