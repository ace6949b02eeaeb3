"""Which documents a visit needs, and each composed from the record.

What a visit needs follows from its confirmed dispositions (issue 11 item 5):

- always the 现场笔录 (by the lead department) and the 联合检查结果告知书 (each
  department's own part);
- a 责令改正通知书 per issuing department and deadline for orders to correct (also the
  correction ordered with a summary penalty, 行政处罚法第二十八条第一款), not for a finding
  corrected on the spot without a deadline;
- a 行政提示书 per department for risk reminders;
- a 不予行政处罚决定书 per no-penalty finding, with the education given;
- a 当场行政处罚决定书 per summary penalty, and with it the 信用修复告知书 only where the
  credit rules publish the decision: 《市场监督管理行政处罚信息公示规定》第二条 publishes
  decisions made under the general procedure, so a summary decision never has one (the
  listing says so);
- a 送达回证 per department once documents of it were delivered, listing them.

The issuing department is the one whose provisions the disposition applies (its first
``departments``); a decision is signed by that agency's officers only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from inspector_app.domain.credit import PenaltyFacts, rule_set_for
from inspector_app.domain.docnumber import parse_document_number
from inspector_app.domain.entities import (
    Disposition,
    DispositionKind,
    DocumentKind,
    DocumentNumber,
    MergedItem,
)
from inspector_app.services.visit_context import IssuedRecord, VisitContext

#: Delivery methods by wire name, as 送达回证 names them (行政处罚法第六十一条).
DELIVERY_METHODS = {
    "direct": "直接送达",
    "left": "留置送达",
    "post": "邮寄送达",
    "entrusted": "委托送达",
    "transferred": "转交送达",
    "electronic": "电子送达",
    "public": "公告送达",
}

#: Documents handed to the party, which a 送达回证 lists once delivered.
SERVED = frozenset(
    {
        DocumentKind.ORDER_TO_CORRECT,
        DocumentKind.RISK_REMINDER,
        DocumentKind.NO_PENALTY_DECISION,
        DocumentKind.SUMMARY_PENALTY_DECISION,
        DocumentKind.CREDIT_REPAIR_NOTICE,
        DocumentKind.JOINT_RESULT_NOTICE,
    }
)

NO_CREDIT_NOTICE = (
    "信用修复告知书未随当场行政处罚决定书出具：依照《市场监督管理行政处罚信息公示规定》第二条，"
    "适用简易程序作出的行政处罚决定不予公示，无须信用修复。 / No credit-repair notice: a "
    "summary-procedure decision is not published (公示规定第二条), so there is nothing to repair."
)


@dataclass(frozen=True, slots=True)
class Need:
    """One document the visit needs: its kind, the department issuing it, its findings."""

    kind: DocumentKind
    department_code: str
    item_ids: tuple[str, ...] = ()
    served: tuple[str, ...] = ()  # 送达回证: the ids of the documents it lists
    note: str = ""
    companions_note: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        parts = self.served if self.kind is DocumentKind.PROOF_OF_SERVICE else self.item_ids
        return f"{self.kind.value}|{self.department_code}|{','.join(parts)}"


def issuing_department(item: MergedItem, d: Disposition) -> str:
    """The department whose provisions the disposition applies (谁检查、谁负责)."""
    return d.departments[0] if d.departments else item.department_codes[0]


def _summary_published(ctx: VisitContext, d: Disposition, on: date) -> tuple[bool, str]:
    """Whether the credit rules publish this summary decision, and why (not)."""
    penalties = ("warning",) if d.warning and d.proposed_fine is None else ("fine",)
    facts = PenaltyFacts(
        decided_on=on,
        penalties=penalties,
        fine_amount=d.proposed_fine,
        party_type=ctx.task.business.party_type,
        summary_procedure=True,
    )
    try:
        a = rule_set_for(on).assess(facts)
    except (ValueError, LookupError) as exc:
        return False, str(exc)
    return a.published, "".join(a.reasons)


def needed_documents(ctx: VisitContext, *, on: date | None = None) -> list[Need]:
    """Every document the visit needs now, in the order they are issued."""
    on = on or date.today()
    lead = ctx.task.lead_department_code
    needs = [Need(DocumentKind.ONSITE_RECORD, lead), Need(DocumentKind.JOINT_RESULT_NOTICE, lead)]
    orders: dict[tuple[str, date | None], list[str]] = {}
    reminders: dict[str, list[str]] = {}
    decisions: list[Need] = []
    for item in ctx.task.checklist:
        d = ctx.confirmed(item.id)
        if d is None:
            continue
        dept = issuing_department(item, d)
        result = ctx.results[item.id]
        if d.kind is DispositionKind.ORDER_TO_CORRECT:
            if not (result.corrected_on_site and d.deadline is None):
                orders.setdefault((dept, d.deadline), []).append(item.id)
        elif d.kind is DispositionKind.RISK_REMINDER:
            reminders.setdefault(dept, []).append(item.id)
        elif d.kind is DispositionKind.NO_PENALTY:
            decisions.append(Need(DocumentKind.NO_PENALTY_DECISION, dept, (item.id,)))
        elif d.kind is DispositionKind.SUMMARY_PENALTY:
            published, why = _summary_published(ctx, d, on)
            note = () if published else (NO_CREDIT_NOTICE,)
            decisions.append(
                Need(DocumentKind.SUMMARY_PENALTY_DECISION, dept, (item.id,), companions_note=note)
            )
            if published:
                decisions.append(
                    Need(DocumentKind.CREDIT_REPAIR_NOTICE, dept, (item.id,), note=why)
                )
            if d.deadline is not None:  # 第二十八条第一款: the correction ordered with it
                orders.setdefault((dept, d.deadline), []).append(item.id)
    for (dept, _deadline), ids in sorted(orders.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        needs.append(Need(DocumentKind.ORDER_TO_CORRECT, dept, tuple(ids)))
    needs += [Need(DocumentKind.RISK_REMINDER, dept, tuple(ids)) for dept, ids in reminders.items()]
    needs += decisions
    needs += _proofs(ctx)
    return needs


def _proofs(ctx: VisitContext) -> list[Need]:
    """A 送达回证 per department for its delivered documents not yet on an issued one."""
    listed = {
        doc_id
        for d in ctx.final_documents()
        if d.kind == DocumentKind.PROOF_OF_SERVICE.value
        for doc_id in d.data.get("served") or ()
    }
    by_dept: dict[str, list[str]] = {}
    for d in ctx.final_documents():
        if DocumentKind(d.kind) in SERVED and d.data.get("deliveries") and d.id not in listed:
            by_dept.setdefault(str(d.data.get("department_code") or ""), []).append(d.id)
    return [
        Need(DocumentKind.PROOF_OF_SERVICE, dept, served=tuple(ids))
        for dept, ids in sorted(by_dept.items())
    ]


def why_not_needed(ctx: VisitContext, kind: DocumentKind) -> str:
    """Why the visit needs no document of ``kind`` now, in both languages."""
    if kind is DocumentKind.PROOF_OF_SERVICE:
        return (
            "没有已送达而未列入送达回证的文书；请先记录送达。 / No delivered document awaits "
            "a proof of service; record a delivery first."
        )
    if kind is DocumentKind.CREDIT_REPAIR_NOTICE:
        return NO_CREDIT_NOTICE
    decided = {ctx.confirmed(i.id).kind for i in ctx.task.checklist if ctx.confirmed(i.id)}  # type: ignore[union-attr]
    if not decided:
        return "尚未确认任何处理方式。 / No disposition has been confirmed yet (decide first)."
    return (
        "已确认的处理方式不需要该文书，或者该文书已经出具。 / The confirmed dispositions do not "
        "call for it, or it is issued already."
    )


def number_of(ctx: VisitContext, need_key: str, numbered: dict[str, str]) -> str | None:
    """The number of the document issued for ``need_key`` (in this batch or before)."""
    if need_key in numbered:
        return numbered[need_key]
    for d in ctx.final_documents():
        if d.data.get("key") == need_key:
            return d.number
    return None


def order_for(ctx: VisitContext, item_id: str, numbered: dict[str, str]) -> str | None:
    """The number of the order to correct that covers ``item_id``, if issued."""
    for key, number in numbered.items():
        kind, _dept, ids = key.split("|", 2)
        if kind == DocumentKind.ORDER_TO_CORRECT.value and item_id in ids.split(","):
            return number
    for d in ctx.final_documents():
        if d.kind == DocumentKind.ORDER_TO_CORRECT.value and item_id in (
            d.data.get("item_ids") or ()
        ):
            return d.number
    return None


def parsed_number(record: IssuedRecord) -> DocumentNumber | None:
    if record.number is None:
        return None
    try:
        return parse_document_number(record.number, record.data.get("agency_code"))
    except ValueError:
        return None


def iso_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None
