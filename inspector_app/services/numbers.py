"""Document numbers offline: take the next number of a block, void a spoiled one.

Blocks come from the server (``number_block`` records, requested by sync when few
numbers remain). A number is used once: taking it is a recorded action, and a
spoiled document's number is voided, never reused; the void goes to the server as
a ``document`` record in status ``void``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.sync import sync_engine
from inspector_app.store.models import DocumentRow, NumberBlockRow, UsedNumberRow
from inspector_app.store.sync_records import next_free_number, numbers_left

__all__ = ["TakenNumber", "numbers_remaining", "take_number", "void_number", "want_numbers"]

NO_NUMBERS_LEFT = Text(
    "numbers.none_left",
    en="No document numbers left for {agency} {kind} {year}. "
    "Sync to receive a new block of numbers.",
    zh="{agency} {kind} {year} 年的文书编号已用完。请同步以领取新的编号段。",
)
DOCUMENT_MISSING = Text(
    "numbers.document_missing",
    en="Document {document_id} is not in this profile.",
    zh="本机没有文书 {document_id}。",
)
VOID_REASON_NEEDED = Text(
    "numbers.void_reason_needed",
    en="Say why the number is voided (e.g. the printout was spoiled).",
    zh="请说明作废编号的原因（例如打印件损坏）。",
)
NOT_IN_BLOCK = Text(
    "numbers.not_in_block",
    en="Number {seq} is not in block {block_id}.",
    zh="编号 {seq} 不在编号段 {block_id} 中。",
)
ALREADY_VOID = Text(
    "numbers.already_void",
    en="Number {seq} is already void.",
    zh="编号 {seq} 已作废。",
)


@dataclass(frozen=True, slots=True)
class TakenNumber:
    block_id: str
    agency_code: str
    kind: str
    year: int
    seq: int


def want_numbers(profile: Profile, agency_code: str, kind: str, year: int) -> None:
    """Ask sync to keep numbers of this agency, document kind and year at hand."""
    sync_engine(profile).want_numbers(agency_code, kind, year)


def numbers_remaining(profile: Profile, agency_code: str, kind: str, year: int) -> int:
    with profile.db.session() as s:
        return numbers_left(s, agency_code, kind, year)


def take_number(
    profile: Profile, agency_code: str, kind: str, year: int, document_id: str | None = None
) -> TakenNumber:
    """The next unused number of this device's blocks, marked used in the same transaction."""
    user = profile.require_user()
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        found = next_free_number(s, agency_code, kind, year)
        if found is None:
            raise InvalidState(NO_NUMBERS_LEFT, agency=agency_code, kind=kind, year=year)
        block, seq = found
        if document_id is not None and s.get(DocumentRow, document_id) is None:
            raise NotFound(DOCUMENT_MISSING, document_id=document_id)
        s.add(
            UsedNumberRow(
                block_id=block.id, seq=seq, document_id=document_id, voided=False, used_at=act.at
            )
        )
        act.audit(
            "use_document_number",
            "number_block",
            block.id,
            {"seq": seq, "document_id": document_id, "agency_code": agency_code, "kind": kind},
        )
    return TakenNumber(block.id, agency_code, kind, year, seq)


def void_number(profile: Profile, block_id: str, seq: int, *, task_id: str, reason: str) -> str:
    """Void a number (its document was spoiled); the void is synced. Returns the record id."""
    user = profile.require_user()
    reason = reason.strip()
    if not reason:
        raise InvalidInput(VOID_REASON_NEEDED)
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        block = s.get(NumberBlockRow, block_id)
        if block is None or not block.first <= seq <= block.last:
            raise NotFound(NOT_IN_BLOCK, seq=seq, block_id=block_id)
        used = s.get(UsedNumberRow, (block_id, seq))
        if used is None:
            used = UsedNumberRow(block_id=block_id, seq=seq, document_id=None, used_at=act.at)
            s.add(used)
        elif used.voided:
            raise InvalidState(ALREADY_VOID, seq=seq)
        used.voided = True
        used.reason = reason
        doc = None if used.document_id is None else s.get(DocumentRow, used.document_id)
        record_id = used.document_id or str(uuid.uuid4())
        data = {
            **(doc.data if doc is not None else {}),
            "task_id": doc.task_id if doc is not None else task_id,
            "kind": doc.kind if doc is not None else block.kind,
            "status": "void",
            "void_reason": reason,
            "number_block": block_id,
            "agency_code": block.agency_code,
            "year": block.year,
            "seq": seq,
        }
        base_rev = None
        if doc is not None:
            doc.status = "void"
            doc.data = data
            doc.rev += 1
            doc.dirty = True
            base_rev = doc.base_rev
        act.record("document", record_id, base_rev, data, action="void_document_number")
    return record_id
