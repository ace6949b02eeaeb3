"""Reading the data sets people exchange: the business directory and a demo/seed folder.

A folder in, entities out. The client's demo loader and the server's ``seed-demo``
both read ``resources/demo`` through here, so they agree on every task and item.
Bad rows are reported by line number and skipped; nothing else is lost.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.domain.checklist import (
    Equivalence,
    RowError,
    merge_checklists,
    read_checklist_csv,
    read_equivalences_csv,
)
from inspector_app.domain.entities import (
    Business,
    CheckItem,
    CreditClass,
    Department,
    Inspector,
    JointTask,
    PartyType,
    Role,
    TaskStatus,
    Team,
)
from inspector_app.domain.serialization import prior_violation_from_json
from inspector_app.domain.uscc import check_uscc

DIRECTORY_COLUMNS = (
    "uscc",
    "name",
    "address",
    "legal_rep",
    "phone",
    "industry",
    "area",
    "credit_class",
    "positive_list",
)


@dataclass(frozen=True, slots=True)
class DirectoryParse:
    businesses: list[Business]
    errors: list[RowError]


def party_type_for(uscc: str) -> PartyType:
    """个体工商户 (entity class 92) are treated as citizens for the summary-procedure limits.

    行政处罚法第五十一条 distinguishes 公民 (≤200 yuan) from 法人或者其他组织
    (≤3,000 yuan); local practice treats an individual business as a citizen.
    """
    return PartyType.CITIZEN if uscc.startswith("92") else PartyType.ORGANISATION


def _text(source: str | Path | io.TextIOBase) -> str:
    if isinstance(source, Path):
        return source.read_bytes().decode("utf-8-sig")
    if isinstance(source, str):
        return Path(source).read_bytes().decode("utf-8-sig")
    return source.read().lstrip("\ufeff")


def read_directory_csv(source: str | Path | io.TextIOBase) -> DirectoryParse:
    """Business directory CSV: ``uscc, name, address, legal_rep, phone, industry, area,
    credit_class (A|B|C|D), positive_list (0|1)``. A row with an invalid USCC is
    reported by line number and skipped (DESIGN.md "Data formats")."""
    reader = csv.reader(io.StringIO(_text(source)))
    businesses: list[Business] = []
    errors: list[RowError] = []
    header = next(reader, None)
    names = [h.strip().lower() for h in header] if header else []
    if any(col not in names for col in DIRECTORY_COLUMNS):
        missing = [c for c in DIRECTORY_COLUMNS if c not in names]
        errors.append(RowError(1, f"表头缺少列：{', '.join(missing)}"))
        return DirectoryParse(businesses, errors)
    index = {name: i for i, name in enumerate(names)}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            errors.append(RowError(line, f"列数不足：应为 {len(names)} 列，实际 {len(row)} 列"))
            continue
        get = {col: row[index[col]].strip() for col in DIRECTORY_COLUMNS}
        check = check_uscc(get["uscc"])
        if not check.valid:
            errors.append(RowError(line, f"统一社会信用代码无效：{check.error}"))
            continue
        if get["credit_class"].upper() not in CreditClass.__members__:
            errors.append(
                RowError(line, f"信用风险分类应为 A/B/C/D，实际为“{get['credit_class']}”")
            )
            continue
        if get["positive_list"] not in {"0", "1", ""}:
            errors.append(
                RowError(line, f"正面清单标记应为 0 或 1，实际为“{get['positive_list']}”")
            )
            continue
        if not get["name"]:
            errors.append(RowError(line, "名称为空"))
            continue
        businesses.append(
            Business(
                uscc=check.normalized,
                name=get["name"],
                address=get["address"],
                legal_rep=get["legal_rep"],
                phone=get["phone"],
                industry=get["industry"],
                area=get["area"],
                credit_class=CreditClass(get["credit_class"].upper()),
                positive_list=get["positive_list"] == "1",
                licence_name="营业执照",
                party_type=party_type_for(check.normalized),
            )
        )
    return DirectoryParse(businesses, errors)


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything a demo or seed folder holds, as entities."""

    departments: tuple[Department, ...]
    businesses: tuple[Business, ...]
    inspectors: tuple[Inspector, ...]
    teams: tuple[Team, ...]
    check_items: tuple[CheckItem, ...]
    equivalences: tuple[Equivalence, ...]
    tasks: tuple[JointTask, ...]
    errors: tuple[str, ...] = field(default=())

    def inspector(self, username: str) -> Inspector:
        for person in self.inspectors:
            if person.username == username:
                return person
        raise KeyError(username)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)
        ]


