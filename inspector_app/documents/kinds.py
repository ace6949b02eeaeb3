"""The content of each kind of document, as DOMAIN.md "Documents" lists its fields.

Wording that is the same on every copy (scripted questions, remedy clauses, the four
credit-repair conditions) is not here: it lives in resources/documents/wording.json.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from inspector_app.domain.credit import PenaltyFacts
from inspector_app.domain.entities import DocumentKind, DocumentNumber, PenaltyProvision

if TYPE_CHECKING:
    from inspector_app.documents.model import Officer

# --- shared parts -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QA:
    """One scripted question of the 现场笔录 opening and the party's answer."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact found (事理); ``id`` is what evidence refers to, e.g. "事实一"."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A numbered piece of evidence and the facts it proves."""

    no: int
    name: str  # e.g. 现场检查照片
    description: str
    proves: tuple[str, ...]  # Fact.id values
    photo_refs: tuple[str, ...] = ()  # Photo.ref values


@dataclass(frozen=True, slots=True)
class Statement:
    """What the party said (陈述、申辩) and whether and why it was accepted (情理)."""

    text: str
    accepted: bool
    reason: str


@dataclass(frozen=True, slots=True)
class DiscretionReason:
    """A reason for the discretion used (道理), in words a decision can print.

    ``rule_id`` (e.g. NP-2) is for the audit trail and is never printed. ``kind`` is
    the effect the reason has on the penalty: 从轻, 减轻 (below the statutory minimum,
    行政处罚法第三十二条), 从重, 不予, or "" for a plain reason.
    """

    rule_id: str
    text: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class PriorNotice:
    """告知 before a penalty decision and the party's answer, as recorded.

    行政处罚法第四十四条: the party is told the penalty proposed and its facts, reasons and
    basis, and the rights to state and defend; 第四十五条: the party's statements are heard
    and weighed (the decision's ``Reasoning.statements``), and the penalty may not be made
    heavier because of them; 第六十二条: without this the decision may not be made, unless
    the party expressly waived the right (``waived``).
    """

    told_at: datetime
    proposed: str  # 拟作出的行政处罚内容, e.g. 警告 / 罚款人民币500元
    proposed_amount: Decimal | None = None  # yuan, when a fine was proposed
    waived: bool = False  # 当事人明确放弃陈述、申辩权利


@dataclass(frozen=True, slots=True)
class Reasoning:
    """Sections 2–7 of a reasoned (说理式) decision."""

    case_origin: str  # 2: how the case arose and what was done
    facts: tuple[Fact, ...]  # 3
    evidence: tuple[Evidence, ...]  # 4
    statements: tuple[Statement, ...]  # 5
    provisions_breached: tuple[str, ...]  # 6: the provision breached
    legal_analysis: str  # 6: why it applies (法理)
    discretion: tuple[DiscretionReason, ...]  # 7


# --- the kinds ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordItem:
    """One checked item of a 现场笔录.

    ``item_id`` is the checklist item's id: decisions, notices and the joint result notice
    name the items they deal with by it (see ``documents.consistency``). ``departments``
    are the codes of the departments whose item it is (谁检查、谁负责).
    """

    no: int
    title: str
    result: str  # 符合 / 不符合 / 不适用 / 未检查
    note: str = ""
    photo_refs: tuple[str, ...] = ()
    item_id: str = ""
    departments: tuple[str, ...] = ()
    noncompliant: bool = False
    corrected_on_site: bool = False


