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
ART_36 = f"{XZCFF}第三十六条"
ART_51 = f"{XZCFF}第五十一条"
ART_68 = f"{XZCFF}第六十八条"
FOOD_32 = f"{FOOD_INSPECTION}第三十二条"
FOOD_33_1 = f"{FOOD_INSPECTION}第三十三条第一款"
FOOD_33_2 = f"{FOOD_INSPECTION}第三十三条第二款"
FOOD_33_3 = f"{FOOD_INSPECTION}第三十三条第三款"


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """One rule's answer for one finding.

    ``explanation`` is a Chinese sentence (facts -> conclusion) that a reasoned
    document (说理式文书) can quote whether or not the rule applies.
    """

    rule_id: str
    applies: bool
    kind: DispositionKind | None
    mandatory: bool
    legal_basis: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """The proposed disposition and every rule's verdict, in evaluation order."""

    disposition: Disposition
    verdicts: tuple[RuleVerdict, ...]

    def verdict(self, rule_id: str) -> RuleVerdict:
        for v in self.verdicts:
            if v.rule_id == rule_id:
                return v
        raise KeyError(rule_id)


def zh_date(d: date) -> str:
    """2026年3月5日: the date style of documents (no zero padding)."""
    return f"{d.year}年{d.month}月{d.day}日"
