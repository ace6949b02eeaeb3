"""What must be present before a document may be final, and what the law refuses outright.

- Every final document: at least two officers of the issuing agency with 执法证号
  (行政处罚法第四十二条 "执法人员不得少于两人"), every officer named with their own agency,
  and a document number. A decision, notice or proof of service is made only by officers
  of the agency that issues it: in a joint visit a fire-brigade officer does not act for
  the market-supervision bureau.
- The party's signature or a recorded refusal with a witness or an audio/video reference
  (行政强制法第十八条) where the party signs: the 现场笔录, the 当场行政处罚决定书 (第五十二条:
  "当场交付当事人。当事人拒绝签收的，应当在行政处罚决定书上注明") and the 送达回证 of a
  handed-over service. A decision for an absent party is served afterwards (第六十一条).
- 当场行政处罚决定书: a warning, or a fine of at most 200 yuan (citizen) / 3,000 yuan
  (organisation) (第五十一条, via ``domain.rules.summary``), inside the statutory range of
  the penalty provision; a warning only where the provision allows one; told beforehand
  (第四十四条) and never heavier than what was told (第四十五条第二款). Refused even as a draft.
- 信用修复告知书: only for a decision that is published (公示规定第二条).
- 送达回证: per method, what that method needs (see ``ProofOfService``).
"""

from __future__ import annotations

from decimal import Decimal

from inspector_app.documents.kinds import (
    CreditRepairNotice,
    JointResultNotice,
    NoPenaltyDecision,
    OnsiteRecord,
    Penalty,
    ProofOfService,
    ServiceMethod,
    SummaryPenaltyDecision,
)
from inspector_app.documents.model import Document, DocumentIncomplete, DocumentRefused
from inspector_app.domain.credit import rule_set_for
from inspector_app.domain.entities import DocumentKind
from inspector_app.domain.rules.summary import SUMMARY_FINE_LIMITS, check_summary_penalty

#: Documents that only the issuing agency's own officers may sign.
OWN_OFFICERS_ONLY = frozenset(
    {
        DocumentKind.ORDER_TO_CORRECT,
        DocumentKind.RISK_REMINDER,
        DocumentKind.NO_PENALTY_DECISION,
        DocumentKind.SUMMARY_PENALTY_DECISION,
        DocumentKind.CREDIT_REPAIR_NOTICE,
        DocumentKind.PROOF_OF_SERVICE,
    }
)

#: Service where the recipient signs the 送达回证 (or refuses, 留置送达).
SIGNED_SERVICE = frozenset(
    {
        ServiceMethod.DIRECT,
        ServiceMethod.LEFT,
        ServiceMethod.ENTRUSTED,
        ServiceMethod.TRANSFERRED,
    }
)


