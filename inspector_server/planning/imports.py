"""Importing the directory (市场主体名录) and the departmental checklists (一单).

Both follow DESIGN.md "Data formats that people exchange": the domain readers
parse, a bad row is reported by its line number and skipped, every good row is
kept. Rows are upserted by their natural key (USCC; department + code), so an
import can be repeated and a corrected file re-imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector_app.domain.checklist import (
    Equivalence,
    RowError,
    read_checklist_csv,
    read_equivalences_csv,
)
from inspector_app.domain.dataset import read_directory_csv
from inspector_app.domain.entities import Business as BusinessEntity
from inspector_app.domain.entities import CheckItem
from inspector_app.domain.serialization import item_provisions_to_json
from inspector_app.domain.text import bad_char
from inspector_server.models import (
    Base,
    Business,
    ChecklistEquivalence,
    ChecklistItem,
    Department,
    utcnow,
)

BATCH = 1000


@dataclass
class ImportReport:
    read: int = 0  # good rows
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)  # "<file>: 第N行：..."
    equivalences: ImportReport | None = None  # import-checklists --equivalences

    @property
    def bad(self) -> int:
        return len(self.errors) + (self.equivalences.bad if self.equivalences else 0)


def _file_errors(path: Path, errors: Iterable[RowError]) -> list[str]:
    return [f"{path}: {e}" for e in errors]


_NOT_UTF8 = "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”"


def _read_text(path: Path) -> tuple[str, RowError | None]:
    """The file's text, and an error when it is not UTF-8 as a whole.

    Bytes that are not UTF-8 become lone surrogates (``surrogateescape``), so a file with
    a few bad lines is read and only those rows are reported (by :func:`_row_problem`);
    a file where most rows are bad is another encoding (GBK from Excel), and saying so
    once beats a line per row.
    """
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    lines = [line for line in text.splitlines()[1:] if line.strip()]
    bad = [n for n, line in enumerate(text.splitlines(), 1) if _has_undecodable(line)]
    if bad and (bad[0] == 1 or 2 * len(bad) > len(lines)):
        return "", RowError(bad[0], _NOT_UTF8)
    return text, None


def _has_undecodable(text: str) -> bool:
    found = bad_char(text)
    return found is not None and found[1] != "\x00"


def _row_problem(
    model: type[Base], values: Mapping[str, Any], labels: Mapping[str, str]
) -> str | None:
    """Why a parsed row cannot be stored as ``model``, the same on SQLite and PostgreSQL:
    a NUL (PostgreSQL text cannot hold it), bytes that were not UTF-8, or a value longer
    than its column (PostgreSQL refuses it, SQLite would keep it)."""
    columns = model.__table__.columns
    for key, value in values.items():
        label = labels.get(key, key)
        for text in value if isinstance(value, list | tuple) else (value,):
            found = bad_char(text) if isinstance(text, str) else None
            if found is not None:
                at, char = found
                if char == "\x00":
                    return f"{label}含有 NUL 字符（第{at + 1}个字符），已跳过"
                return f"{label}含有不是 UTF-8 编码的内容（第{at + 1}个字符），请另存为“CSV UTF-8”"
        length = getattr(columns[key].type, "length", None) if key in columns else None
        if length and isinstance(value, str) and len(value) > length:
            return f"{label}有{len(value)}个字符，超过上限{length}个，已跳过"
    return None


_DIRECTORY_LABELS = {
    "uscc": "统一社会信用代码",
    "name": "名称",
    "address": "住所",
    "legal_rep": "法定代表人",
    "phone": "联系电话",
    "industry": "行业",
    "area": "区域",
}
_CHECKLIST_LABELS = {
    "department_code": "部门代码",
    "department_name": "部门名称",
    "code": "事项编码",
    "title": "事项名称",
    "content": "检查内容",
    "method": "检查方式",
    "legal_basis": "法律依据",
    "severity": "风险等级",
    "order_basis": "责令改正依据",
    "penalty_basis": "处罚依据",
    "penalty_condition": "处罚条件",
    "penalty_note": "处罚说明",
}
_EQUIVALENCE_LABELS = {"code_a": "事项编码A", "code_b": "事项编码B", "note": "说明"}


# --- The directory ---------------------------------------------------------------------


def _business_values(b: BusinessEntity) -> dict[str, Any]:
    return {
        "uscc": b.uscc,
        "name": b.name,
        "address": b.address,
        "legal_rep": b.legal_rep,
        "phone": b.phone,
        "industry": b.industry,
        "area": b.area,
        "credit_class": b.credit_class.value,
        "positive_list": b.positive_list,
    }


def import_directory(session: Session, path: Path) -> ImportReport:
    """Upsert the directory's good rows; bad rows (and repeats of a USCC) are reported."""
    report = ImportReport()
    text, problem = _read_text(path)
    if problem is not None:
        report.errors.append(f"{path}: {problem}")
        return report
    parsed = read_directory_csv(io.StringIO(text))
    errors = list(parsed.errors)
    first_line: dict[str, int] = {}
    good: list[dict[str, Any]] = []
    # read_directory_csv keeps no line numbers for good rows; recover them for repeats.
    lines = _good_row_lines(text, {e.line for e in parsed.errors})
    for business, line in zip(parsed.businesses, lines, strict=False):
        values = _business_values(business)
        if (why := _row_problem(Business, values, _DIRECTORY_LABELS)) is not None:
            errors.append(RowError(line, why))
            continue
        if business.uscc in first_line:
            errors.append(
                RowError(line, f"统一社会信用代码与第{first_line[business.uscc]}行重复，已跳过")
            )
            continue
        first_line[business.uscc] = line
        good.append(values)
    errors.sort(key=lambda e: e.line)
    report.errors = _file_errors(path, errors)
    report.read = len(good)
    columns = [c for c in good[0] if c != "uscc"] if good else []
    for start in range(0, len(good), BATCH):
        chunk = good[start : start + BATCH]
        existing = {
            b.uscc: b
            for b in session.scalars(
                select(Business).where(Business.uscc.in_([r["uscc"] for r in chunk]))
            )
        }
        for row in chunk:
            current = existing.get(row["uscc"])
            if current is None:
                session.add(Business(**row))
                report.created += 1
            elif any(getattr(current, c) != row[c] for c in columns):
                for c in columns:
                    setattr(current, c, row[c])
                report.updated += 1
            else:
                report.unchanged += 1
        session.flush()
        session.expunge_all()
    return report


