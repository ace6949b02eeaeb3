"""The reasoned decisions of a visit (说理式), the credit-repair notice and the 送达回证.

A decision's sections come from the record: 事理 the finding as recorded (note, photos,
corrected or not) and the evidence proving it; 情理 the party's statement and whether and
why it was accepted; 法理 the provision breached and the penalty provision; 道理 the
rules' own explanations of the discretion used (the verdicts that applied, never their
ids), and the written reason of an override.
"""

from __future__ import annotations

from decimal import Decimal

from inspector_app.documents import (
    DiscretionReason,
    DocumentContent,
    Evidence,
    Fact,
    NoPenaltyDecision,
    NoPenaltyGround,
    Penalty,
    PriorNotice,
    ProofOfService,
    Reasoning,
    ServedDocument,
    ServiceMethod,
    Signatures,
    Statement,
    SummaryPenaltyDecision,
    credit_repair_notice,
)
from inspector_app.domain.docnumber import parse_document_number
from inspector_app.domain.entities import Disposition, DispositionKind, DocumentKind, MergedItem
from inspector_app.domain.rules import EDUCATION_SENTENCE
from inspector_app.domain.rules.verdict import zh_date
from inspector_app.services.visit_documents import (
    DELIVERY_METHODS,
    Need,
    iso_time,
    order_for,
    parsed_number,
)
from inspector_app.services.visit_parts import (
    PAYMENT,
    RECORD_EVIDENCE,
    Parts,
    item_note,
    local_time,
    party_signatures,
)

GROUNDS = {
    "NP-1": NoPenaltyGround.MINOR,
    "NP-2": NoPenaltyGround.FIRST_VIOLATION,
    "NP-3": NoPenaltyGround.NO_FAULT,
    "NP-5": NoPenaltyGround.TIME_BARRED,
}


def _origin(p: Parts, department_code: str) -> str:
    ctx = p.ctx
    names = {d.code: d.name for d in ctx.task.departments}
    others = "、".join(n for c, n in names.items() if c != department_code)
    plan = ctx.task.plan.get("name") or "“双随机、一公开”抽查计划"
    day = p.started
    return (
        f"本局依据{plan}，于{zh_date(day.date())}会同{others or '有关部门'}对当事人开展部门联合"
        "抽查。执法人员出示执法证件，告知当事人陈述、申辩和申请回避的权利，现场检查"
        + ("并拍照取证，" if p.photos else "，")
        + "制作现场笔录。"
    )


def _reasoning(p: Parts, item: MergedItem, d: Disposition, department_code: str) -> Reasoning:
    ctx = p.ctx
    r = ctx.results[item.id]
    seen = item_note(ctx, item) or item.title
    day = zh_date(p.started.date())
    facts = [Fact("事实一", f"{day}检查时，{seen}（检查事项“{item.title}”）。")]
    record = ctx.records.get(item.id)
    a = record.assessment if record is not None else None
    if r.corrected_on_site or (a is not None and a.corrected):
        facts.append(Fact("事实二", "执法人员指出后，当事人及时改正。"))
    evidence = [Evidence(1, "现场笔录", RECORD_EVIDENCE, tuple(f.id for f in facts))]
    refs = p.refs.get(item.id, ())
    if refs:
        evidence.append(Evidence(2, "现场检查照片", "执法人员现场拍摄。", ("事实一",), refs))
    s = ctx.statement
    statements: tuple[Statement, ...] = ()
    if s.text and not s.waived and s.accepted is not None and s.concerns(item.id):
        statements = (Statement(s.text, s.accepted, s.reason),)
    duty = d.provisions_breached or item.legal_basis
    basis = (
        d.penalty_basis
        or (d.penalty.basis if d.penalty else ())
        or (item.penalty.basis if item.penalty else ())
    )
    analysis = f"当事人的上述行为属于检查事项“{item.title}”所查的违法情形"
    analysis += (
        f"，依照{'、'.join(basis)}的规定应当承担相应的法律责任。"
        if basis
        else f"，{'、'.join(duty)}规定了当事人应当履行的义务。"
    )
    proposal = record.verdicts if record is not None else ()
    discretion = []
    for v in proposal:
        if not v.applies or v.rule_id in ("ORDER",):
            continue
        if v.rule_id in ("NP-1", "NP-2", "NP-3", "NP-5"):
            kind = "不予"
        elif v.rule_id == "D-1":
            kind = "从轻"
        elif v.rule_id == "D-2":
            kind = "减轻"
        else:
            kind = ""
        if d.kind is DispositionKind.NO_PENALTY and kind != "不予":
            continue
        discretion.append(DiscretionReason(v.rule_id, v.explanation, kind=kind))
    if d.overridden_reason:
        discretion.append(DiscretionReason("OVERRIDE", d.overridden_reason))
    return Reasoning(
        case_origin=_origin(p, department_code),
        facts=tuple(facts),
        evidence=tuple(evidence),
        statements=statements,
        provisions_breached=duty,
        legal_analysis=analysis,
        discretion=tuple(discretion),
    )


