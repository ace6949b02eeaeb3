"""Procedure the documents must show: 告知 and hearing, a reasoned amount inside the law,
no internal rule codes, the record's 记录人 and witness, and complete remedies."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from inspector_app.documents import (
    DiscretionReason,
    DocumentIncomplete,
    DocumentRefused,
    NoPenaltyGround,
    Statement,
    render_pdf,
)
from inspector_app.domain.entities import DocumentKind, PenaltyProvision

from .helpers import pdf_text

K = DocumentKind


def _summary(docs, **content):
    doc = docs[K.SUMMARY_PENALTY_DECISION]
    return replace(doc, content=replace(doc.content, **content))


def test_the_party_is_told_and_heard_before_a_penalty(docs, settings) -> None:
    """行政处罚法第四十四条: "行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚
    内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。" 第六十二条:
    without it "不得作出行政处罚决定". The decision records that it was done."""
    text = pdf_text(render_pdf(docs[K.SUMMARY_PENALTY_DECISION], settings))
    assert (
        "执法人员于2026年11月3日11时05分向当事人告知了拟作出的行政处罚内容（罚款人民币500元）"
        "及其事实、理由、依据，并告知当事人依法享有陈述、申辩的权利" in text
    )
    assert "当事人进行了陈述、申辩，本局进行了复核" in text
    with pytest.raises(DocumentIncomplete, match="第四十四条、第四十五条、第六十二条"):
        render_pdf(_summary(docs, notice=None), settings)


def test_a_waiver_is_recorded_and_never_contradicted(docs, settings) -> None:
    """第六十二条: "……当事人明确放弃陈述或者申辩权利的除外。\""""
    doc = docs[K.SUMMARY_PENALTY_DECISION]
    waived = replace(doc.content.notice, waived=True)
    silent = _summary(docs, notice=waived, reasoning=replace(doc.content.reasoning, statements=()))
    assert "当事人明确表示放弃陈述、申辩的权利" in pdf_text(render_pdf(silent, settings))
    with pytest.raises(DocumentRefused, match="放弃陈述、申辩"):
        render_pdf(_summary(docs, notice=waived), settings)


def test_never_heavier_than_what_was_told(docs, settings) -> None:
    """第四十五条第二款: "行政机关不得因当事人陈述、申辩而给予更重的处罚。\""""
    with pytest.raises(DocumentRefused, match="第四十五条第二款"):
        render_pdf(_summary(docs, amount=Decimal(800)), settings)


def test_the_amount_is_reasoned_inside_the_statutory_range(docs, settings) -> None:
    """The 道理 of the amount: the statutory range of the penalty provision, the circumstances
    and why this amount, not "within the limit"."""
    text = pdf_text(render_pdf(docs[K.SUMMARY_PENALTY_DECISION], settings))
    assert "《中华人民共和国价格法》第四十二条规定，对该违法行为处5000元以下罚款。" in text
    assert "决定罚款人民币500元：既与未标价菜品的数量和持续时间相当" in text
    bare = replace(docs[K.SUMMARY_PENALTY_DECISION].content.reasoning, discretion=())
    with pytest.raises(DocumentIncomplete, match="罚款数额的裁量理由"):
        render_pdf(_summary(docs, reasoning=bare), settings)


def test_a_summary_fine_lies_inside_the_provisions_range(docs, settings) -> None:
    """行政处罚法第五十一条 allows a summary fine only "有法定依据": the fine must also lie
    inside the range of the penalty provision; where its minimum is above 3,000 yuan only a
    warning may be given on the spot (食品检查办法第四十八条: "给予警告，可以并处5000元以上5万元
    以下罚款")."""
    c = docs[K.SUMMARY_PENALTY_DECISION].content
    art48 = PenaltyProvision(
        ("《食品生产经营监督检查管理办法》第四十八条",), warning=True, fine_min=5000, fine_max=50000
    )
    with pytest.raises(DocumentRefused, match="只能当场给予警告"):
        render_pdf(_summary(docs, provision=art48), settings)
    ranged = PenaltyProvision(("《某条例》第十条",), fine_min=1000, fine_max=3000)
    below = _summary(
        docs,
        provision=ranged,
        amount=Decimal(500),
        notice=replace(c.notice, proposed_amount=Decimal(500)),
    )
    with pytest.raises(DocumentRefused, match="低于.*最低额1000元"):
        render_pdf(below, settings)
    reduced = DiscretionReason("M-1", "当事人主动消除违法行为危害后果，依法减轻处罚。", kind="减轻")
    lighter = replace(below.content.reasoning, discretion=(*c.reasoning.discretion, reduced))
    render_pdf(replace(below, content=replace(below.content, reasoning=lighter)), settings)
    small = PenaltyProvision(("《某条例》第十一条",), fine_max=300)
    with pytest.raises(DocumentRefused, match="超过.*最高额300元"):
        render_pdf(_summary(docs, provision=small), settings)