def _good_row_lines(text: str, bad_lines: set[int], *, first_line: bool = False) -> list[int]:
    """The line of every non-blank row after the header that is not a bad row, in order:
    the rows a domain reader kept. ``first_line``: number a record spanning several
    lines by its first line (the checklist reader does), else by its last (the
    directory reader does)."""
    reader = csv.reader(io.StringIO(text))
    lines: list[int] = []
    last = 0
    header = True
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            last = reader.line_num
            continue
        start, last = last + 1, reader.line_num
        if header:
            header = False
            continue
        if not any(cell.strip() for cell in row):
            continue
        line = start if first_line else reader.line_num
        if line not in bad_lines:
            lines.append(line)
    return lines


# --- Checklists and equivalences ------------------------------------------------------


def import_checklists(
    session: Session,
    paths: Sequence[Path],
    equivalences: Path | None = None,
    *,
    replace: bool = False,
) -> ImportReport:
    """Upsert the checklist items of each file (and the departments they name).

    ``replace``: a department present in the files keeps only the items the files
    list for it (its file is its whole checklist); otherwise items are only added or
    updated.
    """
    report = ImportReport()
    items: list[CheckItem] = []
    seen: dict[tuple[str, str], str] = {}
    for path in paths:
        text, problem = _read_text(path)
        if problem is not None:
            report.errors.append(f"{path}: {problem}")
            continue
        parsed = read_checklist_csv(io.StringIO(text, newline=""))
        errors = list(parsed.errors)
        lines: list[int] = []
        if parsed.items:
            lines = _good_row_lines(text, {e.line for e in errors}, first_line=True)
        for index, item in enumerate(parsed.items):
            key = (item.department_code, item.code)
            line = lines[index] if index < len(lines) else 0
            why = _row_problem(ChecklistItem, _item_values(item), _CHECKLIST_LABELS)
            if why is not None:
                errors.append(RowError(line, why))
                continue
            if key in seen:
                errors.append(
                    RowError(
                        line, f"{item.department_code} {item.code} 与 {seen[key]} 重复，已跳过"
                    )
                )
                continue
            seen[key] = f"{path.name} 第{line}行"
            items.append(item)
        errors.sort(key=lambda e: e.line)
        report.errors += _file_errors(path, errors)
    report.read = len(items)
    departments: dict[str, str] = {}
    for item in items:
        if item.department_name or item.department_code not in departments:
            departments.setdefault(item.department_code, item.department_name)
    for code, name in departments.items():
        dept = session.get(Department, code)
        if dept is None:
            session.add(Department(code=code, name=name or code))
        elif name and dept.name != name:
            dept.name = name
    position: dict[str, int] = {}
    for item in items:
        n = position[item.department_code] = position.get(item.department_code, 0) + 1
        values = {
            "department_name": item.department_name,
            "title": item.title,
            "content": item.content,
            "method": item.method,
            "legal_basis": list(item.legal_basis),
            "provisions": item_provisions_to_json(item.order_basis, item.penalty),
            "severity": item.severity.value,
            "position": n,
        }
        row = session.get(ChecklistItem, (item.department_code, item.code))
        if row is None:
            session.add(
                ChecklistItem(department_code=item.department_code, code=item.code, **values)
            )
            report.created += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = utcnow()
            report.updated += 1
        else:
            report.unchanged += 1
    if replace:
        for code in departments:
            keep = [c for d, c in seen if d == code]
            result = session.execute(
                delete(ChecklistItem).where(
                    ChecklistItem.department_code == code, ChecklistItem.code.not_in(keep)
                )
            )
            report.removed += int(getattr(result, "rowcount", 0) or 0)
    if equivalences is not None:
        report.equivalences = _import_equivalences(session, equivalences)
    session.flush()
    return report


