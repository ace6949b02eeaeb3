"""The business card of the task page: who the business is, its credit-risk class and
positive-list badge (for inspectors only, never printed), the team and departments,
the visit's check-in, and the last two years before anyone checks in."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inspector_app.domain.entities import Inspector, JointTask, ObserverKind
from inspector_app.ui.tasks.model import CREDIT_COLOURS, status_label

if TYPE_CHECKING:
    from inspector_app.services.visit import BusinessHistory, Visit


class BusinessCard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("business-card")
        self.header = QLabel(self)
        self.header.setObjectName("card-header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recusal = QLabel(self)
        self.recusal.setObjectName("card-recusal")
        self.recusal.setWordWrap(True)
        self.recusal.setStyleSheet("background: #fdecea; color: #b71c1c; padding: 4px;")
        self.recusal.hide()
        self.history = QLabel(self)
        self.history.setObjectName("card-history")
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.recusal)
        layout.addWidget(self.history)
        self.show_task(None, None, None, None, status_text="")

    def show_task(
        self,
        task: JointTask | None,
        history: BusinessHistory | None,
        visit: Visit | None,
        me: Inspector | None,
        *,
        status_text: str,
    ) -> None:
        if task is None:
            hint = self.tr("Select a task to see its business and checklist.")
            self.header.setText(f"<i>{escape(hint)}</i>")
            self.history.clear()
            self.recusal.hide()
            return
        # Everything from data is escaped: names and notes are user text.
        self.header.setText(self._header(task, visit, me, status_text))
        self.history.setText(self._history(history))
        self.history.setVisible(history is not None)
        if history is not None and history.related:
            reason = history.related_reason or self.tr("no reason given")
            self.recusal.setText(
                self.tr(
                    "Recusal: you are marked related to this business ({reason}). "
                    "行政处罚法第四十三条: an officer with an interest shall step aside."
                ).format(reason=reason)
            )
            self.recusal.show()
        else:
            self.recusal.hide()

    def _header(
        self, task: JointTask, visit: Visit | None, me: Inspector | None, status_text: str
    ) -> str:
        b = task.business
        colour = CREDIT_COLOURS[b.credit_class].name()
        credit = self.tr("Class {c}").format(c=b.credit_class.value)
        badges = (
            f"<span style='background:{colour}; color:white'>&nbsp;{escape(credit)}&nbsp;</span>"
        )
        if b.positive_list:
            badge = self.tr("Positive list (无事不扰)")
            badges += (
                f" <span style='background:#2e7d32; color:white'>&nbsp;{escape(badge)}&nbsp;</span>"
            )
        lead = next((d.name for d in task.departments if d.code == task.lead_department_code), "")
        others = "、".join(d.name for d in task.departments if d.code != task.lead_department_code)
        departments = self.tr("{lead} (lead)").format(lead=lead) + (f"、{others}" if others else "")
        team = self.tr("{n} inspectors").format(n=len(task.inspector_ids))
        if me is not None and me.id in task.inspector_ids:
            team += self.tr(", you among them")
        before = sum(len(i.sources) for i in task.checklist)
        merged = self.tr("{before} departmental items merged into {after}").format(
            before=before, after=len(task.checklist)
        )
        window = f"{task.window_start.isoformat()} – {task.window_end.isoformat()}"
        # (label, value) pairs side by side; a pair alone on its row takes the full width.
        rows: list[list[tuple[str, str]]] = [
            [(self.tr("USCC"), b.uscc), (self.tr("Legal representative"), b.legal_rep)],
            [(self.tr("Phone"), b.phone), (self.tr("Licence"), b.licence_name)],
            [(self.tr("Address"), b.address)],
            [(self.tr("Departments"), departments)],
            [(self.tr("Team"), team), (self.tr("Window"), window)],
            [(self.tr("Checklist"), merged), (self.tr("Status"), status_text)],
        ]
        if visit is not None and visit.checked_in_at is not None:
            at = visit.checked_in_at.astimezone()
            rows.append(
                [
                    (self.tr("Checked in"), f"{at:%Y-%m-%d %H:%M}"),
                    (self.tr("Present"), "、".join(visit.present)),
                ]
            )
            if visit.observers:
                watchers = "、".join(
                    f"{o.name}（{', '.join(x for x in (self._kind(o.kind), o.organisation) if x)}）"
                    for o in visit.observers
                )
                rows.append([(self.tr("Observers"), watchers)])
        label = "<td style='color:gray; padding-right:6px'>{}</td>"
        lines = []
        for pairs in rows:
            cells = []
            for k, v in pairs:
                span = " colspan='3'" if len(pairs) == 1 else ""
                cells.append(
                    label.format(escape(k))
                    + f"<td{span} style='padding-right:14px'>{escape(v)}</td>"
                )
            lines.append("<tr>" + "".join(cells) + "</tr>")
        return (
            f"<span style='font-size:large; font-weight:bold'>{escape(b.name)}</span>"
            f"&nbsp;&nbsp;{badges}<table cellspacing='0'>{''.join(lines)}</table>"
        )

    def _kind(self, kind: ObserverKind) -> str:
        return {
            ObserverKind.NPC_DEPUTY: self.tr("People's Congress deputy"),
            ObserverKind.CPPCC_MEMBER: self.tr("CPPCC member"),
            ObserverKind.SOCIAL_SUPERVISOR: self.tr("social supervisor"),
            ObserverKind.MEDIA: self.tr("media"),
            ObserverKind.OTHER: self.tr("observer"),
        }[kind]

    def _history(self, history: BusinessHistory | None) -> str:
        if history is None:
            return ""
        title = self.tr("The last two years")
        parts = [f"<b>{escape(title)}</b>"]
        if not history.visits and not history.violations:
            parts.append(escape(self.tr("No earlier visit or violation on record.")))
        for v in history.violations:
            penalised = self.tr("penalised") if v.penalised else self.tr("not penalised")
            line = self.tr("Violation {day}: {matter} {what} ({penalised})").format(
                day=v.found_on.isoformat(),
                matter=v.matter_code,
                what=v.description,
                penalised=penalised,
            )
            parts.append(f"<span style='color:#b71c1c'>{escape(line)}</span>")
        for visit in history.visits:
            line = self.tr("Visit {start} – {end}: {departments} ({status})").format(
                start=visit.window_start.isoformat(),
                end=visit.window_end.isoformat(),
                departments="、".join(visit.departments),
                status=status_label(visit.status),
            )
            parts.append(escape(line))
        return "<br>".join(parts)
