"""Photo evidence: durable blob first, then one action; non-photos refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from inspector_app.domain.entities import JointTask, Outcome
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    attach_evidence,
    get_results,
    record_item_result,
    start_inspection,
)
from inspector_app.store.models import AuditEventRow, EvidenceRow, OutboxRow

Counts = Callable[[Profile], tuple[int, int]]


def _blob_files(profile: Profile) -> list[str]:
    return sorted(
        p.name for p in profile.blobs.root.rglob("*") if p.is_file() and p.parent.name != "tmp"
    )


def test_attach_a_photo(profile: Profile, task: JointTask, jpeg: bytes) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.NONCOMPLIANT, note="过期")
    sha, changes = attach_evidence(profile, task.id, "i-1", jpeg, caption="货架上的过期食品")
    assert profile.blobs.read(sha) == jpeg
    assert changes.evidence == {sha} and changes.item_results == {f"{task.id}:i-1"}
    result = get_results(profile, task.id)["i-1"]
    assert result.evidence == (sha,)
    assert result.outcome is Outcome.NONCOMPLIANT and result.note == "过期"  # kept
    with profile.db.session() as s:
        row = s.get(EvidenceRow, (sha, task.id, "i-1"))
        assert row is not None and (row.mime, row.size) == ("image/jpeg", len(jpeg))
        assert row.caption == "货架上的过期食品" and row.created_by == "u-alice"
        op = s.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc())).first()
        event = s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert op is not None and op.entity == "item_result" and op.data["evidence"] == [sha]
    assert event is not None and event.action == "attach_evidence"
    assert event.payload["evidence"]["sha256"] == sha


def test_a_photo_before_the_outcome_creates_a_not_checked_result(
    profile: Profile, task: JointTask, jpeg: bytes, png: bytes
) -> None:
    start_inspection(profile, task.id)
    first, _ = attach_evidence(profile, task.id, "i-2", jpeg)
    second, _ = attach_evidence(profile, task.id, "i-2", png)
    result = get_results(profile, task.id)["i-2"]
    assert result.outcome is Outcome.NOT_CHECKED
    assert result.evidence == (first, second)
    record_item_result(profile, task.id, "i-2", outcome=Outcome.COMPLIANT)
    assert get_results(profile, task.id)["i-2"].evidence == (first, second)


def test_the_same_photo_twice_changes_nothing(
    profile: Profile, task: JointTask, jpeg: bytes, counts: Counts
) -> None:
    start_inspection(profile, task.id)
    sha, _ = attach_evidence(profile, task.id, "i-1", jpeg)
    before = counts(profile)
    again, changes = attach_evidence(profile, task.id, "i-1", jpeg)
    assert again == sha and not changes
    assert counts(profile) == before
    assert get_results(profile, task.id)["i-1"].evidence == (sha,)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 not a photo", "not a JPEG or PNG"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "damaged"),
    ],
)
def test_empty_or_non_image_files_are_refused(
    profile: Profile, task: JointTask, counts: Counts, data: bytes, message: str
) -> None:
    start_inspection(profile, task.id)
    before = counts(profile)
    with pytest.raises(InvalidInput, match=message):
        attach_evidence(profile, task.id, "i-1", data)
    assert counts(profile) == before
    assert _blob_files(profile) == []


def test_a_mime_type_that_contradicts_the_bytes_is_refused(
    profile: Profile, task: JointTask, png: bytes
) -> None:
    start_inspection(profile, task.id)
    with pytest.raises(InvalidInput, match="image/png"):
        attach_evidence(profile, task.id, "i-1", png, mime="image/jpeg")
    sha, _ = attach_evidence(profile, task.id, "i-1", png, mime="image/png")
    assert profile.blobs.exists(sha)


def test_refused_before_check_in_without_writing_a_file(
    profile: Profile, task: JointTask, jpeg: bytes
) -> None:
    with pytest.raises(InvalidState, match="Check in first"):
        attach_evidence(profile, task.id, "i-1", jpeg)
    assert _blob_files(profile) == []
