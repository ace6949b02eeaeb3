"""Disposition rules: each cites its legal source; see the modules for the texts."""

from inspector_app.domain.rules.discretion import (
    LENIENT_SHARE,
    MITIGATING_CIRCUMSTANCES,
    d1_lenient_fine,
    lenient_fine_range,
    m1_mitigating,
)
from inspector_app.domain.rules.dispositions import (
    EDUCATION_SENTENCE,
    default_order_to_correct,
    is_first_violation,
    np1_minor,
    np2_first_violation,
    np3_no_fault,
    pr13_refer,
    pr13b_correct_on_spot,
    propose_disposition,
)
from inspector_app.domain.rules.limitation import (
    limitation_expired,
    limitation_last_day,
    np5_limitation,
)
from inspector_app.domain.rules.rulepacks import (
    Condition,
    PackMatch,
    RulePack,
    RulePackEntry,
    RulePackError,
    RulePacks,
    load_rule_packs,
)
from inspector_app.domain.rules.summary import (
    REVIEW_BEFORE_SUIT_NOTICE,
    SummaryCheck,
    check_summary_penalty,
)
from inspector_app.domain.rules.verdict import Proposal, RuleVerdict

__all__ = [
    "EDUCATION_SENTENCE",
    "LENIENT_SHARE",
    "MITIGATING_CIRCUMSTANCES",
    "REVIEW_BEFORE_SUIT_NOTICE",
    "Condition",
    "PackMatch",
    "Proposal",
    "RulePack",
    "RulePackEntry",
    "RulePackError",
    "RulePacks",
    "RuleVerdict",
    "SummaryCheck",
    "check_summary_penalty",
    "d1_lenient_fine",
    "default_order_to_correct",
    "is_first_violation",
    "lenient_fine_range",
    "limitation_expired",
    "limitation_last_day",
    "load_rule_packs",
    "m1_mitigating",
    "np1_minor",
    "np2_first_violation",
    "np3_no_fault",
    "np5_limitation",
    "pr13_refer",
    "pr13b_correct_on_spot",
    "propose_disposition",
]
