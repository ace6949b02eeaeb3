"""Each document of a visit composed from what was recorded, and nothing else.

Every fact, item, note, photo, date and name comes from the record (``VisitContext``):
the findings and their photos (the downscaled copies made for documents), the confirmed
dispositions with their provisions and every rule's reasoning, the party's statement and
how it was weighed, the people present, the signatures, the officers of the task with
their own agencies (a decision only with the issuing agency's, 行政处罚法第四十二条). Times
print in the laptop's time zone. Reasoned decisions carry 事理 (facts and evidence), 法理
(the provision breached and why it applies), 道理 (the rules' reasons for the discretion)
and 情理 (the statement and why it was or was not accepted).
"""

from __future__ import annotations

from datetime import datetime

from inspector_app.documents import (
    QA,
    DepartmentResult,
    Document,
    DocumentContent,
    DocumentHeader,
    DocumentSettings,
    JointResultNotice,
    OnsiteRecord,
    OrderToCorrect,
    Photo,
    RiskReminder,
    Signatures,
    introduce_officers,
)
from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    DocumentKind,
    DocumentNumber,
    MergedItem,
)
from inspector_app.domain.rules import describe_penalty
from inspector_app.domain.rules.verdict import zh_date
from inspector_app.domain.workdays import default_calendar, publication_deadline
from inspector_app.services.visit_context import VisitContext
from inspector_app.services.visit_decisions import (
    credit_notice,
    no_penalty,
    proof_of_service,
    summary_penalty,
)
from inspector_app.services.visit_documents import Need, issuing_department
from inspector_app.services.visit_parts import (
    HANDLING,
    ImageFor,
    Parts,
    cn_numeral,
    handling,
    item_note,
    local_time,
    make_parts,
    party_signatures,
    people_present,
    record_items,
    statement_text,
    union,
)

# -- the record and the joint notice -------------------------------------------------------


def onsite_record(p: Parts) -> OnsiteRecord:
    ctx = p.ctx
    opening = ctx.opening
    answers = (
        "看清楚了。" if opening.credentials_shown else "",
        "清楚，不申请回避。" if opening.rights_told else "",
        "清楚。" if opening.rights_told else "",
    )
    questions = p.settings.wording["onsite_record"]["opening"]
    qa = tuple(
        QA(q.format(officers=introduce_officers(p.settings, p.team)), a)
        for q, a in zip(questions, answers, strict=False)
    )
    recorder = next(
        (o.display_name for o in ctx.team() if o.id == ctx.recorded_by),
        p.team[0].name if p.team else "",
    )
    present = bool(opening.party_representative or ctx.signatures.get("party"))
    return OnsiteRecord(
        started_at=p.started,
        ended_at=local_time(ctx.checked_out_at) or p.issued_at,
        place=p.place,
        party_notified=True,
        party_present=present,
        present_person=people_present(opening.party_representative, ctx.present),
        opening=qa,
        items=record_items(p),
        party_statement=statement_text(ctx),
        closing_ack=p.settings.wording["onsite_record"]["closing_default"],
        recorder=recorder,
    )


def joint_notice(p: Parts) -> JointResultNotice:
    ctx = p.ctx
    items = record_items(p)
    results = []
    day = p.started.date()
    for d in ctx.task.departments:
        mine = [r for r in items if d.code in r.departments]
        found = [r for r in mine if r.noncompliant]
        due = sorted(
            {
                c.deadline
                for r in found
                if (c := ctx.confirmed(r.item_id)) is not None and c.deadline is not None
            }
        )
        results.append(
            DepartmentResult(
                department=d.name,
                items_checked=len(mine),
                findings=tuple(
                    f"第{r.no}项“{r.title}”："
                    f"{item_note(ctx, ctx.item(r.item_id), deadline=False) or r.result}；"
                    f"{handling(ctx, ctx.item(r.item_id))}"
                    for r in found
                ),
                result=f"发现问题{len(found)}项" if found else "未发现问题",
                follow_up=f"{zh_date(due[-1])}后复查整改情况" if due else "",
                department_code=d.code,
                officers=p.own(d.code),
                confirmed_at=p.issued_at,
                item_ids=tuple(r.item_id for r in found),
            )
        )
    found = [r for r in items if r.noncompliant]
    kinds = [ctx.confirmed(r.item_id) for r in found]
    counts = {k: sum(1 for d in kinds if d is not None and d.kind is k) for k in DispositionKind}
    summary = "，".join(f"{HANDLING[k]}{n}项" for k, n in counts.items() if n)
    pending = sum(1 for d in kinds if d is None)
    overall = f"共检查{len(items)}项，发现问题{len(found)}项" + (f"：{summary}" if summary else "")
    if pending:
        overall += f"，{pending}项待处理"
    overall += "；其余事项未发现问题。" if len(found) < len(items) else "。"
    lead = next(
        (d.name for d in ctx.task.departments if d.code == ctx.task.lead_department_code),
        ctx.task.lead_department_code,
    )
    return JointResultNotice(
        visited_on=day,
        place=p.place,
        lead_department=lead,
        departments=tuple(results),
        items_before=sum(len(it.sources) for it in ctx.task.checklist),
        items_after=len(ctx.task.checklist),
        overall=overall,
        publish_by=publication_deadline(day),
    )


# -- orders and reminders -------------------------------------------------------------------


