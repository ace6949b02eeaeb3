"""Who may act: each officer for their own agency, two of the issuing agency's on a decision."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inspector_app.documents import DocumentIncomplete, render_pdf
from inspector_app.domain.entities import DocumentKind

from .helpers import pdf_text

K = DocumentKind


def test_a_fire_officer_cannot_make_up_the_second_market_supervision_officer(
    docs, settings
) -> None:
    """行政处罚法第四十二条: "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于
    两人，法律另有规定的除外。" The fire-brigade officer on the joint team is an officer of
    another agency and cannot sign the market-supervision bureau's decision."""
    record = docs[K.ONSITE_RECORD]
    fire = next(o for o in record.header.inspectors if o.department_code == "XF")
    doc = docs[K.SUMMARY_PENALTY_DECISION]
    mixed = (doc.header.inspectors[0], fire)
    wrong = replace(doc, header=replace(doc.header, inspectors=mixed))
    with pytest.raises(DocumentIncomplete) as err:
        render_pdf(wrong, settings)
    message = str(err.value)
    assert "至少两名深圳市市场监督管理局福田监管局执法人员" in message and "现有1名" in message
    not_ours = f"{fire.name}（{fire.agency}）不是深圳市市场监督管理局福田监管局的执法人员"
    assert not_ours in message
    # Drafts may be previewed with anyone; the gate is for what is issued.
    render_pdf(replace(wrong, header=replace(wrong.header, draft=True)), settings)


def test_an_officer_without_an_agency_is_not_enough(docs, settings) -> None:
    doc = docs[K.ORDER_TO_CORRECT]
    nameless = tuple(replace(o, agency="", department_code="") for o in doc.header.inspectors)
    with pytest.raises(DocumentIncomplete, match="所属机关"):
        render_pdf(replace(doc, header=replace(doc.header, inspectors=nameless)), settings)


def test_decisions_are_signed_only_by_the_issuing_agencys_officers(docs) -> None:
    for kind in (K.ORDER_TO_CORRECT, K.NO_PENALTY_DECISION, K.SUMMARY_PENALTY_DECISION):
        officers = docs[kind].header.inspectors
        assert len(officers) >= 2 and {o.department_code for o in officers} == {"SZSCJG"}


def test_the_record_names_each_officer_with_their_agency(docs, settings) -> None:
    """The 现场笔录 of a joint visit introduces every officer with their own agency, not all
    of them as officers of the lead agency (行政处罚法第五十五条: 出示执法证件)."""
    doc = docs[K.ONSITE_RECORD]
    text = pdf_text(render_pdf(doc, settings))
    for o in doc.header.inspectors:
        assert f"{o.name}{o.agency}{o.badge_no}" in text  # the officers table
    assert (
        "深圳市市场监督管理局福田监管局的执法人员李明轩（执法证号：19030012345）、徐文博"
        "（执法证号：19030012471），深圳市福田区消防救援大队的执法人员陈建国（执法证号：粤B0304127）"
    ) in text


def test_each_department_answers_for_its_own_results(docs, settings) -> None:
    """谁检查、谁负责: each department's part of the joint notice lists its own findings, its
    own officers and their confirmation; the fire brigade's part carries none of the market-
    supervision findings and is confirmed by the fire officer."""
    doc = docs[K.JOINT_RESULT_NOTICE]
    own, fire = doc.content.departments
    assert own.item_ids and not fire.item_ids
    assert {o.department_code for o in own.officers} == {"SZSCJG"}
    assert [o.name for o in fire.officers] == ["陈建国"]
    text = pdf_text(render_pdf(doc, settings))
    fire_part = text[text.index("（2）深圳市福田区消防救援大队") :]
    assert "陈建国（粤B0304127）" in fire_part and "李明轩" not in fire_part
    assert "发现的问题无" in fire_part
    assert "检查人员确认" in fire_part
    # A department whose findings nobody of it confirmed cannot be issued.
    unsigned = replace(own, officers=tuple(replace(o, signature=None) for o in own.officers))
    broken = replace(doc, content=replace(doc.content, departments=(unsigned, fire)))
    with pytest.raises(DocumentIncomplete, match="确认签名"):
        render_pdf(broken, settings)
