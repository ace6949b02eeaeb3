"""Documents: domain values in, PDF bytes out (reportlab). No database, no Qt.

doc = Document(DocumentHeader(...), OrderToCorrect(...))
pdf = render_pdf(doc)               # raises DocumentIncomplete / DocumentRefused
canonical_content(doc)              # the bytes whose SHA-256 the QR code carries
check_visit([record, order, ...])   # contradictions among the documents of one visit
"""

from inspector_app.documents.canonical import canonical_content, content_sha256, qr_payload
from inspector_app.documents.compose import credit_repair_notice, introduce_officers
from inspector_app.documents.consistency import Problem, check_visit
from inspector_app.documents.gates import check_document, missing_for_final
from inspector_app.documents.kinds import (
    QA,
    CreditRepairNotice,
    DepartmentResult,
    DiscretionReason,
    DocumentContent,
    Evidence,
    Fact,
    JointResultNotice,
    NoPenaltyDecision,
    NoPenaltyGround,
    OnsiteRecord,
    OrderToCorrect,
    Penalty,
    PriorNotice,
    ProofOfService,
    Reasoning,
    RecordItem,
    RiskReminder,
    ServedDocument,
    ServiceMethod,
    Statement,
    SummaryPenaltyDecision,
)
from inspector_app.documents.model import (
    Agency,
    Document,
    DocumentError,
    DocumentHeader,
    DocumentIncomplete,
    DocumentRefused,
    Officer,
    Party,
    Photo,
    Refusal,
    Signatures,
)
from inspector_app.documents.render import render_pdf
from inspector_app.documents.settings import DocumentSettings, load_settings

__all__ = [
    "QA",
    "Agency",
    "CreditRepairNotice",
    "DepartmentResult",
    "DiscretionReason",
    "Document",
    "DocumentContent",
    "DocumentError",
    "DocumentHeader",
    "DocumentIncomplete",
    "DocumentRefused",
    "DocumentSettings",
    "Evidence",
    "Fact",
    "JointResultNotice",
    "NoPenaltyDecision",
    "NoPenaltyGround",
    "Officer",
    "OnsiteRecord",
    "OrderToCorrect",
    "Party",
    "Penalty",
    "Photo",
    "PriorNotice",
    "Problem",
    "ProofOfService",
    "Reasoning",
    "RecordItem",
    "Refusal",
    "RiskReminder",
    "ServedDocument",
    "ServiceMethod",
    "Signatures",
    "Statement",
    "SummaryPenaltyDecision",
    "canonical_content",
    "check_document",
    "check_visit",
    "content_sha256",
    "credit_repair_notice",
    "introduce_officers",
    "load_settings",
    "missing_for_final",
    "qr_payload",
    "render_pdf",
]
