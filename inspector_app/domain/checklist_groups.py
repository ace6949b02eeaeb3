"""How a joint checklist is laid out for the inspector: by department, then by category.

A merged item serves every department whose item it replaced; it is listed once,
under the first of them in the task's order (the lead department first), and shows
the others beside it. Its category is the law its legal basis cites first (食品安全法,
消防法, …): items resting on the same law are checked together on site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspector_app.domain.entities import JointTask, MergedItem
from inspector_app.domain.lawtext import law_key

_LAW = re.compile(r"《([^》]+)》")


def item_category(item: MergedItem) -> str:
    """The short name of the first law the item cites, or "" when it cites none."""
    for basis in item.legal_basis:
        m = _LAW.search(basis)
        if m is not None:
            return law_key(m[1])
    return ""


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    category: str  # "" for items citing no law
    items: tuple[MergedItem, ...]


@dataclass(frozen=True, slots=True)
class DepartmentGroup:
    department_code: str
    department_name: str
    categories: tuple[CategoryGroup, ...]


def group_checklist(task: JointTask) -> list[DepartmentGroup]:
    """The checklist in display order: departments as the task lists them (lead first),
    categories in the order their first item appears, items in checklist order."""
    names = {d.code: d.name for d in task.departments}
    order = [task.lead_department_code] + [
        d.code for d in task.departments if d.code != task.lead_department_code
    ]
    by_department: dict[str, dict[str, list[MergedItem]]] = {}
    for item in task.checklist:
        codes = item.department_codes
        home = next((c for c in order if c in codes), codes[0] if codes else "")
        by_department.setdefault(home, {}).setdefault(item_category(item), []).append(item)
    known = [c for c in order if c in by_department]
    extra = [c for c in by_department if c not in order]
    return [
        DepartmentGroup(
            code,
            names.get(code, code),
            tuple(CategoryGroup(cat, tuple(items)) for cat, items in by_department[code].items()),
        )
        for code in known + extra
    ]


def display_order(task: JointTask) -> list[MergedItem]:
    """The items in the order the grouped checklist shows them (for next / previous)."""
    return [item for dept in group_checklist(task) for cat in dept.categories for item in cat.items]
