"""What every rule returns, and the citations the rules share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspector_app.domain.entities import Disposition, DispositionKind

# Citations as they appear in documents: law, article, paragraph.
XZCFF = "《中华人民共和国行政处罚法》"
FOOD_INSPECTION = "《食品生产经营监督检查管理办法》"

ART_28_1 = f"{XZCFF}第二十八条第一款"
ART_32 = f"{XZCFF}第三十二条"
ART_33_1 = f"{XZCFF}第三十三条第一款"
ART_33_2 = f"{XZCFF}第三十三条第二款"
ART_33_3 = f"{XZCFF}第三十三条第三款"
ART_34 = f"{XZCFF}第三十四条"
ART_36 = f"{XZCFF}第三十六条"
ART_51 = f"{XZCFF}第五十一条"
ART_54 = f"{XZCFF}第五十四条"
ART_68 = f"{XZCFF}第六十八条"

#: The two sentences of 第三十三条第一款 [L], quoted where a rule applies one of them.
ART_33_1_SHALL = "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"
ART_33_1_MAY = "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
FOOD_32 = f"{FOOD_INSPECTION}第三十二条"
FOOD_33_1 = f"{FOOD_INSPECTION}第三十三条第一款"
FOOD_33_2 = f"{FOOD_INSPECTION}第三十三条第二款"
FOOD_33_3 = f"{FOOD_INSPECTION}第三十三条第三款"


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """One rule's answer for one finding.

    ``explanation`` is a Chinese sentence (facts -> conclusion) that a reasoned
    document (说理式文书) can quote whether or not the rule applies; it never names a
    rule id (``rule_id`` is for the audit trail). ``title`` names the rule in words.
    """

    rule_id: str
    applies: bool
    kind: DispositionKind | None
    mandatory: bool
    legal_basis: tuple[str, ...]
    explanation: str

    @property
    def title(self) -> str:
        """The rule in words, for a list of verdicts shown to an inspector."""
        return RULE_TITLES.get(self.rule_id, self.rule_id)


RULE_TITLES = {
    "NP-5": "追责时效（第三十六条）",
    "NP-3": "无主观过错不予处罚（第三十三条第二款）",
    "NP-1": "轻微违法不予处罚（第三十三条第一款第一句）",
    "NP-2": "首违可以不罚（第三十三条第一款第二句）",
    "PR-13": "影响食品安全的调查处理（食品检查办法第三十二条、第三十三条第三款）",
    "PR-13b": "一般项目当场责令整改（食品检查办法第三十三条第一款、第二款）",
    "CASE-1": "立案调查（第五十四条）",
    "PEN-1": "依罚则给予处罚（罚则、第五十一条）",
    "ORDER": "责令改正（事项的责令改正依据）",
    "M-1": "从轻或者减轻情节（第三十二条）",
    "D-1": "从轻的罚款幅度（裁量基准）",
    "D-2": "减轻的罚款幅度（第三十二条、裁量基准）",
    "SP-1": "当场处罚的限额与罚则幅度（第五十一条）",
}


@dataclass(frozen=True, slots=True)
class Proposal:
    """The proposed disposition and every rule's verdict, in evaluation order."""

    disposition: Disposition
    verdicts: tuple[RuleVerdict, ...]

    @property
    def applied(self) -> tuple[RuleVerdict, ...]:
        """The verdicts whose rule applies, in evaluation order."""
        return tuple(v for v in self.verdicts if v.applies)

    def verdict(self, rule_id: str) -> RuleVerdict:
        for v in self.verdicts:
            if v.rule_id == rule_id:
                return v
        raise KeyError(rule_id)


def zh_date(d: date) -> str:
    """2026年3月5日: the date style of documents (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"
