"""The sample visit's findings and the content each of its documents gets from them.

See ``documents.samples`` for the story. Provisions come from the checklist item where
the item carries its order basis or penalty provision; otherwise from the scenario's
own. Those not in the law library (食品安全法, 价格法) are marked [?].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from inspector_app.documents.kinds import (
    DepartmentResult,
    DiscretionReason,
    Evidence,
    Fact,
    JointResultNotice,
    NoPenaltyDecision,
    NoPenaltyGround,
    OrderToCorrect,
    Penalty,
    PriorNotice,
    Reasoning,
    RecordItem,
    RiskReminder,
    Statement,
    SummaryPenaltyDecision,
)
from inspector_app.documents.model import Officer, Photo
from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentNumber, JointTask, MergedItem, PenaltyProvision
from inspector_app.domain.workdays import default_calendar, publication_deadline

FOOD_LAW = "《中华人民共和国食品安全法》"
INSPECTION_RULES = "《食品生产经营监督检查管理办法》"
PRICE_LAW = "《中华人民共和国价格法》"


@dataclass(frozen=True, slots=True)
class Scenario:
    code: str  # the demo checklist code the scenario is written for
    duty: tuple[str, ...]  # 义务条款, when the item has no provisions of its own yet
    order: tuple[str, ...]
    penalty: PenaltyProvision | None
    note: str  # what the officers saw
    corrected: bool


SCENARIOS: dict[str, Scenario] = {
    # [?] 食品安全法 is not in the law library: 第四十五条第一款 and 第一百二十六条第一款第（六）项
    # as commonly cited.
    "health": Scenario(
        "GX-JK-001",
        (f"{FOOD_LAW}第四十五条第一款",),
        (f"{FOOD_LAW}第一百二十六条第一款",),
        PenaltyProvision(
            (f"{FOOD_LAW}第一百二十六条第一款第（六）项",),
            warning=True,
            fine_min=5000,
            fine_max=50000,
            condition="拒不改正的",
        ),
        "后厨1名从事凉菜加工的员工健康证明已过期12天；当场调离接触直接入口食品的岗位，"
        "安排其复检（见照片1）",
        True,
    ),
    # 食品检查办法第三十九条第二款 (duty); 第四十八条 (order, and the penalty on refusal).
    "record_table": Scenario(
        "SC-SP-002",
        (f"{INSPECTION_RULES}第三十九条第二款",),
        (f"{INSPECTION_RULES}第四十八条", f"{INSPECTION_RULES}第三十三条第二款"),
        PenaltyProvision(
            (f"{INSPECTION_RULES}第四十八条",),
            warning=True,
            fine_min=5000,
            fine_max=50000,
            condition="拒不改正的",
        ),
        "未在店堂显著位置张贴上一次日常监督检查结果记录表，记录表原件已遗失，无法当场整改",
        False,
    ),
    # [?] 价格法 is not in the law library: 第十三条第一款 and 第四十二条 as commonly cited.
    "prices": Scenario(
        "SC-JG-001",
        (f"{PRICE_LAW}第十三条第一款",),
        (f"{PRICE_LAW}第四十二条",),
        PenaltyProvision((f"{PRICE_LAW}第四十二条",), fine_max=5000),
        "店堂菜单价目牌上6种菜品未标明价格，价目牌为新制作，无法当场补标",
        False,
    ),
    # 食品检查办法第三十二条: a key item affecting food safety is investigated.
    "expired": Scenario(
        "SC-SP-006",
        (f"{FOOD_LAW}第三十四条第（十）项",),
        (),
        None,
        "冷藏柜内发现超过保质期的酸奶2盒，已责令当场停止使用并下架；该项为重点项目，"
        "影响食品安全，另行立案调查（见照片2）",
        False,
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    item: MergedItem
    no: int
    duty: tuple[str, ...]
    order: tuple[str, ...]
    penalty: PenaltyProvision | None
    note: str
    corrected: bool

    @property
    def penalty_basis(self) -> str:
        return "、".join(self.penalty.basis if self.penalty else self.order)


def findings(task: JointTask, agency_code: str) -> dict[str, Finding]:
    """Assign each scenario to an item of the issuing agency: by code, else in order."""
    numbered = {it.id: n for n, it in enumerate(task.checklist, 1)}
    own = [it for it in task.checklist if not agency_code or agency_code in it.department_codes]
    if len(own) < len(SCENARIOS):
        raise ValueError(
            f"the sample visit needs {len(SCENARIOS)} items of {agency_code or 'the agency'} "
            f"in task {task.id}; it has {len(own)}"
        )
    by_code = {it.code: it for it in own}
    chosen = {key: by_code[sc.code] for key, sc in SCENARIOS.items() if sc.code in by_code}
    taken = {it.id for it in chosen.values()}
    spare = [it for it in own if it.id not in taken]
    for key in SCENARIOS:
        if key not in chosen:
            chosen[key] = spare.pop(0)
    out = {}
    for key, it in chosen.items():
        sc = SCENARIOS[key]
        # An item that carries its order basis or penalty has its provisions sorted out
        # (duty, order, penalty); an older one gets the scenario's.
        sorted_out = bool(it.order_basis or it.penalty)
        out[key] = Finding(
            item=it,
            no=numbered[it.id],
            duty=it.legal_basis if sorted_out and it.legal_basis else sc.duty,
            order=it.order_basis or sc.order,
            penalty=it.penalty if sorted_out and it.penalty else sc.penalty,
            note=sc.note,
            corrected=sc.corrected,
        )
    return out


@dataclass(frozen=True, slots=True)
class Visit:
    """What every document of the sample visit draws on."""

    task: JointTask
    day: date
    start: datetime
    told: datetime  # 告知 of the proposed fine
    decided: datetime  # decisions and notices
    deadline: date  # of the order to correct
    origin: str  # how the case arose (section 2 of a decision)
    f: dict[str, Finding]
    photos: tuple[Photo, ...]
    order_number: DocumentNumber

    @property
    def zh_day(self) -> str:
        return f"{self.day.year}年{self.day.month}月{self.day.day}日"

    @property
    def zh_deadline(self) -> str:
        return f"{self.deadline.year}年{self.deadline.month}月{self.deadline.day}日"


RECORD_EVIDENCE = "执法人员现场检查时制作，当事人签名确认。"


def no_penalty(v: Visit) -> NoPenaltyDecision:
    health = v.f["health"]
    reasoning = Reasoning(
        case_origin=v.origin,
        facts=(
            Fact(
                "事实一",
                f"{v.zh_day}检查时，当事人安排1名健康证明已过期12天的员工从事凉菜加工"
                "（接触直接入口食品）工作。",
            ),
            Fact(
                "事实二",
                "执法人员指出后，当事人当场将该员工调离接触直接入口食品的岗位，并安排其复检。",
            ),
            Fact(
                "事实三",
                "当事人近两年内无同类违法行为记录；未发现因此造成的食品安全事故或者其他危害后果。",
            ),
        ),
        evidence=(
            Evidence(1, "现场笔录", RECORD_EVIDENCE, ("事实一", "事实二")),
            Evidence(
                2,
                "现场检查照片",
                "执法人员现场拍摄的健康证明。",
                ("事实一",),
                tuple(p.ref for p in v.photos[:1]),
            ),
            Evidence(3, "本局监管档案查询记录", "本局执法人员查询。", ("事实三",)),
        ),
        statements=(
            Statement(
                "员工健康证明到期时正值其休假，未能及时复检；现已安排复检。",
                True,
                "员工当场调岗、安排复检有现场笔录和照片佐证，属实，作为及时改正的情节予以考虑。",
            ),
        ),
        provisions_breached=health.duty,
        legal_analysis=(
            "当事人系食品经营者，安排健康证明已过期的人员从事接触直接入口食品的工作，"
            f"违反了{'、'.join(health.duty)}的规定，依照{health.penalty_basis}应当给予行政处罚。"
        ),
        discretion=(
            DiscretionReason(
                "NP-2",
                "当事人系初次违法：近两年内无同类违法记录；危害后果轻微：仅1名员工证明过期12天，"
                "未发现食品安全事故；并及时改正：当场调岗并安排复检。三项条件同时具备，"
                "本局裁量决定不予行政处罚。",
                kind="不予",
            ),
        ),
    )
    return NoPenaltyDecision(
        reasoning=reasoning,
        ground=NoPenaltyGround.FIRST_VIOLATION,
        list_entry="",
        decision="对当事人安排健康证明过期人员从事接触直接入口食品工作的违法行为不予行政处罚。",
        education=(
            "执法人员当场向当事人讲解了食品从业人员健康管理的法律规定，督促其建立健康证明"
            "到期提醒制度；当事人表示今后严格遵守。"
        ),
        rule_id="NP-2",
        item_ids=(health.item.id,),
    )


def summary_penalty(v: Visit, fine: Decimal, payment: str) -> SummaryPenaltyDecision:
    prices = v.f["prices"]
    reasoning = Reasoning(
        case_origin=v.origin,
        facts=(
            Fact("事实一", f"{v.zh_day}检查时，当事人店堂菜单价目牌上6种菜品未标明价格。"),
            Fact("事实二", "价目牌为新制作，当事人无法当场补标。"),
        ),
        evidence=(Evidence(1, "现场笔录", RECORD_EVIDENCE, ("事实一", "事实二")),),
        statements=(
            Statement(
                "价目牌上周刚更换，新增菜品价格尚未补标，请求从轻处理。",
                True,
                "价目牌更换时间有当事人提供的制作单据佐证，未标价菜品均为新增菜品，"
                "本局予以采纳，作为从轻情节。",
            ),
        ),
        provisions_breached=prices.duty,
        legal_analysis=(
            f"当事人销售商品、提供服务未按规定明码标价，违反了{'、'.join(prices.duty)}的规定，"
            "事实清楚，证据确凿，依法应当给予行政处罚。"
        ),
        discretion=(
            DiscretionReason(
                "D-1",
                "未标价菜品6种，均为新更换价目牌上的新增菜品，持续时间约一周，尚未发现多收价款"
                "的情形，当事人如实陈述并配合检查，属于从轻情形，在法定幅度的较低部分裁量。",
                kind="从轻",
            ),
            DiscretionReason(
                "SP-1",
                f"综合上述情节，决定罚款人民币{fine}元：既与未标价菜品的数量和持续时间相当，"
                "也足以督促当事人履行明码标价义务。该数额在法定幅度内，且未超过"
                "《中华人民共和国行政处罚法》第五十一条规定的当场处罚限额。",
            ),
        ),
    )
    return SummaryPenaltyDecision(
        reasoning=reasoning,
        penalty=Penalty.FINE,
        amount=fine,
        provision=prices.penalty,
        decided_at=v.decided,
        place=v.task.business.address,
        notice=PriorNotice(told_at=v.told, proposed=f"罚款人民币{fine}元", proposed_amount=fine),
        payment_instructions=payment,
        item_ids=(prices.item.id,),
        correction=(
            f"依照《中华人民共和国行政处罚法》第二十八条第一款，责令当事人于{v.zh_deadline}前"
            f"改正（见{format_document_number(v.order_number)}《责令改正通知书》）。"
        ),
    )


def order_to_correct(v: Visit) -> OrderToCorrect:
    table, prices = v.f["record_table"], v.f["prices"]
    return OrderToCorrect(
        found_at=v.start,
        place=v.task.business.address,
        conduct=(
            "（一）未在显著位置张贴或者公开展示上一次日常监督检查结果记录表"
            f"（“{table.item.title}”）；（二）店堂菜单价目牌上6种菜品未标明价格"
            f"（“{prices.item.title}”）。"
        ),
        provisions_breached=(*table.duty, *prices.duty),
        empowering_provision="、".join(dict.fromkeys((*table.order, *prices.order))),
        deadline=v.deadline,
        actions=(
            "在店堂显著位置张贴或者公开展示监督检查结果记录表，并保持至下次日常监督检查",
            "在菜单价目牌上标明全部菜品的品名、计价单位和价格",
            "整改完成后将整改情况书面报告本局",
        ),
        consequence=(
            f"逾期不改正监督检查结果记录表公示问题的，本局将依照{table.penalty_basis}的规定，"
            "给予警告，可以并处5000元以上5万元以下罚款。"
        ),
        item_ids=(table.item.id, prices.item.id),
    )


def risk_reminder(v: Visit) -> RiskReminder:
    """Risks that are not violations: non-binding guidance, on the agency's own matters."""
    return RiskReminder(
        found_at=v.start,
        risks=(
            "冷藏柜温度计显示7℃，接近冷藏食品贮存温度的上限，用餐高峰时频繁开启，"
            "存在食品腐败变质风险。",
            "进货查验记录由一名员工兼管，其休假期间存在记录中断的风险。",
        ),
        suggestions=(
            "定期校验冷藏设施温度，控制开门频次，并做好温度记录。",
            "指定进货查验记录的替班人员，保持记录连续完整。",
        ),
        legal_refs=(f"{FOOD_LAW}第三十三条", f"{FOOD_LAW}第五十三条"),
        reply_by=default_calendar().add_working_days(v.day, 10),
    )


