"""Helpers for whoever composes documents from a record: wording that depends on data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from inspector_app.documents.kinds import CreditRepairNotice
from inspector_app.documents.model import Officer
from inspector_app.documents.settings import DocumentSettings
from inspector_app.domain.credit import PenaltyFacts
from inspector_app.domain.entities import DocumentNumber, PartyType


def introduce_officers(settings: DocumentSettings, officers: tuple[Officer, ...]) -> str:
    """Each officer introduced with their own agency, for the 现场笔录's opening:
    "深圳市市场监督管理局福田监管局的执法人员李明轩（执法证号：…）、徐文博（…），深圳市福田区
    消防救援大队的执法人员陈建国（…）" (行政处罚法第五十五条: 出示执法证件)."""
    w = settings.wording["onsite_record"]
    groups: dict[str, list[Officer]] = {}
    for o in officers:
        groups.setdefault(o.agency or o.department_code, []).append(o)
    return "，".join(
        w["officer_group"].format(
            agency=agency,
            names="、".join(w["officer_name"].format(name=o.name, badge=o.badge_no) for o in group),
        )
        for agency, group in groups.items()
    )


def credit_repair_notice(
    settings: DocumentSettings,
    *,
    decision_number: DocumentNumber,
    decided_on: date,
    penalties: tuple[str, ...],
    penalty_summary: str,
    party_type: PartyType,
    fine_amount: int | Decimal | None = None,
    sector: str = "general",
    restriction_term_end: date | None = None,
    published_on: date | None = None,
    decision_title: str = "行政处罚决定书",
) -> CreditRepairNotice:
    """The notice for a general-procedure decision, with the 较低数额罚款 threshold of the
    agency's own province (公示规定第十三条第二款) taken from its settings.

    ``penalties`` are ``domain.credit.PENALTIES`` keys; ``sector`` is "food", "drug",
    "special_equipment" or "general" (the waiting time before early repair).
    """
    facts = PenaltyFacts(
        decided_on=decided_on,
        penalties=penalties,
        fine_amount=fine_amount,
        party_type=party_type,
        sector=sector,
        lower_amount_threshold=settings.lower_amount(),
        restriction_term_end=restriction_term_end,
        summary_procedure=False,
        published_on=published_on,
        lower_amount_inclusive=settings.lower_amount_inclusive,
    )
    return CreditRepairNotice(
        decision_title=decision_title,
        decision_number=decision_number,
        penalty_summary=penalty_summary,
        facts=facts,
    )
