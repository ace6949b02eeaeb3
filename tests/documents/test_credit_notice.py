"""The credit-repair notice says what the credit rules compute, and never contradicts itself."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from inspector_app.documents import (
    DocumentRefused,
    credit_repair_notice,
    load_settings,
    render_pdf,
)
from inspector_app.documents.settings import default_folder
from inspector_app.domain.credit import REPAIR_CONDITIONS
from inspector_app.domain.entities import DocumentKind, DocumentNumber, PartyType

from .helpers import pdf_text

NUMBER = DocumentNumber("深市监福", "处罚", 2026, 7)


def _notice(docs, settings, **facts):
    doc = docs[DocumentKind.CREDIT_REPAIR_NOTICE]
    args = {
        "decision_number": NUMBER,
        "decided_on": date(2026, 12, 18),
        "penalties": ("fine",),
        "penalty_summary": "罚款",
        "party_type": PartyType.ORGANISATION,
        "fine_amount": 50000,
        "sector": "food",
    } | facts
    return replace(doc, content=credit_repair_notice(settings, **args))


def _conditions_printed(text: str) -> list[str]:
    return [c for c in REPAIR_CONDITIONS if c in text]


def test_a_lower_fine_stops_after_three_months_and_lists_no_conditions(docs, settings) -> None:
    """公示规定第十三条: "仅受到通报批评或者较低数额罚款的行政处罚信息自公示之日起届满三个月
    的，停止公示。" A notice for it never lists the conditions for early repair under a line
    saying early repair does not apply."""
    text = pdf_text(render_pdf(_notice(docs, settings), settings))
    assert "2027年1月18日前通过国家企业信用信息公示系统向社会公示" in text
    assert "届满三个月，即2027年4月18日停止公示" in text
    assert "（广东省标准）" in text  # the agency's own province
    assert "不适用提前停止公示" in text
    assert _conditions_printed(text) == []
    assert "申请方式" not in text


def test_a_longer_publicity_allows_early_repair_from_the_date_the_rules_compute(
    docs, settings
) -> None:
    """第十三条: "其他行政处罚信息自公示之日起届满三年的，停止公示。" 第十四条: early repair
    when "同时符合以下条件" (the four conditions), after the waiting time (one year for food)."""
    text = pdf_text(render_pdf(_notice(docs, settings, fine_amount=200000), settings))
    assert "届满三年，即2030年1月18日停止公示" in text
    assert "自2028年1月19日起" in text
    assert _conditions_printed(text) == list(REPAIR_CONDITIONS)
    assert "不适用" not in text and "不得提前停止公示" not in text


def test_a_severe_penalty_never_allows_early_repair(docs, settings) -> None:
    """第十四条第三款: "当事人受到……吊销许可证件、吊销营业执照……的，不得提前停止公示。\""""
    notice = _notice(docs, settings, penalties=("fine", "licence_revocation"), fine_amount=200000)
    text = pdf_text(render_pdf(notice, settings))
    assert "受到吊销许可证件的行政处罚" in text and "不得提前停止公示" in text
    assert _conditions_printed(text) == []


def test_the_threshold_is_the_agencys_own_provinces(docs, tmp_path) -> None:
    """第十三条第二款: "前款所称较低数额罚款由省级以上市场监督管理部门结合工作实际规定。" The
    same 50,000-yuan fine is lower in one province and not in another."""
    data = json.loads((default_folder() / "agency.json").read_text(encoding="utf-8"))
    data["province"] = "某省"
    data["lower_amount_threshold_yuan"] = {"citizen": 5000, "organisation": 50000}
    data["lower_amount_inclusive"] = False
    (tmp_path / "agency.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    other = load_settings(tmp_path)
    text = pdf_text(render_pdf(_notice(docs, other), other))
    assert "届满三年" in text  # 50,000 is not below 50,000 there
    data["lower_amount_inclusive"] = True  # "以下" includes the number itself
    (tmp_path / "agency.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    inclusive = load_settings(tmp_path)
    text = pdf_text(render_pdf(_notice(docs, inclusive), inclusive))
    assert "届满三个月" in text and "（某省标准）" in text


def test_without_a_threshold_the_notice_asks_for_one(docs, settings, tmp_path) -> None:
    data = json.loads((default_folder() / "agency.json").read_text(encoding="utf-8"))
    del data["lower_amount_threshold_yuan"]
    (tmp_path / "agency.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bare = load_settings(tmp_path)
    with pytest.raises(DocumentRefused, match="较低数额罚款"):
        render_pdf(_notice(docs, bare), bare)


def test_the_sample_notice_goes_with_a_general_procedure_decision(docs) -> None:
    c = docs[DocumentKind.CREDIT_REPAIR_NOTICE].content
    assert not c.facts.summary_procedure and c.facts.sector == "food"
    assert c.facts.lower_amount_threshold == (10000, 100000)
