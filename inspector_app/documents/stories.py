"""The body of each kind of document, as a list of flowables built from its content."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from inspector_app.documents.blocks import (
    Ctx,
    head_block,
    id_line,
    inspectors_table,
    party_table,
    photos_block,
    reasoned_sections,
    remedies_block,
    seal_block,
    signatures_block,
    yuan_upper,
)
from inspector_app.documents.kinds import (
    CreditRepairNotice,
    JointResultNotice,
    NoPenaltyDecision,
    OnsiteRecord,
    OrderToCorrect,
    Penalty,
    ProofOfService,
    RiskReminder,
    SummaryPenaltyDecision,
)
from inspector_app.documents.layout import RowSplitTable
from inspector_app.domain.entities import DocumentKind

YES_NO = {True: "是", False: "否"}


def closing_block(ctx: Ctx, *, photos: bool = False) -> list[Flowable]:
    """How every decision and notice ends: officers, seal, evidence photos, signatures, id."""
    out: list[Flowable] = [inspectors_table(ctx), seal_block(ctx)]
    if photos:
        out += photos_block(ctx)
    return [*out, signatures_block(ctx), id_line(ctx)]


def _labelled(ctx: Ctx, rows: list[tuple[str, str]], label_mm: float = 42) -> Table:
    value_width = ctx.frame_width - label_mm * mm
    data = [[ctx.cell(k, head=True), ctx.short(v, value_width)] for k, v in rows]
    t = Table(data, colWidths=[label_mm * mm, value_width])
    t.setStyle(ctx.grid())
    return t


def onsite_record(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, OnsiteRecord)
    w = ctx.settings.wording["onsite_record"]
    out = head_block(ctx)
    out.append(party_table(ctx))
    out.append(
        _labelled(
            ctx,
            [
                (
                    w["time"],
                    w["time_value"].format(
                        start=ctx.datetime(c.started_at), end=ctx.datetime(c.ended_at)
                    ),
                ),
                (w["place"], c.place),
                (
                    w["notified"],
                    w["notified_value"].format(
                        notified=YES_NO[c.party_notified], present=YES_NO[c.party_present]
                    ),
                ),
                (w["present_person"], c.present_person),
            ],
        )
    )
    out.append(inspectors_table(ctx))
    out.append(ctx.heading(w["opening_heading"]))
    for qa in c.opening:
        out.append(ctx.p(f"{w['question']}：{qa.question}", "body_left"))
        out.append(ctx.p(f"{w['answer']}：{qa.answer}", "body_left"))
    out.append(ctx.heading(w["items_heading"]))
    cols = w["items_columns"]
    fw = ctx.frame_width
    widths = [10 * mm, 0.36 * fw, 16 * mm, 0, 18 * mm]
    widths[3] = fw - sum(widths)
    data: list[list[object]] = [[ctx.cell(h, head=True) for h in cols]]
    for it in c.items:
        data.append(
            [
                ctx.short(str(it.no), widths[0]),
                ctx.short(it.title, widths[1]),
                ctx.short(it.result, widths[2]),
                ctx.short(it.note, widths[3]),
                ctx.short("、".join(it.photo_refs), widths[4]),
            ]
        )
    t = RowSplitTable(data, colWidths=widths, repeatRows=1)
    t.setStyle(ctx.grid())
    out.append(t)
    out.append(ctx.heading(w["statement_heading"]))
    out.append(ctx.p(c.party_statement or "无"))
    out.append(ctx.heading(w["closing_heading"]))
    out.append(ctx.p(c.closing_ack))
    out += photos_block(ctx)
    out.append(signatures_block(ctx))
    out.append(id_line(ctx))
    return out


def order_to_correct(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, OrderToCorrect)
    w = ctx.settings.wording["order_to_correct"]
    out = head_block(ctx)
    out.append(party_table(ctx))
    out.append(ctx.p(w["intro"].format(party=ctx.doc.header.party.name), "body_left"))
    out.append(
        ctx.p(
            w["facts"].format(found_at=ctx.datetime(c.found_at), place=c.place, conduct=c.conduct)
        )
    )
    out.append(ctx.p(w["breach"].format(provisions="、".join(c.provisions_breached))))
    if c.deadline is None:
        out.append(ctx.p(w["order_immediately"].format(empowering=c.empowering_provision)))
    else:
        out.append(
            ctx.p(
                w["order_by"].format(
                    empowering=c.empowering_provision, deadline=ctx.date(c.deadline)
                )
            )
        )
    out.append(ctx.heading(w["actions_heading"]))
    out += [ctx.p(f"{i}. {a}") for i, a in enumerate(c.actions, 1)]
    out.append(ctx.heading(w["consequence_heading"]))
    out.append(ctx.p(c.consequence))
    out += remedies_block(ctx, "通知")
    out += photos_block(ctx)
    return out + closing_block(ctx)


def risk_reminder(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, RiskReminder)
    w = ctx.settings.wording["risk_reminder"]
    out = head_block(ctx)
    out.append(party_table(ctx))
    out.append(ctx.p(w["intro"].format(party=ctx.doc.header.party.name), "body_left"))
    out.append(ctx.p(w["lead"].format(found_at=ctx.datetime(c.found_at))))
    out += [ctx.p(f"{i}. {r}") for i, r in enumerate(c.risks, 1)]
    out.append(ctx.heading(w["suggestions_heading"]))
    out += [ctx.p(f"{i}. {s}") for i, s in enumerate(c.suggestions, 1)]
    if c.legal_refs:
        out.append(ctx.heading(w["refs_heading"]))
        out += [ctx.p(ref) for ref in c.legal_refs]
    if c.reply_by is not None:
        out.append(ctx.p(w["reply"].format(date=ctx.date(c.reply_by))))
    out.append(ctx.p(w["nature"]))
    out += photos_block(ctx)
    return out + closing_block(ctx)


def no_penalty_decision(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, NoPenaltyDecision)
    w = ctx.settings.wording["no_penalty_decision"]
    d = ctx.settings.wording["decision"]
    out = head_block(ctx) + reasoned_sections(ctx, c.reasoning)
    if c.list_entry:
        out.append(ctx.p(w["list_entry"].format(entry=c.list_entry)))
    out.append(ctx.p(w["rule"].format(rule_id=c.rule_id)))
    out.append(ctx.heading(d["s8"]))
    out.append(ctx.p(w["basis"].format(basis=c.basis)))
    out.append(ctx.p(c.decision))
    out.append(ctx.p(w["education_heading"], "body_left"))
    out.append(ctx.p(c.education))
    out.append(ctx.heading(d["s9"]))
    out += remedies_block(ctx, "决定")
    out.append(ctx.heading(d["s10"]))
    return out + closing_block(ctx, photos=True)


def summary_penalty_decision(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, SummaryPenaltyDecision)
    w = ctx.settings.wording["summary_penalty_decision"]
    d = ctx.settings.wording["decision"]
    a = ctx.doc.header.agency
    out = head_block(ctx) + reasoned_sections(ctx, c.reasoning)
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
    out.append(ctx.p(w["time_place"].format(time=ctx.datetime(c.decided_at), place=c.place)))
    out.append(ctx.heading(d["s9"]))
    if c.penalty is Penalty.FINE:
        if c.collected_on_spot:
            out.append(ctx.p(w["collected"].format(receipt=c.receipt_no or "—")))
        else:
            out.append(ctx.p(w["payment"].format(how=c.payment_instructions)))
    # 行政复议法第23条: the review-first notice is mandatory, whatever remedy_clause says.
    out.append(ctx.p(w["review_first"].format(review_body=a.review_body, court=a.court)))
    out.append(ctx.p(w["filing"]))
    out.append(ctx.heading(d["s10"]))
    return out + closing_block(ctx, photos=True)


def credit_repair_notice(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, CreditRepairNotice)
    w = ctx.settings.wording["credit_repair_notice"]
    platform = ctx.settings.publicity_platform
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
                period=c.publicity_period,
            )
        )
    )
    if c.early_repair_from is not None:
        out.append(ctx.p(w["early_repair"].format(date=ctx.date(c.early_repair_from))))
    else:
        out.append(ctx.p(w["no_early_repair"].format(reason=c.no_early_repair_reason)))
    out.append(ctx.p(w["conditions_heading"], "body_left"))
    out += [ctx.p(cond) for cond in w["conditions"]]
    out.append(ctx.p(w["how_heading"], "body_left"))
    out.append(ctx.p(w["how"].format(platform=platform)))
    out.append(ctx.p(w["together"]))
    return out + closing_block(ctx)


def joint_result_notice(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, JointResultNotice)
    w = ctx.settings.wording["joint_result_notice"]
    platform = ctx.settings.publicity_platform
    out = head_block(ctx)
    out.append(party_table(ctx))
    out.append(ctx.p(w["intro"].format(party=ctx.doc.header.party.name), "body_left"))
    out.append(
        ctx.p(
            w["lead"].format(
                date=ctx.date(c.visited_on),
                lead=c.lead_department,
                departments="、".join(dr.department for dr in c.departments),
                place=c.place,
                before=c.items_before,
                after=c.items_after,
            )
        )
    )
    data = [[ctx.cell(h, head=True) for h in w["columns"]]]
    for dr in c.departments:
        findings = "\n".join(f"{i}. {f}" for i, f in enumerate(dr.findings, 1)) or w["none"]
        data.append(
            [
                ctx.cell(dr.department),
                ctx.cell(str(dr.items_checked)),
                ctx.cell(findings),
                ctx.cell(dr.result),
                ctx.cell(dr.follow_up or w["none"]),
            ]
        )
    fw = ctx.frame_width
    widths = [0.2 * fw, 16 * mm, 0, 0.17 * fw, 0.18 * fw]
    widths[2] = fw - sum(widths)
    t = RowSplitTable(data, colWidths=widths, repeatRows=1)
    t.setStyle(ctx.grid())
    out.append(t)
    out.append(ctx.p(w["overall"].format(overall=c.overall)))
    if c.publish_by is not None:
        out.append(ctx.p(w["publish"].format(date=ctx.date(c.publish_by), platform=platform)))
    else:
        out.append(ctx.p(w["publish_no_date"].format(platform=platform)))
    out += remedies_block(ctx, "告知书")
    return out + closing_block(ctx)


def proof_of_service(ctx: Ctx) -> list[Flowable]:
    c = ctx.doc.content
    assert isinstance(c, ProofOfService)
    w = ctx.settings.wording["proof_of_service"]
    out = head_block(ctx)
    out.append(party_table(ctx))
    data = [[ctx.cell(h, head=True) for h in w["columns"]]]
    for sd in c.documents:
        data.append([ctx.cell(sd.title), ctx.cell(ctx.number(sd.number) or w["no_number"])])
    t = Table(data, colWidths=[ctx.frame_width * 0.55, ctx.frame_width * 0.45])
    t.setStyle(ctx.grid())
    out.append(t)
    servers = "、".join(f"{o.name}（{o.badge_no}）" for o in ctx.doc.header.inspectors)
    rows = [
        (w["addressee"], c.addressee),
        (w["time"], ctx.datetime(c.served_at)),
        (w["place"], c.place),
        (w["method"], c.method.value),
        (w["recipient"], c.recipient),
        (w["proxy"], c.proxy_relationship),
        (w["witness"], c.witness),
        (w["server"], servers),
        (w["remarks"], c.remarks),
    ]
    if c.av_reference:
        rows.append((w["av"], c.av_reference))
    out.append(_labelled(ctx, rows, 48))
    out += photos_block(ctx)
    out.append(seal_block(ctx))
    out.append(signatures_block(ctx))
    out.append(id_line(ctx))
    return out


STORIES: dict[DocumentKind, Callable[[Ctx], list[Flowable]]] = {
    DocumentKind.ONSITE_RECORD: onsite_record,
    DocumentKind.ORDER_TO_CORRECT: order_to_correct,
    DocumentKind.RISK_REMINDER: risk_reminder,
    DocumentKind.NO_PENALTY_DECISION: no_penalty_decision,
    DocumentKind.SUMMARY_PENALTY_DECISION: summary_penalty_decision,
    DocumentKind.CREDIT_REPAIR_NOTICE: credit_repair_notice,
    DocumentKind.JOINT_RESULT_NOTICE: joint_result_notice,
    DocumentKind.PROOF_OF_SERVICE: proof_of_service,
}