@dataclass(frozen=True, slots=True)
class OnsiteRecord:
    KIND: ClassVar[DocumentKind] = DocumentKind.ONSITE_RECORD
    started_at: datetime
    ended_at: datetime
    place: str
    party_notified: bool
    party_present: bool
    present_person: str  # who was present for the party, with position
    opening: tuple[QA, ...]
    items: tuple[RecordItem, ...]
    party_statement: str
    closing_ack: str  # the party's "核对无误" line
    recorder: str = ""  # 记录人: the officer who wrote the record (one of the inspectors)

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class OrderToCorrect:
    KIND: ClassVar[DocumentKind] = DocumentKind.ORDER_TO_CORRECT
    found_at: datetime
    place: str
    conduct: str  # the conduct found
    provisions_breached: tuple[str, ...]
    empowering_provision: str  # the provision allowing the order
    deadline: date | None  # None: correct immediately
    actions: tuple[str, ...]  # what to do
    consequence: str  # what happens if not corrected
    item_ids: tuple[str, ...] = ()  # RecordItem.item_id of the conduct ordered corrected

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class RiskReminder:
    KIND: ClassVar[DocumentKind] = DocumentKind.RISK_REMINDER
    found_at: datetime
    risks: tuple[str, ...]  # what was seen
    suggestions: tuple[str, ...]  # what the party should do
    legal_refs: tuple[str, ...]
    reply_by: date | None = None  # optional self-check report date
    letter: bool = False  # True prints it as 风险提示函
    item_ids: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return "风险提示函" if self.letter else self.KIND.title_zh


class NoPenaltyGround(enum.StrEnum):
    """Which sentence of the law the no-penalty decision rests on (wording.json quotes it).

    MINOR: 行政处罚法第三十三条第一款第一句 ("不予", shall); FIRST_VIOLATION: 第一款第二句
    ("可以不予", may); NO_FAULT: 第二款; TIME_BARRED: 第三十六条第一款.
    """

    MINOR = "minor"
    FIRST_VIOLATION = "first_violation"
    NO_FAULT = "no_fault"
    TIME_BARRED = "time_barred"


@dataclass(frozen=True, slots=True)
class NoPenaltyDecision:
    KIND: ClassVar[DocumentKind] = DocumentKind.NO_PENALTY_DECISION
    reasoning: Reasoning
    ground: NoPenaltyGround
    list_entry: str  # the 首违不罚/轻微免罚 list entry, "" if none
    decision: str
    education: str  # the education given (第33条第3款, mandatory)
    rule_id: str = ""  # NP-1 / NP-2 / NP-3 / NP-5, for the audit trail: never printed
    item_ids: tuple[str, ...] = ()
    notice: PriorNotice | None = None

    @property
    def title(self) -> str:
        return self.KIND.title_zh


class Penalty(enum.StrEnum):
    WARNING = "warning"
    FINE = "fine"


@dataclass(frozen=True, slots=True)
class SummaryPenaltyDecision:
    KIND: ClassVar[DocumentKind] = DocumentKind.SUMMARY_PENALTY_DECISION
    reasoning: Reasoning
    penalty: Penalty
    amount: Decimal | None  # yuan, for a fine
    provision: PenaltyProvision | None  # 罚则: basis and statutory range (None only in drafts)
    decided_at: datetime
    place: str
    notice: PriorNotice | None = None  # 第四十四、四十五条 (None only in drafts)
    collected_on_spot: bool = False  # 第68条, with a fiscal receipt
    receipt_no: str = ""  # 财政专用票据号
    hard_to_collect: bool = False
    payment_instructions: str = ""  # bank / place to pay when not collected on the spot
    item_ids: tuple[str, ...] = ()
    correction: str = ""  # 第二十八条第一款: the order to correct given with the penalty

    @property
    def penalty_basis(self) -> tuple[str, ...]:
        return self.provision.basis if self.provision is not None else ()

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class CreditRepairNotice:
    """两书同达: served together with the (general-procedure) penalty decision it names.

    ``facts`` are what the credit rules (``domain.credit``) need; the publication date,
    the publicity period and whether and when early repair applies are computed from
    them when the notice is rendered, so the notice cannot contradict the rules or
    itself. Build it with ``documents.credit_repair_notice`` (which fills in the
    province's 较低数额罚款 threshold from the agency settings).
    """

    KIND: ClassVar[DocumentKind] = DocumentKind.CREDIT_REPAIR_NOTICE
    decision_title: str
    decision_number: DocumentNumber
    penalty_summary: str
    facts: PenaltyFacts

    @property
    def decision_date(self) -> date:
        return self.facts.decided_on

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class DepartmentResult:
    """One department's own part of a joint visit (谁检查、谁负责): its items, findings,
    handling, the officers who checked them and their confirmation (signatures)."""

    department: str
    items_checked: int
    findings: tuple[str, ...]
    result: str  # e.g. 未发现问题 / 发现问题，已责令改正
    follow_up: str = ""
    department_code: str = ""
    officers: tuple[Officer, ...] = ()  # this department's officers, with signatures
    confirmed_at: datetime | None = None
    item_ids: tuple[str, ...] = ()  # RecordItem.item_id of each finding listed


