"""The things an inspection is about, as plain immutable values.

No Qt, no SQL, no HTTP here: the store maps these to rows, the sync layer to
wire JSON, the documents layer to PDFs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class CreditClass(enum.StrEnum):
    """信用风险分类: A low, B ordinary, C elevated, D high (never shown to the business)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class Severity(enum.StrEnum):
    """A checklist item is a key item (重点项目) or a general one (一般项目)."""

    KEY = "key"
    GENERAL = "general"

    @staticmethod
    def strictest(values: list[Severity] | tuple[Severity, ...]) -> Severity:
        return Severity.KEY if Severity.KEY in values else Severity.GENERAL


class Role(enum.StrEnum):
    INSPECTOR = "inspector"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


class TaskStatus(enum.StrEnum):
    """assigned -> in_progress -> completed -> submitted -> approved | returned -> published."""

    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Outcome(enum.StrEnum):
    COMPLIANT = "compliant"
    NONCOMPLIANT = "noncompliant"
    NOT_APPLICABLE = "not_applicable"
    NOT_CHECKED = "not_checked"


#: 危害后果 of a non-compliance, as the inspector assesses it (``findings.Assessment``).
HARMS = ("none", "minor", "serious")


class PartyType(enum.StrEnum):
    """Summary-procedure fine limits differ for citizens and organisations (行政处罚法第51条)."""

    CITIZEN = "citizen"
    ORGANISATION = "organisation"


class DispositionKind(enum.StrEnum):
    NO_ACTION = "no_action"
    RISK_REMINDER = "risk_reminder"  # 行政提示书 / 风险提示函
    ORDER_TO_CORRECT = "order_to_correct"  # 责令改正
    NO_PENALTY = "no_penalty"  # 不予行政处罚 (NP-1, NP-2, NP-3, NP-5)
    SUMMARY_PENALTY = "summary_penalty"  # 当场行政处罚 (简易程序)
    REFER_CASE = "refer_case"  # 立案调查


class DocumentKind(enum.StrEnum):
    """The documents an inspector issues on site; values are stable wire names."""

    ONSITE_RECORD = "onsite_record"  # 现场笔录
    ORDER_TO_CORRECT = "order_to_correct"  # 责令改正通知书
    RISK_REMINDER = "risk_reminder"  # 行政提示书 / 风险提示函
    NO_PENALTY_DECISION = "no_penalty_decision"  # 不予行政处罚决定书
    SUMMARY_PENALTY_DECISION = "summary_penalty_decision"  # 当场行政处罚决定书
    CREDIT_REPAIR_NOTICE = "credit_repair_notice"  # 信用修复告知书
    JOINT_RESULT_NOTICE = "joint_result_notice"  # 联合检查结果告知书
    PROOF_OF_SERVICE = "proof_of_service"  # 送达回证

    @property
    def title_zh(self) -> str:
        return _DOCUMENT_TITLES[self]


_DOCUMENT_TITLES = {
    DocumentKind.ONSITE_RECORD: "现场笔录",
    DocumentKind.ORDER_TO_CORRECT: "责令改正通知书",
    DocumentKind.RISK_REMINDER: "行政提示书",
    DocumentKind.NO_PENALTY_DECISION: "不予行政处罚决定书",
    DocumentKind.SUMMARY_PENALTY_DECISION: "当场行政处罚决定书",
    DocumentKind.CREDIT_REPAIR_NOTICE: "信用修复告知书",
    DocumentKind.JOINT_RESULT_NOTICE: "联合检查结果告知书",
    DocumentKind.PROOF_OF_SERVICE: "送达回证",
}


@dataclass(frozen=True, slots=True)
class Business:
    """A supervised business (市场主体) as the directory and the task carry it."""

    uscc: str
    name: str
    address: str
    legal_rep: str
    phone: str = ""
    industry: str = ""
    area: str = ""
    credit_class: CreditClass = CreditClass.B
    positive_list: bool = False
    licence_name: str = "营业执照"
    party_type: PartyType = PartyType.ORGANISATION


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Inspector:
    id: str
    username: str
    display_name: str
    badge_no: str  # 执法证号
    department_code: str
    role: Role = Role.INSPECTOR


