"""What must be present before a document may be final, and what the law refuses outright.

- Every final document: at least two inspectors with 执法证号 (行政处罚法第42条), the
  party's signature or a recorded refusal with a witness or an audio/video reference
  (行政强制法第18条), and a document number.
- 当场行政处罚决定书: a warning, or a fine of at most 200 yuan (citizen) / 3,000 yuan
  (organisation) (行政处罚法第51条, via ``domain.rules.summary``). Refused even as a draft.
- 信用修复告知书: only for a published decision, i.e. not for a summary-procedure or a
  warning-only penalty (市场监督管理行政处罚信息公示规定第2条).
- 送达回证 by 留置送达: the leaving must be photographed or filmed.
"""

from __future__ import annotations

from inspector_app.documents.kinds import (
    CreditRepairNotice,
    OnsiteRecord,
    Penalty,
    ProofOfService,
    ServiceMethod,
    SummaryPenaltyDecision,
)
from inspector_app.documents.model import Document, DocumentIncomplete, DocumentRefused
from inspector_app.domain.rules.summary import check_summary_penalty


def refuse_unlawful(doc: Document) -> None:
    """Raise DocumentRefused when the law does not allow this document at all."""
    c = doc.content
    if isinstance(c, SummaryPenaltyDecision):
        if c.penalty is Penalty.FINE and c.amount is None:
            raise DocumentRefused("当场行政处罚决定书：罚款须填写金额。")
        check = check_summary_penalty(doc.header.party.party_type, c.penalty.value, c.amount)
        if not check.allowed:
            raise DocumentRefused("当场行政处罚决定书不能出具：" + "".join(check.reasons))
        if c.collected_on_spot:
            collect = check_summary_penalty(
                doc.header.party.party_type,
                c.penalty.value,
                c.amount,
                hard_to_collect=c.hard_to_collect,
            ).collect_on_spot_allowed
            if not collect:
                raise DocumentRefused(
                    "罚款超过一百元且无事后难以执行情形，不得当场收缴（行政处罚法第六十八条）。"
                )
    if isinstance(c, CreditRepairNotice) and (c.summary_procedure or c.warning_only):
        raise DocumentRefused(
            "信用修复告知书只随应当公示的行政处罚决定书送达；适用简易程序或者仅给予警告的"
            "处罚不予公示（市场监督管理行政处罚信息公示规定第二条）。"
        )


def missing_for_final(doc: Document) -> list[str]:
    """Everything a final document still lacks, in words an inspector can act on."""
    h = doc.header
    missing: list[str] = []
    named = [o for o in h.inspectors if o.name.strip() and o.badge_no.strip()]
    if len(named) < 2:
        missing.append(
            f"至少两名执法人员的姓名和执法证号（现有{len(named)}名，行政处罚法第四十二条）"
        )
    for o in h.inspectors:
        if o.name.strip() and not o.badge_no.strip():
            missing.append(f"执法人员{o.name}的执法证号")
    if not h.signatures.party_accounted_for:
        if h.signatures.refusal is not None:
            missing.append("当事人拒绝签名时的见证人或者音像记录（行政强制法第十八条）")
        else:
            missing.append("当事人签名，或者拒绝签名的记录（附见证人或者音像记录）")
    if h.number is None:
        missing.append("文书编号（从编号段中取号）")
    c = doc.content
    if isinstance(c, OnsiteRecord) and not c.items:
        missing.append("检查情况（至少一项检查事项）")
    if isinstance(c, ProofOfService):
        if not c.documents:
            missing.append("送达的文书名称和文号")
        if c.method is ServiceMethod.LEFT and not (h.photos or c.av_reference.strip()):
            missing.append("留置送达的照片或者音像记录")
    return missing


def check_document(doc: Document) -> None:
    """Refuse what the law forbids; for a final document, also refuse what is incomplete."""
    refuse_unlawful(doc)
    if not doc.header.draft:
        missing = missing_for_final(doc)
        if missing:
            raise DocumentIncomplete(doc.kind, missing)
