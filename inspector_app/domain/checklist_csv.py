"""Reading departmental checklists and equivalence tables (CSV, UTF-8, header row).

Formats: DESIGN.md "Data formats that people exchange"; the optional provision columns
are documented in ``domain.provisions``. Bad rows are reported by line, good rows kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from inspector_app.domain.entities import CheckItem, Severity
from inspector_app.domain.provisions import (
    PROVISION_COLUMNS,
    parse_provision_cells,
    split_provisions,
)

CHECKLIST_COLUMNS = (
    "department_code",
    "department_name",
    "code",
    "title",
    "content",
    "method",
    "legal_basis",
    "severity",
)
#: Optional columns: the order and penalty provisions (see ``domain.provisions``).
CHECKLIST_OPTIONAL_COLUMNS = PROVISION_COLUMNS
_CHECKLIST_REQUIRED = ("department_code", "code", "title", "severity")
EQUIVALENCE_COLUMNS = ("code_a", "code_b", "note")
_EQUIVALENCE_REQUIRED = ("code_a", "code_b")
_SEVERITY_WORDS = {
    "key": Severity.KEY,
    "重点": Severity.KEY,
    "重点项目": Severity.KEY,
    "general": Severity.GENERAL,
    "一般": Severity.GENERAL,
    "一般项目": Severity.GENERAL,
}


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row; ``line`` is the 1-based physical line (header = 1)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}"


@dataclass(frozen=True, slots=True)
class ChecklistParse:
    items: list[CheckItem]
    errors: list[RowError]


@dataclass(frozen=True, slots=True)
class Equivalence:
    """Two catalogue codes that name the same matter (同源关联)."""

    code_a: str
    code_b: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class EquivalenceParse:
    pairs: list[Equivalence]
    errors: list[RowError]


def read_checklist_csv(source: str | Path | TextIO) -> ChecklistParse:
    """Read a departmental checklist CSV; bad rows are reported by line, good rows kept.

    ``source`` is a file path (str or Path) or an open text stream. UTF-8, BOM or not.
    The columns of ``CHECKLIST_COLUMNS`` are required, those of
    ``CHECKLIST_OPTIONAL_COLUMNS`` (order basis, penalty provision and its range) may be
    there too, in any order; see ``domain.provisions`` for what they hold.
    """
    items: list[CheckItem] = []
    rows, errors = _read_rows(
        source, CHECKLIST_COLUMNS, _CHECKLIST_REQUIRED, CHECKLIST_OPTIONAL_COLUMNS
    )
    for line, row in rows:
        order_basis, penalty, problems = parse_provision_cells(row)
        if problems:
            errors.append(RowError(line, "；".join(problems)))
            continue
        severity = _SEVERITY_WORDS.get(row["severity"].casefold())
        if severity is None:
            errors.append(
                RowError(
                    line, f"severity“{row['severity']}”无法识别，应为 key/general 或 重点/一般"
                )
            )
            continue
        items.append(
            CheckItem(
                department_code=row["department_code"],
                department_name=row["department_name"],
                code=row["code"],
                title=row["title"],
                content=row["content"],
                method=row["method"],
                legal_basis=split_legal_basis(row["legal_basis"]),
                severity=severity,
                order_basis=order_basis,
                penalty=penalty,
            )
        )
    errors.sort(key=lambda e: e.line)
    return ChecklistParse(items, errors)


def read_equivalences_csv(source: str | Path | TextIO) -> EquivalenceParse:
    """Read an equivalence table CSV (``code_a, code_b, note``), same rules as checklists."""
    rows, errors = _read_rows(source, EQUIVALENCE_COLUMNS, _EQUIVALENCE_REQUIRED)
    pairs = [Equivalence(row["code_a"], row["code_b"], row["note"]) for _, row in rows]
    return EquivalenceParse(pairs, errors)


def split_legal_basis(text: str) -> tuple[str, ...]:
    """Split ``A;B；C`` into provisions, stripped, empties dropped."""
    return split_provisions(text)


def _read_rows(
    source: str | Path | TextIO,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """Rows as (first physical line, {column: stripped value}) plus the errors found.

    Every column of ``columns`` must be in the header; those of ``optional`` may be.
    """
    if isinstance(source, str | Path):
        try:
            text = Path(source).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            return [], [RowError(line, "文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”")]
        stream: TextIO = io.StringIO(text, newline="")
    else:
        stream = source
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    records = _records(stream, errors)
    first = next(records, None)
    if first is None:
        return [], [RowError(1, f"文件为空，第1行应为表头：{', '.join(columns)}")]
    header = [h.strip().lstrip("\ufeff").strip().casefold() for h in first[1]]
    missing = [c for c in columns if c not in header]
    unknown = [h for h in header if h not in columns and h not in optional]
    if missing or unknown or len(set(header)) != len(header):
        problem = "；".join(
            part
            for part in (
                f"缺少列 {', '.join(missing)}" if missing else "",
                f"多余或拼错的列 {', '.join(unknown)}" if unknown else "",
                "有重复的列" if len(set(header)) != len(header) else "",
            )
            if part
        )
        expected = ", ".join(columns)
        if optional:
            expected += f"（可选列：{', '.join(optional)}）"
        return [], [RowError(1, f"表头不正确（{problem}），应为：{expected}")]
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
            cells = cells[: len(header)]  # Excel pads rows with empty cells
        if len(cells) != len(header):
            errors.append(RowError(line, f"有{len(cells)}列，表头有{len(header)}列"))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        empty = [c for c in required if not row[c]]
        if empty:
            errors.append(RowError(line, f"必填字段为空：{', '.join(empty)}"))
            continue
        rows.append((line, row))
    return rows, errors


def _records(stream: TextIO, errors: list[RowError]) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, cells); a malformed record is reported and skipped."""
    reader = csv.reader(stream)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(RowError(last + 1, f"CSV 格式错误：{exc}"))
            if reader.line_num == last:
                return
            last = reader.line_num
            continue
        yield last + 1, cells
        last = reader.line_num
