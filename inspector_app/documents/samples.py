"""The sample visit: every kind of document for one joint task, lawful and consistent.

Used by the demo, the self-test (``inspector-app selftest --documents DIR``, what an IT
department looks at first) and the benchmarks. Everything is deterministic: signatures
and photos are drawn with Pillow from the names and captions, ids are uuid5 of the task
id, times derive from the task window.

The story: one visit by a joint team, each officer acting for their own agency, finds
four problems among the issuing agency's items (the rest complied):

1. 从业人员健康证明 (GX-JK-001): a kitchen worker's health certificate had expired; the
   worker was moved off food-contact work on the spot. A first violation with minor harm,
   corrected in time: 不予行政处罚决定书 on 行政处罚法第三十三条第一款第二句, with the
   education its third paragraph requires.
2. 监督检查结果记录表公示 (SC-SP-002): not displayed and not correctable on the spot:
   责令改正通知书 with a deadline (食品检查办法第三十三条第二款、第四十八条).
3. 明码标价 (SC-JG-001): dishes without prices, not correctable on the spot: the party is
   told the proposed fine and heard (第四十四、四十五条), then a reasoned summary fine inside
   the statutory range and 第五十一条's limit; the same order to correct covers it
   (第二十八条第一款).
4. 超过保质期的食品 (SC-SP-006): a key item affecting food safety, referred for a case
   (食品检查办法第三十二条, 行政处罚法第五十四条); no decision on the spot.

Plus a 行政提示书 on risks that are not violations, the 联合检查结果告知书 with each
department's own part, and the 送达回证 of everything handed over. The 信用修复告知书
belongs to the case of finding 4: it goes with that case's general-procedure decision
weeks later (两书同达), so it is not one of the visit's documents (``VISIT_KINDS``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from inspector_app.documents import sample_findings as sf
from inspector_app.documents.compose import credit_repair_notice, introduce_officers
from inspector_app.documents.kinds import (
    QA,
    DocumentContent,
    OnsiteRecord,
    ProofOfService,
    ServedDocument,
    ServiceMethod,
)
from inspector_app.documents.model import (
    Document,
    DocumentHeader,
    Officer,
    Party,
    Photo,
    Signatures,
)
from inspector_app.documents.sample_media import photo_jpeg, signature_png
from inspector_app.documents.settings import DocumentSettings
from inspector_app.domain.entities import (
    DocumentKind,
    DocumentNumber,
    Inspector,
    JointTask,
    PartyType,
)
from inspector_app.domain.workdays import rectification_deadline

__all__ = [
    "VISIT_KINDS",
    "SampleOptions",
    "photo_jpeg",
    "sample_documents",
    "sample_visit",
    "signature_png",
]

_NS = uuid.UUID("5b0c8f52-3f7e-4c1a-9d7e-7a4e0b2f6c11")

#: The kinds one visit issues; the credit-repair notice comes with a later case decision.
VISIT_KINDS = tuple(k for k in DocumentKind if k is not DocumentKind.CREDIT_REPAIR_NOTICE)

#: Documents handed to the party at the end of the visit (the 送达回证 lists them).
_SERVED = (
    DocumentKind.ORDER_TO_CORRECT,
    DocumentKind.RISK_REMINDER,
    DocumentKind.NO_PENALTY_DECISION,
    DocumentKind.SUMMARY_PENALTY_DECISION,
    DocumentKind.JOINT_RESULT_NOTICE,
)
_PHOTO_CAPTIONS = (
    "后厨凉菜间：员工健康证明（已过期）",
    "冷藏柜：超过保质期的酸奶",
    "店堂：菜单价目牌",
    "店堂：监督检查结果记录表张贴位置",
    "后厨：冷藏柜温度计",
    "仓库：进货查验记录",
)


@dataclass(frozen=True, slots=True)
class SampleOptions:
    year: int = 2026
    first_seq: int = 1
    n_items: int | None = None  # pad or trim the record's items (benchmarks)
    n_photos: int = 2
    draft: bool = False


def _officer(person: Inspector, departments: dict[str, str]) -> Officer:
    return Officer(
        person.display_name,
        person.badge_no,
        signature_png(person.display_name),
        agency=departments.get(person.department_code, person.department_code),
        department_code=person.department_code,
    )


def _team(
    task: JointTask, inspectors: list[Inspector], agency_code: str
) -> tuple[tuple[Officer, ...], tuple[Officer, ...]]:
    """Every officer on the visit (each with their own agency), and the issuing agency's."""
    departments = {d.code: d.name for d in task.departments}
    by_key = {i.id: i for i in inspectors} | {i.username: i for i in inspectors}
    people = [by_key[k] for k in task.inspector_ids if k in by_key and by_key[k].badge_no]
    if not people:
        people = [i for i in inspectors if i.badge_no]
    team = tuple(_officer(p, departments) for p in people)
    return team, tuple(o for o in team if o.department_code == agency_code)


