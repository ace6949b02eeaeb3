"""Checks shared by the inspection services: find the task, refuse what its state forbids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from inspector_app.domain.entities import TaskStatus
from inspector_app.domain.text import find_bad_text, printable
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound
from inspector_app.services.messages import Message, Text, labels
from inspector_app.store.models import MergedItemRow, TaskRow
from inspector_app.store.repositories import get_task_row, merged_item_row

# Recording here needs a reason: the inspection was already closed (DOMAIN.md,
# "Full-process record": an edit after completion needs a reason and keeps the
# earlier version).
AFTER_COMPLETION = frozenset({TaskStatus.COMPLETED, TaskStatus.SUBMITTED})

# A task status passed as a message parameter reads as one of these words.
STATUS_LABELS = labels(
    TaskStatus,
    ASSIGNED=("assigned", "已分派"),
    IN_PROGRESS=("in progress", "检查中"),
    COMPLETED=("completed", "已完成"),
    SUBMITTED=("submitted", "已提交审核"),
    APPROVED=("approved", "已审核通过"),
    RETURNED=("returned", "已退回"),
    PUBLISHED=("published", "已公示"),
    CANCELLED=("cancelled", "已取消"),
)

TASK_MISSING = Text(
    "task.missing",
    en="Task {task_id} is not in this profile. Sync to download your tasks.",
    zh="本机没有任务 {task_id}。请同步以下载您的任务。",
)
ITEM_MISSING = Text(
    "task.item_missing",
    en="Item {item_id} is not on the checklist of the task for {business}. "
    "Sync to get the current checklist.",
    zh="{business}的任务清单中没有检查事项 {item_id}。请同步以获取最新清单。",
)
NO_TIME_ZONE = Text(
    "input.no_time_zone",
    en="The {what} {at} has no time zone; give it with one.",
    zh="{what}（{at}）没有时区，请带时区填写。",
)
REASON_NEEDED = Text(
    "inspection.reason_needed",
    en="The inspection of {business} is already {status}. "
    "Give a reason for changing a finding after completion.",
    zh="对{business}的检查{status}。检查完成后修改检查结果，请填写修改理由。",
)
NOT_STARTED = Text(
    "inspection.not_started",
    en="The inspection of {business} has not started. Check in first.",
    zh="对{business}的检查尚未开始，请先签到。",
)
LOCKED = Text(
    "inspection.locked",
    en="The task for {business} is {status}; its findings can no longer be changed on this device.",
    zh="{business}的任务{status}，本机已不能再修改其检查结果。",
)


def task_row(session: Session, task_id: str) -> TaskRow:
    row = get_task_row(session, task_id)
    if row is None:
        raise NotFound(TASK_MISSING, task_id=task_id)
    return row


def item_row(session: Session, task: TaskRow, item_id: str) -> MergedItemRow:
    item = merged_item_row(session, task.id, item_id)
    if item is None:
        raise NotFound(ITEM_MISSING, item_id=item_id, business=task.business_name)
    return item


TIME = Text("input.time", en="time", zh="时间")


def aware(at: datetime | None, what: Text = TIME) -> datetime | None:
    """``at`` unchanged if it carries a time zone; naive times are refused."""
    if at is None:
        return None
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInput(NO_TIME_ZONE, what=what, at=at.isoformat())
    return at


BAD_TEXT = Text(
    "guards.bad_text",
    en="{what}{where} contains {kind} ({code}) at position {position}, which cannot be "
    "stored or printed. Delete it and type the text again.",
    zh="{what}{where}第{position}个字符是{kind}（{code}），无法保存或打印。请删除后重新输入。",
)
NUL_CHAR = Text("guards.nul_char", en="a NUL character", zh="空字符")
BROKEN_CHAR = Text("guards.broken_char", en="a broken character", zh="损坏的字符")
FIELD_NOTE = Text("guards.field.note", en="The note", zh="情况说明")
FIELD_MEASUREMENT = Text("guards.field.measurement", en="A measurement", zh="测量值")
FIELD_REASON = Text("guards.field.reason", en="The reason", zh="理由")
FIELD_CAPTION = Text("guards.field.caption", en="The caption", zh="照片说明")
FIELD_PRESENT = Text(
    "guards.field.present", en="The name of person present no. {n}", zh="第{n}名在场人员的姓名"
)
FIELD_USER = Text("guards.field.user", en="The user name", zh="用户名")
FIELD_REPRESENTATIVE = Text(
    "guards.field.representative", en="The party's representative", zh="当事人代表"
)
FIELD_STATEMENT = Text("guards.field.statement", en="The party's statement", zh="当事人陈述、申辩")
FIELD_SIGNER = Text("guards.field.signer", en="The signer's name", zh="签名人姓名")
FIELD_WITNESS = Text("guards.field.witness", en="The witness", zh="见证人")
FIELD_RECORDING = Text(
    "guards.field.recording", en="The audio or video record's reference", zh="录音录像记录编号"
)
FIELD_DECISION = Text("guards.field.decision", en="The decision", zh="处理决定")
FIELD_DELIVERY = Text("guards.field.delivery", en="The delivery record", zh="送达记录")
FIELD_PASSWORD = Text("guards.field.password", en="The password", zh="密码")


def check_text(value: object, what: Text | Message) -> None:
    """Refuse user text holding a character that is not text (a lone surrogate from a bad
    paste, a NUL): nothing could store, send or print it. ``what`` names the field."""
    bad = find_bad_text(value)
    if bad is not None:
        raise InvalidInput(
            BAD_TEXT,
            what=what,
            where=f" ({printable(bad.path)})" if bad.path else "",
            kind=NUL_CHAR if bad.char == "\x00" else BROKEN_CHAR,
            code=bad.code,
            position=bad.position + 1,
        )


def check_editable(task: TaskRow, reason: str | None) -> str | None:
    """Refuse changes to findings where the lifecycle forbids them; return the clean reason.

    In progress: allowed. Completed or submitted: allowed with a reason. Anything
    else (not checked in yet, under review, published): refused.
    """
    status = TaskStatus(task.status)
    check_text(reason, FIELD_REASON)
    clean = (reason or "").strip() or None
    if status is TaskStatus.IN_PROGRESS:
        return clean
    if status in AFTER_COMPLETION:
        if clean is None:
            raise InvalidInput(REASON_NEEDED, business=task.business_name, status=status)
        return clean
    if status in (TaskStatus.ASSIGNED, TaskStatus.RETURNED):
        raise InvalidState(NOT_STARTED, business=task.business_name)
    raise InvalidState(LOCKED, business=task.business_name, status=status)