def load_dataset(folder: Path) -> Dataset:
    """Read a demo/seed folder (see resources/demo/README.md) and build its joint tasks."""
    errors: list[str] = []
    departments = tuple(Department(r["code"], r["name"]) for r in _rows(folder / "departments.csv"))
    directory = read_directory_csv(folder / "businesses.csv")
    errors += [f"businesses.csv: {e}" for e in directory.errors]
    team_rows = _rows(folder / "teams.csv")
    inspectors = tuple(
        Inspector(
            id=r["id"],
            username=r["username"],
            display_name=r["display_name"],
            badge_no=r["badge_no"],
            department_code=r["department_code"],
            role=Role(r["role"]),
        )
        for r in _rows(folder / "inspectors.csv")
    )
    by_username = {p.username: p for p in inspectors}
    memberships = {
        r["username"]: [t for t in r.get("team_ids", "").split(";") if t]
        for r in _rows(folder / "inspectors.csv")
    }
    teams = tuple(
        Team(
            id=r["id"],
            name=r["name"],
            lead_id=by_username[r["lead_username"]].id
            if r["lead_username"] in by_username
            else None,
            member_ids=tuple(
                by_username[u].id
                for u, ids in memberships.items()
                if r["id"] in ids and by_username[u].role == Role.INSPECTOR
            ),
        )
        for r in team_rows
    )
    items: list[CheckItem] = []
    for path in sorted((folder / "checklists").glob("*.csv")):
        parsed = read_checklist_csv(path)
        items += parsed.items
        errors += [f"checklists/{path.name}: {e}" for e in parsed.errors]
    equivalences: list[Equivalence] = []
    eq_path = folder / "equivalences.csv"
    if eq_path.is_file():
        parsed_eq = read_equivalences_csv(eq_path)
        equivalences = parsed_eq.pairs
        errors += [f"equivalences.csv: {e}" for e in parsed_eq.errors]
    tasks: list[JointTask] = []
    tasks_path = folder / "tasks.json"
    if tasks_path.is_file():
        spec = json.loads(tasks_path.read_text(encoding="utf-8"))
        tasks = build_tasks(
            spec.get("tasks", []),
            departments=departments,
            businesses=directory.businesses,
            inspectors=inspectors,
            items=items,
            equivalences=equivalences,
        )
    return Dataset(
        departments=departments,
        businesses=tuple(directory.businesses),
        inspectors=inspectors,
        teams=teams,
        check_items=tuple(items),
        equivalences=tuple(equivalences),
        tasks=tuple(tasks),
        errors=tuple(errors),
    )


def build_tasks(
    specs: Iterable[dict[str, Any]],
    *,
    departments: Iterable[Department],
    businesses: Iterable[Business],
    inspectors: Iterable[Inspector],
    items: Iterable[CheckItem],
    equivalences: Iterable[Equivalence],
) -> list[JointTask]:
    """Joint tasks from task specs: each task's checklist is the merge of its departments'
    items (restricted to ``item_codes`` when given), with provenance."""
    dept_by_code = {d.code: d for d in departments}
    business_by_uscc = {b.uscc: b for b in businesses}
    inspector_by_username = {p.username: p for p in inspectors}
    all_items = list(items)
    pairs = list(equivalences)
    tasks = []
    for spec in specs:
        codes = set(spec.get("item_codes") or ())
        task_departments = tuple(dept_by_code[c] for c in spec["departments"])
        order = {code: i for i, code in enumerate(spec["departments"])}
        order[spec["lead_department_code"]] = -1  # the lead department's items come first
        chosen = sorted(
            (
                item
                for item in all_items
                if item.department_code in order and (not codes or item.code in codes)
            ),
            key=lambda item: order[item.department_code],
        )
        merged = merge_checklists(chosen, pairs)
        tasks.append(
            JointTask(
                id=spec["id"],
                business=business_by_uscc[spec["uscc"]],
                departments=task_departments,
                lead_department_code=spec["lead_department_code"],
                inspector_ids=tuple(inspector_by_username[u].id for u in spec["inspectors"]),
                team_id=spec.get("team_id"),
                window_start=date.fromisoformat(spec["window_start"]),
                window_end=date.fromisoformat(spec["window_end"]),
                checklist=merged.items,
                status=TaskStatus(spec.get("status", "assigned")),
                plan={
                    **spec.get("plan", {}),
                    "merge": merged.summary(),
                    "items_before": merged.items_before,
                    "items_after": merged.items_after,
                },
                history=tuple(prior_violation_from_json(h) for h in spec.get("history", ())),
            )
        )
    return tasks
