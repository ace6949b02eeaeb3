"""The body of each kind of document, as a list of flowables built from its content."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from inspector_app.documents.blocks import (
    Ctx,
    form_table,
    head_block,
    id_line,
    inspectors_table,
    kept_with_tail,
    party_signature_cell,
    party_table,
    photos_block,
    picture,
    remedies_block,
    seal_block,
    signatures_block,
)
from inspector_app.documents.decisions import (
    closing,
    credit_repair_notice,
    no_penalty_decision,
    summary_penalty_decision,
)
from inspector_app.documents.kinds import (
    JointResultNotice,
    OnsiteRecord,
    OrderToCorrect,
    ProofOfService,
    RiskReminder,
    ServiceMethod,
)
from inspector_app.documents.layout import RowSplitTable
from inspector_app.domain.entities import DocumentKind

YES_NO = {True: "是", False: "否"}


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
    out.append(inspectors_table(ctx, with_agency=True))
    out.append(ctx.heading(w["opening_heading"]))
    for qa in c.opening:
        out.append(ctx.p(f"{w['question']}：{qa.question}", "body_left"))
        out.append(ctx.p(f"{w['answer']}：{qa.answer}", "body_left"))
    out += ctx.table_heading(w["items_heading"])
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
    out += photos_block(ctx)
    out.append(ctx.heading(w["statement_heading"]))
    out.append(ctx.p(c.party_statement or "无"))
    out.append(ctx.heading(w["closing_heading"]))
    out.append(ctx.p(c.closing_ack))
    # The party, a witness (a place to sign even when none was needed) and the officers,
    # and the 记录人 who wrote the record, on the page of the closing line.
    sigs = signatures_block(ctx, party=True, witness=True, recorder=c.recorder)
    return kept_with_tail(out, [sigs, id_line(ctx)], tail=2)


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
    out += photos_block(ctx)
    out += remedies_block(ctx, "通知")
    return closing(ctx, out)


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
    out += photos_block(ctx)
    out.append(ctx.p(w["nature"]))
    return closing(ctx, out)


def joint_result_notice(ctx: Ctx) -> list[Flowable]:
    """One notice for all departments, each department's part its own (谁检查、谁负责):
    its findings, handling, officers and their confirmation, not all under the lead's seal."""
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
    rows = w["rows"]
    label_w = 40 * mm
    value_w = ctx.frame_width - label_w
    for n, dr in enumerate(c.departments, 1):
        findings = "\n".join(f"{i}. {f}" for i, f in enumerate(dr.findings, 1)) or w["none"]
        officers = "、".join(f"{o.name}（{o.badge_no}）" for o in dr.officers) or "—"
        signed: list[Any] = [
            picture(o.signature, 36 * mm, ctx.styles.mm("signature_height_mm"))
            for o in dr.officers
            if o.signature
        ]
        confirm: list[Any] = [*signed, ctx.cell(ctx.datetime(dr.confirmed_at))]
        data: list[list[Any]] = [
            [ctx.cell(rows["items"], head=True), ctx.short(str(dr.items_checked), value_w)],
            [ctx.cell(rows["findings"], head=True), ctx.cell(findings)],
            [ctx.cell(rows["result"], head=True), ctx.cell(dr.result)],
            [ctx.cell(rows["follow_up"], head=True), ctx.cell(dr.follow_up or w["none"])],
            [ctx.cell(rows["officers"], head=True), ctx.cell(officers)],
            [ctx.cell(rows["confirmation"], head=True), confirm],
        ]
        t = Table(data, colWidths=[label_w, value_w], repeatRows=0)
        t.setStyle(ctx.grid())
        out += ctx.table_heading(w["department_heading"].format(n=n, department=dr.department))
        out.append(t)
    out.append(ctx.p(w["overall"].format(overall=c.overall)))
    out.append(ctx.p(w["objection"]))
    if c.publish_by is not None:
        out.append(ctx.p(w["publish"].format(date=ctx.date(c.publish_by), platform=platform)))
    else:
        out.append(ctx.p(w["publish_no_date"].format(platform=platform)))
    # The lead department's seal says who organised the visit and delivers the notice;
    # each department's results carry its own officers' confirmation above.
    end = [seal_block(ctx, w["lead_seal"]), signatures_block(ctx, officers=False)]
    return kept_with_tail(out, [*end, id_line(ctx)], tail=2)