def _consequence(ds: list[tuple[MergedItem, Disposition]]) -> str:
    lines = []
    for item, d in ds:
        pen = d.penalty or item.penalty
        if pen is None:
            continue
        may = "可以" if pen.discretionary else ""
        when = pen.condition if pen.condition.startswith("逾期") else "逾期不改正的"
        lines.append(
            f"“{item.title}”{when}，本局将依照{'、'.join(pen.basis)}的规定{may}给予"
            f"{describe_penalty(pen)}。"
        )
    return "".join(lines) or "逾期不改正的，本局将依法处理。"


def order_to_correct(p: Parts, need: Need) -> OrderToCorrect:
    ctx = p.ctx
    ds = [(ctx.item(i), ctx.confirmed(i)) for i in need.item_ids]
    pairs = [(item, d) for item, d in ds if d is not None]
    numbered = len(pairs) > 1
    conduct = "；".join(
        ("（" + cn_numeral(n) + "）" if numbered else "")
        + f"{item_note(ctx, item, deadline=False) or item.title}（“{item.title}”）"
        for n, (item, _d) in enumerate(pairs, 1)
    )
    deadline = pairs[0][1].deadline if pairs else None
    empowering = union([d.order_basis or item.order_basis for item, d in pairs])
    actions = tuple(
        f"{item.title}：按照{'、'.join(d.provisions_breached or item.legal_basis)}的规定改正"
        for item, d in pairs
    )
    if deadline is not None:
        # The period in working days, counted from the day after the order (the day of
        # issue is not counted), holidays and make-up working days as published.
        days = default_calendar().working_days_between(p.issued_at.date(), deadline)
        actions += (f"改正期限：{days}个工作日，至{zh_date(deadline)}",)
    actions += (f"整改完成后将整改情况书面报告{p.settings.agency.name}",)
    return OrderToCorrect(
        found_at=p.started,
        place=p.place,
        conduct=conduct + "。",
        provisions_breached=union([d.provisions_breached or item.legal_basis for item, d in pairs]),
        empowering_provision="、".join(empowering),
        deadline=deadline,
        actions=actions,
        consequence=_consequence(pairs),
        item_ids=need.item_ids,
    )


def risk_reminder(p: Parts, need: Need) -> RiskReminder:
    ctx = p.ctx
    items = [ctx.item(i) for i in need.item_ids]
    return RiskReminder(
        found_at=p.started,
        risks=tuple(f"{ctx.results[i.id].note or i.title}（“{i.title}”）" for i in items),
        suggestions=tuple(f"对照{'、'.join(i.legal_basis)}的规定，做好“{i.title}”" for i in items),
        legal_refs=union([i.legal_basis for i in items]),
        reply_by=default_calendar().add_working_days(p.started.date(), 10),
        item_ids=need.item_ids,
    )


# -- the dispatcher -------------------------------------------------------------------------

#: Kinds signed by every officer of the visit; the others by the issuing agency's only.
EVERYONE = (DocumentKind.ONSITE_RECORD, DocumentKind.JOINT_RESULT_NOTICE)
#: Kinds the party signs (or its refusal is noted): the record and the summary decision.
PARTY_SIGNS = (DocumentKind.ONSITE_RECORD, DocumentKind.SUMMARY_PENALTY_DECISION)


def compose(
    ctx: VisitContext,
    need: Need,
    *,
    settings: DocumentSettings,
    doc_id: str,
    number: DocumentNumber | None,
    issued_at: datetime,
    draft: bool,
    image_for: ImageFor,
    numbered: dict[str, str] | None = None,
) -> Document:
    """The document ``need`` asks for, from the record, numbered ``number`` (None: draft)."""
    numbered = numbered or {}
    when = local_time(issued_at) or issued_at
    p = make_parts(ctx, settings, image_for, when)
    kind = need.kind
    signatures = party_signatures(p) if kind in PARTY_SIGNS else Signatures()
    photos: tuple[Photo, ...] = ()
    content: DocumentContent
    if kind is DocumentKind.ONSITE_RECORD:
        content, photos = onsite_record(p), p.photos
    elif kind is DocumentKind.JOINT_RESULT_NOTICE:
        content = joint_notice(p)
    elif kind is DocumentKind.ORDER_TO_CORRECT:
        content = order_to_correct(p, need)
    elif kind is DocumentKind.RISK_REMINDER:
        content = risk_reminder(p, need)
    elif kind is DocumentKind.NO_PENALTY_DECISION:
        content, photos = no_penalty(p, need), p.photos_of(need.item_ids)
    elif kind is DocumentKind.SUMMARY_PENALTY_DECISION:
        content, photos = summary_penalty(p, need, numbered), p.photos_of(need.item_ids)
        signatures = party_signatures(p, signed_at=when)
    elif kind is DocumentKind.CREDIT_REPAIR_NOTICE:
        content = credit_notice(p, need, numbered)
    else:
        content, signatures = proof_of_service(p, need)
    officers = p.team if kind in EVERYONE else p.own(need.department_code)
    return Document(
        DocumentHeader(
            id=doc_id,
            kind=kind,
            issued_at=when,
            agency=settings.agency,
            party=p.party,
            inspectors=officers,
            number=number,
            signatures=signatures,
            photos=photos,
            draft=draft,
        ),
        content,
    )


__all__ = ["compose", "issuing_department"]