def _doc_id(task: JointTask, kind: DocumentKind, options: SampleOptions) -> str:
    return str(uuid.uuid5(_NS, f"{task.id}:{kind.value}:{options.first_seq}"))


def sample_documents(
    task: JointTask,
    inspectors: list[Inspector],
    settings: DocumentSettings,
    options: SampleOptions = SampleOptions(),
) -> dict[DocumentKind, Document]:
    """One document of every kind: the visit's (``sample_visit``) and the credit-repair
    notice of the case the visit referred (finals; drafts with ``options.draft``)."""
    docs = sample_visit(task, inspectors, settings, options)
    docs[DocumentKind.CREDIT_REPAIR_NOTICE] = _case_credit_notice(
        task, inspectors, settings, options, docs[DocumentKind.ONSITE_RECORD].header.party
    )
    return {k: docs[k] for k in DocumentKind}


def sample_visit(
    task: JointTask,
    inspectors: list[Inspector],
    settings: DocumentSettings,
    options: SampleOptions = SampleOptions(),
) -> dict[DocumentKind, Document]:
    """The documents of the sample visit (``VISIT_KINDS``); they pass ``check_visit``."""
    agency = settings.agency
    b = task.business
    day = task.window_start + timedelta(days=1)
    start = datetime.combine(day, time(9, 30))
    ended = start + timedelta(hours=1, minutes=25)  # 10:55 the check ends
    told = ended + timedelta(minutes=10)  # 11:05 告知 of the proposed fine
    decided = told + timedelta(minutes=10)  # 11:15 decisions and notices
    notified = decided + timedelta(minutes=5)  # 11:20 joint result notice confirmed
    served = notified + timedelta(minutes=10)  # 11:30 everything handed over
    team, own = _team(task, inspectors, agency.department_code)
    numbers = {k: settings.number(k, options.year, options.first_seq) for k in DocumentKind}
    photos = tuple(
        Photo(
            ref=f"照片{i + 1}",
            image=photo_jpeg(f"现场照片{i + 1} {b.name[:6]}", i + 1),
            caption=_PHOTO_CAPTIONS[i % len(_PHOTO_CAPTIONS)],
            captured_at=start + timedelta(minutes=5 * (i + 1)),
        )
        for i in range(options.n_photos)
    )
    departments = {d.code: d.name for d in task.departments}
    others = "、".join(n for c, n in departments.items() if c != agency.department_code)
    plan = task.plan.get("name", "双随机抽查计划")
    v = sf.Visit(
        task=task,
        day=day,
        start=start,
        told=told,
        decided=decided,
        deadline=rectification_deadline(day, 7),
        origin=(
            f"本局依据{plan}，于{day.year}年{day.month}月{day.day}日会同{others or '有关部门'}"
            "对当事人开展部门联合抽查。执法人员出示执法证件，告知当事人陈述、申辩和申请回避的"
            "权利，现场检查并拍照取证，制作现场笔录，当事人签名确认。"
        ),
        f=sf.findings(task, agency.department_code),
        photos=photos,
        order_number=numbers[DocumentKind.ORDER_TO_CORRECT],
    )
    refs = {
        "health": tuple(p.ref for p in photos[:1]),
        "expired": tuple(p.ref for p in photos[1:2]),
    }
    items = sf.record_items(task, v.f, refs, options.n_items)
    fine = Decimal(500) if b.party_type is PartyType.ORGANISATION else Decimal(100)
    issued_at = {
        DocumentKind.ONSITE_RECORD: ended,
        DocumentKind.JOINT_RESULT_NOTICE: notified,
        DocumentKind.PROOF_OF_SERVICE: served,
    }
    contents: dict[DocumentKind, DocumentContent] = {
        DocumentKind.ONSITE_RECORD: OnsiteRecord(
            started_at=start,
            ended_at=ended,
            place=b.address,
            party_notified=True,
            party_present=True,
            present_person=f"{b.legal_rep}（法定代表人）",
            opening=_opening(settings, team),
            items=items,
            party_statement=(
                "对检查发现的问题无异议。健康证明过期的员工已调岗并安排复检；"
                "菜单价目牌和检查结果记录表将尽快补正。"
            ),
            closing_ack=settings.wording["onsite_record"]["closing_default"],
            recorder=own[-1].name if own else "",
        ),
        DocumentKind.ORDER_TO_CORRECT: sf.order_to_correct(v),
        DocumentKind.RISK_REMINDER: sf.risk_reminder(v),
        DocumentKind.NO_PENALTY_DECISION: sf.no_penalty(v),
        DocumentKind.SUMMARY_PENALTY_DECISION: sf.summary_penalty(
            v, fine, "请持本决定书到指定银行或者通过“粤省事”非税缴款平台缴纳。"
        ),
        DocumentKind.JOINT_RESULT_NOTICE: sf.joint_notice(v, items, team, notified),
        DocumentKind.PROOF_OF_SERVICE: ProofOfService(
            documents=tuple(
                ServedDocument(k.title_zh, numbers[k], k, issued_at.get(k, decided))
                for k in _SERVED
            ),
            addressee=b.name,
            served_at=served,
            place=b.address,
            method=ServiceMethod.DIRECT,
            recipient=b.legal_rep,
        ),
    }
    party_signs = {
        DocumentKind.ONSITE_RECORD: ended + timedelta(minutes=3),
        DocumentKind.SUMMARY_PENALTY_DECISION: served,  # 当场交付, signed for
        DocumentKind.PROOF_OF_SERVICE: served,
    }
    with_photos = {
        DocumentKind.ONSITE_RECORD: photos,
        DocumentKind.NO_PENALTY_DECISION: photos[:1],
    }
    party = Party.from_business(b, id_no="440304197805120000")
    party_sig = signature_png(b.legal_rep)
    docs: dict[DocumentKind, Document] = {}
    for kind, content in contents.items():
        signed_at = party_signs.get(kind)
        everyone = kind in (DocumentKind.ONSITE_RECORD, DocumentKind.JOINT_RESULT_NOTICE)
        docs[kind] = Document(
            DocumentHeader(
                id=_doc_id(task, kind, options),
                kind=kind,
                issued_at=issued_at.get(kind, decided),
                agency=agency,
                party=party,
                inspectors=team if everyone else own,
                number=numbers[kind],
                signatures=Signatures(party=party_sig, party_signed_at=signed_at)
                if signed_at
                else Signatures(),
                photos=with_photos.get(kind, ()),
                draft=options.draft,
            ),
            content,
        )
    return {k: docs[k] for k in VISIT_KINDS}