def proof_of_service(ctx: Ctx) -> list[Flowable]:
    """送达回证: what was served, when, where, how; the recipient's signature or the recorded
    refusal (never a typed name), the proxy and why, the witness's signature, the servers."""
    c = ctx.doc.content
    assert isinstance(c, ProofOfService)
    w = ctx.settings.wording["proof_of_service"]
    h = ctx.doc.header
    out = head_block(ctx)
    out.append(party_table(ctx, compact=True))
    fw = ctx.frame_width
    widths = [fw * 0.36, fw * 0.34, fw * 0.30]
    data: list[list[Any]] = [[ctx.cell(x, head=True) for x in w["columns"]]]
    for sd in c.documents:
        data.append(
            [
                ctx.cell(sd.title),
                ctx.cell(ctx.number(sd.number) or w["no_number"]),
                ctx.cell(ctx.datetime(sd.issued_at)),
            ]
        )
    t = Table(data, colWidths=widths)
    t.setStyle(ctx.grid())
    out.append(t)
    value_w = fw - 30 * mm
    sigs = h.signatures
    if c.method is ServiceMethod.POST:
        received: Any = ctx.cell(w["post_receipt"].format(ref=c.reference))
    elif c.method is ServiceMethod.ELECTRONIC:
        received = ctx.cell(w["electronic_receipt"].format(ref=c.reference))
    elif c.method is ServiceMethod.PUBLIC:
        received = ctx.cell(w["public_receipt"].format(ref=c.reference))
    else:
        received = party_signature_cell(ctx, 60 * mm)
    witness_sig: Any = picture(sigs.witness, 40 * mm, 9 * mm) if sigs.witness else ""
    # The servers sign side by side in their row, each above their name and 执法证号.
    servers = Table(
        [
            [picture(o.signature, 40 * mm, 9 * mm) if o.signature else "" for o in h.inspectors],
            [ctx.cell(f"{o.name}（{o.badge_no}）") for o in h.inspectors],
        ]
        if h.inspectors
        else [[""]],
        colWidths=[(value_w - 6) / max(len(h.inspectors), 1)] * max(len(h.inspectors), 1),
    )
    servers.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.styles.table.fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    recipient = c.recipient
    if recipient and recipient == h.party.legal_rep and recipient != c.addressee:
        recipient += w["legal_rep"]
    form: list[list[tuple[str, Any]]] = []
    if c.addressee != h.party.name:
        form.append([(w["addressee"], c.addressee)])
    form += [
        [(w["time"], ctx.datetime(c.served_at)), (w["method"], c.method.value)],
        [(w["place"], c.place)],
        [(w["recipient"], recipient), (w["signed_at"], ctx.datetime(sigs.party_signed_at))],
        [(w["recipient_signature"], received)],
        [(w["proxy"], c.proxy_relationship), (w["proxy_reason"], c.proxy_reason)],
        [(w["witness"], c.witness or sigs.witness_name), (w["witness_signature"], witness_sig)],
        [(w["server"], servers)],
    ]
    if c.reference and c.method not in (ServiceMethod.POST, ServiceMethod.ELECTRONIC):
        form.append([(w["reference"], c.reference)])
    if c.consent_reference:
        form.append([(w["consent"], c.consent_reference)])
    if c.entrusted_to:
        form.append([(w["entrusted_to"], c.entrusted_to)])
    if c.av_reference:
        form.append([(w["av"], c.av_reference)])
    form.append([(w["remarks"], c.remarks)])
    out.append(form_table(ctx, form))
    out.append(ctx.p(w["basis"], "small"))
    out += photos_block(ctx)
    # The servers sign in their row above; the seal follows the last lines.
    return kept_with_tail(out, [seal_block(ctx), id_line(ctx)], tail=1)


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
