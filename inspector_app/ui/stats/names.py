"""The names the page gives the figures: each row of the table, each kind of
disposition and document (with the Chinese term an English name carries), each team.

A mixin of :class:`~inspector_app.ui.stats.page.StatisticsPage`. Its strings are
translated in the page's context, ``StatisticsPage``, the class Qt sees at run time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from inspector_app.ui.stats.page import StatisticsPage


class StatisticsNames:
    def _figure_labels(self: StatisticsPage) -> dict[str, str]:
        return {
            "planned": QCoreApplication.translate("StatisticsPage", "Visits planned"),
            "done": QCoreApplication.translate("StatisticsPage", "Visits done"),
            "approved": QCoreApplication.translate("StatisticsPage", "Approved"),
            "published": QCoreApplication.translate("StatisticsPage", "Published (公示)"),
            "awaiting_review": QCoreApplication.translate("StatisticsPage", "Awaiting review"),
            "with_problems": QCoreApplication.translate(
                "StatisticsPage", "Visits with a non-compliance"
            ),
            "problem_rate": QCoreApplication.translate(
                "StatisticsPage", "Problem-discovery rate (问题发现率)"
            ),
            "items_before": QCoreApplication.translate(
                "StatisticsPage", "Check items before merging"
            ),
            "items_after": QCoreApplication.translate(
                "StatisticsPage", "Check items after merging"
            ),
            "items_reduction": QCoreApplication.translate(
                "StatisticsPage", "Check items saved (减负率)"
            ),
            "departmental_visits": QCoreApplication.translate(
                "StatisticsPage", "Departmental visits they stand for"
            ),
            "joint_visits": QCoreApplication.translate("StatisticsPage", "Joint visits made"),
            "visits_saved": QCoreApplication.translate(
                "StatisticsPage", "Visits saved by joint tasks"
            ),
            "follow_ups_overdue": QCoreApplication.translate(
                "StatisticsPage", "Follow-up visits overdue"
            ),
            "publication_overdue": QCoreApplication.translate(
                "StatisticsPage", "Publications overdue (20 working days)"
            ),
        }

    def _kind_labels(self: StatisticsPage) -> dict[str, str]:
        return {
            "no_action": QCoreApplication.translate("StatisticsPage", "No action"),
            "risk_reminder": QCoreApplication.translate(
                "StatisticsPage", "Risk reminder (行政提示)"
            ),
            "order_to_correct": QCoreApplication.translate(
                "StatisticsPage", "Order to correct (责令改正)"
            ),
            "no_penalty": QCoreApplication.translate("StatisticsPage", "No penalty (不予处罚)"),
            "summary_penalty": QCoreApplication.translate(
                "StatisticsPage", "Penalty on the spot (当场处罚)"
            ),
            "refer_case": QCoreApplication.translate(
                "StatisticsPage", "Referred for a case (立案)"
            ),
            "onsite_record": QCoreApplication.translate(
                "StatisticsPage", "On-site record (现场笔录)"
            ),
            "no_penalty_decision": QCoreApplication.translate(
                "StatisticsPage", "No-penalty decision (不予处罚决定书)"
            ),
            "summary_penalty_decision": QCoreApplication.translate(
                "StatisticsPage", "On-the-spot penalty decision (当场处罚决定书)"
            ),
            "credit_repair_notice": QCoreApplication.translate(
                "StatisticsPage", "Credit repair notice (信用修复告知书)"
            ),
            "joint_result_notice": QCoreApplication.translate(
                "StatisticsPage", "Joint result notice (联合检查结果告知书)"
            ),
            "proof_of_service": QCoreApplication.translate(
                "StatisticsPage", "Proof of service (送达回证)"
            ),
        }

    def kind_label(self: StatisticsPage, kind: str, *, short: bool = False) -> str:
        """The name of a disposition's or document's kind; ``short``: without the Chinese
        term in brackets an English name carries (for a chart's narrow axis)."""
        label = self._kinds.get(kind, kind)
        return (re.sub(r"\s*\([^()]*\)$", "", label) or label) if short else label

    def team_label(self: StatisticsPage, team: dict[str, Any]) -> str:
        """A team by its name (the server's roster), else its id."""
        return str(
            team.get("name")
            or team["team_id"]
            or QCoreApplication.translate("StatisticsPage", "no team")
        )
