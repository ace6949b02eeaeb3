"""Every kind renders, and a reader finds every field DOMAIN.md lists for it."""

from __future__ import annotations

import pytest

from inspector_app.documents import (
    CreditRepairNotice,
    Document,
    JointResultNotice,
    NoPenaltyDecision,
    OnsiteRecord,
    OrderToCorrect,
    ProofOfService,
    RiskReminder,
    SummaryPenaltyDecision,
    render_pdf,
)
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentKind

from .helpers import page_count, pdf_text, squash

PARTY_LABELS = [
    "当事人",
    "主体资格证照名称",
    "统一社会信用代码（注册号）",
    "住所",
    "法定代表人（负责人、经营者）",
    "证件号码",
    "联系电话",
]


@pytest.fixture(scope="module")
def rendered(docs, settings) -> dict[DocumentKind, tuple[Document, bytes, str]]:
    out = {}
    for kind, doc in docs.items():
        pdf = render_pdf(doc, settings)
        out[kind] = (doc, pdf, pdf_text(pdf))
    return out


def test_every_kind_has_a_sample(docs) -> None:
    assert set(docs) == set(DocumentKind)


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda k: k.value)
def test_common_fields(rendered, kind: DocumentKind) -> None:
    doc, pdf, text = rendered[kind]
    h = doc.header
    assert pdf.startswith(b"%PDF-")
    missing = [s for s in [h.agency.name, doc.title] if squash(s) not in text]
    assert not missing
    assert format_document_number(h.number) in text
    assert "〔2026〕" in text
    for label in PARTY_LABELS:
        assert label in text, label
    p = h.party
    for value in (p.name, p.licence_name, p.uscc, p.address, p.legal_rep, p.id_no, p.phone):
        assert squash(value) in text, value
    for officer in h.inspectors:
        assert officer.name in text and officer.badge_no in text
    n = page_count(pdf)
    for i in range(1, n + 1):
        assert f"第{i}页共{n}页" in text
    assert h.id in text


def _all_in(text: str, values) -> list[str]:
    return [v for v in values if squash(str(v)) not in text]


def test_onsite_record(rendered) -> None:
    doc, _, text = rendered[DocumentKind.ONSITE_RECORD]
    c = doc.content
    assert isinstance(c, OnsiteRecord)
    assert (
        _all_in(
            text,
            [
                "检查时间",
                "2026年11月3日9时30分至2026年11月3日10时55分",
                c.place,
                "已告知：是；到场：是",
                c.present_person,
                "出示执法证件",
                "申请回避",
                "陈述和申辩",
                "协助调查",
                *[qa.answer for qa in c.opening],
                *[it.title for it in c.items],
                c.party_statement,
                "核对无误",
                "当事人签名",
                "执法人员签名",
                "照片1",
                "拍摄时间：2026年11月3日9时35分",
            ],
        )
        == []
    )
    # signatures on every page (the page furniture's signature line)
    assert text.count("见证人：") >= page_count(rendered[DocumentKind.ONSITE_RECORD][1])


def test_order_to_correct(rendered, settings) -> None:
    doc, _, text = rendered[DocumentKind.ORDER_TO_CORRECT]
    c = doc.content
    assert isinstance(c, OrderToCorrect)
    a = settings.agency
    assert (
        _all_in(
            text,
            [
                "2026年11月3日9时30分",
                c.place,
                c.conduct,
                *c.provisions_breached,
                c.empowering_provision,
                "2026年11月10日前改正",
                *c.actions,
                c.consequence,
                "六十日内",
                a.review_body,
                "六个月",
                a.court,
                "十五日内",
            ],
        )
        == []
    )


def test_risk_reminder(rendered) -> None:
    doc, _, text = rendered[DocumentKind.RISK_REMINDER]
    c = doc.content
    assert isinstance(c, RiskReminder)
    assert "行政提示书" in text
    assert (
        _all_in(text, [*c.risks, *c.suggestions, *c.legal_refs, "行政指导", "不具有强制力"]) == []
    )


