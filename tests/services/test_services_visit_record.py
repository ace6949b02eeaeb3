"""The visit's own record: opening, the party's statement and its weighing, signatures,
and follow-up visits.

《中华人民共和国行政强制法》第十八条第（八）项: "制作现场笔录，现场笔录由当事人和行政执法人员签名
或者盖章，当事人拒绝的，在笔录中予以注明". 《中华人民共和国行政处罚法》第四十五条第一款:
"当事人有权进行陈述和申辩。行政机关必须充分听取当事人的意见，对当事人提出的事实、理由和证据，
应当进行复核；当事人提出的事实、理由或者证据成立的，行政机关应当采纳。"
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from inspector_app.domain.enforcement import Opening, SignerRole
from inspector_app.domain.entities import JointTask, Outcome
from inspector_app.services import (
    InvalidInput,
    InvalidState,
    Profile,
    import_tasks,
    open_profile,
    record_item_result,
    start_inspection,
)
from inspector_app.services.demo import demo_dataset
from inspector_app.services.dispositions import decide
from inspector_app.services.follow_ups import list_follow_ups, record_follow_up
from inspector_app.services.visit_record import (
    get_opening,
    get_statement,
    record_opening,
    record_statement,
    sign,
    signatures,
)
from inspector_app.store.models import OutboxRow


def signature_png(strokes: int = 3, size: tuple[int, int] = (400, 150)) -> bytes:
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for n in range(strokes):
        draw.line(
            [(20 + 40 * n, 120), (60 + 40 * n, 30), (100 + 40 * n, 110)], fill="black", width=4
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def blank_png(dot: bool = False) -> bytes:
    image = Image.new("RGB", (400, 150), "white")
    if dot:
        ImageDraw.Draw(image).ellipse((200, 70, 204, 74), fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Profile]:
    with open_profile(tmp_path / "p", user=demo_dataset().inspector("inspector1")) as p:
        yield p


@pytest.fixture
def visit(demo: Profile) -> JointTask:
    task = demo_dataset().tasks[0]
    import_tasks(demo, [task])
    start_inspection(demo, task.id, opening=Opening("张伟（店长）", True, True), present=["张伟"])
    return task


def _outbox(p: Profile) -> int:
    with p.db.session() as s:
        return s.query(OutboxRow).count()


def test_the_opening_is_part_of_the_inspection_record(demo: Profile, visit: JointTask) -> None:
    assert get_opening(demo, visit.id) == Opening("张伟（店长）", True, True)
    with demo.db.session() as s:
        op = s.query(OutboxRow).filter_by(entity="inspection").one()
    assert op.data["opening"] == {
        "party_representative": "张伟（店长）",
        "credentials_shown": True,
        "rights_told": True,
    }
    assert "statement" not in op.data  # only once recorded: older readers see what they knew


@pytest.mark.parametrize("bad", ["张\x00伟", "张\ud800伟"])
def test_text_that_cannot_be_stored_or_printed_is_refused_with_its_field(
    demo: Profile, visit: JointTask, bad: str
) -> None:
    """A NUL or a lone surrogate (a bad paste) is refused where the visit's record takes
    free text, naming the field; nothing is written."""
    before = _outbox(demo)
    attempts = {
        "当事人代表": lambda: record_opening(demo, visit.id, Opening(bad, True, True)),
        "当事人陈述、申辩": lambda: record_statement(demo, visit.id, text=bad),
        "理由": lambda: record_statement(demo, visit.id, text="说明", accepted=True, reason=bad),
        "签名人姓名": lambda: sign(demo, visit.id, signer="party", image=signature_png(), name=bad),
        "见证人": lambda: sign(demo, visit.id, signer="party", refused=True, witness=bad),
        "处理决定": lambda: decide(
            demo, visit.id, visit.checklist[0].id, kind="no_action", reason=bad
        ),
    }
    for field, attempt in attempts.items():
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert field in caught.value.text("zh"), caught.value.text("zh")
    assert _outbox(demo) == before
    assert get_opening(demo, visit.id) == Opening("张伟（店长）", True, True)


def test_the_statement_and_how_it_was_weighed(demo: Profile, visit: JointTask) -> None:
    with pytest.raises(InvalidInput):
        record_statement(demo, visit.id, text="检查结果记录表刚被风吹掉", accepted=False)
    with pytest.raises(InvalidInput):
        record_statement(demo, visit.id, text="  ")
    record_statement(
        demo,
        visit.id,
        text="检查结果记录表刚被风吹掉",
        accepted=False,
        reason="现场未见记录表，且店内无张贴痕迹",
    )
    s = get_statement(demo, visit.id)
    assert (s.text, s.accepted, s.reason) == (
        "检查结果记录表刚被风吹掉",
        False,
        "现场未见记录表，且店内无张贴痕迹",
    )
    with demo.db.session() as db:
        op = db.query(OutboxRow).filter_by(entity="inspection").order_by(OutboxRow.seq).all()[-1]
    assert op.data["party_statement"] == "检查结果记录表刚被风吹掉"
    assert op.data["statement"]["accepted"] is False


def test_signatures_are_blobs_and_a_refusal_needs_a_witness(
    demo: Profile, visit: JointTask
) -> None:
    png = signature_png()
    changes = sign(demo, visit.id, signer="party", image=png)
    assert changes.signatures == {f"{visit.id}:party"}
    sign(demo, visit.id, signer="inspector1", image=signature_png(4))
    held = signatures(demo, visit.id)
    party = held["party"]
    assert party.role is SignerRole.PARTY and party.name == "张伟（店长）"
    assert party.sha256 is not None and demo.blobs.path(party.sha256).read_bytes() == png
    assert held[demo_dataset().inspector("inspector1").id].name == "李明轩"
    before = _outbox(demo)
    with pytest.raises(InvalidInput) as caught:
        sign(demo, visit.id, signer="party", refused=True)
    assert "witness" in str(caught.value) and "见证人" in caught.value.text("zh")
    assert _outbox(demo) == before
    sign(demo, visit.id, signer="party", refused=True, witness="李四（隔壁店主）")
    assert signatures(demo, visit.id)["party"].refused


@pytest.mark.parametrize(
    ("image", "word"),
    [
        (blank_png(), "empty"),
        (blank_png(dot=True), "empty"),
        (b"GIF89a....", "PNG"),
        (Image.new("RGB", (1, 1)).tobytes(), "PNG"),
    ],
)
def test_an_empty_or_unusable_signature_is_refused(
    demo: Profile, visit: JointTask, image: bytes, word: str
) -> None:
    before = _outbox(demo)
    with pytest.raises(InvalidInput) as caught:
        sign(demo, visit.id, signer="party", image=image)
    assert word in str(caught.value)
    assert _outbox(demo) == before and signatures(demo, visit.id) == {}


def test_only_the_task_inspectors_sign_as_officers(demo: Profile, visit: JointTask) -> None:
    with pytest.raises(InvalidInput) as caught:
        sign(demo, visit.id, signer="inspector3", image=signature_png())
    assert "inspector3" in str(caught.value)
    with pytest.raises(InvalidInput):
        sign(demo, visit.id, signer="witness", image=signature_png())  # no name
    sign(demo, visit.id, signer="witness", image=signature_png(), name="李四")
    with pytest.raises(InvalidInput):
        sign(demo, visit.id, signer="inspector1", refused=True, witness="李四")


def test_signing_before_check_in_is_refused(demo: Profile) -> None:
    task = demo_dataset().tasks[1]
    import_tasks(demo, [task])
    with pytest.raises(InvalidState):
        sign(demo, task.id, signer="party", image=signature_png())


def test_an_order_with_a_deadline_makes_a_follow_up_due_that_day(
    demo: Profile, visit: JointTask
) -> None:
    due = date.today() + timedelta(days=5)
    record_item_result(
        demo, visit.id, "SC-SP-002", outcome=Outcome.NONCOMPLIANT, note="未公示", deadline=due
    )
    decide(demo, visit.id, "SC-SP-002", accept=True)
    (fu,) = list_follow_ups(demo)
    assert (fu.task_id, fu.due_on, fu.state, fu.item_ids) == (
        visit.id,
        due,
        "upcoming",
        ("SC-SP-002",),
    )
    assert list_follow_ups(demo, on=due)[0].state == "due"
    assert list_follow_ups(demo, on=due + timedelta(days=1))[0].state == "overdue"
    closed, changes = record_follow_up(
        demo, visit.id, corrected=False, note="仍未张贴", on=due + timedelta(days=1)
    )
    assert closed.state == "done" and closed.corrected is False
    assert closed.not_corrected == ("SC-SP-002",)
    assert changes.dispositions == {f"{visit.id}:SC-SP-002"}
    assert list_follow_ups(demo) == []
    assert list_follow_ups(demo, include_done=True)[0].corrected is False
