"""One visit, one story: the documents of one visit agree with each other and the record.

``check_visit(documents)`` takes every document issued for one visit (the 现场笔录 and
whatever came of it) and lists each contradiction a legal reviewer would refuse:

- every finding of the record (a non-compliant item) is in the 联合检查结果告知书, under
  each department whose item it is (谁检查、谁负责), and the notice lists no finding the
  record does not hold;
- every document served is in a 送达回证, made before it was served, and a decision
  served within seven days (行政处罚法第六十一条: "当事人不在场的，行政机关应当在七日内
  依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人"); a summary
  decision handed over on the spot (第五十二条: "并当场交付当事人");
- no item both corrected on the spot and fined, nor ordered corrected by a date;
- an order to correct by a date and a fine for failing to correct (拒不改正) never both
  before that date; no item both spared a penalty and penalised;
- a decision deals only with findings of the record, is signed by officers who were
  there, and names the same party; a credit-repair notice goes only with a published
  decision (公示规定第二条).

Documents are matched to the record by ``RecordItem.item_id`` (``item_ids`` on the
decisions and on each ``DepartmentResult``) and to the 送达回证 by number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from inspector_app.documents.kinds import (
    CreditRepairNotice,
    JointResultNotice,
    NoPenaltyDecision,
    OnsiteRecord,
    OrderToCorrect,
    Penalty,
    ProofOfService,
    RecordItem,
    RiskReminder,
    ServedDocument,
    ServiceMethod,
    SummaryPenaltyDecision,
)
from inspector_app.documents.model import Document
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentKind

#: Documents handed to the party, which a 送达回证 must list.
SERVED_KINDS = frozenset(
    {
        DocumentKind.ORDER_TO_CORRECT,
        DocumentKind.RISK_REMINDER,
        DocumentKind.NO_PENALTY_DECISION,
        DocumentKind.SUMMARY_PENALTY_DECISION,
        DocumentKind.CREDIT_REPAIR_NOTICE,
        DocumentKind.JOINT_RESULT_NOTICE,
    }
)
#: Decisions that 第六十一条's seven days apply to.
DECISION_KINDS = frozenset(
    {DocumentKind.NO_PENALTY_DECISION, DocumentKind.SUMMARY_PENALTY_DECISION}
)
SERVICE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Problem:
    """One contradiction: a stable ``code`` for programs, a ``message`` for the inspector,
    and the ids of the documents involved."""

    code: str
    message: str
    documents: tuple[str, ...] = ()


def _key(title: str, number: object) -> str:
    return format_document_number(number) if number is not None else f"title:{title}"  # type: ignore[arg-type]


def _doc_key(doc: Document) -> str:
    return _key(doc.title, doc.header.number)


def _served_key(sd: ServedDocument) -> str:
    return _key(sd.title, sd.number)


def _name(doc: Document) -> str:
    number = format_document_number(doc.header.number) if doc.header.number else "未编号"
    return f"《{doc.title}》（{number}）"


def check_visit(documents: Iterable[Document]) -> list[Problem]:
    """Every contradiction among the documents of one visit; an empty list when they agree."""
    docs = list(documents)
    problems: list[Problem] = []
    records = [d for d in docs if isinstance(d.content, OnsiteRecord)]
    items: dict[str, RecordItem] = {}
    for r in records:
        assert isinstance(r.content, OnsiteRecord)
        items |= {it.item_id: it for it in r.content.items if it.item_id}
    findings = {i: it for i, it in items.items() if _noncompliant(it)}

    problems += _same_party(docs)
    problems += _joint_notice(docs, records, findings)
    problems += _decisions(docs, records, items, findings)
    problems += _service(docs)
    return problems


def _noncompliant(it: RecordItem) -> bool:
    return it.noncompliant or it.result.startswith("不符合")


def _same_party(docs: list[Document]) -> list[Problem]:
    parties = {(d.header.party.uscc, d.header.party.name) for d in docs}
    if len(parties) <= 1:
        return []
    names = "、".join(sorted(f"{n}（{u}）" for u, n in parties))
    return [Problem("party_mismatch", f"同一次检查的文书当事人不一致：{names}")]


def _joint_notice(
    docs: list[Document], records: list[Document], findings: dict[str, RecordItem]
) -> list[Problem]:
    notices = [d for d in docs if isinstance(d.content, JointResultNotice)]
    if not notices:
        if records:
            return [
                Problem(
                    "no_joint_notice",
                    "现场笔录之外没有联合检查结果告知书：检查结果应当现场书面告知"
                    "（食品生产经营监督检查管理办法第三十五条）。",
                    tuple(r.header.id for r in records),
                )
            ]
        return []
    problems: list[Problem] = []
    for notice in notices:
        c = notice.content
        assert isinstance(c, JointResultNotice)
        listed: dict[str, set[str]] = {}
        for dr in c.departments:
            for item_id in dr.item_ids:
                listed.setdefault(item_id, set()).add(dr.department_code)
        for item_id, it in findings.items():
            if item_id not in listed:
                problems.append(
                    Problem(
                        "finding_not_in_joint_notice",
                        f"现场笔录第{it.no}项“{it.title}”不符合要求，联合检查结果告知书未列明。",
                        (notice.header.id,),
                    )
                )
                continue
            lacking = [d for d in it.departments if d not in listed[item_id]]
            if lacking:
                problems.append(
                    Problem(
                        "finding_not_under_its_department",
                        f"现场笔录第{it.no}项“{it.title}”是{'、'.join(lacking)}的检查事项，"
                        "联合检查结果告知书未在该部门的检查结果中列明（谁检查、谁负责）。",
                        (notice.header.id,),
                    )
                )
        for item_id in listed:
            if records and item_id not in findings:
                problems.append(
                    Problem(
                        "joint_notice_finding_not_in_record",
                        f"联合检查结果告知书列明的问题（检查事项{item_id}）在现场笔录中不是"
                        "不符合项。",
                        (notice.header.id,),
                    )
                )
    return problems


def _covers(doc: Document) -> tuple[str, ...]:
    c = doc.content
    if isinstance(c, OrderToCorrect | NoPenaltyDecision | SummaryPenaltyDecision | RiskReminder):
        return c.item_ids
    return ()


def _decisions(
    docs: list[Document],
    records: list[Document],
    items: dict[str, RecordItem],
    findings: dict[str, RecordItem],
) -> list[Problem]:
    problems: list[Problem] = []
    present = {(o.name, o.badge_no) for r in records for o in r.header.inspectors}
    orders = [d for d in docs if isinstance(d.content, OrderToCorrect)]
    fines = [
        d
        for d in docs
        if isinstance(d.content, SummaryPenaltyDecision) and d.content.penalty is Penalty.FINE
    ]
    penalties = [d for d in docs if isinstance(d.content, SummaryPenaltyDecision)]
    spared = [d for d in docs if isinstance(d.content, NoPenaltyDecision)]
    for doc in docs:
        covered = _covers(doc)
        if records and not isinstance(doc.content, RiskReminder):
            for item_id in covered:
                if item_id not in items:
                    problems.append(
                        Problem(
                            "unknown_item",
                            f"{_name(doc)}所涉检查事项{item_id}不在现场笔录中。",
                            (doc.header.id,),
                        )
                    )
                elif item_id not in findings:
                    compliant = items[item_id]
                    problems.append(
                        Problem(
                            "decision_on_compliant_item",
                            f"{_name(doc)}所涉现场笔录第{compliant.no}项“{compliant.title}”记录为"
                            f"“{compliant.result}”，不是违法事实。",
                            (doc.header.id,),
                        )
                    )
        if (
            records
            and present
            and doc.kind in SERVED_KINDS
            and doc.kind is not (DocumentKind.CREDIT_REPAIR_NOTICE)
        ):
            absent = [o.name for o in doc.header.inspectors if (o.name, o.badge_no) not in present]
            if absent:
                problems.append(
                    Problem(
                        "officer_not_present",
                        f"{_name(doc)}的执法人员{'、'.join(absent)}不在现场笔录记载的检查人员中。",
                        (doc.header.id,),
                    )
                )
    for fine in fines:
        c = fine.content
        assert isinstance(c, SummaryPenaltyDecision)
        for item_id in c.item_ids:
            it = items.get(item_id)
            if it is not None and it.corrected_on_site:
                problems.append(
                    Problem(
                        "corrected_and_fined",
                        f"现场笔录第{it.no}项“{it.title}”已当场改正，{_name(fine)}却对其罚款。",
                        (fine.header.id,),
                    )
                )
            for order in orders:
                o = order.content
                assert isinstance(o, OrderToCorrect)
                if item_id not in o.item_ids or o.deadline is None:
                    continue
                failing = c.provision is not None and "改正" in c.provision.condition
                if failing and c.decided_at.date() <= o.deadline:
                    problems.append(
                        Problem(
                            "fined_before_deadline",
                            f"{_name(order)}责令于{o.deadline.isoformat()}前改正，{_name(fine)}"
                            f"却在{c.decided_at.date().isoformat()}以“{c.provision.condition}”"  # type: ignore[union-attr]
                            "为由罚款：拒不改正须在改正期限届满之后才能认定。",
                            (order.header.id, fine.header.id),
                        )
                    )
    for order in orders:
        o = order.content
        assert isinstance(o, OrderToCorrect)
        for item_id in o.item_ids:
            it = items.get(item_id)
            if it is not None and it.corrected_on_site and o.deadline is not None:
                problems.append(
                    Problem(
                        "order_for_corrected_item",
                        f"现场笔录第{it.no}项“{it.title}”已当场改正，{_name(order)}却责令限期改正。",
                        (order.header.id,),
                    )
                )
    for no in spared:
        n = no.content
        assert isinstance(n, NoPenaltyDecision)
        for pen in penalties:
            p = pen.content
            assert isinstance(p, SummaryPenaltyDecision)
            both = set(n.item_ids) & set(p.item_ids)
            if both:
                problems.append(
                    Problem(
                        "spared_and_penalised",
                        f"{_name(no)}与{_name(pen)}针对同一违法事实（{'、'.join(sorted(both))}），"
                        "不予处罚与处罚不能同时成立。",
                        (no.header.id, pen.header.id),
                    )
                )
    return problems


def _service(docs: list[Document]) -> list[Problem]:
    problems: list[Problem] = []
    proofs = [d for d in docs if isinstance(d.content, ProofOfService)]
    by_key = {_doc_key(d): d for d in docs}
    served: dict[str, tuple[Document, ServedDocument]] = {}
    for proof in proofs:
        c = proof.content
        assert isinstance(c, ProofOfService)
        for sd in c.documents:
            key = _served_key(sd)
            served[key] = (proof, sd)
            doc = by_key.get(key)
            if doc is None:
                problems.append(
                    Problem(
                        "served_document_unknown",
                        f"送达回证列明的《{sd.title}》（{key.removeprefix('title:')}）"
                        "不在本次检查的文书中。",
                        (proof.header.id,),
                    )
                )
                continue
            issued = doc.header.issued_at
            if sd.issued_at is not None and sd.issued_at != issued:
                problems.append(
                    Problem(
                        "served_time_mismatch",
                        f"送达回证记载{_name(doc)}的作出时间与文书不一致。",
                        (proof.header.id, doc.header.id),
                    )
                )
            if c.served_at < issued:
                problems.append(
                    Problem(
                        "served_before_issued",
                        f"{_name(doc)}在作出之前即已送达。",
                        (proof.header.id, doc.header.id),
                    )
                )
            if doc.kind in DECISION_KINDS and c.served_at - issued > timedelta(days=SERVICE_DAYS):
                problems.append(
                    Problem(
                        "served_late",
                        f"{_name(doc)}作出后超过七日才送达（行政处罚法第六十一条）。",
                        (proof.header.id, doc.header.id),
                    )
                )
            on_the_spot = c.method in (ServiceMethod.DIRECT, ServiceMethod.LEFT)
            if doc.kind is DocumentKind.SUMMARY_PENALTY_DECISION and not (
                on_the_spot and c.served_at.date() == issued.date()
            ):
                problems.append(
                    Problem(
                        "summary_not_handed_over",
                        f"{_name(doc)}应当当场交付当事人（行政处罚法第五十二条）。",
                        (proof.header.id, doc.header.id),
                    )
                )
    for doc in docs:
        if doc.kind in SERVED_KINDS and _doc_key(doc) not in served:
            problems.append(
                Problem(
                    "not_in_proof_of_service",
                    f"{_name(doc)}未列入送达回证。",
                    (doc.header.id,),
                )
            )
    summaries = {_doc_key(d) for d in docs if isinstance(d.content, SummaryPenaltyDecision)}
    for doc in docs:
        c = doc.content
        if isinstance(c, CreditRepairNotice) and _key(c.decision_title, c.decision_number) in (
            summaries
        ):
            problems.append(
                Problem(
                    "credit_notice_for_summary_decision",
                    "信用修复告知书所附的是当场（简易程序）处罚决定，该决定不予公示"
                    "（市场监督管理行政处罚信息公示规定第二条）。",
                    (doc.header.id,),
                )
            )
    return problems
