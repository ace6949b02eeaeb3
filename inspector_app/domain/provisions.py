"""A supervised matter's three provisions: the duty breached, the order, the penalty.

DOMAIN.md ("What a legal review insists on"): each matter has the provision breached
(义务条款, ``legal_basis`` of a check item), the provision empowering the order to correct
(``order_basis``) and the penalty provision with its statutory range (``penalty``, a
:class:`PenaltyProvision`). E.g. 《食品生产经营监督检查管理办法》: the duty to display the
inspection result is 第三十九条第二款 ("食品生产经营者应当按照规定在食品生产经营场所醒目
位置张贴或者公开展示监督检查结果记录表"), the order and the penalty are 第四十八条 ("由县级
以上地方市场监督管理部门责令改正；拒不改正的，给予警告，可以并处5000元以上5万元以下罚款").

Checklist CSV columns (all optional; a file without them still reads, DESIGN.md "Data
formats"):

``order_basis``
    provisions empowering the order to correct, separated by ``;`` like ``legal_basis``.
``penalty_basis``
    the penalty provision(s) (罚则), separated by ``;``. Required when any column below
    is filled.
``penalty_warning``
    ``1``/``yes``/``是`` when the provision allows a warning (警告), empty or ``0`` if not.
``fine_min``, ``fine_max``
    the statutory fine range in whole yuan (empty: no fine, or no limit on that side).
``penalty_condition``
    when the penalty applies, if not on the finding itself, e.g. ``拒不改正的``.
``fine_condition``
    when only the fine needs a condition the warning does not, e.g. 食品安全法第一百二十六条
    "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款" (``拒不改正的``).
``fine_optional``
    ``1`` where the provision gives a warning and *may* add the fine ("给予警告，可以并处
    5000元以上5万元以下罚款", 食品生产经营监督检查管理办法第四十八条): documents then say so
    in the law's words rather than list the warning and the fine side by side.
``penalty_discretionary``
    ``1`` where the provision says the penalty *may* be given ("可以并处警告、罚款"): the
    order to correct is due, whether to penalise is the agency's choice.
``benchmark``
    id of the entry of the local discretion benchmark (裁量基准) for this matter.
``penalty_note``
    the data's own caveat, e.g. that a range was not checked against the official text.

In a merged item each source keeps its own provisions; the merged item carries those of
its *provision source*, the first source (in input order) that has any: callers list the
lead department's items first, so that is the lead department's where it has them.
:func:`provisions_for` gives the provisions a disposition applies and the departments
whose provisions they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from inspector_app.domain.entities import MergedItem, PenaltyProvision, SourceItem

PROVISION_COLUMNS = (
    "order_basis",
    "penalty_basis",
    "penalty_warning",
    "fine_min",
    "fine_max",
    "penalty_condition",
    "fine_condition",
    "penalty_discretionary",
    "fine_optional",
    "benchmark",
    "penalty_note",
)

_TRUE = {"1", "yes", "y", "true", "是", "可", "有"}
_FALSE = {"", "0", "no", "n", "false", "否", "无"}


def split_provisions(text: str) -> tuple[str, ...]:
    """Split ``A;B；C`` into provisions, stripped, empties dropped."""
    parts = text.replace("；", ";").split(";")
    return tuple(p.strip() for p in parts if p.strip())


def parse_provision_cells(
    row: Mapping[str, str],
) -> tuple[tuple[str, ...], PenaltyProvision | None, list[str]]:
    """The order basis, the penalty provision and the problems found in one CSV row.

    Missing columns count as empty, so a row of an older file gives ``((), None, [])``.
    """
    problems: list[str] = []
    order_basis = split_provisions(row.get("order_basis", ""))
    basis = split_provisions(row.get("penalty_basis", ""))
    warning = _flag(row, "penalty_warning", problems)
    discretionary = _flag(row, "penalty_discretionary", problems)
    fine_condition = row.get("fine_condition", "").strip()
    fine_optional = _flag(row, "fine_optional", problems)
    fine_min = _yuan(row.get("fine_min", ""), "fine_min", problems)
    fine_max = _yuan(row.get("fine_max", ""), "fine_max", problems)
    condition = row.get("penalty_condition", "").strip()
    benchmark = row.get("benchmark", "").strip()
    note = row.get("penalty_note", "").strip()
    if fine_min is not None and fine_max is not None and fine_min > fine_max:
        problems.append(f"fine_min {fine_min} 大于 fine_max {fine_max}")
    detail = (
        warning
        or discretionary
        or fine_min is not None
        or fine_max is not None
        or condition
        or fine_condition
        or fine_optional
        or benchmark
    )
    if not basis:
        if detail:
            problems.append("填写了罚则内容（警告、罚款、条件或裁量基准）但 penalty_basis 为空")
        return order_basis, None, problems
    penalty = PenaltyProvision(
        basis=basis,
        warning=warning,
        fine_min=fine_min,
        fine_max=fine_max,
        condition=condition,
        benchmark=benchmark,
        note=note,
        discretionary=discretionary,
        fine_condition=fine_condition,
        fine_optional=fine_optional,
    )
    return order_basis, penalty, problems


def _flag(row: Mapping[str, str], column: str, problems: list[str]) -> bool:
    text = row.get(column, "").strip().casefold()
    if text in _TRUE:
        return True
    if text not in _FALSE:
        problems.append(f"{column}“{row.get(column)}”无法识别，应为 1 或 0")
    return False


def _yuan(text: str, column: str, problems: list[str]) -> int | None:
    cleaned = text.strip().removesuffix("元").replace(",", "").replace("，", "").strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        problems.append(f"{column}“{text}”不是整数元")
        return None
    return int(cleaned)


@dataclass(frozen=True, slots=True)
class MatterProvisions:
    """The provisions one disposition applies, and the department(s) whose they are."""

    departments: tuple[str, ...]
    duty: tuple[str, ...]  # the provision(s) breached (义务条款)
    order_basis: tuple[str, ...] = ()
    penalty: PenaltyProvision | None = None

    @property
    def known(self) -> bool:
        """The checklist states the order or the penalty provision (older data does not)."""
        return bool(self.order_basis) or self.penalty is not None


def provisions_for(item: MergedItem, department_code: str | None = None) -> MatterProvisions:
    """The provisions a disposition on ``item`` applies.

    With ``department_code``: that department's own sources (谁检查、谁负责); a
    department that is not a source raises ``ValueError``. Without: the merged item's
    provisions (its provision source, see the module docstring), naming every department
    whose sources carry the same order and penalty provisions.
    """
    if department_code is not None:
        own = [s for s in item.sources if s.department_code == department_code]
        if not own:
            raise ValueError(
                f"检查项目 {item.code} 不含部门 {department_code} 的事项"
                f"（来源部门：{'、'.join(item.department_codes)}）"
            )
        lead = next((s for s in own if s.order_basis or s.penalty is not None), own[0])
        return MatterProvisions(
            departments=(department_code,),
            duty=_union(s.legal_basis for s in own),
            order_basis=lead.order_basis,
            penalty=lead.penalty,
        )
    if not item.order_basis and item.penalty is None:
        return MatterProvisions(departments=item.department_codes, duty=item.legal_basis)
    same = [s for s in item.sources if _same(s, item.order_basis, item.penalty)]
    departments = tuple(dict.fromkeys(s.department_code for s in same)) or item.department_codes
    duty = _union(s.legal_basis for s in same) or item.legal_basis
    return MatterProvisions(departments, duty, item.order_basis, item.penalty)


def _same(
    source: SourceItem, order_basis: tuple[str, ...], penalty: PenaltyProvision | None
) -> bool:
    return source.order_basis == order_basis and source.penalty == penalty


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for group in groups:
        for provision in group:
            out.setdefault(provision, None)
    return tuple(out)
