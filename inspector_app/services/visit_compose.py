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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from inspector_app.documents import (
    QA,
    DepartmentResult,
    DiscretionReason,
    Document,
    DocumentContent,
    DocumentHeader,
    DocumentSettings,
    Evidence,
    Fact,
    JointResultNotice,
    NoPenaltyDecision,
    NoPenaltyGround,
    Officer,
    OnsiteRecord,
    OrderToCorrect,
    Party,
    Penalty,
    Photo,
    PriorNotice,
    ProofOfService,
    Reasoning,
    RecordItem,
    Refusal,
    RiskReminder,
    ServedDocument,
    ServiceMethod,
    Signatures,
    Statement,
    SummaryPenaltyDecision,
    credit_repair_notice,
    introduce_officers,
)
from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    DocumentKind,
    DocumentNumber,
    MergedItem,
    Outcome,
)
from inspector_app.domain.rules import EDUCATION_SENTENCE, describe_penalty
from inspector_app.domain.rules.verdict import zh_date
from inspector_app.domain.workdays import default_calendar, publication_deadline
from inspector_app.services.visit_context import VisitContext
from inspector_app.services.visit_documents import (
    DELIVERY_METHODS,
    Need,
    iso_time,
    issuing_department,
    order_for,
    parsed_number,
)

ImageFor = Callable[[str], bytes]

OUTCOME_WORDS = {
    Outcome.COMPLIANT: "符合",
    Outcome.NONCOMPLIANT: "不符合",
    Outcome.NOT_APPLICABLE: "不适用",
    Outcome.NOT_CHECKED: "未检查",
}
HANDLING = {
    DispositionKind.NO_ACTION: "不作处理",
    DispositionKind.RISK_REMINDER: "出具行政提示书",
    DispositionKind.ORDER_TO_CORRECT: "责令改正",
    DispositionKind.NO_PENALTY: "不予行政处罚并进行教育",
    DispositionKind.SUMMARY_PENALTY: "当场作出行政处罚决定",
    DispositionKind.REFER_CASE: "另行立案调查",
}
GROUNDS = {
    "NP-1": NoPenaltyGround.MINOR,
    "NP-2": NoPenaltyGround.FIRST_VIOLATION,
    "NP-3": NoPenaltyGround.NO_FAULT,
    "NP-5": NoPenaltyGround.TIME_BARRED,
}
RECORD_EVIDENCE = "执法人员现场检查时制作。"
PAYMENT = "请持本决定书到指定银行或者通过非税收入缴款平台缴纳。"
_NUMERALS = "一二三四五六七八九十"


def _local(t: datetime | None) -> datetime | None:
    """A time as the document prints it: in the laptop's own time zone."""
    return None if t is None else t.astimezone()


def _cn(n: int) -> str:
    return _NUMERALS[n - 1] if 1 <= n <= 10 else str(n)


@dataclass(frozen=True, slots=True)
class Parts:
    """What every document of one visit shares: who, where, the photos and their labels."""

    ctx: VisitContext
    settings: DocumentSettings
    image_for: ImageFor
    issued_at: datetime
    photos: tuple[Photo, ...]
    refs: dict[str, tuple[str, ...]]  # item_id -> photo labels
    team: tuple[Officer, ...]

    @property
    def party(self) -> Party:
        return Party.from_business(self.ctx.task.business)

    @property
    def place(self) -> str:
        return self.ctx.task.business.address

    @property
    def started(self) -> datetime:
        first = self.ctx.checked_in_at or min(
            (r.recorded_at for r in self.ctx.results.values() if r.recorded_at),
            default=self.issued_at,
        )
        return _local(first) or self.issued_at

    def own(self, department_code: str) -> tuple[Officer, ...]:
        return tuple(o for o in self.team if o.department_code == department_code)

    def photos_of(self, item_ids: tuple[str, ...]) -> tuple[Photo, ...]:
        wanted = {ref for i in item_ids for ref in self.refs.get(i, ())}
        return tuple(p for p in self.photos if p.ref in wanted)


def _parts(
    ctx: VisitContext, settings: DocumentSettings, image_for: ImageFor, issued_at: datetime
) -> Parts:
    photos: list[Photo] = []
    refs: dict[str, tuple[str, ...]] = {}
    for item in ctx.task.checklist:
        labels = []
        for ref in ctx.photos.get(item.id, ()):
            label = f"照片{len(photos) + 1}"
            taken = _local(ref.captured_at) or _local(ctx.results[item.id].recorded_at)
            photos.append(
                Photo(label, image_for(ref.sha256), ref.caption or item.title, taken or issued_at)
            )
            labels.append(label)
        if labels:
            refs[item.id] = tuple(labels)
    names = {d.code: d.name for d in ctx.task.departments}
    team = []
    for o in ctx.team():
        sig = ctx.signatures.get(o.id)
        image = image_for(sig.sha256) if sig is not None and sig.sha256 else None
        team.append(
            Officer(
                o.display_name,
                o.badge_no,
                image,
                agency=o.agency or names.get(o.department_code, o.department_code),
                department_code=o.department_code,
            )
        )
    return Parts(ctx, settings, image_for, issued_at, tuple(photos), refs, tuple(team))