def record_items(
    task: JointTask,
    f: dict[str, Finding],
    photo_refs: dict[str, tuple[str, ...]],
    n_items: int | None,
) -> tuple[RecordItem, ...]:
    failed = {x.item.id: (key, x) for key, x in f.items()}
    out = []
    for n, it in enumerate(task.checklist, 1):
        hit = failed.get(it.id)
        if hit is None:
            out.append(
                RecordItem(
                    n,
                    it.title,
                    "符合",
                    "未发现问题",
                    item_id=it.id,
                    departments=it.department_codes,
                )
            )
            continue
        key, x = hit
        out.append(
            RecordItem(
                n,
                it.title,
                "不符合（已当场改正）" if x.corrected else "不符合",
                x.note,
                photo_refs.get(key, ()),
                item_id=it.id,
                departments=it.department_codes,
                noncompliant=True,
                corrected_on_site=x.corrected,
            )
        )
    if n_items is not None:
        while len(out) < n_items:
            n = len(out) + 1
            out.append(
                RecordItem(n, f"检查事项{n}：核查相关台账、记录和现场情况", "符合", "未发现问题")
            )
        # Trimming never drops a finding: the documents of the visit rest on them.
        out = out[:n_items] + [r for r in out[n_items:] if r.noncompliant]
    return tuple(out)