@dataclass(frozen=True, slots=True)
class Team:
    id: str
    name: str
    lead_id: str | None
    member_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PenaltyProvision:
    """罚则: the provision a penalty rests on and the statutory range it allows.

    A supervised matter has three different provisions (DOMAIN.md, "What a legal review
    insists on"): the duty breached (``legal_basis`` of the item, printed as "违反了…"),
    the power to order correction (``order_basis``) and this one, the basis of a penalty.
    Fines are whole yuan; ``None`` where the provision sets no fine (or no limit).
    """

    basis: tuple[str, ...]  # e.g. 《中华人民共和国食品安全法》第一百二十六条第一款
    warning: bool = False  # the provision allows a warning (警告)
    fine_min: int | None = None
    fine_max: int | None = None
    condition: str = ""  # when the penalty applies, e.g. "拒不改正的"
    benchmark: str = ""  # id of the local discretion benchmark (裁量基准) entry
    note: str = ""  # the data's own caveat, e.g. a range not checked against the official text
    discretionary: bool = False  # "可以…处罚": the order is due, the penalty the agency's choice
    fine_condition: str = ""  # the fine only (not the warning) needs this, e.g. "拒不改正的"
    # "给予警告，可以并处…罚款": beside the warning the law sets, the fine is the agency's
    # choice (食品生产经营监督检查管理办法第四十八条)
    fine_optional: bool = False

    @property
    def conditional(self) -> bool:
        """The penalty applies only once a condition is met (e.g. 拒不改正的), not on finding."""
        return bool(self.condition.strip())

    def fine_available(self, refused_to_correct: bool) -> bool:
        """A fine may be imposed now: the provision has one and its own condition is met."""
        has_fine = self.fine_min is not None or self.fine_max is not None
        return has_fine and (not self.fine_condition.strip() or refused_to_correct)

    @property
    def fine_only(self) -> bool:
        """The provision sets a fine and allows no warning instead of it."""
        return not self.warning and self.fine_min is not None


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One department's check item, one row of a departmental checklist CSV."""

    department_code: str
    department_name: str
    code: str  # 监管事项编码
    title: str
    content: str
    method: str
    legal_basis: tuple[str, ...]  # the duty breached (义务条款)
    severity: Severity
    order_basis: tuple[str, ...] = ()  # the provision empowering the order to correct
    penalty: PenaltyProvision | None = None


@dataclass(frozen=True, slots=True)
class SourceItem:
    """Provenance of a merged item: which department's item it replaced."""

    department_code: str
    code: str
    title: str
    legal_basis: tuple[str, ...] = ()
    order_basis: tuple[str, ...] = ()
    penalty: PenaltyProvision | None = None


class MeasurementKind(enum.StrEnum):
    NUMBER = "number"
    TEXT = "text"
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class MeasurementSpec:
    """What a checklist item measures, e.g. 冷藏温度 in °C between 0 and 8.

    The recorded value goes into the result's ``measurements`` under ``key``.
    """

    key: str
    label: str
    kind: MeasurementKind = MeasurementKind.NUMBER
    unit: str = ""
    minimum: float | None = None  # the range a compliant value lies in, when known
    maximum: float | None = None


@dataclass(frozen=True, slots=True)
class MergedItem:
    """One item of a joint checklist, standing for one or more departmental items."""

    id: str
    code: str
    title: str
    content: str
    method: str
    legal_basis: tuple[str, ...]
    severity: Severity
    sources: tuple[SourceItem, ...]
    order_basis: tuple[str, ...] = ()
    penalty: PenaltyProvision | None = None
    measurements: tuple[MeasurementSpec, ...] = ()  # what to measure, where the checklist says

    @property
    def department_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.department_code for s in self.sources))


@dataclass(frozen=True, slots=True)
class PriorViolation:
    """A violation found at this business before; 首违不罚 and recusal need these offline."""

    matter_code: str
    found_on: date
    description: str = ""
    penalised: bool = False