def _yuan(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f")


def refuse_unlawful(doc: Document) -> None:
    """Raise DocumentRefused when the law does not allow this document at all."""
    c = doc.content
    if isinstance(c, SummaryPenaltyDecision):
        _refuse_summary(doc, c)
    if isinstance(c, CreditRepairNotice):
        try:
            assessment = rule_set_for(c.facts.decided_on).assess(c.facts)
        except (ValueError, LookupError) as exc:
            raise DocumentRefused(f"信用修复告知书不能出具：{exc}") from exc
        if not assessment.published:
            raise DocumentRefused(
                "信用修复告知书只随应当公示的行政处罚决定书送达：" + "".join(assessment.reasons)
            )


def _refuse_summary(doc: Document, c: SummaryPenaltyDecision) -> None:
    if c.penalty is Penalty.FINE and c.amount is None:
        raise DocumentRefused("当场行政处罚决定书：罚款须填写金额。")
    party_type = doc.header.party.party_type
    check = check_summary_penalty(party_type, c.penalty.value, c.amount)
    if not check.allowed:
        raise DocumentRefused("当场行政处罚决定书不能出具：" + "".join(check.reasons))
    p = c.provision
    if p is not None:
        basis = "、".join(p.basis)
        if c.penalty is Penalty.WARNING and not p.warning:
            raise DocumentRefused(
                f"{basis}没有规定警告，不能当场给予警告（行政处罚法第五十一条“有法定依据”）。"
            )
        if c.penalty is Penalty.FINE and c.amount is not None:
            limit = SUMMARY_FINE_LIMITS[party_type]
            if p.fine_min is not None and p.fine_min > limit:
                raise DocumentRefused(
                    f"{basis}规定的罚款最低为{p.fine_min}元，超过简易程序{_yuan(limit)}元的限额："
                    "不能当场罚款，"
                    + ("只能当场给予警告，" if p.warning else "")
                    + "罚款应当适用普通程序（行政处罚法第五十一条、第五十四条）。"
                )
            if p.fine_max is not None and c.amount > p.fine_max:
                raise DocumentRefused(
                    f"罚款{_yuan(c.amount)}元超过{basis}规定的最高额{p.fine_max}元。"
                )
            reduced = any(r.kind == "减轻" for r in c.reasoning.discretion)
            if p.fine_min is not None and c.amount < p.fine_min and not reduced:
                raise DocumentRefused(
                    f"罚款{_yuan(c.amount)}元低于{basis}规定的最低额{p.fine_min}元；"
                    "低于法定最低额须有行政处罚法第三十二条规定的减轻情形并写明理由。"
                )
    n = c.notice
    if n is not None:
        if n.told_at > c.decided_at:
            raise DocumentRefused(
                "告知拟作出的行政处罚应当在作出决定之前（行政处罚法第四十四条）。"
            )
        heavier = (c.penalty is Penalty.FINE and n.proposed_amount is None) or (
            c.amount is not None and n.proposed_amount is not None and c.amount > n.proposed_amount
        )
        if heavier:
            raise DocumentRefused(
                f"决定的处罚重于告知的处罚（{n.proposed}）：行政机关不得因当事人陈述、申辩而"
                "给予更重的处罚（行政处罚法第四十五条第二款）；应当重新告知。"
            )
        if n.waived and c.reasoning.statements:
            raise DocumentRefused(
                "告知记录写明当事人放弃陈述、申辩，决定书却载有其陈述、申辩：二者不能同时成立。"
            )
    if c.collected_on_spot:
        collect = check_summary_penalty(
            party_type, c.penalty.value, c.amount, hard_to_collect=c.hard_to_collect
        ).collect_on_spot_allowed
        if not collect:
            raise DocumentRefused(
                "罚款超过一百元且无事后难以执行情形，不得当场收缴（行政处罚法第六十八条）。"
            )


def _officers_missing(doc: Document) -> list[str]:
    h = doc.header
    agency = h.agency
    missing: list[str] = []
    own = [o for o in h.inspectors if o.acts_for(agency) and o.name.strip() and o.badge_no.strip()]
    if len(own) < 2:
        missing.append(
            f"至少两名{agency.name}执法人员的姓名和执法证号（现有{len(own)}名，"
            "行政处罚法第四十二条：执法人员不得少于两人；联合检查中各部门执法人员只代表本部门）"
        )
    for o in h.inspectors:
        if o.name.strip() and not o.badge_no.strip():
            missing.append(f"执法人员{o.name}的执法证号")
        belongs = o.acts_for(agency)
        if belongs is None:
            missing.append(f"执法人员{o.name}的所属机关")
        elif not belongs and doc.kind in OWN_OFFICERS_ONLY:
            missing.append(
                f"{o.name}（{o.agency or o.department_code}）不是{agency.name}的执法人员，"
                f"不能以本机关名义签署《{doc.title}》；请改由本机关执法人员签署"
            )
    return missing


def _party_signs(doc: Document) -> bool:
    c = doc.content
    if isinstance(c, OnsiteRecord):
        return c.party_present
    if isinstance(c, SummaryPenaltyDecision):
        return True
    if isinstance(c, ProofOfService):
        return c.method in SIGNED_SERVICE
    return False


def missing_for_final(doc: Document) -> list[str]:
    """Everything a final document still lacks, in words an inspector can act on."""
    h = doc.header
    missing = _officers_missing(doc)
    sigs = h.signatures
    if _party_signs(doc) and not sigs.party_accounted_for:
        if sigs.refusal is not None:
            missing.append("当事人拒绝签名时的见证人或者音像记录（行政强制法第十八条）")
        else:
            missing.append("当事人签名，或者拒绝签名的记录（附见证人或者音像记录）")
    if h.number is None:
        missing.append("文书编号（从编号段中取号）")
    c = doc.content
    if isinstance(c, OnsiteRecord):
        if not c.items:
            missing.append("检查情况（至少一项检查事项）")
        names = {o.name for o in h.inspectors}
        if not c.recorder.strip():
            missing.append("记录人（制作笔录的执法人员）")
        elif c.recorder not in names:
            missing.append(f"记录人{c.recorder}须为在场执法人员之一")
        if not c.party_present and not (sigs.witness_name.strip() and sigs.witness):
            missing.append("当事人不在场时见证人的姓名和签名")
    if isinstance(c, SummaryPenaltyDecision):
        if c.provision is None:
            missing.append("罚则（处罚依据及法定处罚种类、幅度）")
        if c.notice is None:
            missing.append(
                "作出决定前告知拟作出的行政处罚内容及事实、理由、依据和陈述、申辩权利的记录"
                "（行政处罚法第四十四条、第四十五条、第六十二条）"
            )
        if c.penalty is Penalty.FINE and not c.reasoning.discretion:
            missing.append("罚款数额的裁量理由（情节、裁量基准及所选数额的道理）")
    if isinstance(c, NoPenaltyDecision) and not c.education.strip():
        missing.append("对当事人进行教育的情况（行政处罚法第三十三条第三款）")
    if isinstance(c, JointResultNotice):
        for dr in c.departments:
            if not dr.officers:
                missing.append(f"{dr.department}的检查人员（谁检查、谁负责）")
            elif dr.findings and not all(o.signature for o in dr.officers):
                missing.append(f"{dr.department}检查人员对本部门检查结果的确认签名")
    if isinstance(c, ProofOfService):
        missing += _service_missing(doc, c)
    return missing


def _service_missing(doc: Document, c: ProofOfService) -> list[str]:
    h = doc.header
    sigs = h.signatures
    missing: list[str] = []
    if not c.documents:
        missing.append("送达的文书名称和文号")
    m = c.method
    if m in SIGNED_SERVICE and sigs.party is not None:
        if sigs.party_signed_at is None:
            missing.append("收件人的签收时间")
        elif sigs.party_signed_at.replace(second=0, microsecond=0) != c.served_at.replace(
            second=0, microsecond=0
        ):
            missing.append(
                "签收时间与送达时间须一致（受送达人在送达回证上的签收日期为送达日期）："
                f"签收{sigs.party_signed_at:%Y-%m-%d %H:%M}，送达{c.served_at:%Y-%m-%d %H:%M}"
            )
        if not c.recipient.strip():
            missing.append("收件人姓名")
    for sd in c.documents:
        if sd.issued_at is not None and sd.issued_at > c.served_at:
            missing.append(f"《{sd.title}》的作出时间晚于送达时间：先作出，后送达")
    if c.recipient.strip() and c.recipient.strip() not in (
        c.addressee.strip(),
        h.party.legal_rep.strip(),
    ):
        # Someone other than the addressee or its legal representative received it.
        if not c.proxy_relationship.strip():
            missing.append("代收人与受送达人的关系")
        if not c.proxy_reason.strip():
            missing.append("代收理由")
    if m is ServiceMethod.LEFT:
        if sigs.refusal is None:
            missing.append("留置送达须记录受送达人拒绝签收的情况")
        if not (h.photos or c.av_reference.strip()):
            missing.append("留置送达的照片或者音像记录")
    if c.witness.strip() and sigs.witness is None:
        missing.append(f"见证人{c.witness}的签名")
    if m is ServiceMethod.POST and not c.reference.strip():
        missing.append("邮寄送达的邮件号（以回执上注明的收件日期为送达日期）")
    if m is ServiceMethod.ELECTRONIC:
        if not c.consent_reference.strip():
            missing.append("当事人同意电子送达并签订的确认书（行政处罚法第六十一条第二款）")
        if not c.reference.strip():
            missing.append("电子送达的地址（传真号码、电子邮件地址等）")
    if m is ServiceMethod.ENTRUSTED and not c.entrusted_to.strip():
        missing.append("受委托送达的机关")
    if m is ServiceMethod.PUBLIC:
        if not c.reference.strip():
            missing.append("公告的载体和日期")
        if not c.remarks.strip():
            missing.append("采用公告送达的原因（受送达人下落不明或者用其他方式无法送达）")
    return missing


def check_document(doc: Document) -> None:
    """Refuse what the law forbids; for a final document, also refuse what is incomplete."""
    refuse_unlawful(doc)
    if not doc.header.draft:
        missing = missing_for_final(doc)
        if missing:
            raise DocumentIncomplete(doc.kind, missing)
