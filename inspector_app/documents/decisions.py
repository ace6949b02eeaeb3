"""The bodies of the reasoned decisions (说理式) and of the credit-repair notice.

Each ends with the officers, the seal and the signatures kept on one page with the last
lines of the text (``kept_with_tail``), then the 文号 and 核验码 line.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from inspector_app.documents.blocks import (
    Ctx,
    head_block,
    id_line,
    kept_with_tail,
    party_table,
    reasoned_sections,
    remedies_block,
    seal_block,
    signatures_block,
)
from inspector_app.documents.kinds import (
    CreditRepairNotice,
    NoPenaltyDecision,
    Penalty,
    SummaryPenaltyDecision,
)
from inspector_app.documents.money import yuan_upper
from inspector_app.domain.credit import PENALTIES, SEVERE_PENALTIES, rule_set_for


def closing(ctx: Ctx, body: list[Flowable], *, tail: int = 1, party: bool | None = None) -> list:
    """Seal and signatures after ``body``, kept with its last ``tail`` flowables; the
    officers' signature rows carry their names and 执法证号."""
    end = [seal_block(ctx), signatures_block(ctx, party=party)]
    return kept_with_tail(body, [*end, id_line(ctx)], tail)


def no_penalty_decision(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, NoPenaltyDecision)
    w = ctx.settings.wording["no_penalty_decision"]
    d = ctx.settings.wording["decision"]
    ground = w["grounds"][c.ground.value]
    out = head_block(ctx) + reasoned_sections(ctx, c.reasoning, notice=c.notice, photos=True)
    if c.list_entry:
        out.append(ctx.p(w["list_entry"].format(entry=c.list_entry)))
    out.append(ctx.p(w["ground"].format(basis=ground["basis"], sentence=ground["sentence"])))
    out.append(ctx.heading(d["s8"]))
    out.append(ctx.p(w["basis"].format(basis=ground["basis"])))
    out.append(ctx.p(c.decision))
    out.append(ctx.p(w["education_heading"], "body_left"))
    out.append(ctx.p(c.education))
    out.append(ctx.heading(d["s9"]))
    out += remedies_block(ctx, "决定")
    out.append(ctx.heading(d["s10"]))
    return closing(ctx, out, tail=2)


def summary_penalty_decision(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, SummaryPenaltyDecision)
    w = ctx.settings.wording["summary_penalty_decision"]
    d = ctx.settings.wording["decision"]
    a = ctx.doc.header.agency
    out = head_block(ctx) + reasoned_sections(
        ctx, c.reasoning, notice=c.notice, provision=c.provision, photos=True
    )
    out.append(ctx.p(w["procedure"]))
    out.append(ctx.heading(d["s8"]))
    basis = "、".join(c.penalty_basis)
    if c.penalty is Penalty.FINE and c.amount is not None:
        amount = format(c.amount.normalize(), "f")
        out.append(
            ctx.p(
                w["decision_fine"].format(
                    basis=basis, amount=amount, amount_upper=yuan_upper(c.amount)
                )
            )
        )
    else:
        out.append(ctx.p(w["decision_warning"].format(basis=basis)))
    if c.correction:
        out.append(ctx.p(c.correction))
    out.append(ctx.p(w["time_place"].format(time=ctx.datetime(c.decided_at), place=c.place)))
    out.append(ctx.heading(d["s9"]))
    if c.penalty is Penalty.FINE:
        if c.collected_on_spot:
            out.append(ctx.p(w["collected"].format(receipt=c.receipt_no or "—")))
        else:
            out.append(ctx.p(w["payment"].format(how=c.payment_instructions)))
    # 行政复议法第二十三条: the review-first notice is mandatory, whatever remedy_clause says.
    out.append(ctx.p(w["review_first"].format(review_body=a.review_body, court=a.court)))
    out.append(ctx.p(w["filing"]))
    out.append(ctx.heading(d["s10"]))
    # 第五十二条: handed over on the spot; the party signs for it or its refusal is noted.
    return closing(ctx, out, tail=2, party=True)


def credit_repair_notice(ctx: Ctx) -> list[Flowable]:
    """The notice as the credit rules assess the decision's facts: when it is published,
    until when, and whether and from when early repair may be asked for."""
    c = ctx.doc.content
    assert isinstance(c, CreditRepairNotice)
    w = ctx.settings.wording["credit_repair_notice"]
    platform = ctx.settings.publicity_platform
    a = rule_set_for(c.facts.decided_on).assess(c.facts)  # the gate has checked it is published
    out = head_block(ctx)
    out.append(party_table(ctx))
    out.append(ctx.p(w["intro"].format(party=ctx.doc.header.party.name), "body_left"))
    out.append(
        ctx.p(
            w["publication"].format(
                date=ctx.date(c.decision_date),
                title=c.decision_title,
                number=ctx.number(c.decision_number),
                penalty=c.penalty_summary,
                platform=platform,
                publish_by=ctx.date(a.publish_by),
            )
        )
    )
    period = {"short": "period_short", "restriction": "period_restriction"}.get(
        a.period, "period_long"
    )
    out.append(
        ctx.p(
            w[period].format(
                end=ctx.date(a.publicity_end), province=ctx.settings.province or "本省"
            )
        )
    )
    if c.facts.published_on is None:
        out.append(ctx.p(w["period_assumed"].format(platform=platform)))
    if a.eligible and a.earliest_repair is not None:
        out.append(ctx.p(w["early_repair"].format(date=ctx.date(a.earliest_repair))))
        out += [ctx.p(cond) for cond in w["conditions"]]
        out.append(ctx.p(w["how_heading"], "body_left"))
        out.append(ctx.p(w["how"].format(platform=platform)))
    elif a.period == "short":
        out.append(ctx.p(w["no_early_repair_short"]))
    else:
        severe = sorted(set(c.facts.penalties) & SEVERE_PENALTIES)
        if severe:
            names = "、".join(PENALTIES[k] for k in severe)
            out.append(ctx.p(w["no_early_repair_severe"].format(penalties=names)))
        else:
            out.append(ctx.p(w["no_early_repair_late"]))
    out.append(ctx.p(w["together"]))
    return closing(ctx, out, tail=1)