@dataclass(frozen=True, slots=True)
class JointTask:
    """A joint-check task: one visit to one business covering several departments' items."""

    id: str
    business: Business
    departments: tuple[Department, ...]
    lead_department_code: str
    inspector_ids: tuple[str, ...]
    team_id: str | None
    window_start: date
    window_end: date
    checklist: tuple[MergedItem, ...]
    status: TaskStatus = TaskStatus.ASSIGNED
    plan: dict[str, Any] = field(default_factory=dict)
    history: tuple[PriorViolation, ...] = ()
    rev: int = 1
    # Inspectors marked related to the business (回避, 行政处罚法第四十三条) after the
    # draw: inspector id -> the reason the server recorded. Optional on the wire.
    related: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The outcome of one checklist item of one task; its id is ``<task_id>:<item_id>``."""

    task_id: str
    item_id: str
    outcome: Outcome
    note: str = ""
    measurements: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()  # sha256 of photos
    corrected_on_site: bool = False
    deadline: date | None = None
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def id(self) -> str:
        return item_result_id(self.task_id, self.item_id)


def item_result_id(task_id: str, item_id: str) -> str:
    return f"{task_id}:{item_id}"


@dataclass(frozen=True, slots=True)
class Finding:
    """What the rules need to know about one non-compliance to propose a disposition."""

    task_id: str
    item_id: str
    matter_code: str
    description: str
    severity: Severity
    party_type: PartyType = PartyType.ORGANISATION
    affects_safety: bool = False
    minor: bool = False  # 违法行为轻微
    harm: str = "none"  # "none" | "minor" | "serious"
    corrected: bool = False  # 及时改正
    no_fault_proven: bool = False  # 当事人有证据足以证明没有主观过错
    committed_on: date | None = None
    discovered_on: date | None = None
    continuing: bool = False  # 连续或者继续状态
    life_health_finance: bool = False  # 涉及公民生命健康安全、金融安全
    mitigating: tuple[str, ...] = ()  # M-1 circumstances, see rules
    rule_pack_entry: str | None = None  # id of a 首违不罚/轻微免罚 list entry that matches
    departments: tuple[str, ...] = ()  # departments whose items the finding falls under
    industry: str = ""  # the business's industry as the directory gives it
    catering: bool | None = None  # 餐饮服务环节; None: unknown (list entries exclude catering)
    refused_to_correct: bool = False  # 拒不改正: an earlier order's deadline passed uncorrected
    facts_certain: bool = True  # 违法事实确凿 (第五十一条); False sends a penalty to a case
    reduce_penalty: bool = False  # with M-1, 减轻 (below the minimum) rather than 从轻


@dataclass(frozen=True, slots=True)
class Disposition:
    """A proposed or confirmed way to deal with a finding, with its reasons.

    ``legal_basis`` is every provision the disposition rests on, in citation order (the
    rule's articles, then the matter's). The matter's three provisions are kept apart so
    a document cites each in its place: ``provisions_breached`` ("违反了…"), ``order_basis``
    (the power to order correction, "依据…责令改正") and ``penalty_basis`` ("依据…决定
    给予…"), with ``penalty`` the penalty provision and its statutory range.
    ``departments`` names the department(s) whose provisions the disposition applies.
    ``reasoning`` is printable Chinese; ``rule_id`` is for the audit trail only.
    """

    kind: DispositionKind
    rule_id: str  # e.g. "NP-2"; never printed
    legal_basis: tuple[str, ...]
    reasoning: str
    mandatory: bool = False  # "shall" (应当) vs "may" (可以)
    educate: bool = False  # 第33条第3款: education is mandatory with no penalty
    fine_range: tuple[int, int] | None = None  # yuan: the band proposed (从轻, 减轻 or legal)
    proposed_fine: int | None = None  # yuan: the fine proposed or decided
    deadline: date | None = None
    overridden_reason: str | None = None
    provisions_breached: tuple[str, ...] = ()
    order_basis: tuple[str, ...] = ()
    penalty_basis: tuple[str, ...] = ()
    penalty: PenaltyProvision | None = None
    warning: bool = False  # a warning (警告) is proposed or decided
    departments: tuple[str, ...] = ()
    discretion: str = ""  # "", "lenient" (从轻), "reduced" (减轻): how the band was set


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """机关代字 + 类型代字 + 〔YYYY〕 + 顺序号 + 号, e.g. 深市监责改〔2026〕12号."""

    agency_code: str
    type_code: str
    year: int
    seq: int


@dataclass(frozen=True, slots=True)
class NumberBlock:
    """A block of document numbers handed to one device for offline use."""

    id: str
    agency_code: str
    kind: DocumentKind
    year: int
    first: int
    last: int

    def __contains__(self, seq: object) -> bool:
        return isinstance(seq, int) and self.first <= seq <= self.last

    @property
    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One entry of the 执法全过程记录; hash = SHA-256(prev_hash || canonical JSON)."""

    id: str
    device_id: str
    seq: int
    actor: str
    action: str
    entity: str
    entity_id: str
    at: datetime
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class ObserverKind(enum.StrEnum):
    """Public observers invited to a visit (社会监督): their kind as the record names it."""

    NPC_DEPUTY = "npc_deputy"  # 人大代表
    CPPCC_MEMBER = "cppcc_member"  # 政协委员
    SOCIAL_SUPERVISOR = "social_supervisor"  # 社会监督员
    MEDIA = "media"  # 媒体记者
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Observer:
    """Someone from outside the agency who watched the visit; the on-site record lists them."""

    kind: ObserverKind
    name: str
    organisation: str = ""

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind.value, "name": self.name, "organisation": self.organisation}

    @staticmethod
    def from_json(d: dict[str, Any]) -> Observer:
        try:
            kind = ObserverKind(str(d.get("kind", "other")))
        except ValueError:
            kind = ObserverKind.OTHER  # a kind a newer client knows: kept, shown as "other"
        return Observer(kind, str(d.get("name", "")), str(d.get("organisation", "")))