RULE_CODE = re.compile(r"(?<![A-Za-z])(NP|SP|PR|M|D)-\d")


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_no_internal_rule_code_is_printed(docs, drafts, settings, kind) -> None:
    """Rule ids (NP-2, SP-1 …) are for the audit trail, never printed (DOMAIN.md)."""
    assert docs[K.NO_PENALTY_DECISION].content.rule_id == "NP-2"  # kept, not printed
    for doc in (docs[kind], drafts[kind]):
        text = pdf_text(render_pdf(doc, settings))
        assert not RULE_CODE.search(text), RULE_CODE.search(text)


@pytest.mark.parametrize(
    ("ground", "sentence"),
    [
        (NoPenaltyGround.MINOR, "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"),
        (NoPenaltyGround.FIRST_VIOLATION, "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"),
        (NoPenaltyGround.NO_FAULT, "当事人有证据足以证明没有主观过错的，不予行政处罚。"),
    ],
)
def test_a_no_penalty_decision_says_which_sentence_applies(docs, settings, ground, sentence):
    """行政处罚法第三十三条第一款 has two sentences, "不予" (shall) and "可以不予" (may): the
    decision quotes the one it rests on."""
    doc = docs[K.NO_PENALTY_DECISION]
    text = pdf_text(render_pdf(replace(doc, content=replace(doc.content, ground=ground)), settings))
    assert f"“{sentence}”" in text


def test_the_record_names_its_recorder_and_has_a_place_for_a_witness(docs, settings) -> None:
    doc = docs[K.ONSITE_RECORD]
    text = pdf_text(render_pdf(doc, settings))
    assert f"记录人{doc.content.recorder}" in text and doc.content.recorder == "徐文博"
    assert "见证人签名" in text
    with pytest.raises(DocumentIncomplete, match="记录人"):
        render_pdf(replace(doc, content=replace(doc.content, recorder="")), settings)
    with pytest.raises(DocumentIncomplete, match="记录人王五须为在场执法人员之一"):
        render_pdf(replace(doc, content=replace(doc.content, recorder="王五")), settings)
    absent = replace(doc.content, party_present=False)
    with pytest.raises(DocumentIncomplete, match="见证人的姓名和签名"):
        render_pdf(replace(doc, content=absent), settings)


def test_remedies_give_the_review_body_the_court_and_every_time_limit(docs, settings) -> None:
    """行政复议法第二十条 (六十日), 行政诉讼法第四十六条 ("应当自知道或者应当知道作出行政行为
    之日起六个月内提出") and 第四十五条 ("不服复议决定的，可以在收到复议决定书之日起十五日内向
    人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院
    提起诉讼")."""
    a = settings.agency
    for kind in (K.ORDER_TO_CORRECT, K.NO_PENALTY_DECISION):
        text = pdf_text(render_pdf(docs[kind], settings))
        for part in (
            f"六十日内向{a.review_body}申请行政复议",
            "自收到行政复议决定书之日起十五日内",
            "自复议期满之日起十五日内",
            f"六个月内直接向{a.court}提起行政诉讼",
            "第四十五条",
            "第四十六条",
        ):
            assert part in text, (kind, part)


def test_a_summary_decision_tells_the_party_to_apply_for_review_first(docs, settings) -> None:
    """行政复议法第二十三条: "对当场作出的行政处罚决定不服" the party "应当先向行政复议机关申请
    行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼"; "行政机关在作出行政
    行为时应当告知公民、法人或者其他组织先向行政复议机关申请行政复议"."""
    a = settings.agency
    text = pdf_text(render_pdf(docs[K.SUMMARY_PENALTY_DECISION], settings))
    assert f"应当自收到本决定书之日起六十日内先向{a.review_body}申请行政复议" in text
    assert "不得直接提起行政诉讼" in text
    assert "自收到行政复议决定书之日起十五日内" in text
    assert "六个月内直接" not in text


def test_statements_are_weighed(docs, settings) -> None:
    """第四十五条第一款: "……当事人提出的事实、理由或者证据成立的，行政机关应当采纳。\""""
    doc = docs[K.SUMMARY_PENALTY_DECISION]
    rejected = Statement("认为价目牌不属于明码标价范围。", False, "价目牌是菜品价格的标示载体。")
    r = replace(doc.content.reasoning, statements=(*doc.content.reasoning.statements, rejected))
    text = pdf_text(render_pdf(_summary(docs, reasoning=r), settings))
    assert "本局予以采纳" in text and "本局不予采纳，理由：价目牌是菜品价格的标示载体。" in text