def joint_notice(
    v: Visit, items: tuple[RecordItem, ...], team: tuple[Officer, ...], confirmed_at: datetime
) -> JointResultNotice:
    f, task = v.f, v.task
    by = f"{v.deadline.month}月{v.deadline.day}日"
    handling = {
        f["health"].item.id: "已当场改正，不予行政处罚并进行教育",
        f["record_table"].item.id: f"责令于{by}前改正",
        f["prices"].item.id: f"当场罚款，并责令于{by}前改正",
        f["expired"].item.id: "责令停止使用，另行立案调查",
    }
    results = []
    for d in task.departments:
        mine = [r for r in items if d.code in r.departments]
        found = [r for r in mine if r.noncompliant]
        results.append(
            DepartmentResult(
                department=d.name,
                items_checked=len(mine),
                findings=tuple(
                    f"第{r.no}项“{r.title}”：{r.note}；{handling.get(r.item_id, '')}" for r in found
                ),
                result=f"发现问题{len(found)}项" if found else "未发现问题",
                follow_up=f"{by}后复查整改情况" if found else "",
                department_code=d.code,
                officers=tuple(o for o in team if o.department_code == d.code),
                confirmed_at=confirmed_at,
                item_ids=tuple(r.item_id for r in found),
            )
        )
    n_found = sum(1 for r in items if r.noncompliant)
    return JointResultNotice(
        visited_on=v.day,
        place=task.business.address,
        lead_department=next(
            (d.name for d in task.departments if d.code == task.lead_department_code),
            task.lead_department_code,
        ),
        departments=tuple(results),
        items_before=sum(len(it.sources) for it in task.checklist),
        items_after=len(task.checklist),
        overall=(
            f"共检查{len(task.checklist)}项，发现问题{n_found}项：当场改正1项，责令限期改正2项"
            "（其中1项并处罚款），立案调查1项；其余事项未发现问题。"
        ),
        publish_by=publication_deadline(v.day),
    )
