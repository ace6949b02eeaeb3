"""Sync protocol v1: the wire models shared by the client and the server (DESIGN.md).

Both sides import this module and nothing else of each other, so it holds only
pydantic models, constants and pure functions: no SQL, no HTTP, no Qt.

The server answers 426 when the ``X-Inspector-Protocol`` header names a version
outside ``PROTOCOL_MIN..PROTOCOL_MAX`` (Anki's sync version range, the same idea).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from inspector_app.domain.audit import canonical_json
from inspector_app.sync.limits import MAX_BLOB_BYTES as _MAX_BLOB_BYTES

PROTOCOL_MIN = 1
PROTOCOL_MAX = 1
PROTOCOL_HEADER = "X-Inspector-Protocol"
API_PREFIX = "/api/v1"

Entity = Literal[
    "task",
    "reference",
    "item_result",
    "inspection",
    "document",
    "review",
    "number_block",
    "audit_event",
    "disposition",
    "signature",
]
ENTITIES: tuple[str, ...] = Entity.__args__  # type: ignore[attr-defined]

ChangeOp = Literal["upsert", "delete"]
MutationStatus = Literal["applied", "duplicate", "conflict", "rejected"]

#: ``MutationResult.reason`` of a mutation naming a blob the server lacks: upload it, retry.
MISSING_BLOB_PREFIX = "missing_blob:"
REASON_FORBIDDEN = "forbidden"
REASON_OP_ID_REUSED = "op_id reused with different data"

SHA256_PATTERN = r"^[0-9a-f]{64}$"

#: The largest blob a server takes by default (see ``sync.limits``, which the client's
#: services import without loading these models).
MAX_BLOB_BYTES = _MAX_BLOB_BYTES

# -- Resumable blob upload (an extension of v1; servers without it simply never
# answer with Upload-Offset, and clients then PUT whole bodies) --------------------
#
#   HEAD /api/v1/blobs/{sha256}
#       200 the server holds the blob and this user may name it in a record (they
#           uploaded it, or a record they may see names it: a hash is not a key);
#       404 it does not, or this user may not (the two are indistinguishable: upload
#           the bytes to prove you hold them); ``Upload-Offset: N`` = bytes of this
#           user's interrupted upload it keeps (0 or absent: none).
#   PUT  /api/v1/blobs/{sha256}  with ``Content-Range: bytes START-END/TOTAL``
#       (END inclusive, START <= the bytes held; a START below it re-sends and
#       replaces the tail). The server appends the body as it arrives, flushing
#       each chunk, so bytes that reached it before a cut are kept.
#       202 part stored, ``Upload-Offset`` = bytes now held;
#       201 the last byte arrived, the whole hashes to sha256, the blob is stored;
#       200 the blob was already there;
#       400 the whole does not hash to sha256 (the partial is dropped: start at 0);
#       409 START is beyond the bytes held (``Upload-Offset`` says where to resume);
#       413 TOTAL is above the server's limit.
#   A client uploads a large file as: HEAD -> PUT from Upload-Offset to the end in
#   one request -> on a cut, HEAD again and PUT the rest. Bytes sent twice are only
#   those in flight when the connection broke.
UPLOAD_OFFSET_HEADER = "Upload-Offset"
CONTENT_RANGE_HEADER = "Content-Range"

# Request bodies (push) above a client's threshold are sent with
# ``Content-Encoding: gzip``; a server that cannot read them answers 4xx and the
# client repeats the request uncompressed (push is idempotent by op_id).
GZIP_ENCODING = "gzip"

_Sha256 = Field(pattern=SHA256_PATTERN, description="lowercase hex SHA-256")


def _no_nul(value: str) -> str:
    # Names and ids become database keys, and PostgreSQL text cannot hold NUL.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


#: A name or id: any text but NUL.
Text = Annotated[str, AfterValidator(_no_nul)]


class WireModel(BaseModel):
    # Unknown fields are ignored, so a newer peer may add fields without breaking us.
    model_config = ConfigDict(extra="ignore")


class ProtocolRange(WireModel):
    min: int
    max: int


class Health(WireModel):
    status: Literal["ok"] = "ok"
    protocol: ProtocolRange = ProtocolRange(min=PROTOCOL_MIN, max=PROTOCOL_MAX)


#: ``POST /auth/login`` answers 409 when the device id is registered to another user:
#: a device belongs to whoever registered it; only an administrator hands it over.
DEVICE_TAKEN_STATUS = 409


class LoginRequest(WireModel):
    username: Text = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)
    device_id: Text = Field(min_length=1, max_length=64)
    device_name: Text = Field(default="", max_length=200)
    #: The key this device received at its last sign-in (``LoginResponse.device_key``):
    #: it proves the attempt comes from the user's own laptop, whose sign-in is then not
    #: slowed by someone else's failed guesses at the account. Optional.
    device_key: Text | None = Field(default=None, max_length=200)


class UserPublic(WireModel):
    id: str
    username: str
    display_name: str
    role: Literal["inspector", "team_lead", "admin"]
    department_code: str | None = None
    badge_no: str | None = None
    #: The teams this user leads (issue 12): the laptop's review queue and on-site
    #: co-review check them offline. None from an older server that does not say.
    led_teams: list[str] | None = None


class LoginResponse(WireModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    user: UserPublic
    #: A new device key to keep (secret, like the token) and send at the next sign-in;
    #: None: keep the one sent. Older servers never send one.
    device_key: str | None = None


class Sibling(WireModel):
    """A conflicting version kept beside the record (CouchDB's conflict revisions).

    A person picks; the pick is a new mutation with ``base_rev`` = the record's rev
    and ``data.resolves`` = the ``op_id`` of every sibling it settles.
    """

    op_id: str
    device_id: str
    user_id: str
    base_rev: int | None
    data: dict[str, Any] | None
    recorded_at: datetime | None = None


class Change(WireModel):
    entity: str  # an Entity; plain str so a newer server's entity does not break an older client
    id: str
    op: ChangeOp
    rev: int
    data: dict[str, Any] | None
    conflicts: list[Sibling] = []


class PullResponse(WireModel):
    changes: list[Change]
    cursor: str
    more: bool
    #: True on a last page (``more`` false) when changes this user may see have
    #: committed but are held back behind a write still running on the server: the
    #: laptop is not yet up to date and should pull again shortly. Older servers never
    #: send it (False).
    held_back: bool = False


class Mutation(WireModel):
    """One locally committed change from the client's outbox.

    ``data`` null deletes the record. ``entity`` is a plain string so that one
    unknown entity is rejected on its own instead of failing the whole push.
    """

    op_id: Text = Field(min_length=1, max_length=64)
    entity: Text = Field(min_length=1, max_length=40)
    id: Text = Field(min_length=1, max_length=200)
    base_rev: int | None = Field(default=None, ge=0)
    data: dict[str, Any] | None
    recorded_at: datetime | None = None


class PushRequest(WireModel):
    device_id: Text = Field(min_length=1, max_length=64)
    mutations: list[Mutation] = Field(max_length=1000)


class MutationResult(WireModel):
    op_id: str
    status: MutationStatus
    rev: int | None = None
    reason: str | None = None


class PushResponse(WireModel):
    results: list[MutationResult]


class DocumentVerification(WireModel):
    """``GET /api/v1/documents/{id}/verify``: 200 with ``status: "valid"`` for an issued
    (final) document; 410 with the same body and ``status: "voided"`` once its number
    was voided; 404 for an unknown id or a draft. ``sha256`` is the content hash the
    QR code carries; ``pdf_sha256`` is the SHA-256 of the issued PDF file itself."""

    id: str
    kind: str
    number: str
    sha256: str
    issued_at: datetime | None = None
    agency: str | None = None
    status: Literal["valid", "voided"] = "valid"
    pdf_sha256: str | None = None


class ErrorDetail(WireModel):
    detail: str


def fingerprint(mutation: Mutation) -> str:
    """SHA-256 of the canonical JSON of ``{entity, id, base_rev, data}``.

    ``op_id`` is the ledger key, so it is not part of its own fingerprint.
    ``recorded_at`` is left out on purpose: it is metadata about when the person
    acted, not part of what the mutation does, and a client that re-serialises a
    time with another precision or offset must still be recognised as sending the
    same mutation (a retry is then ``duplicate``, not ``rejected``).
    """
    return hashlib.sha256(
        canonical_json(
            {
                "entity": mutation.entity,
                "id": mutation.id,
                "base_rev": mutation.base_rev,
                "data": mutation.data,
            }
        )
    ).hexdigest()


def item_result_record_id(task_id: str, item_id: str) -> str:
    """Two laptops recording the same item of the same task meet on this one record."""
    return f"{task_id}:{item_id}"


def blob_refs(entity: str, data: dict[str, Any] | None) -> list[str]:
    """The SHA-256 of every blob a record names; the server must hold them first.

    ``item_result.data.evidence[]``; ``document.data.sha256`` and its
    ``signatures[]`` (each a hash or an object with ``sha256``); ``signature.data.sha256``
    (the PNG of a signature; none for a recorded refusal).
    """
    if not data:
        return []
    found: list[str] = []
    if entity == "item_result":
        found.extend(h for h in data.get("evidence") or () if isinstance(h, str))
    elif entity == "document":
        if isinstance(data.get("sha256"), str):
            found.append(data["sha256"])
        for sig in data.get("signatures") or ():
            if isinstance(sig, str):
                found.append(sig)
            elif isinstance(sig, dict) and isinstance(sig.get("sha256"), str):
                found.append(sig["sha256"])
    elif entity == "signature" and isinstance(data.get("sha256"), str):
        found.append(data["sha256"])
    return list(dict.fromkeys(found))


# -- The visit's states and the lead's review (issue 12; README "Review and visit states") --
#
# The ``inspection`` record (id = its task id) carries the visit's state in
# ``data.status``. A laptop pushes the states it reaches itself; the server alone
# sets the states that follow a review or a publication, by writing the inspection
# record (a revision made by device "server"), so every laptop of the team pulls them.

VisitState = Literal[
    "assigned", "in_progress", "completed", "submitted", "approved", "returned", "published"
]
VISIT_STATES: tuple[str, ...] = VisitState.__args__  # type: ignore[attr-defined]
#: States a laptop may push in ``inspection.data.status``.
LAPTOP_STATES = ("assigned", "in_progress", "completed", "submitted")
#: States only the server sets: after a review (approved, returned), after publication.
SERVER_STATES = ("approved", "returned", "published")
#: A visit done: its findings exist (it may be returned later and redone).
DONE_STATES = ("completed", "submitted", "returned", "approved", "published")
#: States in which a push that changes a finding is kept as a conflict for the lead.
LOCKED_STATES = ("approved", "published")

_ORDER = {"assigned": 0, "in_progress": 1, "completed": 2, "submitted": 3}

#: Why a mutation was refused by the visit's state machine; reasons read ``"<code>: text"``.
REASON_VISIT_STATE = "visit_state"
REASON_OWN_VISIT = "own_visit"
REASON_REVIEW_ROUND = "review_round"
REASON_INVALID_REVIEW = "invalid_review"


def reason_code(reason: str | None) -> str:
    """The stable code of a rejection reason (``forbidden``, ``visit_state``, …)."""
    return (reason or "").partition(":")[0].strip()


def laptop_transition_allowed(current: str | None, pushed: str) -> bool:
    """Whether a laptop may move a visit from ``current`` (the server's state; None or
    ``assigned`` before any check-in) to ``pushed``.

    Forward along assigned -> in_progress -> completed -> submitted, or staying put;
    after a return, anything from in_progress on (check in again, complete, resubmit).
    Never back from completed or later without a return by the lead, never into a
    state only the server sets. Approved and published visits are not moved at all:
    a push there is kept as a conflict for the lead (``LOCKED_STATES``).
    """
    if pushed not in _ORDER:
        return current == pushed == "returned"  # a returned visit's other fields edited
    if current is None or current == "assigned":
        return True
    if current == "returned":
        return pushed != "assigned"
    if current in _ORDER:
        return _ORDER[pushed] >= _ORDER[current]
    return False


ReviewDecision = Literal["approved", "returned"]


class ItemComment(WireModel):
    item_id: Text = Field(min_length=1, max_length=200)
    comment: str = Field(min_length=1, max_length=4000)


class ReviewData(WireModel):
    """``review.data``: a team lead's decision on one submission of a visit.

    The record's id is a UUID made by the reviewer's laptop; reviews are never changed
    or deleted (a new decision is a new review of the next round). ``round`` is the
    submission reviewed: 1 for the first, +1 after every return (the laptop counts the
    ``returned`` reviews of the task it pulled; the server answers ``review_round``
    when it differs). ``reviewer_id`` and ``device_id`` must be the signed-in user
    and the device that pushes it: a lead reviewing on an inspector's laptop pushes
    with their own session on that laptop, never with the inspector's.
    """

    task_id: Text = Field(min_length=1, max_length=200)
    round: int = Field(ge=1)
    decision: ReviewDecision
    comment: str = Field(default="", max_length=4000)
    item_comments: list[ItemComment] = Field(default_factory=list, max_length=1000)
    reviewer_id: Text = Field(min_length=1, max_length=36)
    device_id: Text = Field(min_length=1, max_length=64)
    reviewed_at: datetime


#: Fields the server adds to ``inspection.data`` when it sets a state; a laptop keeps
#: or drops them as it likes (the server's own copy of the visit is authoritative).
SERVER_INSPECTION_FIELDS = (
    "round",
    "review_id",
    "reviewed_by",
    "reviewed_at",
    "published_at",
)
