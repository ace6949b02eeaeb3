"""The compliance self-check sheet (合规体检自查表) of a task's business: its merged
checklist, grouped by department as on site, each item with its legal basis quoted from
the laws on the laptop, to leave behind after the visit.

Not an enforcement document: it takes no number, records nothing and is not synced;
printing it again gives the same sheet (the same day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inspector_app.documents import load_settings
from inspector_app.documents.self_check import (
    Basis,
    SelfCheckSheet,
    SheetGroup,
    SheetItem,
    load_wording,
    render_self_check,
)
from inspector_app.domain.checklist_groups import group_checklist
from inspector_app.domain.entities import JointTask, MergedItem
from inspector_app.services.document_settings import settings_for
from inspector_app.services.errors import InvalidState, ServiceError
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.reference import Found, ProvisionText, lookup_provision
from inspector_app.services.reference_data import agency_content
from inspector_app.services.tasks import get_task

NO_ITEMS = Text(
    "self_check.no_items",
    en="Task {task_id} has no check items, so there is no self-check sheet to print.",
    zh="任务 {task_id} 没有检查事项，无法打印合规体检自查表。",
)


@dataclass(frozen=True, slots=True)
class SelfCheckPdf:
    task_id: str
    business_name: str
    items: int
    pdf: bytes

    @property
    def filename(self) -> str:
        """A file name for saving it: 合规体检自查表-<business>.pdf, safe on every OS."""
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", self.business_name).strip("_") or self.task_id
        return f"合规体检自查表-{name}.pdf"


def quote(provision: ProvisionText) -> str:
    """The words of the paragraph (or item, or article) a citation names; "" when the
    law is not on this laptop or names no such article."""
    article = provision.article
    if provision.found is not Found.ARTICLE or article is None:
        return ""
    cited = provision.citation
    paragraphs = article.paragraphs
    if cited is not None and cited.paragraph and 1 <= cited.paragraph <= len(paragraphs):
        paragraph = paragraphs[cited.paragraph - 1]
        if cited.item and 1 <= cited.item <= len(paragraph.items):
            return paragraph.items[cited.item - 1]
        return "".join((paragraph.text, *paragraph.items))
    return "".join(article.text.splitlines())


def _item(item: MergedItem) -> SheetItem:
    basis = tuple(
        Basis(cited.strip(), quote(lookup_provision(cited)))
        for cited in item.legal_basis
        if cited.strip()
    )
    return SheetItem(item.title, item.content, basis)


def _agency(profile: Profile, task: JointTask) -> str:
    content = agency_content(profile, task.lead_department_code)
    name = ((content or {}).get("agency") or {}).get("name")
    if isinstance(name, str) and name:
        return name
    names = {d.code: d.name for d in task.departments}
    return names.get(task.lead_department_code, "")


def build_sheet(profile: Profile, task: JointTask, today: date) -> SelfCheckSheet:
    if not task.checklist:
        raise InvalidState(NO_ITEMS, task_id=task.id)
    b = task.business
    groups = tuple(
        SheetGroup(
            dept.department_name,
            tuple(_item(i) for cat in dept.categories for i in cat.items),
        )
        for dept in group_checklist(task)
    )
    return SelfCheckSheet(
        business_name=b.name,
        uscc=b.uscc,
        address=b.address,
        legal_rep=b.legal_rep,
        agency=_agency(profile, task),
        issued_on=today,
        groups=groups,
    )


def self_check_sheet(profile: Profile, task_id: str, *, today: date | None = None) -> SelfCheckPdf:
    """The self-check sheet of the task's business as a PDF (A4, fonts embedded)."""
    task = get_task(profile, task_id)
    sheet = build_sheet(profile, task, today or date.today())
    try:
        settings = settings_for(profile, task.lead_department_code)
    except ServiceError:  # no agency settings on this laptop: the shipped type sizes
        settings = load_settings()
    pdf = render_self_check(sheet, settings, load_wording())
    return SelfCheckPdf(task.id, task.business.name, sheet.n_items, pdf)
