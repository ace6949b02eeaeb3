"""Departmental checklists (一单) and their merging into one joint checklist (去重融合).

Formats and merge policy: DESIGN.md "Data formats that people exchange"; reading the CSV
files is ``domain.checklist_csv`` (re-exported here). Joint checks ("进一次门、查多项事")
come from 《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》(国发〔2019〕
5号): items that several departments check are merged so a business is inspected once,
and the burden reduction is reported as items before vs after.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from inspector_app.domain.checklist_csv import (
    CHECKLIST_COLUMNS,
    CHECKLIST_OPTIONAL_COLUMNS,
    EQUIVALENCE_COLUMNS,
    ChecklistParse,
    Equivalence,
    EquivalenceParse,
    RowError,
    read_checklist_csv,
    read_equivalences_csv,
    split_legal_basis,
)
from inspector_app.domain.entities import CheckItem, MergedItem, Severity, SourceItem

__all__ = [
    "CHECKLIST_COLUMNS",
    "CHECKLIST_OPTIONAL_COLUMNS",
    "DEFAULT_SIMILARITY",
    "EQUIVALENCE_COLUMNS",
    "CandidateRef",
    "ChecklistParse",
    "Equivalence",
    "EquivalenceParse",
    "MergeCandidate",
    "MergeResult",
    "RowError",
    "merge_checklists",
    "normalize_text",
    "read_checklist_csv",
    "read_equivalences_csv",
    "split_legal_basis",
]

DEFAULT_SIMILARITY = 0.6


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