SECTIONS = [
    "当事人基本情况",
    "案件来源",
    "违法事实",
    "证据及其证明的事实",
    "陈述、申辩",
    "法律适用",
    "裁量理由",
    "处理决定",
    "履行方式、救济途径",
    "作出决定的机关",
]


def test_no_penalty_decision_is_reasoned(rendered) -> None:
    doc, _, text = rendered[DocumentKind.NO_PENALTY_DECISION]
    c = doc.content
    assert isinstance(c, NoPenaltyDecision)
    r = c.reasoning
    assert _all_in(text, SECTIONS) == []
    assert _all_in(text, [r.case_origin, *[f.text for f in r.facts]]) == []
    for e in r.evidence:
        assert f"证据{e.no}：{e.name}" in text
        assert "证明" + "、".join(e.proves) in text
    for s in r.statements:
        assert squash(s.text) in text and squash(s.reason) in text
    assert "本局予以采纳" in text
    assert _all_in(text, [*r.provisions_breached, r.legal_analysis]) == []
    assert _all_in(text, [c.education, c.decision, "不予行政处罚"]) == []
    assert "第三十三条第三款" in text  # the education is mandatory and says so


def test_summary_penalty_decision(rendered, settings) -> None:
    doc, _, text = rendered[DocumentKind.SUMMARY_PENALTY_DECISION]
    c = doc.content
    assert isinstance(c, SummaryPenaltyDecision)
    assert _all_in(text, SECTIONS) == []
    assert (
        _all_in(
            text,
            [
                "罚款人民币500元",
                "伍佰元整",
                *c.penalty_basis,
                "作出时间：2026年11月3日11时15分",
                c.place,
                "十五日内",
                "百分之三加处罚款",
                "不得超出罚款的数额",
                "第二十三条",
                "应当自收到本决定书之日起六十日内先向" + settings.agency.review_body,
                "第五十一条",
                "第二十八条第一款",
            ],
        )
        == []
    )


def test_credit_repair_notice(rendered) -> None:
    doc, _, text = rendered[DocumentKind.CREDIT_REPAIR_NOTICE]
    c = doc.content
    assert isinstance(c, CreditRepairNotice)
    assert (
        _all_in(
            text,
            [
                format_document_number(c.decision_number),
                "2026年12月18日",  # the decision
                "2027年1月18日前",  # published within 20 working days (第九条)
                "国家企业信用信息公示系统",
                "届满三年，即2030年1月18日停止公示",
                "自2028年1月19日起",  # food: one year after publication
                "已经自觉履行",
                "消除危害后果",
                "同一类违法行为",
                "经营异常名录",
                "申请方式",
                "两书同达",
            ],
        )
        == []
    )


def test_joint_result_notice(rendered, task) -> None:
    doc, _, text = rendered[DocumentKind.JOINT_RESULT_NOTICE]
    c = doc.content
    assert isinstance(c, JointResultNotice)
    assert _all_in(text, [d.name for d in task.departments]) == []
    assert f"由各部门{c.items_before}项合并为{c.items_after}项" in text
    assert _all_in(text, [dr.result for dr in c.departments] + [c.overall, "向社会公示"]) == []


def test_proof_of_service(rendered, docs) -> None:
    doc, _, text = rendered[DocumentKind.PROOF_OF_SERVICE]
    c = doc.content
    assert isinstance(c, ProofOfService)
    for sd in c.documents:
        assert sd.title in text and format_document_number(sd.number) in text
    assert (
        _all_in(
            text,
            [
                c.addressee,
                "2026年11月3日11时30分",
                c.place,
                "直接送达",
                "收件人",
                "签名或者盖章",
                c.recipient,
                "代收人与受送达人关系",
                "代收理由",
                "见证人签名",
                "送达人签名",
                "备注",
                "第六十一条",
            ],
        )
        == []
    )


def test_a_draft_carries_the_watermark(drafts, settings) -> None:
    pdf = render_pdf(drafts[DocumentKind.ORDER_TO_CORRECT], settings)
    assert "草稿DRAFT" in pdf_text(pdf)
