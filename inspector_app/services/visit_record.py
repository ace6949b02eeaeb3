"""The visit's own record beyond the findings: the opening, the party's statement and how
it was weighed, and the signatures (or a recorded refusal to sign).

- Opening (行政处罚法第五十五条 [L]: "执法人员在调查或者进行检查时，应当主动向当事人或者有关
  人员出示执法证件"): credentials shown, rights told, who was there for the party.
- Statement (第四十五条第一款 [L]: "当事人有权进行陈述和申辩。行政机关必须充分听取当事人的
  意见，对当事人提出的事实、理由和证据，应当进行复核；当事人提出的事实、理由或者证据成立的，
  行政机关应当采纳。"): what the party said and whether and why it was accepted, printed in a
  decision's 情理 section.
- Signatures: each inspector's, the party's and a witness's, as PNG blobs by hash; a refusal
  to sign is recorded with a witness or a recording (行政强制法第十八条第（八）项 [L]: "当事人
  拒绝的，在笔录中予以注明").
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, ImageChops, UnidentifiedImageError
from sqlalchemy import select

from inspector_app.domain.enforcement import (
    Opening,
    PartyStatement,
    Signature,
    SignerRole,
    opening_from_json,
    opening_to_json,
    signature_from_json,
    signature_id,
    signature_to_json,
    statement_from_json,
    statement_to_json,
)
from inspector_app.domain.entities import TaskStatus
from inspector_app.services._guards import (
    FIELD_REASON,
    FIELD_RECORDING,
    FIELD_REPRESENTATIVE,
    FIELD_SIGNER,
    FIELD_STATEMENT,
    FIELD_WITNESS,
    aware,
    check_editable,
    check_text,
    task_row,
)
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import roster
from inspector_app.store.codec import inspection_to_json
from inspector_app.store.models import InspectionRow, SignatureRow, TaskRow

PARTY = "party"
WITNESS = "witness"
MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
MAX_SIGNATURE_PIXELS = 4000 * 4000
# A stroke is dark and opaque; a signature needs this much of it, over a few pixels.
MIN_INK_PIXELS = 60
MIN_INK_SPAN = 12  # pixels: the strokes' bounding box, each way
MAX_INK_SHARE = 0.6  # more ink than this is a filled box or a photo, not a signature

SIGNING_TIME = Text("signature.time", en="signing time", zh="签名时间")
NOT_CHECKED_IN = Text(
    "visit.not_checked_in",
    en="No one has checked in at {business} yet. Check in first.",
    zh="尚未在{business}签到，请先签到。",
)
STATEMENT_EMPTY = Text(
    "visit.statement_empty",
    en="Write down what the party stated, or record that it waived its right to state and defend.",
    zh="请记录当事人的陈述、申辩内容，或者记录当事人放弃陈述、申辩权利。",
)
STATEMENT_REASON = Text(
    "visit.statement_reason",
    en="Say why the party's statement was {verdict}: the decision prints the reason.",
    zh="请写明对当事人陈述、申辩{verdict}的理由，决定书将载明该理由。",
)
ACCEPTED = Text("visit.verdict_accepted", en="accepted", zh="予以采纳")
NOT_ACCEPTED = Text("visit.verdict_rejected", en="not accepted", zh="不予采纳")
SIGNATURE_NOT_PNG = Text(
    "signature.not_png",
    en="The signature must be a PNG image. Sign again on the pad or choose a PNG file.",
    zh="签名须为 PNG 图片。请重新在签名板上签名，或者选择 PNG 文件。",
)
SIGNATURE_DAMAGED = Text(
    "signature.damaged",
    en="The signature image cannot be read ({detail}). Sign again.",
    zh="签名图片无法读取（{detail}），请重新签名。",
)
SIGNATURE_TOO_BIG = Text(
    "signature.too_big",
    en="The signature image is too large ({size}). Sign on the pad again.",
    zh="签名图片过大（{size}），请在签名板上重新签名。",
)
SIGNATURE_EMPTY = Text(
    "signature.empty",
    en="The signature is empty or nearly so. Ask {name} to sign again, with a full signature.",
    zh="签名为空或几乎为空，请{name}重新完整签名。",
)
SIGNATURE_FILLED = Text(
    "signature.filled",
    en="This image is not a signature (it is mostly filled in). Sign again on the pad.",
    zh="该图片不是签名（大部分被涂满），请在签名板上重新签名。",
)
REFUSAL_NEEDS_PROOF = Text(
    "signature.refusal_needs_proof",
    en="A refusal to sign is recorded with a witness's name or a recording reference "
    "(行政强制法第十八条). Give one of them.",
    zh="当事人拒绝签名的，应当注明并由见证人签名或者以音像记录证明（行政强制法第十八条）。"
    "请填写见证人姓名或者音像记录编号。",
)
ONLY_PARTY_REFUSES = Text(
    "signature.only_party_refuses",
    en="Only the party's refusal to sign is recorded; an officer or a witness signs.",
    zh="只记录当事人拒绝签名；执法人员和见证人应当签名。",
)
IMAGE_OR_REFUSAL = Text(
    "signature.image_or_refusal",
    en="Give the signature image, or record that the party refused to sign (not both).",
    zh="请提供签名图片，或者记录当事人拒绝签名（二者选其一）。",
)
WITNESS_NAME = Text(
    "signature.witness_name",
    en="Give the witness's name (and unit) with the witness's signature.",
    zh="见证人签名须同时填写见证人姓名（及单位）。",
)
UNKNOWN_SIGNER = Text(
    "signature.unknown_signer",
    en="{signer} is not an inspector of this task. Sign as party, witness, or the user "
    "name of an inspector on the task ({team}).",
    zh="{signer}不是本任务的执法人员。请以 party（当事人）、witness（见证人）或者本任务执法人员"
    "的用户名（{team}）签名。",
)


def _inspection(profile: Profile, s: object, task: TaskRow) -> InspectionRow:
    row = s.get(InspectionRow, task.id)  # type: ignore[attr-defined]
    if row is None:
        raise InvalidState(NOT_CHECKED_IN, business=task.business_name)
    return row


def _save_inspection(act: object, row: InspectionRow, action: str, audit: dict) -> None:  # type: ignore[type-arg]
    row.rev += 1
    row.dirty = True
    act.record(  # type: ignore[attr-defined]
        "inspection", row.task_id, row.base_rev, inspection_to_json(row), action=action, audit=audit
    )


# -- the opening --------------------------------------------------------------------------


def get_opening(profile: Profile, task_id: str) -> Opening:
    with profile.db.session() as s:
        row = s.get(InspectionRow, task_id)
        return opening_from_json(None if row is None else (row.details or {}).get("opening"))


def record_opening(
    profile: Profile, task_id: str, opening: Opening, *, reason: str | None = None
) -> Changes:
    """Record the scripted opening: credentials shown, rights told, who was there."""
    user = profile.require_user()
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        clean = check_editable(task, reason)
        row = _inspection(profile, s, task)
        previous = (row.details or {}).get("opening")
        check_text(opening.party_representative, FIELD_REPRESENTATIVE)
        value = Opening(
            opening.party_representative.strip(), opening.credentials_shown, opening.rights_told
        )
        row.details = {**(row.details or {}), "opening": opening_to_json(value)}
        _save_inspection(act, row, "record_opening", {"previous": previous, "reason": clean})
    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}), outbox=True)


# -- the party's statement ----------------------------------------------------------------


def get_statement(profile: Profile, task_id: str) -> PartyStatement:
    with profile.db.session() as s:
        row = s.get(InspectionRow, task_id)
        if row is None:
            return PartyStatement()
        return statement_from_json(row.party_statement, (row.details or {}).get("statement"))


def record_statement(
    profile: Profile,
    task_id: str,
    *,
    text: str,
    accepted: bool | None = None,
    reason: str = "",
    waived: bool = False,
    item_ids: Sequence[str] = (),
    edit_reason: str | None = None,
) -> Changes:
    """The party's statement (陈述、申辩) and, once weighed, whether it was accepted and why.

    ``item_ids``: the findings it concerns (decisions on other findings then say the party
    stated nothing about them); empty for the whole visit."""
    user = profile.require_user()
    check_text(text, FIELD_STATEMENT)
    check_text(reason, FIELD_REASON)
    text = text.strip()
    if not text and not waived:
        raise InvalidInput(STATEMENT_EMPTY)
    if accepted is not None and not reason.strip():
        raise InvalidInput(STATEMENT_REASON, verdict=ACCEPTED if accepted else NOT_ACCEPTED)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        clean = check_editable(task, edit_reason)
        row = _inspection(profile, s, task)
        previous = {"text": row.party_statement, **((row.details or {}).get("statement") or {})}
        row.party_statement = text
        weighed = PartyStatement(
            text, accepted, reason.strip(), waived, act.at, tuple(dict.fromkeys(item_ids))
        )
        row.details = {**(row.details or {}), "statement": statement_to_json(weighed)}
        _save_inspection(act, row, "record_statement", {"previous": previous, "reason": clean})
    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}), outbox=True)


# -- signatures ---------------------------------------------------------------------------


def check_signature_image(data: bytes, *, who: str) -> None:
    """Refuse what is not a usable signature: not a PNG, damaged, huge, empty, filled."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise InvalidInput(SIGNATURE_NOT_PNG)
    if len(data) > MAX_SIGNATURE_BYTES:
        raise InvalidInput(SIGNATURE_TOO_BIG, size=f"{len(data) // 1024} KB")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_SIGNATURE_PIXELS:
                raise InvalidInput(SIGNATURE_TOO_BIG, size=f"{image.width}×{image.height}")
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(SIGNATURE_DAMAGED, detail=str(exc)) from exc
    # Ink: opaque and dark. A blank pad is white or transparent; a dot or a stray line
    # is too small to be anyone's signature.
    gray = rgba.convert("L")
    alpha = rgba.getchannel("A")
    ink = Image.eval(gray, lambda v: 255 if v < 128 else 0)
    opaque = Image.eval(alpha, lambda v: 255 if v >= 128 else 0)
    mask = ImageChops.multiply(ink, opaque)
    count = mask.histogram()[255]
    total = rgba.width * rgba.height
    box = mask.getbbox()
    if box is None or count < MIN_INK_PIXELS:
        raise InvalidInput(SIGNATURE_EMPTY, name=who)
    if box[2] - box[0] < MIN_INK_SPAN and box[3] - box[1] < MIN_INK_SPAN:
        raise InvalidInput(SIGNATURE_EMPTY, name=who)
    if count > MAX_INK_SHARE * total:
        raise InvalidInput(SIGNATURE_FILLED)