def _opening(settings: DocumentSettings, team: tuple[Officer, ...]) -> tuple[QA, ...]:
    return tuple(
        QA(q.format(officers=introduce_officers(settings, team)), a)
        for q, a in zip(
            settings.wording["onsite_record"]["opening"],
            ("看清楚了。", "不申请回避。", "清楚。"),
            strict=False,
        )
    )


def _case_credit_notice(
    task: JointTask,
    inspectors: list[Inspector],
    settings: DocumentSettings,
    options: SampleOptions,
    party: Party,
) -> Document:
    """The notice served with the general-procedure decision of the referred case."""
    decided_on = task.window_start + timedelta(days=46)
    _, own = _team(task, inspectors, settings.agency.department_code)
    kind = DocumentKind.CREDIT_REPAIR_NOTICE
    content = credit_repair_notice(
        settings,
        decision_number=DocumentNumber(
            settings.agency.code, "处罚", options.year, options.first_seq
        ),
        decided_on=decided_on,
        penalties=("confiscation", "fine"),
        penalty_summary="没收超过保质期的食品，并处罚款人民币五万元",
        party_type=party.party_type,
        fine_amount=50000,
        sector="food",
    )
    return Document(
        DocumentHeader(
            id=_doc_id(task, kind, options),
            kind=kind,
            issued_at=datetime.combine(decided_on, time(10, 0)),
            agency=settings.agency,
            party=party,
            inspectors=own,
            number=settings.number(kind, options.year, options.first_seq),
            draft=options.draft,
        ),
        content,
    )