@dataclass(frozen=True, slots=True)
class JointResultNotice:
    KIND: ClassVar[DocumentKind] = DocumentKind.JOINT_RESULT_NOTICE
    visited_on: date
    place: str
    lead_department: str
    departments: tuple[DepartmentResult, ...]
    items_before: int  # departmental items before merging
    items_after: int  # joint items actually checked
    overall: str
    publish_by: date | None = None

    @property
    def title(self) -> str:
        return self.KIND.title_zh


class ServiceMethod(enum.StrEnum):
    """The ways of service of 行政处罚法第六十一条 (民事诉讼法的有关规定, and 第二款's
    fax or e-mail with the party's written consent)."""

    DIRECT = "直接送达"
    LEFT = "留置送达"
    POST = "邮寄送达"
    ENTRUSTED = "委托送达"
    TRANSFERRED = "转交送达"
    ELECTRONIC = "电子送达"
    PUBLIC = "公告送达"


@dataclass(frozen=True, slots=True)
class ServedDocument:
    """One document served: its title and number, and when it was made (宣告/作出)."""

    title: str
    number: DocumentNumber | None
    kind: DocumentKind | None = None
    issued_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ProofOfService:
    """送达回证. The recipient's signature (or a recorded refusal) and the witness's are
    the header's ``signatures``; the signature's time is the time of service.

    Per method: 直接送达/委托送达/转交送达 need the recipient's signature; a proxy
    (``recipient`` other than the addressee) needs ``proxy_relationship`` and
    ``proxy_reason``; 留置送达 a recorded refusal, a witness or a photo/video
    (``av_reference``); 邮寄送达 the postal tracking number (``reference``); 电子送达 the
    party's written consent (``consent_reference``, 第六十一条第二款) and the address
    (``reference``); 委托送达 the agency entrusted (``entrusted_to``); 公告送达 where it
    was published (``reference``) and why other ways failed (``remarks``).
    """

    KIND: ClassVar[DocumentKind] = DocumentKind.PROOF_OF_SERVICE
    documents: tuple[ServedDocument, ...]
    addressee: str
    served_at: datetime
    place: str
    method: ServiceMethod
    recipient: str = ""  # the person who received: the addressee's representative or a proxy
    proxy_relationship: str = ""  # 代收人与受送达人的关系
    proxy_reason: str = ""  # 代收理由
    witness: str = ""  # the witness's name and unit; their signature is in the header
    remarks: str = ""
    av_reference: str = ""  # 留置送达: photo or film reference
    reference: str = ""  # 邮件号 / 电子送达地址 / 公告载体
    consent_reference: str = ""  # 电子送达: 送达地址确认书
    entrusted_to: str = ""  # 委托送达: the agency entrusted

    @property
    def title(self) -> str:
        return self.KIND.title_zh


DocumentContent = (
    OnsiteRecord
    | OrderToCorrect
    | RiskReminder
    | NoPenaltyDecision
    | SummaryPenaltyDecision
    | CreditRepairNotice
    | JointResultNotice
    | ProofOfService
)