@dataclass(frozen=True, slots=True)
class Signer:
    key: str  # party, witness, or the inspector's user id
    role: SignerRole
    name: str


def _signer(profile: Profile, task: TaskRow, signer: str, name: str) -> Signer:
    if signer == PARTY:
        return Signer(PARTY, SignerRole.PARTY, name.strip())
    if signer == WITNESS:
        if not name.strip():
            raise InvalidInput(WITNESS_NAME)
        return Signer(WITNESS, SignerRole.WITNESS, name.strip())
    officers = roster(profile)
    team = [o for o in officers.values() if o.id in task.data.get("inspector_ids", ())]
    for o in team:
        if signer in (o.id, o.username):
            return Signer(o.id, SignerRole.INSPECTOR, o.display_name)
    raise InvalidInput(
        UNKNOWN_SIGNER, signer=signer, team=[o.username or o.display_name for o in team]
    )


def sign(
    profile: Profile,
    task_id: str,
    *,
    signer: str,
    image: bytes | None = None,
    refused: bool = False,
    witness: str = "",
    av_reference: str = "",
    name: str = "",
    at: datetime | None = None,
    reason: str | None = None,
) -> Changes:
    """Record a signature of the visit (``signer``: ``party``, ``witness`` or an inspector's
    user name or id), or the party's refusal to sign with a witness or a recording.

    Signing again replaces the earlier signature of the same signer (the audit trail
    keeps it). The image is checked and stored (fsynced) before the record names it.
    """
    user = profile.require_user()
    check_text(name, FIELD_SIGNER)
    check_text(witness, FIELD_WITNESS)
    check_text(av_reference, FIELD_RECORDING)
    at = aware(at, SIGNING_TIME)
    if (image is None) == (not refused):
        raise InvalidInput(IMAGE_OR_REFUSAL)
    with profile.db.session() as s:
        task = task_row(s, task_id)
        check_editable(task, reason)
        who = _signer(profile, task, signer.strip(), name)
        _inspection(profile, s, task)
    if refused:
        if who.role is not SignerRole.PARTY:
            raise InvalidInput(ONLY_PARTY_REFUSES)
        if not witness.strip() and not av_reference.strip():
            raise InvalidInput(REFUSAL_NEEDS_PROOF)
    sha = None
    if image is not None:
        check_signature_image(image, who=who.name or who.key)
        sha = profile.blobs.put(image)  # durable before any row names it
    rid = signature_id(task_id, who.key)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        task = task_row(s, task_id)
        clean = check_editable(task, reason)
        party_name = who.name
        if who.role is SignerRole.PARTY and not party_name:
            row = s.get(InspectionRow, task_id)
            rep = opening_from_json((row.details or {}).get("opening") if row else None)
            party_name = rep.party_representative or task.data["business"].get("legal_rep", "")
        value = Signature(
            task_id=task_id,
            signer=who.key,
            role=who.role,
            name=party_name,
            sha256=sha,
            refused=refused,
            witness=witness.strip(),
            av_reference=av_reference.strip(),
            signed_at=at or act.at,
            recorded_by=user.id,
        )
        data = signature_to_json(value)
        held = s.get(SignatureRow, rid)
        previous = None if held is None else held.data
        if held is None:
            held = SignatureRow(id=rid, task_id=task_id, signer=who.key, rev=1, base_rev=None)
            s.add(held)
        else:
            held.rev += 1
        held.data = data
        held.dirty = True
        act.record(
            "signature",
            rid,
            held.base_rev,
            data,
            action="record_refusal_to_sign" if refused else "sign",
            audit={"previous": previous, "reason": clean},
        )
    return Changes(tasks=frozenset({task_id}), signatures=frozenset({rid}), outbox=True)


def signatures(profile: Profile, task_id: str) -> dict[str, Signature]:
    """The visit's signatures by signer (``party``, ``witness``, inspectors' user ids)."""
    with profile.db.session() as s:
        rows = s.scalars(select(SignatureRow).where(SignatureRow.task_id == task_id)).all()
        return {r.signer: signature_from_json(r.data) for r in rows}


def signature_image(profile: Profile, sig: Signature) -> bytes | None:
    """The PNG of a signature, None for a refusal or an image not downloaded yet."""
    if sig.sha256 is None or not profile.blobs.exists(sig.sha256):
        return None
    return profile.blobs.path(sig.sha256).read_bytes()


def require_in_progress(profile: Profile, task_id: str) -> None:
    with profile.db.session() as s:
        task = task_row(s, task_id)
        if TaskStatus(task.status) in (TaskStatus.ASSIGNED, TaskStatus.RETURNED):
            raise InvalidState(NOT_CHECKED_IN, business=task.business_name)


__all__ = [
    "check_signature_image",
    "get_opening",
    "get_statement",
    "record_opening",
    "record_statement",
    "sign",
    "signature_image",
    "signatures",
]
