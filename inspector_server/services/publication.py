"""Publication of inspection results (公示): approved visits become published, once.

The law gives the deadline; the working-day calendar (holidays and make-up working
days) is ``inspector_app.domain.workdays``:

* 《企业信息公示暂行条例》第六条第二款 [L]: "前款规定的企业信息应当自产生之日起20个
  工作日内予以公示。" (第一款 lists the information a market-supervision department
  produces in its work, among it "(五)其他依法应当公示的信息".)
* 《食品生产经营监督检查管理办法》第三十九条第一款 [L]: "市场监督管理部门应当于检查
  结果信息形成后20个工作日内向社会公开。"

The result information is formed when the visit is completed (checked out), so the
deadline is 20 working days after the completion day, that day not counted
(``workdays.publication_deadline``). A visit done and not yet published past its
deadline is overdue, whether it waits for review or for publication.

The fields follow what the national publicity system (国家企业信用信息公示系统) takes for
a random inspection's result [P]: the plan and the task (number and name), the kind
of inspection, the departments, the party's name and USCC, the inspection date, the
result in its standard category and the agency.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.domain.workdays import publication_deadline
from inspector_app.sync.protocol import DONE_STATES
from inspector_server.models import Record
from inspector_server.models_visits import Publication, Visit
from inspector_server.services import sync, visit_rules
from inspector_server.services import visits as projection

# The standard result categories of a random inspection (抽查检查结果) [P].
NO_PROBLEM = "未发现问题"
CORRECTED = "发现问题已责令改正"
PENDING = "发现问题待后续处理"
NO_ACTIVITY = "未发现开展本次抽查涉及的经营活动"
REFUSED = "不配合检查"
RESULT_CATEGORIES = (
    NO_PROBLEM,
    CORRECTED,
    PENDING,
    NO_ACTIVITY,
    REFUSED,
    "不配合检查情节严重",
    "未按规定公示应当公示的信息",
    "公示信息隐瞒真实情况、弄虚作假",
    "通过登记的住所（经营场所）无法联系",
    "已注销",
    "已吊销",
)
#: Dispositions after which the problem is dealt with on the spot or by an order.
_HANDLED = ("order_to_correct", "no_penalty", "summary_penalty", "risk_reminder", "no_action")

#: (key, column heading) of a published row, in the file's order.
COLUMNS = (
    ("plan_number", "抽查计划编号"),
    ("plan_name", "抽查计划名称"),
    ("task_number", "抽查任务编号"),
    ("task_name", "抽查任务名称"),
    ("kind", "抽查类型"),
    ("lead_department", "发起部门"),
    ("co_departments", "配合部门"),
    ("party_name", "市场主体名称"),
    ("uscc", "统一社会信用代码"),
    ("inspected_on", "检查日期"),
    ("result", "检查结果"),
    ("agency", "检查实施机关"),
    ("deadline", "公示期限"),
    ("published_on", "公示日期"),
    ("overdue", "是否逾期公示"),
)


def result_category(
    inspection: dict[str, Any], items: Iterable[dict[str, Any]], documents: Iterable[str]
) -> str:
    """The standard result of a visit from what was recorded.

    An explicit ``inspection.data.result_category`` among the standard ones wins (the
    inspector's word: a refusal, a business that has closed). Otherwise: a refusal
    recorded (``refused``) -> 不配合检查; no non-compliance and every item not applicable
    -> no activity of the kind inspected; no non-compliance -> 未发现问题; every
    non-compliance corrected on site, under an order (a deadline, an order document)
    or settled by a disposition on the spot -> 已责令改正; otherwise (a case referred,
    nothing decided yet) -> 待后续处理.
    """
    explicit = inspection.get("result_category")
    if isinstance(explicit, str) and explicit in RESULT_CATEGORIES:
        return explicit
    if inspection.get("refused"):
        return REFUSED
    items = list(items)
    bad = [i for i in items if i.get("outcome") == "noncompliant"]
    if not bad:
        if items and all(i.get("outcome") == "not_applicable" for i in items):
            return NO_ACTIVITY
        return NO_PROBLEM
    ordered = "order_to_correct" in set(documents)
    for item in bad:
        kind = projection.disposition_kind(item.get("disposition"))
        if kind == "refer_case":
            return PENDING
        handled = (
            item.get("corrected_on_site")
            or kind in _HANDLED
            or projection.parse_day(item.get("deadline")) is not None
            or ordered
        )
        if not handled:
            return PENDING
    return CORRECTED


def deadline_of(visit: Visit) -> date | None:
    if visit.completed_at is None:
        return None
    return publication_deadline(projection.china_day(visit.completed_at))


@dataclass
class PublishBatch:
    batch_id: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def _records(s: Session, entity: str, task_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(task_ids), 500):
        query = select(Record.task_id, Record.data).where(
            Record.entity == entity,
            Record.deleted.is_(False),
            Record.task_id.in_(task_ids[start : start + 500]),
        )
        for task_id, data in s.execute(query):
            if isinstance(data, dict):
                found.setdefault(task_id, []).append(data)
    return found


def build_rows(s: Session, visits: list[Visit], published_on: date) -> list[dict[str, Any]]:
    """The publication rows of these visits, as they would be published on that day."""
    ids = [v.task_id for v in visits]
    tasks = {t: ds[0] for t, ds in _records(s, "task", ids).items()}
    inspections = {t: ds[0] for t, ds in _records(s, "inspection", ids).items()}
    items = _records(s, "item_result", ids)
    documents = _records(s, "document", ids)
    rows = []
    for visit in visits:
        task = tasks.get(visit.task_id, {})
        plan = task.get("plan") if isinstance(task.get("plan"), dict) else {}
        departments = projection.departments_of(task)
        lead = task.get("lead_department_code")
        lead_name = departments.get(lead, "") if isinstance(lead, str) else ""
        issued = [d for d in documents.get(visit.task_id, []) if d.get("status") == "final"]
        agency = next((d["agency"] for d in issued if isinstance(d.get("agency"), str)), "")
        deadline = deadline_of(visit)
        inspected = projection.china_day(visit.completed_at) if visit.completed_at else None
        rows.append(
            {
                "task_id": visit.task_id,
                "plan_number": str(plan.get("number") or plan.get("plan_id") or ""),
                "plan_name": str(plan.get("name") or ""),
                "task_number": str(plan.get("task_number") or visit.task_id),
                "task_name": str(plan.get("task_name") or f"{visit.business_name}联合检查"),
                "kind": "部门联合双随机抽查" if len(departments) > 1 else "双随机抽查",
                "lead_department": lead_name,
                "co_departments": "、".join(n for c, n in departments.items() if c != lead),
                "party_name": visit.business_name,
                "uscc": visit.uscc,
                "inspected_on": inspected.isoformat() if inspected else "",
                "result": result_category(
                    inspections.get(visit.task_id, {}),
                    items.get(visit.task_id, []),
                    [str(d.get("kind")) for d in issued],
                ),
                "agency": agency or lead_name,
                "deadline": deadline.isoformat() if deadline else "",
                "published_on": published_on.isoformat(),
                "overdue": "是" if deadline is not None and published_on > deadline else "否",
            }
        )
    return rows


def publishable(s: Session, since: date | None, *, lock: bool) -> list[Visit]:
    """Approved visits not yet published (completed on or after ``since``)."""
    query = select(Visit).where(Visit.state == "approved", Visit.cancelled.is_(False))
    if since is not None:
        query = query.where(Visit.day >= since)
    query = query.order_by(Visit.completed_at, Visit.task_id)
    return list(s.scalars(query.with_for_update() if lock else query))


def publish(
    s: Session, *, since: date | None, now: datetime, user_id: str | None = None
) -> PublishBatch:
    """Publish every approved visit (inside a write transaction): rows kept as published,
    the visits published, their inspection records saying so (laptops pull it)."""
    batch = PublishBatch(str(uuid.uuid4()))
    visits = publishable(s, since, lock=True)
    today = projection.china_day(now)
    batch.rows = build_rows(s, visits, today)
    for visit, row in zip(visits, batch.rows, strict=True):
        s.add(
            Publication(task_id=visit.task_id, batch_id=batch.batch_id, published_at=now, row=row)
        )
        visit_rules.record_transition(s, visit, "published", user_id=user_id, at=now)
        visit.published_at = now
        record = s.get(Record, ("inspection", visit.task_id))
        data = dict(record.data or {}) if record is not None else {"task_id": visit.task_id}
        data.update(status="published", published_at=now.isoformat())
        sync.server_put(
            s,
            entity="inspection",
            record_id=visit.task_id,
            data=data,
            task_id=visit.task_id,
            team_id=visit.team_id,
            user_id=user_id or "server",
        )
    s.flush()
    return batch


def overdue(s: Session, today: date) -> list[tuple[Visit, date]]:
    """Visits done, not published, past their publication deadline (oldest first)."""
    waiting = [s for s in DONE_STATES if s != "published"]
    query = (
        select(Visit)
        .where(
            Visit.state.in_(waiting), Visit.cancelled.is_(False), Visit.completed_at.is_not(None)
        )
        .order_by(Visit.completed_at)
    )
    found = []
    for visit in s.scalars(query):
        deadline = deadline_of(visit)
        if deadline is not None and deadline < today:
            found.append((visit, deadline))
    return found


def published(
    s: Session,
    *,
    since: date | None = None,
    until: date | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[dict[str, Any]], int]:
    """Published rows, newest first, for the public list; and how many there are.
    ``since`` and ``until`` are days of publication (China time), both included."""
    conditions = []
    if since is not None:
        start = datetime.combine(since, time.min, projection.CHINA)
        conditions.append(Publication.published_at >= start)
    if until is not None:
        end = datetime.combine(until + timedelta(days=1), time.min, projection.CHINA)
        conditions.append(Publication.published_at < end)
    query = select(Publication.row).where(*conditions)
    count = select(func.count()).select_from(Publication).where(*conditions)
    rows = s.scalars(
        query.order_by(Publication.published_at.desc(), Publication.task_id)
        .offset(offset)
        .limit(limit)
    ).all()
    return [dict(r) for r in rows], int(s.scalar(count) or 0)
