"""A photo is checked whole at import and gets one copy for documents; a photo can be
taken off an item again. Bad files and broken text are refused before anything is
written."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pytest
from PIL import Image
from sqlalchemy import select, update

from inspector_app.domain.entities import JointTask, Outcome
from inspector_app.services import (
    InvalidInput,
    NotFound,
    Profile,
    attach_evidence,
    detach_evidence,
    document_image,
    get_results,
    record_item_result,
    start_inspection,
)
from inspector_app.services.photos import COPY_LONG_SIDE
from inspector_app.services.settings import BY_KEY, Settings
from inspector_app.store.models import AuditEventRow, EvidenceRow, OutboxRow
from inspector_app.sync.protocol import MAX_BLOB_BYTES

Counts = Callable[[Profile], tuple[int, int]]
Camera = Callable[..., bytes]


def _blob_files(profile: Profile) -> list[str]:
    return sorted(
        p.name for p in profile.blobs.root.rglob("*") if p.is_file() and p.parent.name != "tmp"
    )


def _copy_of(profile: Profile, sha: str) -> str | None:
    with profile.db.session() as s:
        return s.scalars(select(EvidenceRow.copy_sha256).where(EvidenceRow.sha256 == sha)).one()


def test_a_camera_photo_gets_an_upright_copy_for_documents_once(
    profile: Profile, task: JointTask, camera_jpeg: Camera
) -> None:
    start_inspection(profile, task.id)
    # Stored landscape, to be shown turned 90° clockwise (EXIF 6): upright it is portrait.
    original = camera_jpeg((2400, 1800), orientation=6)
    sha, _ = attach_evidence(profile, task.id, "i-1", original)
    assert profile.blobs.read(sha) == original  # the evidence is the file as taken
    assert get_results(profile, task.id)["i-1"].evidence == (sha,)
    copy_sha = _copy_of(profile, sha)
    assert copy_sha is not None and copy_sha != sha
    with profile.db.session() as s:  # only the original goes to the server
        sent = s.scalars(select(OutboxRow.data).where(OutboxRow.entity == "item_result")).one()
    assert sent["evidence"] == [sha]

    copy = document_image(profile, sha)
    assert copy == profile.blobs.read(copy_sha)
    assert len(copy) < len(original) / 3
    with Image.open(io.BytesIO(copy)) as image:
        assert image.format == "JPEG"
        assert image.size == (COPY_LONG_SIDE * 1800 // 2400, COPY_LONG_SIDE)  # portrait
        assert image.getexif().get(0x0112) is None  # already turned: no orientation left
        rgb = image.convert("RGB")
        # The dark bar along the top as taken is now down the right-hand side.
        right = rgb.getpixel((image.width - 5, image.height // 2))
        left = rgb.getpixel((5, image.height // 2))
        assert isinstance(right, tuple) and isinstance(left, tuple)
        assert sum(right) < 90 < sum(left)


def test_the_photo_size_setting_sizes_the_copy(
    profile: Profile, task: JointTask, camera_jpeg: Camera, tmp_path
) -> None:
    """The ``photo_long_side`` setting, declared once, is what the copy is made at; its
    default is the size the documents' benchmark was measured with."""
    assert COPY_LONG_SIDE == BY_KEY["photo_long_side"].default == profile.photo_long_side
    settings = Settings.load(tmp_path / "settings.json")
    settings.set("photo_long_side", 800)
    profile.follow_settings(settings)
    start_inspection(profile, task.id)
    sha, _ = attach_evidence(profile, task.id, "i-1", camera_jpeg((2400, 1800)))
    with Image.open(io.BytesIO(document_image(profile, sha))) as image:
        assert image.size == (800, 600)
    with profile.db.write() as s:  # a photo that came down from the server: made here
        s.execute(update(EvidenceRow).values(copy_sha256=None))
    settings.set("photo_long_side", 640)
    profile.follow_settings(settings)
    with Image.open(io.BytesIO(document_image(profile, sha))) as image:
        assert image.size == (640, 480)


def test_a_small_upright_photo_is_its_own_copy(
    profile: Profile, task: JointTask, jpeg: bytes
) -> None:
    start_inspection(profile, task.id)
    sha, _ = attach_evidence(profile, task.id, "i-1", jpeg)
    assert _copy_of(profile, sha) == sha
    assert document_image(profile, sha) == jpeg


def test_an_older_row_gets_its_copy_made_when_a_document_first_needs_it(
    profile: Profile, task: JointTask, camera_jpeg: Camera
) -> None:
    start_inspection(profile, task.id)
    sha, _ = attach_evidence(profile, task.id, "i-1", camera_jpeg((2000, 1500)))
    with profile.db.write() as s:  # as a row from before copies, or one pulled down
        s.execute(update(EvidenceRow).values(copy_sha256=None))
    copy = document_image(profile, sha)
    with Image.open(io.BytesIO(copy)) as image:
        assert max(image.size) == COPY_LONG_SIDE
    remembered = _copy_of(profile, sha)
    assert remembered is not None and profile.blobs.read(remembered) == copy
    assert document_image(profile, sha) == copy  # made once


def test_document_image_of_a_photo_not_on_this_laptop(profile: Profile) -> None:
    with pytest.raises(NotFound, match="not on this laptop"):
        document_image(profile, "ab" * 32)


def _truncated() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((640, 480), 40).convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()[:-400]  # the header is whole: PIL's verify() accepted it