def _item_values(item: CheckItem) -> dict[str, Any]:
    return {
        "department_code": item.department_code,
        "department_name": item.department_name,
        "code": item.code,
        "title": item.title,
        "content": item.content,
        "method": item.method,
        "legal_basis": list(item.legal_basis),
        "severity": item.severity.value,
        # Stored in the provisions JSON: checked for NUL and bad bytes like the rest.
        "order_basis": list(item.order_basis),
        "penalty_basis": list(item.penalty.basis) if item.penalty else [],
        "penalty_condition": item.penalty.condition if item.penalty else "",
        "penalty_note": item.penalty.note if item.penalty else "",
    }


def _import_equivalences(session: Session, path: Path) -> ImportReport:
    report = ImportReport()
    text, problem = _read_text(path)
    if problem is not None:
        report.errors.append(f"{path}: {problem}")
        return report
    parsed = read_equivalences_csv(io.StringIO(text, newline=""))
    errors = list(parsed.errors)
    lines = _good_row_lines(text, {e.line for e in errors}, first_line=True)
    for index, pair in enumerate(parsed.pairs):
        values = {"code_a": pair.code_a, "code_b": pair.code_b, "note": pair.note}
        why = _row_problem(ChecklistEquivalence, values, _EQUIVALENCE_LABELS)
        if why is not None:
            errors.append(RowError(lines[index] if index < len(lines) else 0, why))
            continue
        report.read += 1
        _upsert_equivalence(session, pair, report)
    errors.sort(key=lambda e: e.line)
    report.errors = _file_errors(path, errors)
    return report


def _upsert_equivalence(session: Session, pair: Equivalence, report: ImportReport) -> None:
    a, b = sorted((pair.code_a, pair.code_b))
    row = session.get(ChecklistEquivalence, (a, b))
    if row is None:
        session.add(ChecklistEquivalence(code_a=a, code_b=b, note=pair.note))
        report.created += 1
    elif row.note != pair.note:
        row.note = pair.note
        report.updated += 1
    else:
        report.unchanged += 1
