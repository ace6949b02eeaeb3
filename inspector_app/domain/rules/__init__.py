"""Disposition rules: each cites its legal source; see the modules for the texts.

The API the services call (documented in ``rules.propose``, ``rules.override`` and
``domain.findings``): ``build_finding`` -> ``provisions_for`` -> ``propose_disposition``
-> ``validate_override``; reference data through ``load_rule_packs`` and
``load_benchmarks``.
"""

from inspector_app.domain.rules.benchmark import (
    BenchmarkEntry,
    BenchmarkError,
    Benchmarks,
    DiscretionBenchmark,
    LenientBand,
    ReduceRule,
    load_benchmark,
    load_benchmarks,
    parse_benchmark,
)
from inspector_app.domain.rules.discretion import (
    MITIGATING_CIRCUMSTANCES,
    d1_lenient_fine,
    d2_reduced_fine,
    lenient_fine_range,
    m1_mitigating,
)
from inspector_app.domain.rules.dispositions import (
    EDUCATION_SENTENCE,
    is_first_violation,
    np1_minor,
    np2_first_violation,
    np3_no_fault,
)
from inspector_app.domain.rules.food import pr13_refer, pr13b_correct_on_spot
from inspector_app.domain.rules.limitation import (
    limitation_expired,
    limitation_last_day,
    np5_limitation,
)
from inspector_app.domain.rules.override import OverrideCheck, validate_override
from inspector_app.domain.rules.penalty import (
    case1_investigate,
    describe_penalty,
    order_to_correct,
    pen1_penalty,
)
from inspector_app.domain.rules.propose import propose_disposition
from inspector_app.domain.rules.rulepacks import (
    Condition,
    PackMatch,
    RulePack,
    RulePackEntry,
    RulePackError,
    RulePacks,
    combine_rule_packs,
    load_rule_packs,
    parse_rule_pack,
)
from inspector_app.domain.rules.summary import (
    REVIEW_BEFORE_SUIT_NOTICE,
    SUMMARY_FINE_LIMITS,
    SummaryCheck,
    check_summary_penalty,
)
from inspector_app.domain.rules.verdict import RULE_TITLES, Proposal, RuleVerdict

__all__ = [
    "EDUCATION_SENTENCE",
    "MITIGATING_CIRCUMSTANCES",
    "REVIEW_BEFORE_SUIT_NOTICE",
    "RULE_TITLES",
    "SUMMARY_FINE_LIMITS",
    "BenchmarkEntry",
    "BenchmarkError",
    "Benchmarks",
    "Condition",
    "DiscretionBenchmark",
    "LenientBand",
    "OverrideCheck",
    "PackMatch",
    "Proposal",
    "ReduceRule",
    "RulePack",
    "RulePackEntry",
    "RulePackError",
    "RulePacks",
    "RuleVerdict",
    "SummaryCheck",
    "case1_investigate",
    "check_summary_penalty",
    "d1_lenient_fine",
    "d2_reduced_fine",
    "describe_penalty",
    "is_first_violation",
    "lenient_fine_range",
    "limitation_expired",
    "limitation_last_day",
    "load_benchmark",
    "load_benchmarks",
    "load_rule_packs",
    "parse_benchmark",
    "parse_rule_pack",
    "combine_rule_packs",
    "m1_mitigating",
    "np1_minor",
    "np2_first_violation",
    "np3_no_fault",
    "np5_limitation",
    "order_to_correct",
    "pen1_penalty",
    "pr13_refer",
    "pr13b_correct_on_spot",
    "propose_disposition",
    "validate_override",
]
