"""M-1, D-1 and D-2: mitigating circumstances, the 从轻 band and the 减轻 band of a fine."""

from __future__ import annotations

from inspector_app.domain.entities import Finding
from inspector_app.domain.rules.benchmark import LenientBand, ReduceRule
from inspector_app.domain.rules.verdict import ART_32, ART_34, RuleVerdict

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


def lenient_fine_range(lo: int, hi: int, share: float) -> tuple[int, int]:
    """The lowest ``share`` of a legal fine range, rounded half up to whole yuan.

    The share is the local benchmark's (``LenientBand``), never a constant here.
    """
    if not 0 < share <= 1:
        raise ValueError(f"比例必须在 0 与 1 之间：{share}")
    return LenientBand(0.0, share, "", "").fine_range(lo, hi)


def d1_lenient_fine(
    m1: RuleVerdict,
    fine_range: tuple[int, int] | None,
    band: LenientBand | None,
    *,
    reduced: bool = False,
) -> RuleVerdict:
    """D-1: with M-1 and a legal fine range, the 从轻 band of the local benchmark.

    《行政处罚法》第三十四条 [L]: "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚
    裁量权。行政处罚裁量基准应当向社会公布。" Where the band lies is the benchmark's rule
    (with its citation), not the statute's.
    """
    basis = (ART_32, ART_34)
    if reduced:
        return RuleVerdict("D-1", False, None, False, basis, "已选择减轻处罚，不另定从轻幅度。")
    if not m1.applies:
        return RuleVerdict("D-1", False, None, False, basis, "无从轻或者减轻情节，按法定幅度裁量。")
    if fine_range is None:
        return RuleVerdict(
            "D-1", False, None, False, basis, "罚则未规定罚款幅度的上下限，无法确定从轻幅度。"
        )
    if band is None:
        return RuleVerdict(
            "D-1",
            False,
            None,
            False,
            basis,
            "未配置本机关行政处罚裁量基准，从轻幅度须由执法人员依法裁量。",
        )
    lo, hi = band.fine_range(*fine_range)
    return RuleVerdict(
        "D-1",
        True,
        None,
        False,
        (ART_32, band.citation),
        f"法定罚款幅度为{fine_range[0]}元至{fine_range[1]}元。依照{band.citation}，"
        f"{band.text}，即{lo}元至{hi}元。",
    )


def d2_reduced_fine(
    m1: RuleVerdict,
    finding: Finding,
    fine_min: int | None,
    rule: ReduceRule | None,
) -> RuleVerdict:
    """D-2: 减轻, a fine below the statutory minimum, when the inspector chooses it.

    《行政处罚法》第三十二条 [L]: "当事人有下列情形之一，应当从轻或者减轻行政处罚：……" The
    article leaves 从轻 or 减轻 to the agency; ``Finding.reduce_penalty`` records the
    choice and the local benchmark's ``reduce`` rule says whether and how far below the
    minimum a reduced fine may go.
    """
    basis = (ART_32,)
    if not finding.reduce_penalty:
        return RuleVerdict("D-2", False, None, False, basis, "未选择减轻处罚。")
    if not m1.applies:
        return RuleVerdict(
            "D-2",
            False,
            None,
            False,
            basis,
            "未发现第三十二条规定的情形，不得减轻行政处罚（在法定最低罚款数额以下处罚）。",
        )
    if rule is None or not rule.allowed:
        return RuleVerdict(
            "D-2", False, None, False, basis, "本机关行政处罚裁量基准未规定减轻处罚的适用规则。"
        )
    band = rule.fine_range(fine_min) if fine_min is not None else None
    if band is None:
        return RuleVerdict(
            "D-2",
            False,
            None,
            False,
            basis,
            "罚则未规定最低罚款数额，减轻处罚可以选择更轻的处罚种类，由执法人员依法裁量。",
        )
    return RuleVerdict(
        "D-2",
        True,
        None,
        True,
        (ART_32, rule.citation),
        f"依照《中华人民共和国行政处罚法》第三十二条减轻行政处罚。依照{rule.citation}，"
        f"{rule.text}：法定最低罚款为{fine_min}元，减轻后在{band[0]}元至{band[1]}元内确定。",
    )
