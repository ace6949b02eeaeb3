"""What every document carries, whatever its kind: the common header and its parts.

A document is ``Document(header, content)``: the header holds identity (id, kind,
number, date), the agency, the party, the inspectors, signatures and photos; the
content is one of the per-kind dataclasses of :mod:`inspector_app.documents.kinds`.
Everything is a frozen value so that :func:`canonical_content` is a pure function
of it and the QR hash is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from inspector_app.domain.entities import Business, DocumentKind, DocumentNumber, PartyType

if TYPE_CHECKING:
    from inspector_app.documents.kinds import DocumentContent


class DocumentError(Exception):
    """A document cannot be produced from the data given."""


class DocumentIncomplete(DocumentError):
    """A final document lacks parts the law requires; ``missing`` lists every one."""

    def __init__(self, kind: DocumentKind, missing: list[str]) -> None:
        self.kind = kind
        self.missing = tuple(missing)
        lines = "\n".join(f"  - {m}" for m in missing)
        super().__init__(
            f"《{kind.title_zh}》不能定稿，缺少以下内容（补齐后再出具，或先打印草稿）：\n{lines}"
        )


class DocumentRefused(DocumentError):
    """The law does not allow this document for these facts (e.g. a fine over the 第51条 limit)."""


@dataclass(frozen=True, slots=True)
class Agency:
    """The issuing agency as printed: name, 机关代字 and where remedies go.

    ``department_code`` is the agency's code in the task data (``Department.code``,
    e.g. SZSCJG): an officer acts for this agency when their department has this code.
    """

    name: str
    code: str  # 机关代字, e.g. 深市监福
    review_body: str  # 行政复议机关, e.g. 深圳市人民政府或者深圳市福田区人民政府
    court: str  # 人民法院 for a suit brought directly (行政诉讼法第十四条、第十八条)
    address: str = ""
    phone: str = ""
    department_code: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    """当事人: the fields DOMAIN.md requires in every document's party header."""

    name: str  # 当事人
    licence_name: str  # 主体资格证照名称
    uscc: str  # 统一社会信用代码（注册号）
    address: str  # 住所
    legal_rep: str  # 法定代表人（负责人、经营者）
    id_no: str = ""  # 证件号码 (of the legal representative)
    phone: str = ""  # 联系电话
    party_type: PartyType = PartyType.ORGANISATION

    @classmethod
    def from_business(cls, business: Business, *, id_no: str = "") -> Party:
        return cls(
            name=business.name,
            licence_name=business.licence_name,
            uscc=business.uscc,
            address=business.address,
            legal_rep=business.legal_rep,
            id_no=id_no,
            phone=business.phone,
            party_type=business.party_type,
        )


@dataclass(frozen=True, slots=True)
class Officer:
    """An inspector as the document names them: name, 执法证号, their own agency and signature.

    In a joint visit each officer acts for their own agency (行政处罚法第四十二条), so every
    officer carries it: ``agency`` as printed, ``department_code`` as in the task data.
    """

    name: str
    badge_no: str
    signature: bytes | None = None  # PNG/JPEG of the handwritten signature
    agency: str = ""  # e.g. 深圳市福田区消防救援大队
    department_code: str = ""  # e.g. XF

    def acts_for(self, agency: Agency) -> bool | None:
        """True if this officer belongs to ``agency``, False if to another, None if unknown."""
        if self.department_code and agency.department_code:
            return self.department_code == agency.department_code
        if self.agency.strip():
            return self.agency.strip() == agency.name
        return None


@dataclass(frozen=True, slots=True)
class Refusal:
    """The party refused to sign, noted with a witness or an audio/video reference.

    行政强制法第十八条.
    """

    note: str  # e.g. "当事人拒绝签名"
    witness: str = ""
    av_reference: str = ""  # 执法记录仪 file id or similar


@dataclass(frozen=True, slots=True)
class Signatures:
    """Signatures other than the inspectors' own: the party (or its refusal) and a witness."""

    party: bytes | None = None  # PNG/JPEG of the party's (or the recipient's) signature
    party_signed_at: datetime | None = None
    refusal: Refusal | None = None
    witness_name: str = ""
    witness: bytes | None = None  # PNG/JPEG of the witness's signature
    witness_signed_at: datetime | None = None

    @property
    def party_accounted_for(self) -> bool:
        if self.party is not None:
            return True
        r = self.refusal
        return r is not None and bool(r.witness.strip() or r.av_reference.strip())


@dataclass(frozen=True, slots=True)
class Photo:
    """One evidence photo: image bytes (JPEG or PNG), caption and when it was taken."""

    ref: str  # the label the text refers to, e.g. "照片1"
    image: bytes
    caption: str
    captured_at: datetime


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    id: str  # uuid4 as text; printed and carried in the QR code
    kind: DocumentKind
    issued_at: datetime
    agency: Agency
    party: Party
    inspectors: tuple[Officer, ...]
    number: DocumentNumber | None = None
    signatures: Signatures = field(default_factory=Signatures)
    photos: tuple[Photo, ...] = ()
    draft: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    header: DocumentHeader
    content: DocumentContent

    def __post_init__(self) -> None:
        if self.content.KIND is not self.header.kind:
            raise DocumentError(
                f"header says {self.header.kind.value} but the content is "
                f"{type(self.content).__name__} ({self.content.KIND.value})"
            )

    @property
    def kind(self) -> DocumentKind:
        return self.header.kind

    @property
    def title(self) -> str:
        return self.content.title
