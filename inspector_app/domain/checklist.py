"""Departmental checklists (一单) and their merging into one joint checklist (去重融合).

Formats and merge policy: DESIGN.md "Data formats that people exchange". Joint checks
("进一次门、查多项事") come from 《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"
监管的意见》(国发〔2019〕5号): items that several departments check are merged so a
business is inspected once, and the burden reduction is reported as items before vs after.
"""

from __future__ import annotations

import csv
import difflib
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from inspector_app.domain.entities import CheckItem, MergedItem, Severity, SourceItem
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
DEFAULT_SIMILARITY = 0.6


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


@dataclass(frozen=True, slots=True)
class CandidateRef:
    department_code: str
    code: str


@dataclass(frozen=True, slots=True)
class MergeCandidate:
    """Two merged items a person should look at: same provision, near-identical content."""

    a: CandidateRef
    b: CandidateRef
    reason: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    items: tuple[MergedItem, ...]
    candidates: tuple[MergeCandidate, ...]
    items_before: int
    items_after: int

    @property
    def reduction(self) -> float:
        """Share of items saved, 0.25 for 12 -> 9."""
        if self.items_before == 0:
            return 0.0
        return (self.items_before - self.items_after) / self.items_before

    def summary(self) -> str:
        """``12 items -> 9 items (−25%)``: the burden-reduction figure, rounded half up."""
        saved, before = self.items_before - self.items_after, self.items_before
        percent = (200 * saved + before) // (2 * before) if before else 0
        return f"{self.items_before} items -> {self.items_after} items (\u2212{percent}%)"

    def to_json(self) -> dict[str, Any]:
        return {
            "items_before": self.items_before,
            "items_after": self.items_after,
            "reduction": self.reduction,
            "items": [
                {
                    "code": item.code,
                    "title": item.title,
                    "severity": item.severity.value,
                    "sources": [
                        {"department_code": s.department_code, "code": s.code, "title": s.title}
                        for s in item.sources
                    ],
                }
                for item in self.items
            ],
            "candidates": [
                {
                    "a": {"department_code": c.a.department_code, "code": c.a.code},
                    "b": {"department_code": c.b.department_code, "code": c.b.code},
                    "reason": c.reason,
                }
                for c in self.candidates
            ],
        }


# --- CSV reading ---------------------------------------------------------------------


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


# --- Merging -------------------------------------------------------------------------


def merge_checklists(
    items: Iterable[CheckItem],
    equivalences: Iterable[Equivalence | tuple[str, str]] = (),
    *,
    similarity_threshold: float = DEFAULT_SIMILARITY,
) -> MergeResult:
    """Merge departmental items: same code or linked (transitively) -> one item.

    The merged item takes the smallest code of its group as code and id, the wording of
    the first item carrying that code, the union of legal bases (duties breached) and the
    strictest severity, and keeps every source item with its own order and penalty
    provisions. The merged item's order and penalty provisions are those of the first
    item in input order that states any (callers put the lead department's items first);
    ``domain.provisions.provisions_for`` picks a department's own. Unlinked items that
    cite a common provision with content at least ``similarity_threshold`` alike
    (difflib ratio) are returned as candidates for a person to confirm, never merged.
    """
    items = list(items)
    parent: dict[str, str] = {}

    def find(code: str) -> str:
        root = parent.setdefault(code, code)
        while root != parent[root]:
            root = parent[root]
        while code != root:  # path compression
            parent[code], code = root, parent[code]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for item in items:
        find(item.code)
    for eq in equivalences:
        a, b = (eq.code_a, eq.code_b) if isinstance(eq, Equivalence) else eq
        union(a.strip(), b.strip())

    groups: dict[str, list[CheckItem]] = {}
    for item in items:
        groups.setdefault(find(item.code), []).append(item)
    merged = [_merge_group(group) for group in groups.values()]
    candidates = _candidates(merged, similarity_threshold)
    return MergeResult(tuple(merged), tuple(candidates), len(items), len(merged))


def _merge_group(group: list[CheckItem]) -> MergedItem:
    code = min(item.code for item in group)
    lead = next(item for item in group if item.code == code)
    basis: dict[str, str] = {}
    for item in group:
        for provision in item.legal_basis:
            basis.setdefault(normalize_text(provision), provision)
    sources: dict[tuple[str, str, str], SourceItem] = {}
    for item in group:
        key = (item.department_code, item.code, item.title)
        sources.setdefault(
            key,
            SourceItem(
                item.department_code,
                item.code,
                item.title,
                item.legal_basis,
                item.order_basis,
                item.penalty,
            ),
        )
    # The provision source: the first item (input order, lead department first) stating
    # an order or a penalty provision; every source keeps its own (domain.provisions).
    provider = next((i for i in group if i.order_basis or i.penalty is not None), None)
    return MergedItem(
        id=code,
        code=code,
        title=lead.title,
        content=lead.content,
        method=lead.method,
        legal_basis=tuple(basis.values()),
        severity=Severity.strictest([item.severity for item in group]),
        sources=tuple(sources.values()),
        order_basis=provider.order_basis if provider else (),
        penalty=provider.penalty if provider else None,
    )


def normalize_text(text: str) -> str:
    """Fold full/half-width forms (NFKC: （；， -> (;,) and drop every space, for comparing."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _candidates(merged: list[MergedItem], threshold: float) -> list[MergeCandidate]:
    by_provision: dict[str, list[int]] = {}
    for index, item in enumerate(merged):
        for provision in dict.fromkeys(normalize_text(p) for p in item.legal_basis):
            by_provision.setdefault(provision, []).append(index)
    pairs = sorted({(i, j) for ids in by_provision.values() for i in ids for j in ids if i < j})
    # The department of the item whose wording the merged item carries.
    leads = [next(s.department_code for s in m.sources if s.code == m.code) for m in merged]
    texts = [normalize_text(m.title + m.content) for m in merged]
    found: list[MergeCandidate] = []
    for i, j in pairs:
        ratio = difflib.SequenceMatcher(None, texts[i], texts[j], autojunk=False).ratio()
        if ratio < threshold:
            continue
        theirs = {normalize_text(p) for p in merged[j].legal_basis}
        shared = [p for p in merged[i].legal_basis if normalize_text(p) in theirs]
        found.append(
            MergeCandidate(
                a=CandidateRef(leads[i], merged[i].code),
                b=CandidateRef(leads[j], merged[j].code),
                reason=f"同引{'、'.join(shared)}，内容相似度 {ratio:.2f}",
            )
        )
    return found
