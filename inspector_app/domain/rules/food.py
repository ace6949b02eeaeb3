"""PR-13 and PR-13b: what 《食品生产经营监督检查管理办法》 makes of a failed check item.

The 办法 (总局令第49号) governs food inspections. For another department's matter the
rules apply only where the finding's provisions are not known to be of another law
(older checklists state no provisions; then the key/general split is applied by analogy,
as before).
"""

from __future__ import annotations

from inspector_app.domain.entities import DispositionKind, Finding, Severity
from inspector_app.domain.provisions import MatterProvisions
from inspector_app.domain.rules.verdict import (
    FOOD_32,
    FOOD_33_1,
    FOOD_33_2,
    FOOD_33_3,
    RuleVerdict,
)


def is_food_matter(provisions: MatterProvisions | None) -> bool:
    """A food matter, or one whose provisions are unknown (then treated as before)."""
    if provisions is None or not (provisions.duty or provisions.known):
        return True
    cited = (*provisions.duty, *provisions.order_basis)
    if provisions.penalty is not None:
        cited += provisions.penalty.basis
    return any("食品" in c for c in cited)


def pr13_refer(finding: Finding, provisions: MatterProvisions | None = None) -> RuleVerdict:
    """PR-13: a failed item that affects food safety is investigated (立案调查).

    《食品生产经营监督检查管理办法》第三十二条 [L]: "发现食品生产经营者不符合监督检查要点表
    重点项目，影响食品安全的，市场监督管理部门应当依法进行调查处理。"
    第三十三条第三款 [L]: "不符合监督检查要点表一般项目，影响食品安全的，市场监督管理部门
    应当依法进行调查处理。"
    So a general item that affects safety is investigated as well ("应当": shall).
    """
    if not finding.affects_safety or not is_food_matter(provisions):
        return RuleVerdict(
            "PR-13",
            False,
            None,
            False,
            (FOOD_32, FOOD_33_3),
            "不符合项目不影响食品安全，无须依《食品生产经营监督检查管理办法》调查处理。",
        )
    if finding.severity is Severity.KEY:
        return RuleVerdict(
            "PR-13",
            True,
            DispositionKind.REFER_CASE,
            True,
            (FOOD_32,),
            "不符合检查要点表重点项目且影响食品安全，依照《食品生产经营监督检查管理办法》"
            "第三十二条，应当依法进行调查处理。",
        )
    return RuleVerdict(
        "PR-13",
        True,
        DispositionKind.REFER_CASE,
        True,
        (FOOD_33_3,),
        "不符合检查要点表一般项目且影响食品安全，依照《食品生产经营监督检查管理办法》"
        "第三十三条第三款，应当依法进行调查处理。",
    )


def pr13b_correct_on_spot(
    finding: Finding, provisions: MatterProvisions | None = None
) -> RuleVerdict:
    """PR-13b: a failed general item, trivial and not affecting safety: order correction.

    《食品生产经营监督检查管理办法》第三十三条第一款 [L]: "发现食品生产经营者不符合监督检查
    要点表一般项目，但情节显著轻微不影响食品安全的，市场监督管理部门应当当场责令其整改。"
    第二款 [L]: "可以当场整改的，检查人员应当对食品生产经营者采取的整改措施以及整改情况进行
    记录；需要限期整改的，市场监督管理部门应当书面提出整改要求和时限。被检查单位应当按期
    整改，并将整改情况报告市场监督管理部门。市场监督管理部门应当跟踪整改情况并记录整改
    结果。" ``Finding.minor`` stands for 情节显著轻微.
    """
    basis = (FOOD_33_1, FOOD_33_2)
    if (
        finding.severity is not Severity.GENERAL
        or finding.affects_safety
        or not finding.minor
        or not is_food_matter(provisions)
    ):
        return RuleVerdict(
            "PR-13b",
            False,
            None,
            False,
            basis,
            "不属于食品检查中“不符合一般项目、情节显著轻微、不影响食品安全”的情形。",
        )
    follow = (
        "当事人已当场整改，记录整改措施及整改情况。"
        if finding.corrected
        else "需限期整改的，书面提出整改要求和时限，到期跟踪整改情况（回访）并记录整改结果。"
    )
    return RuleVerdict(
        "PR-13b",
        True,
        DispositionKind.ORDER_TO_CORRECT,
        True,
        basis,
        "不符合检查要点表一般项目，情节显著轻微，不影响食品安全，依照《食品生产经营监督检查"
        f"管理办法》第三十三条第一款，当场责令整改。{follow}",
    )
