"""Sample documents of every kind for one joint task: the demo, the self-test and benchmarks.

Everything here is deterministic: signatures and photos are drawn with Pillow from
the names and captions, ids are uuid5 of the task id, times derive from the task
window. The scenario: the first checklist item failed and was corrected on the spot
(NP-2 首违不罚), a second failure earned a summary fine, the rest complied.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

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
    OnsiteRecord,
    OrderToCorrect,
    Penalty,
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
    Document,
    DocumentHeader,
    Officer,
    Party,
    Photo,
    Signatures,
)
from inspector_app.documents.settings import DocumentSettings
from inspector_app.domain.entities import DocumentKind, DocumentNumber, Inspector, JointTask
from inspector_app.paths import resource

_NS = uuid.UUID("5b0c8f52-3f7e-4c1a-9d7e-7a4e0b2f6c11")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", "wqy-microhei.ttc")), size, index=0)


def signature_png(name: str) -> bytes:
    """A handwriting-like signature of ``name``: slanted dark-blue strokes, transparent PNG."""
    w, h = 60 * max(len(name), 2) + 40, 90
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    tile = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((20, 10), name, font=_font(58), fill=(20, 30, 110, 255))
    tile = tile.transform(
        (w, h), Image.Transform.AFFINE, (1, 0.25, -12, 0, 1, 0), resample=Image.Resampling.BICUBIC
    )
    img.alpha_composite(tile)
    draw = ImageDraw.Draw(img)
    draw.line([(15, h - 14), (w // 2, h - 8), (w - 10, h - 18)], fill=(20, 30, 110, 255), width=3)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def photo_jpeg(caption: str, seed: int, size: tuple[int, int] = (800, 600)) -> bytes:
    """A stand-in evidence photo: a coloured scene with the caption written on it."""
    w, h = size
    base = ((seed * 53) % 120 + 90, (seed * 97) % 120 + 90, (seed * 31) % 120 + 90)
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    for i in range(0, w, 40):
        shade = tuple(max(0, c - (i * 60) // w) for c in base)
        draw.rectangle((i, h // 2, i + 38, h - 1), fill=shade)
    draw.rectangle((40, 40, w - 40, 150), fill=(255, 255, 255))
    draw.text((60, 70), caption[:18], font=_font(40), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class SampleOptions:
    year: int = 2026
    first_seq: int = 1
    n_items: int | None = None  # pad or trim the record's items (benchmarks)
    n_photos: int = 2
    draft: bool = False


def _officers(task: JointTask, inspectors: list[Inspector]) -> tuple[Officer, ...]:
    by_key = {i.id: i for i in inspectors} | {i.username: i for i in inspectors}
    chosen = [by_key[k] for k in task.inspector_ids if k in by_key and by_key[k].badge_no]
    if len(chosen) < 2:
        chosen += [i for i in inspectors if i.badge_no and i not in chosen]
    return tuple(
        Officer(i.display_name, i.badge_no, signature_png(i.display_name)) for i in chosen[:2]
    )


def sample_documents(
    task: JointTask,
    inspectors: list[Inspector],
    settings: DocumentSettings,
    options: SampleOptions = SampleOptions(),
) -> dict[DocumentKind, Document]:
    """One final document of every kind for ``task`` (drafts with ``options.draft``)."""
    b = task.business
    day = task.window_start + timedelta(days=1)
    start = datetime.combine(day, time(9, 30))
    party = Party.from_business(b, id_no="440304197805120000")
    officers = _officers(task, inspectors)
    photos = tuple(
        Photo(
            ref=f"照片{i + 1}",
            image=photo_jpeg(f"现场照片{i + 1} {b.name[:6]}", i + 1),
            caption=f"检查现场第{i + 1}处：{'后厨冷藏柜' if i % 2 == 0 else '消防通道'}",
            captured_at=start + timedelta(minutes=5 * (i + 1)),
        )
        for i in range(options.n_photos)
    )
    party_sig = signature_png(b.legal_rep)
    dept_names = {d.code: d.name for d in task.departments}
    items = list(task.checklist)
    first = items[0] if items else None
    second = items[1] if len(items) > 1 else first
    t1 = first.title if first else "食品贮存"
    t2 = second.title if second else "从业人员健康证明"
    basis1 = (
        first.legal_basis[0]
        if first and first.legal_basis
        else "《中华人民共和国食品安全法》第三十三条"
    )
    basis2 = (
        second.legal_basis[0]
        if second and second.legal_basis
        else "《中华人民共和国食品安全法》第四十五条"
    )

    record_items = []
    for n, it in enumerate(items, 1):
        failed = n in (1, 2)
        record_items.append(
            RecordItem(
                no=n,
                title=it.title,
                result="不符合" if failed else "符合",
                note=("现场发现问题，见照片" if failed else "未发现问题"),
                photo_refs=tuple(p.ref for p in photos[: 1 if n == 1 else 0]),
            )
        )
    if options.n_items is not None:
        while len(record_items) < options.n_items:
            n = len(record_items) + 1
            record_items.append(
                RecordItem(n, f"检查事项{n}：核查相关台账、记录和现场情况", "符合", "未发现问题")
            )
        record_items = record_items[: options.n_items]

    seq = options.first_seq
    numbers = {k: settings.number(k, options.year, seq + i) for i, k in enumerate(DocumentKind)}
    agency = settings.agency
    facts = (
        Fact(
            "事实一",
            f"{start.year}年{start.month}月{start.day}日检查时，当事人存在“{t1}”项目不符合要求的情形。",
        ),
        Fact("事实二", "当事人在执法人员指出后当场改正，未造成危害后果。"),
    )
    evidence = (
        Evidence(1, "现场笔录", "执法人员现场检查时制作，当事人签名确认。", ("事实一", "事实二")),
        Evidence(
            2, "现场检查照片", "执法人员现场拍摄。", ("事实一",), tuple(p.ref for p in photos[:1])
        ),
        Evidence(3, "营业执照复印件", "当事人提供。", ("当事人主体资格",)),
    )
    reasoning = Reasoning(
        case_origin=(
            f"本局根据{task.plan.get('name', '双随机抽查计划')}，于{start.year}年{start.month}月"
            f"{start.day}日对当事人开展部门联合抽查，执法人员出示执法证件，制作现场笔录并拍照取证。"
        ),
        facts=facts,
        evidence=evidence,
        statements=(
            Statement(
                "此前不了解该项要求，已当场整改。", True, "当场整改情况有现场笔录和照片佐证，属实。"
            ),
            Statement(
                "认为该问题不构成违法。", False, "该行为违反了所列规定，事实清楚，证据确凿。"
            ),
        ),
        provisions_breached=(basis1,),
        legal_analysis="当事人的行为符合所列规定的构成要件：主体为食品经营者，行为发生在经营场所内，且有照片和现场笔录证明。",
        discretion=(
            DiscretionReason(
                "NP-2", "当事人系初次违法，两年内无同类违法记录，危害后果轻微，且已当场改正。"
            ),
        ),
    )
    contents: dict[DocumentKind, DocumentContent] = {
        DocumentKind.ONSITE_RECORD: OnsiteRecord(
            started_at=start,
            ended_at=start + timedelta(hours=1, minutes=25),
            place=b.address,
            party_notified=True,
            party_present=True,
            present_person=f"{b.legal_rep}（法定代表人）",
            opening=tuple(
                QA(q.format(agency=agency.name, badges="、".join(o.badge_no for o in officers)), a)
                for q, a in zip(
                    settings.wording["onsite_record"]["opening"],
                    ("看清楚了。", "不申请回避。", "清楚。"),
                    strict=False,
                )
            ),
            items=tuple(record_items),
            party_statement="对检查结果无异议，问题已当场整改。",
            closing_ack=settings.wording["onsite_record"]["closing_default"],
        ),
        DocumentKind.ORDER_TO_CORRECT: OrderToCorrect(
            found_at=start,
            place=b.address,
            conduct=f"存在“{t2}”项目不符合要求的情形。",
            provisions_breached=(basis2,),
            empowering_provision="《中华人民共和国行政处罚法》第二十八条第一款",
            deadline=day + timedelta(days=10),
            actions=(f"按照“{t2}”的要求完成整改", "整改完成后将整改情况书面报告本局"),
            consequence="逾期不改正的，本局将依法立案查处。",
        ),
        DocumentKind.RISK_REMINDER: RiskReminder(
            found_at=start,
            risks=("后厨冷藏柜生熟食品混放，存在交叉污染风险。", "消防通道堆放杂物。"),
            suggestions=("生熟食品分区分柜存放并标识。", "立即清理消防通道，保持畅通。"),
            legal_refs=("《中华人民共和国食品安全法》第三十三条",),
            reply_by=day + timedelta(days=7),
        ),
        DocumentKind.NO_PENALTY_DECISION: NoPenaltyDecision(
            reasoning=reasoning,
            rule_id="NP-2",
            basis="《中华人民共和国行政处罚法》第三十三条第一款",
            list_entry="市场监管领域首违不罚清单（一）",
            decision="对当事人不予行政处罚，并责令其持续保持整改。",
            education="执法人员当场向当事人讲解了相关法律规定，当事人表示今后严格遵守。",
        ),
        DocumentKind.SUMMARY_PENALTY_DECISION: SummaryPenaltyDecision(
            reasoning=Reasoning(
                case_origin=reasoning.case_origin,
                facts=(
                    Fact("事实一", f"当事人存在“{t2}”项目不符合要求的情形，经责令后未能当场改正。"),
                ),
                evidence=evidence[:2],
                statements=(),
                provisions_breached=(basis2,),
                legal_analysis="违法事实确凿，有法定依据，罚款数额在简易程序限额内。",
                discretion=(DiscretionReason("SP-1", "适用简易程序，罚款数额在法定限额以内。"),),
            ),
            penalty=Penalty.FINE,
            amount=Decimal(2000) if b.party_type.value == "organisation" else Decimal(200),
            penalty_basis=("《中华人民共和国食品安全法》第一百二十六条第一款",),
            decided_at=start + timedelta(hours=1, minutes=30),
            place=b.address,
            payment_instructions="请持本决定书到指定银行或者通过“粤省事”非税缴款平台缴纳。",
        ),
        DocumentKind.CREDIT_REPAIR_NOTICE: CreditRepairNotice(
            decision_title="行政处罚决定书",
            decision_number=DocumentNumber(agency.code, "处罚", options.year, seq),
            decision_date=day,
            penalty_summary="罚款人民币一万元",
            publicity_period="三个月",
            early_repair_from=None,
            no_early_repair_reason="公示期为三个月的较低数额罚款信息，期满自动停止公示。",
        ),
        DocumentKind.JOINT_RESULT_NOTICE: JointResultNotice(
            visited_on=day,
            place=b.address,
            lead_department=dept_names.get(task.lead_department_code, task.lead_department_code),
            departments=tuple(
                DepartmentResult(
                    department=d.name,
                    items_checked=sum(1 for it in items if d.code in it.department_codes),
                    findings=(f"“{t1}”不符合要求，已当场改正。",) if i == 0 else (),
                    result="发现问题，已责令改正" if i == 0 else "未发现问题",
                    follow_up="十日内回访" if i == 0 else "",
                )
                for i, d in enumerate(task.departments)
            ),
            items_before=sum(len(it.sources) for it in items),
            items_after=len(items),
            overall="发现问题2项，已当场改正1项，责令限期改正1项。",
        ),
        DocumentKind.PROOF_OF_SERVICE: ProofOfService(
            documents=(
                ServedDocument(
                    DocumentKind.ORDER_TO_CORRECT.title_zh, numbers[DocumentKind.ORDER_TO_CORRECT]
                ),
                ServedDocument(
                    DocumentKind.NO_PENALTY_DECISION.title_zh,
                    numbers[DocumentKind.NO_PENALTY_DECISION],
                ),
                ServedDocument(
                    DocumentKind.JOINT_RESULT_NOTICE.title_zh,
                    numbers[DocumentKind.JOINT_RESULT_NOTICE],
                ),
            ),
            addressee=b.name,
            served_at=start + timedelta(hours=1, minutes=40),
            place=b.address,
            method=ServiceMethod.DIRECT,
            recipient=b.legal_rep,
        ),
    }
    docs = {}
    for kind, content in contents.items():
        docs[kind] = Document(
            DocumentHeader(
                id=str(uuid.uuid5(_NS, f"{task.id}:{kind.value}:{seq}")),
                kind=kind,
                issued_at=start + timedelta(hours=2),
                agency=agency,
                party=party,
                inspectors=officers,
                number=numbers[kind],
                signatures=Signatures(
                    party=party_sig, party_signed_at=start + timedelta(hours=1, minutes=45)
                ),
                photos=photos if kind in _WITH_PHOTOS else (),
                draft=options.draft,
            ),
            content,
        )
    return docs


_WITH_PHOTOS = {
    DocumentKind.ONSITE_RECORD,
    DocumentKind.ORDER_TO_CORRECT,
    DocumentKind.NO_PENALTY_DECISION,
}
