"""M-1 and D-1: mitigating circumstances and the 从轻 part of a fine range."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from inspector_app.domain.entities import Finding
from inspector_app.domain.rules.verdict import ART_32, RuleVerdict

#: D-1: a 从轻 fine lies in the lowest 30% of the legal range [P].
LENIENT_SHARE = 0.3
LENIENT_GUIDANCE = "《市场监管总局关于规范市场监督管理行政处罚裁量权的指导意见》"

#: M-1: 《行政处罚法》第三十二条 items, keyed by the values of ``Finding.mitigating``.
MITIGATING_CIRCUMSTANCES: dict[str, str] = {
    "removed_harm": "主动消除或者减轻违法行为危害后果",
    "coerced": "受他人胁迫或者诱骗实施违法行为",
    "confessed": "主动供述行政机关尚未掌握的违法行为",
    "meritorious": "配合行政机关查处违法行为有立功表现",
    "other_statutory": "法律、法规、规章规定其他应当从轻或者减轻行政处罚",
}


def m1_mitigating(finding: Finding) -> RuleVerdict:
    """M-1: circumstances that require a lighter or reduced penalty.

    《行政处罚法》第三十二条 [L]: "当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动
    消除或者减轻违法行为危害后果的；（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述
    行政机关尚未掌握的违法行为的；（四）配合行政机关查处违法行为有立功表现的；（五）法律、
    法规、规章规定其他应当从轻或者减轻行政处罚的。"
    """
    unknown = [m for m in finding.mitigating if m not in MITIGATING_CIRCUMSTANCES]
    if unknown:
        raise ValueError(
            f"未知的从轻减轻情形 {unknown}；可用：{'、'.join(MITIGATING_CIRCUMSTANCES)}"
        )
    if not finding.mitigating:
        return RuleVerdict(
            "M-1", False, None, False, (ART_32,), "未发现第三十二条规定的从轻或者减轻情形。"
        )
    items = "、".join(MITIGATING_CIRCUMSTANCES[m] for m in dict.fromkeys(finding.mitigating))
    return RuleVerdict(
        "M-1",
        True,
        None,
        True,
        (ART_32,),
        f"当事人有{items}的情形，依照《中华人民共和国行政处罚法》第三十二条，应当从轻或者减轻"
        "行政处罚。",
    )


def lenient_fine_range(lo: int, hi: int, share: float = LENIENT_SHARE) -> tuple[int, int]:
    """D-1: the 从轻 part of a legal fine range: its lowest ``share`` (30%) [P].

    SAMR's 裁量 guidance: a lighter fine lies in the lower 30% of the range from the
    legal minimum to the maximum. Rounded half up to whole yuan.
    """
    if lo < 0 or hi < lo:
        raise ValueError(f"罚款幅度无效：{lo}–{hi}")
    if not 0 < share <= 1:
        raise ValueError(f"比例必须在 0 与 1 之间：{share}")
    width = (Decimal(str(share)) * (hi - lo)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (lo, lo + int(width))


def d1_lenient_fine(
    m1: RuleVerdict, fine_range: tuple[int, int] | None, share: float = LENIENT_SHARE
) -> RuleVerdict:
    """D-1: with M-1 and a legal fine range, propose the lowest 30% of the range [P]."""
    basis = (ART_32, LENIENT_GUIDANCE)
    if not m1.applies or fine_range is None:
        return RuleVerdict("D-1", False, None, False, basis, "不适用从轻处罚的罚款幅度。")
    lo, hi = lenient_fine_range(*fine_range, share=share)
    return RuleVerdict(
        "D-1",
        True,
        None,
        False,
        basis,
        f"法定罚款幅度为{fine_range[0]}元至{fine_range[1]}元，从轻处罚的，在较低的"
        f"{round(share * 100)}%部分即{lo}元至{hi}元内确定罚款数额。",
    )