def _signatures(p: Parts, *, signed_at: datetime | None = None) -> Signatures:
    """The party's signature or recorded refusal, and a witness's, from the visit's record."""
    party = p.ctx.signatures.get("party")
    witness = p.ctx.signatures.get("witness")
    refusal = None
    image = None
    when = None
    if party is not None and party.refused:
        refusal = Refusal("当事人拒绝签名", party.witness, party.av_reference)
    elif party is not None and party.sha256:
        image = p.image_for(party.sha256)
        when = signed_at or _local(party.signed_at)
    w_image = p.image_for(witness.sha256) if witness is not None and witness.sha256 else None
    return Signatures(
        party=image,
        party_signed_at=when,
        refusal=refusal,
        witness_name=witness.name if witness is not None else (party.witness if refusal else ""),
        witness=w_image,
        witness_signed_at=_local(witness.signed_at) if witness is not None else None,
    )


# -- the record and the joint notice -------------------------------------------------------


def _note(ctx: VisitContext, item: MergedItem, *, deadline: bool = True) -> str:
    """What was recorded about an item: the note, measurements, corrected, the deadline."""
    r = ctx.results.get(item.id)
    if r is None:
        return ""
    parts = [r.note.strip().rstrip("。；")] if r.note.strip() else []
    if r.measurements:
        parts.append("；".join(f"{k}：{v}" for k, v in r.measurements.items()))
    if r.corrected_on_site:
        parts.append("已当场改正")
    if deadline and r.deadline is not None:
        parts.append(f"限{zh_date(r.deadline)}前改正")
    return "；".join(parts)


def _people(representative: str, present: tuple[str, ...]) -> str:
    """Who was there: the party's representative first, each person once (张伟 is the
    same person as 张伟（店长）)."""
    out: list[str] = []
    for name in (representative, *present):
        name = name.strip()
        if name and not any(o == name or o.startswith(f"{name}（") for o in out):
            out.append(name)
    return "、".join(out)


def record_items(p: Parts) -> tuple[RecordItem, ...]:
    out = []
    for n, item in enumerate(p.ctx.task.checklist, 1):
        r = p.ctx.results.get(item.id)
        outcome = r.outcome if r is not None else Outcome.NOT_CHECKED
        failed = outcome is Outcome.NONCOMPLIANT
        corrected = bool(r and r.corrected_on_site)
        out.append(
            RecordItem(
                n,
                item.title,
                "不符合（已当场改正）" if failed and corrected else OUTCOME_WORDS[outcome],
                _note(p.ctx, item),
                p.refs.get(item.id, ()),
                item_id=item.id,
                departments=item.department_codes,
                noncompliant=failed,
                corrected_on_site=corrected and failed,
            )
        )
    return tuple(out)


def _statement_text(ctx: VisitContext) -> str:
    s = ctx.statement
    if s.waived:
        return "当事人明确表示放弃陈述、申辩的权利。"
    return s.text or "当事人未提出陈述、申辩意见。"


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
        ended_at=_local(ctx.checked_out_at) or p.issued_at,
        place=p.place,
        party_notified=True,
        party_present=present,
        present_person=_people(opening.party_representative, ctx.present),
        opening=qa,
        items=record_items(p),
        party_statement=_statement_text(ctx),
        closing_ack=p.settings.wording["onsite_record"]["closing_default"],
        recorder=recorder,
    )


def _handling(ctx: VisitContext, item: MergedItem) -> str:
    d = ctx.confirmed(item.id)
    if d is None:
        return "待处理"
    words = HANDLING[d.kind]
    if d.deadline is not None:
        words += f"，限{zh_date(d.deadline)}前改正"
    return words


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
                    f"{_note(ctx, ctx.item(r.item_id), deadline=False) or r.result}；"
                    f"{_handling(ctx, ctx.item(r.item_id))}"
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


def _union(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for g in groups:
        out.update(dict.fromkeys(g))
    return tuple(out)


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
        ("（" + _cn(n) + "）" if numbered else "")
        + f"{_note(ctx, item, deadline=False) or item.title}（“{item.title}”）"
        for n, (item, _d) in enumerate(pairs, 1)
    )
    deadline = pairs[0][1].deadline if pairs else None
    empowering = _union([d.order_basis or item.order_basis for item, d in pairs])
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
        provisions_breached=_union(
            [d.provisions_breached or item.legal_basis for item, d in pairs]
        ),
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
        legal_refs=_union([i.legal_basis for i in items]),
        reply_by=default_calendar().add_working_days(p.started.date(), 10),
        item_ids=need.item_ids,
    )


# -- reasoned decisions ---------------------------------------------------------------------


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
    seen = _note(ctx, item) or item.title
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
        told_at=_local(s.recorded_at) or p.issued_at,
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
        from inspector_app.domain.docnumber import parse_document_number

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
    at = _local(iso_time(last["at"])) or p.issued_at
    method = ServiceMethod(DELIVERY_METHODS.get(last["method"], last["method"]))
    docs = tuple(
        ServedDocument(
            str(d.data.get("title") or DocumentKind(d.kind).title_zh),
            parsed_number(d),
            DocumentKind(d.kind),
            _local(iso_time(d.data.get("issued_at"))),
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
    return proof, _signatures(p, signed_at=at)


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
    when = _local(issued_at) or issued_at
    p = _parts(ctx, settings, image_for, when)
    kind = need.kind
    signatures = _signatures(p) if kind in PARTY_SIGNS else Signatures()
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
        signatures = _signatures(p, signed_at=when)
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

_ = date