def no_penalty(p: Parts, need: Need) -> NoPenaltyDecision:
    ctx = p.ctx
    item = ctx.item(need.item_ids[0])
    d = ctx.confirmed(item.id)
    assert d is not None
    record = ctx.records[item.id]
    entry = record.assessment.rule_pack_entry or ""
    education = record.education or (
        f"执法人员向当事人指出其行为违反了{'、'.join(d.provisions_breached or item.legal_basis)}"
        f"的规定，督促其依法经营、防止再次发生。{EDUCATION_SENTENCE}"
    )
    return NoPenaltyDecision(
        reasoning=_reasoning(p, item, d, need.department_code),
        ground=GROUNDS.get(d.rule_id, NoPenaltyGround.FIRST_VIOLATION),
        list_entry=entry if entry and "（" in entry else "",
        decision=f"对当事人“{item.title}”项下的违法行为不予行政处罚。",
        education=education,
        rule_id=d.rule_id,
        item_ids=need.item_ids,
    )


def _notice(p: Parts, d: Disposition, amount: Decimal | None) -> PriorNotice | None:
    s = p.ctx.statement
    if s.recorded_at is None:
        return None  # 告知 not recorded: the gate says what is missing
    proposed = f"罚款人民币{amount}元" if amount is not None else "警告"
    return PriorNotice(
        told_at=local_time(s.recorded_at) or p.issued_at,
        proposed=proposed,
        proposed_amount=amount,
        waived=s.waived,
    )


def summary_penalty(p: Parts, need: Need, numbered: dict[str, str]) -> SummaryPenaltyDecision:
    ctx = p.ctx
    item = ctx.item(need.item_ids[0])
    d = ctx.confirmed(item.id)
    assert d is not None
    amount = Decimal(d.proposed_fine) if d.proposed_fine is not None else None
    reasoning = _reasoning(p, item, d, need.department_code)
    if amount is not None:
        reasoning = Reasoning(
            reasoning.case_origin,
            reasoning.facts,
            reasoning.evidence,
            reasoning.statements,
            reasoning.provisions_breached,
            reasoning.legal_analysis,
            (
                *reasoning.discretion,
                DiscretionReason(
                    "AMOUNT",
                    f"综合上述情节，决定罚款人民币{amount}元，该数额在{'、'.join(d.penalty_basis)}"
                    "规定的幅度内，且未超过《中华人民共和国行政处罚法》第五十一条规定的当场处罚限额。",
                ),
            ),
        )
    # 第二十八条第一款: "行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为。"
    art = "依照《中华人民共和国行政处罚法》第二十八条第一款，"
    if d.deadline is not None:
        number = order_for(ctx, item.id, numbered)
        see = f"（见{number}《责令改正通知书》）" if number else ""
        correction = f"{art}责令当事人于{zh_date(d.deadline)}前改正{see}。"
    elif ctx.results[item.id].corrected_on_site:
        correction = f"{art}责令当事人改正；当事人已当场改正。"
    else:
        correction = f"{art}责令当事人立即改正上述违法行为。"
    return SummaryPenaltyDecision(
        reasoning=reasoning,
        penalty=Penalty.FINE if amount is not None else Penalty.WARNING,
        amount=amount,
        provision=d.penalty or item.penalty,
        decided_at=p.issued_at,
        place=p.place,
        notice=_notice(p, d, amount),
        payment_instructions=PAYMENT,
        item_ids=need.item_ids,
        correction=correction,
    )


def credit_notice(p: Parts, need: Need, numbered: dict[str, str]) -> DocumentContent:
    ctx = p.ctx
    item = ctx.item(need.item_ids[0])
    d = ctx.confirmed(item.id)
    assert d is not None
    decision_key = f"{DocumentKind.SUMMARY_PENALTY_DECISION.value}|{need.department_code}|{item.id}"
    number = numbered.get(decision_key)
    decision_number = p.settings.number(DocumentKind.SUMMARY_PENALTY_DECISION, p.issued_at.year, 0)
    if number is not None:
        decision_number = parse_document_number(number, p.settings.agency.code)
    penalties = ("fine",) if d.proposed_fine is not None else ("warning",)
    return credit_repair_notice(
        p.settings,
        decision_number=decision_number,
        decided_on=p.issued_at.date(),
        penalties=penalties,
        penalty_summary=f"罚款人民币{d.proposed_fine}元" if d.proposed_fine else "警告",
        party_type=ctx.task.business.party_type,
        fine_amount=d.proposed_fine,
        decision_title=DocumentKind.SUMMARY_PENALTY_DECISION.title_zh,
    )


def proof_of_service(p: Parts, need: Need) -> tuple[ProofOfService, Signatures]:
    ctx = p.ctx
    served = [d for d in ctx.final_documents() if d.id in need.served]
    deliveries = [(d, x) for d in served for x in d.data.get("deliveries") or ()]
    last = max(deliveries, key=lambda dx: str(dx[1]["at"]))[1]
    at = local_time(iso_time(last["at"])) or p.issued_at
    method = ServiceMethod(DELIVERY_METHODS.get(last["method"], last["method"]))
    docs = tuple(
        ServedDocument(
            str(d.data.get("title") or DocumentKind(d.kind).title_zh),
            parsed_number(d),
            DocumentKind(d.kind),
            local_time(iso_time(d.data.get("issued_at"))),
        )
        for d in served
    )
    proof = ProofOfService(
        documents=docs,
        addressee=ctx.task.business.name,
        served_at=at,
        place=last.get("place") or p.place,
        method=method,
        recipient=last.get("recipient", ""),
        proxy_relationship=last.get("proxy_relationship", ""),
        proxy_reason=last.get("proxy_reason", ""),
        witness=last.get("witness", ""),
        av_reference=last.get("av_reference", ""),
        reference=last.get("reference", ""),
    )
    return proof, party_signatures(p, signed_at=at)