def _bomb() -> bytes:
    return png_claiming(30000, 30000)  # 900 megapixels


def _too_many_pixels() -> bytes:
    return png_claiming(12000, 9000)  # 108 megapixels: past the bound, short of Pillow's


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: what a decompression
    bomb looks like to a reader before it decodes (made in microseconds, not seconds)."""
    out = io.BytesIO()
    Image.new("1", (1, 1)).save(out, format="PNG")
    data = bytearray(out.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


# Pillow warns between its bound and twice it; we refuse there all the same.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "damaged.*truncated"),
        (_bomb, "too large; photos of at most 89 megapixels"),
        (_too_many_pixels, r"12000 × 9000 pixels"),
    ],
)
def test_a_damaged_or_monstrous_image_is_refused(
    profile: Profile,
    task: JointTask,
    counts: Counts,
    make: Callable[[], bytes],
    message: str,
) -> None:
    start_inspection(profile, task.id)
    before = counts(profile)
    with pytest.raises(InvalidInput, match=message):
        attach_evidence(profile, task.id, "i-1", make())
    assert counts(profile) == before and _blob_files(profile) == []


def test_a_photo_over_the_sync_limit_is_refused_at_import(
    profile: Profile, task: JointTask, counts: Counts, jpeg: bytes
) -> None:
    start_inspection(profile, task.id)
    before = counts(profile)
    big = jpeg + bytes(30_000_000 - len(jpeg))  # a valid JPEG and 30 MB of trailing bytes
    assert len(big) > MAX_BLOB_BYTES
    with pytest.raises(InvalidInput, match=r"28\.6 MB; photos of at most 25\.0 MB"):
        attach_evidence(profile, task.id, "i-1", big)
    assert counts(profile) == before and _blob_files(profile) == []


@pytest.mark.parametrize("char", ["\ud800", "\udfff", "\x00"])
def test_text_that_cannot_be_stored_is_refused_and_nothing_changes(
    profile: Profile, task: JointTask, counts: Counts, jpeg: bytes, char: str
) -> None:
    start_inspection(profile, task.id)
    before = counts(profile)
    bad = f"过期{char}食品"
    attempts: list[tuple[Callable[[], object], str]] = [
        (
            lambda: record_item_result(
                profile, task.id, "i-1", outcome=Outcome.NONCOMPLIANT, note=bad
            ),
            "The note",
        ),
        (
            lambda: record_item_result(
                profile, task.id, "i-1", outcome=Outcome.COMPLIANT, measurements={bad: 3}
            ),
            "A measurement",
        ),
        (
            lambda: record_item_result(
                profile, task.id, "i-1", outcome=Outcome.COMPLIANT, measurements={"t": [1, bad]}
            ),
            r"A measurement \(t\[1\]\)",
        ),
        (lambda: attach_evidence(profile, task.id, "i-1", jpeg, caption=bad), "The caption"),
        (lambda: start_inspection(profile, task.id, present=["王五", bad]), "person present no. 2"),
    ]
    for attempt, what in attempts:
        with pytest.raises(InvalidInput, match=rf"{what}.* at position 3"):
            attempt()
    assert counts(profile) == before and _blob_files(profile) == []


def test_detach_a_photo_is_one_action(
    profile: Profile, task: JointTask, jpeg: bytes, png: bytes, counts: Counts
) -> None:
    start_inspection(profile, task.id)
    record_item_result(profile, task.id, "i-1", outcome=Outcome.NONCOMPLIANT, note="过期")
    keep, _ = attach_evidence(profile, task.id, "i-1", png)
    drop, _ = attach_evidence(profile, task.id, "i-1", jpeg)
    before = counts(profile)
    changes = detach_evidence(profile, task.id, "i-1", drop)
    assert changes.item_results == {f"{task.id}:i-1"} and changes.outbox
    assert counts(profile) == (before[0] + 1, before[1] + 1)
    result = get_results(profile, task.id)["i-1"]
    assert result.evidence == (keep,) and result.note == "过期"
    with profile.db.session() as s:
        assert s.get(EvidenceRow, (drop, task.id, "i-1")) is None
        op = s.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc())).first()
        event = s.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert op is not None and op.data["evidence"] == [keep]
    assert event is not None and event.action == "detach_evidence"
    assert event.payload["detached"] == drop
    assert profile.blobs.exists(drop)  # the file stays on the laptop
    with pytest.raises(NotFound, match="not attached"):
        detach_evidence(profile, task.id, "i-1", drop)
    assert counts(profile) == (before[0] + 1, before[1] + 1)


def test_an_original_no_decoder_reads_is_printed_as_it_is(
    profile: Profile, task: JointTask, jpeg: bytes
) -> None:
    start_inspection(profile, task.id)
    sha, _ = attach_evidence(profile, task.id, "i-1", jpeg)
    damaged = jpeg[:-200]  # as a row from before the check could hold
    damaged_sha = profile.blobs.put(damaged)
    with profile.db.write() as s:
        row = s.get(EvidenceRow, (sha, task.id, "i-1"))
        assert row is not None
        s.add(
            EvidenceRow(
                sha256=damaged_sha,
                task_id=task.id,
                item_id="i-2",
                mime="image/jpeg",
                size=len(damaged),
                caption="",
                captured_at=None,
                created_by=row.created_by,
                created_at=row.created_at,
            )
        )
    assert document_image(profile, damaged_sha) == damaged
    assert _copy_of(profile, damaged_sha) is None
