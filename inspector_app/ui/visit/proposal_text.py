"""The proposal for one non-compliant item as rich text: what is proposed and why, every
rule's verdict, and the discretion benchmark (the fine range, the 从轻 band and why).

Reasoning and verdicts are the rules' own printable Chinese (they go into documents as
they are); the frame around them is translated. Every text from data is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QObject

from inspector_app.domain.entities import DispositionKind

GREY = "#555"
GREEN = "#1a6b1a"


def yuan(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}"


class ProposalText(QObject):
    """Words for dispositions, in the interface's language (context ``ProposalText``)."""

    def kind_labels(self) -> dict[DispositionKind, str]:
        return {
            DispositionKind.NO_ACTION: self.tr("No action"),
            DispositionKind.RISK_REMINDER: self.tr("Risk reminder"),
            DispositionKind.ORDER_TO_CORRECT: self.tr("Order to correct"),
            DispositionKind.NO_PENALTY: self.tr("No penalty"),
            DispositionKind.SUMMARY_PENALTY: self.tr("On-the-spot penalty"),
            DispositionKind.REFER_CASE: self.tr("Open a case"),
        }

    def kind(self, kind: DispositionKind) -> str:
        return self.kind_labels().get(kind, kind.value)

    def state(self, state: str) -> str:
        labels = {
            "proposed": self.tr("proposed, not decided"),
            "confirmed": self.tr("decided"),
            "stale": self.tr("finding changed: decide again"),
            "withdrawn": self.tr("no longer non-compliant"),
        }
        return labels.get(state, state)

    def band(self, lo: int | None, hi: int | None) -> str:
        return self.tr("{lo} to {hi} yuan").format(lo=yuan(lo), hi=yuan(hi))

    # --- the discretion benchmark ---------------------------------------------------

    def lenient_band(self, view: Any, bench: Any) -> str:
        """The benchmark's 从轻 band of the statutory range, with its rule and citation."""
        proposal = view.proposal
        penalty = proposal.disposition.penalty if proposal is not None else None
        if penalty is None or penalty.fine_min is None or penalty.fine_max is None:
            return ""
        if bench is None:
            return escape(self.tr("No local discretion benchmark is configured."))
        band = bench.lenient_for(penalty.benchmark)
        lo, hi = band.fine_range(penalty.fine_min, penalty.fine_max)
        text = self.tr("Lenient (从轻): the lowest {share}% of the range, {band}").format(
            share=round(band.high_share * 100), band=self.band(lo, hi)
        )
        source = " ".join(x for x in (band.text, band.citation) if x)
        return f"{escape(text)}<br><span style='color:{GREY}'>{escape(source)}</span>"

    def benchmark_rows(self, view: Any, bench: Any) -> list[str]:
        """The fine range (statutory and proposed), the 从轻 band and the reason for it."""
        proposal = view.proposal
        if proposal is None:
            return []
        d = proposal.disposition
        rows: list[str] = []
        penalty = d.penalty
        if penalty is not None and (penalty.fine_min is not None or penalty.fine_max is not None):
            text = self.tr("Statutory fine range: {band}").format(
                band=self.band(penalty.fine_min, penalty.fine_max)
            )
            basis = "、".join(penalty.basis)
            rows.append(f"{escape(text)} <span style='color:{GREY}'>{escape(basis)}</span>")
            if penalty.fine_condition:
                text = self.tr("A fine only when: {condition}")
                rows.append(escape(text.format(condition=penalty.fine_condition)))
        if penalty is not None and penalty.warning:
            rows.append(escape(self.tr("The provision allows a warning.")))
        if d.fine_range is not None:
            how = {
                "lenient": self.tr("lenient (从轻)"),
                "reduced": self.tr("reduced (减轻)"),
            }.get(d.discretion, self.tr("statutory"))
            text = self.tr("Proposed fine band ({how}): {band}")
            rows.append(escape(text.format(how=how, band=self.band(*d.fine_range))))
        if d.proposed_fine is not None:
            text = self.tr("Proposed fine: {fine} yuan")
            rows.append(escape(text.format(fine=yuan(d.proposed_fine))))
        lenient = self.lenient_band(view, bench)
        if lenient:
            rows.append(lenient)
        for v in proposal.verdicts:
            if v.rule_id in ("M-1", "D-1", "D-2"):
                rows.append(
                    f"<span style='color:{GREY}'>{escape(v.title)}：</span>{escape(v.explanation)}"
                )
        return rows

    # --- the whole item -------------------------------------------------------------

    def decided_html(self, view: Any) -> list[str]:
        confirmed = view.confirmed
        if confirmed is None:
            return []
        record = view.record
        accepted = record is not None and record.decision is not None
        accepted = accepted and record.decision.value == "accepted"
        how = self.tr("proposal accepted") if accepted else self.tr("overridden")
        line = self.tr("Decided: {kind} ({how})").format(kind=self.kind(confirmed.kind), how=how)
        parts = [f"<p style='color:{GREEN}'><b>{escape(line)}</b></p>"]
        if confirmed.proposed_fine is not None:
            text = self.tr("Fine: {fine} yuan").format(fine=yuan(confirmed.proposed_fine))
            parts.append(f"<p>{escape(text)}</p>")
        if confirmed.warning:
            parts.append(f"<p>{escape(self.tr('With a warning'))}</p>")
        if confirmed.overridden_reason:
            label = escape(self.tr("Reason for the override"))
            parts.append(f"<p><b>{label}:</b> {escape(confirmed.overridden_reason)}</p>")
        return parts

    def html(self, view: Any, bench: Any) -> str:
        """Everything about one item: state, decision, proposal, benchmark, verdicts."""
        item = view.item
        parts = [f"<h3>{escape(item.code)} {escape(item.title)}</h3>"]
        label = escape(self.tr("State"))
        parts.append(f"<p><b>{label}:</b> {escape(self.state(view.state))}</p>")
        parts += self.decided_html(view)
        proposal = view.proposal
        if proposal is None:
            if view.problem and view.problem != "not noncompliant":
                parts.append(f"<p style='color:#a00'>{escape(view.problem)}</p>")
            return "".join(parts)
        d = proposal.disposition
        head = self.tr("Proposed: {kind}").format(kind=self.kind(d.kind))
        if d.mandatory:
            head += " — " + self.tr("required by law (应当)")
        if d.warning:
            head += " — " + self.tr("a warning")
        parts.append(f"<p><b>{escape(head)}</b></p>")
        parts.append(f"<p>{escape(d.reasoning)}</p>")
        if d.legal_basis:
            label = escape(self.tr("Legal basis"))
            parts.append(f"<p><b>{label}:</b> {escape('、'.join(d.legal_basis))}</p>")
        rows = self.benchmark_rows(view, bench)
        if rows:
            label = escape(self.tr("Discretion benchmark"))
            items = "".join(f"<li>{r}</li>" for r in rows)
            parts.append(f"<p><b>{label}</b></p><ul>{items}</ul>")
        label = escape(self.tr("Every rule's verdict"))
        parts.append(f"<p><b>{label}</b></p><table cellspacing='3'>")
        for v in proposal.verdicts:
            mark = "✔" if v.applies else "·"
            color = GREEN if v.applies else "#777"
            to = f" → {escape(self.kind(v.kind))}" if v.applies and v.kind is not None else ""
            parts.append(
                f"<tr><td style='color:{color}'>{mark}</td><td><b>{escape(v.title)}</b>{to}"
                f"<br><span style='color:{'#222' if v.applies else '#666'}'>"
                f"{escape(v.explanation)}</span></td></tr>"
            )
        parts.append("</table>")
        return "".join(parts)
