"""The no-penalty rules of 《行政处罚法》第三十三条: NP-1, NP-2 and NP-3.

Each rule is a small function returning a :class:`RuleVerdict`; ``rules.propose``
evaluates them with the others and picks one by precedence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from inspector_app.domain.entities import DispositionKind, Finding, PriorViolation
from inspector_app.domain.rules.rulepacks import PackMatch, RulePacks
from inspector_app.domain.rules.verdict import (
    ART_33_1,
    ART_33_1_MAY,
    ART_33_1_SHALL,
    ART_33_2,
    ART_33_3,
    RuleVerdict,
    zh_date,
)
from inspector_app.domain.workdays import add_years

#: 首违: no violation of the same matter in this many years before the finding [P].
FIRST_VIOLATION_WINDOW_YEARS = 2

EDUCATION_SENTENCE = "依照《中华人民共和国行政处罚法》第三十三条第三款，对当事人进行教育。"


def np3_no_fault(finding: Finding) -> RuleVerdict:
    """NP-3: no penalty when the party proves it had no fault.

    《行政处罚法》第三十三条第二款 [L]: "当事人有证据足以证明没有主观过错的，不予行政处罚。
    法律、行政法规另有规定的，从其规定。" The proviso (e.g. strict liability in a special
    law) is for the inspector to check; the verdict says so.
    """
    basis = (ART_33_2,)
    if finding.no_fault_proven:
        return RuleVerdict(
            "NP-3",
            True,
            DispositionKind.NO_PENALTY,
            True,
            (*basis, ART_33_3),
            "当事人有证据足以证明没有主观过错，且未发现法律、行政法规另有规定，"
            "依照《中华人民共和国行政处罚法》第三十三条第二款，不予行政处罚。",
        )
    return RuleVerdict(
        "NP-3", False, None, False, basis, "当事人未提供足以证明没有主观过错的证据。"
    )


def np1_minor(
    finding: Finding,
    *,
    today: date,
    packs: RulePacks | None = None,
    facts: Mapping[str, Any] | None = None,
) -> RuleVerdict:
    """NP-1: minor, corrected in time and harmless: shall not penalise.

    《行政处罚法》第三十三条第一款第一句 [L]: "违法行为轻微并及时改正，没有造成危害后果的，
    不予行政处罚。" ("不予": shall.) A matching entry of a 轻微免罚 list is cited, but not
    required: the statute binds whether or not a list names the matter.
    """
    basis: tuple[str, ...] = (ART_33_1,)
    missing = []
    if not finding.minor:
        missing.append("违法行为不属于轻微")
    if not finding.corrected:
        missing.append("未及时改正")
    if finding.harm != "none":
        missing.append("造成了危害后果")
    if missing:
        return RuleVerdict(
            "NP-1",
            False,
            None,
            False,
            basis,
            f"{'、'.join(missing)}，不符合第三十三条第一款第一句“{ART_33_1_SHALL[:-1]}”的条件。",
        )
    text = (
        "违法行为轻微，当事人已及时改正，没有造成危害后果。依照《中华人民共和国行政处罚法》"
        f"第三十三条第一款第一句“{ART_33_1_SHALL[:-1]}”的规定，不予行政处罚。"
    )
    if packs is not None:
        matched = [
            m for m in packs.match(finding, facts or {}, today, list_name="minor") if m.matched
        ]
        if matched:
            basis = (*basis, matched[0].entry.citation())
            text = (
                f"本事项属于{matched[0].entry.citation()}所列情形。"
                + text
                + _unverified_note(matched[0])
            )
    return RuleVerdict("NP-1", True, DispositionKind.NO_PENALTY, True, (*basis, ART_33_3), text)


def is_first_violation(
    finding: Finding, history: Sequence[PriorViolation], *, today: date
) -> tuple[bool, tuple[PriorViolation, ...]]:
    """Whether no violation of the same matter was found in the two years before discovery.

    The window runs from the same calendar day two years earlier (民法典第二百零二条)
    to the discovery day, both included [P: "两年内未发生同类违法行为"].
    """
    ref = finding.discovered_on or today
    start = add_years(ref, -FIRST_VIOLATION_WINDOW_YEARS)
    priors = tuple(
        p for p in history if p.matter_code == finding.matter_code and start <= p.found_on <= ref
    )
    return (not priors, priors)


def np2_first_violation(
    finding: Finding,
    *,
    history: Sequence[PriorViolation],
    today: date,
    packs: RulePacks | None = None,
    facts: Mapping[str, Any] | None = None,
) -> RuleVerdict:
    """NP-2 (首违不罚): first violation, minor harm, corrected in time: may not penalise.

    《行政处罚法》第三十三条第一款第二句 [L]: "初次违法且危害后果轻微并及时改正的，可以不予
    行政处罚。" ("可以不予": may.) "初次" is read as no violation of the same matter within
    two years [P]. When rule packs are given and a 首违不罚 list entry covers the matter
    (by its matter code, or because the finding names it), an entry whose conditions hold
    is required and cited: a list's exclusions (e.g. catering for expired food) bind, and
    the statute-only reading is used only for matters no list covers. No harm at all
    counts as minor harm.
    """
    basis: tuple[str, ...] = (ART_33_1,)
    first, priors = is_first_violation(finding, history, today=today)
    missing = []
    if not first:
        last = max(p.found_on for p in priors)
        missing.append(f"当事人于{zh_date(last)}有同类违法行为，两年内不属于初次违法")
    if finding.harm not in ("none", "minor"):
        missing.append("危害后果不属于轻微")
    if not finding.corrected:
        missing.append("未及时改正")
    sentence = f"第三十三条第一款第二句“{ART_33_1_MAY[:-1]}”"
    if missing:
        return RuleVerdict(
            "NP-2", False, None, False, basis, f"{'；'.join(missing)}，不符合{sentence}的条件。"
        )
    facts_text = "当事人系初次违法，危害后果轻微并已及时改正"
    conclusion = f"依照《中华人民共和国行政处罚法》{sentence}的规定，可以不予行政处罚。"
    if packs is not None:
        covering = packs.covering(finding, today, list_name="first_violation")
        if finding.rule_pack_entry and not any(e.id == finding.rule_pack_entry for e in covering):
            return RuleVerdict(
                "NP-2",
                False,
                None,
                False,
                basis,
                "所选首违不罚清单条目不存在、未生效或者不属于首违不罚清单，不能据此不予处罚。",
            )
        if covering:
            matches = packs.match(finding, facts or {}, today, list_name="first_violation")
            # The entry the inspector chose first, then the one leaving least unverified.
            matches.sort(key=lambda m: (m.entry.id != finding.rule_pack_entry, len(m.unverified)))
            good = [m for m in matches if m.matched]
            if not good:
                failed = "；".join(
                    f"{m.entry.title}：{'、'.join(c.description for c in m.failed)}"
                    for m in matches
                )
                return RuleVerdict(
                    "NP-2",
                    False,
                    None,
                    False,
                    basis,
                    f"{facts_text}，但本事项列入首违不罚清单，而不符合清单的免罚条件（{failed}），"
                    "不适用首违不罚。",
                )
            entry = good[0].entry
            return RuleVerdict(
                "NP-2",
                True,
                DispositionKind.NO_PENALTY,
                False,
                (*basis, entry.citation(), ART_33_3),
                f"{facts_text}，符合{entry.citation()}规定的条件。{conclusion}"
                f"{_unverified_note(good[0])}",
            )
    return RuleVerdict(
        "NP-2",
        True,
        DispositionKind.NO_PENALTY,
        False,
        (*basis, ART_33_3),
        f"{facts_text}。{conclusion}",
    )


def _unverified_note(match: PackMatch) -> str:
    if not match.unverified:
        return ""
    items = "、".join(c.description for c in match.unverified)
    return f"（以下条件须执法人员核实：{items}。）"
