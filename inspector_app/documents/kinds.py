"""The content of each kind of document, as DOMAIN.md "Documents" lists its fields.

Wording that is the same on every copy (scripted questions, remedy clauses, the four
credit-repair conditions) is not here: it lives in resources/documents/wording.json.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from inspector_app.domain.entities import DocumentKind, DocumentNumber

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
    """A reason for the discretion used (道理) and the rule that proposed it, e.g. NP-2."""

    rule_id: str
    text: str


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
    """One checked item of a 现场笔录."""

    no: int
    title: str
    result: str  # 符合 / 不符合 / 不适用 / 未检查
    note: str = ""
    photo_refs: tuple[str, ...] = ()


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

    @property
    def title(self) -> str:
        return "风险提示函" if self.letter else self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class NoPenaltyDecision:
    KIND: ClassVar[DocumentKind] = DocumentKind.NO_PENALTY_DECISION
    reasoning: Reasoning
    rule_id: str  # NP-1 / NP-2 / NP-3 / NP-5
    basis: str  # 《行政处罚法》第三十三条第一款 …
    list_entry: str  # the 首违不罚/轻微免罚 list entry, "" if none
    decision: str
    education: str  # the education given (第33条第3款, mandatory)

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
    penalty_basis: tuple[str, ...]  # the provision the penalty is based on
    decided_at: datetime
    place: str
    collected_on_spot: bool = False  # 第68条, with a fiscal receipt
    receipt_no: str = ""  # 财政专用票据号
    hard_to_collect: bool = False
    payment_instructions: str = ""  # bank / place to pay when not collected on the spot

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class CreditRepairNotice:
    """两书同达: served together with the (general-procedure) penalty decision it names."""

    KIND: ClassVar[DocumentKind] = DocumentKind.CREDIT_REPAIR_NOTICE
    decision_title: str
    decision_number: DocumentNumber
    decision_date: date
    penalty_summary: str
    publicity_period: str  # e.g. 三年 / 三个月
    early_repair_from: date | None  # None: early repair is not possible
    no_early_repair_reason: str = ""
    summary_procedure: bool = False  # a summary-procedure decision is not published
    warning_only: bool = False  # a warning-only penalty is not published

    @property
    def title(self) -> str:
        return self.KIND.title_zh


@dataclass(frozen=True, slots=True)
class DepartmentResult:
    department: str
    items_checked: int
    findings: tuple[str, ...]
    result: str  # e.g. 未发现问题 / 发现问题，已责令改正
    follow_up: str = ""


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
    DIRECT = "直接送达"
    LEFT = "留置送达"
    POST = "邮寄送达"
    ENTRUSTED = "委托送达"
    ELECTRONIC = "电子送达"
    PUBLIC = "公告送达"


@dataclass(frozen=True, slots=True)
class ServedDocument:
    title: str
    number: DocumentNumber | None


@dataclass(frozen=True, slots=True)
class ProofOfService:
    KIND: ClassVar[DocumentKind] = DocumentKind.PROOF_OF_SERVICE
    documents: tuple[ServedDocument, ...]
    addressee: str
    served_at: datetime
    place: str
    method: ServiceMethod
    recipient: str = ""  # who signed for it
    proxy_relationship: str = ""  # 代收人 and relationship
    witness: str = ""
    remarks: str = ""
    av_reference: str = ""  # 留置送达: photo or film reference

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
