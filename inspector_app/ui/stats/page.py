"""The lead's statistics page: the figures of the review issue per team and period,
as charts and as a table holding the same numbers (issue 14, from issue 12 item 5).

The figures are ``services.lead_statistics``: counted on this laptop from what was
synced, for the teams the signed-in lead leads (the server's ``stats`` counts the
same way). The query runs off the GUI thread through the window's Operations; the
page follows the window's one ``data_changed`` signal (a sync, a review) while shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services import Profile, lead_statistics
from inspector_app.services.errors import ServiceError
from inspector_app.ui.actions import PageActions
from inspector_app.ui.i18n import error_text
from inspector_app.ui.operations import Operations
from inspector_app.ui.stats.charts import Chart, Series
from inspector_app.ui.stats.periods import PeriodKind, period_bounds

# Row keys of the table whose value is a share (shown as a percentage).
RATES = frozenset({"problem_rate", "items_reduction"})
# How long the page waits after a change of team or period before counting again.
DEBOUNCE_MS = 150


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class StatisticsPage(QWidget):
    """Team and period selectors, six charts and the table of every figure."""

    loaded = Signal()  # the figures of the current selection are shown (or why not)

    def __init__(
        self,
        profile: Profile,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statistics-page")
        self.profile = profile
        self.ops = ops
        self.today = today  # None: China's today, when counting
        self.figures: dict[str, Any] | None = None
        self._led: list[str] = []
        self._generation = 0
        self._stale = True
        self._labels = self._figure_labels()
        self._kinds = self._kind_labels()

        self.team = QComboBox(self)
        self.team.setObjectName("stats-team")
        self.team.addItem(self.tr("All my teams"), None)
        self.period = QComboBox(self)
        self.period.setObjectName("stats-period")
        for kind, label in (
            (PeriodKind.MONTH, self.tr("Month")),
            (PeriodKind.QUARTER, self.tr("Quarter")),
            (PeriodKind.YEAR, self.tr("Year")),
            (PeriodKind.RANGE, self.tr("From … to …")),
            (PeriodKind.ALL, self.tr("Everything synced")),
        ):
            self.period.addItem(label, kind.value)
        self.period.setCurrentIndex(self.period.findData(PeriodKind.YEAR.value))
        start = today or date.today()
        self.anchor = self._date_edit("stats-anchor", start)
        self.anchor.setToolTip(self.tr("The month, quarter or year that holds this day"))
        self.since = self._date_edit("stats-since", date(start.year, 1, 1))
        self.until = self._date_edit("stats-until", start)
        self.refresh_button = QPushButton(self.tr("&Count again"), self)
        self.refresh_button.setObjectName("stats-refresh")
        self.refresh_button.clicked.connect(self.reload)

        bar = QHBoxLayout()
        for text, editor in (
            (self.tr("&Team:"), self.team),
            (self.tr("&Period:"), self.period),
            (self.tr("Cont&aining:"), self.anchor),
            (self.tr("&From:"), self.since),
            (self.tr("T&o:"), self.until),
        ):
            label = QLabel(text, self)
            label.setBuddy(editor)
            bar.addWidget(label)
            bar.addWidget(editor)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("stats-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("stats-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()

        self.charts: dict[str, Chart] = {
            "visits_by_month": Chart(self.tr("Visits by month"), self),
            "rate_by_month": Chart(
                self.tr("Problem-discovery rate by month (%)"), self, percent=True
            ),
            "visits_by_team": Chart(self.tr("Visits by team"), self),
            "items_by_month": Chart(self.tr("Check items before and after merging"), self),
            "dispositions": Chart(self.tr("Dispositions by kind"), self),
            "documents": Chart(self.tr("Documents issued by kind"), self),
        }
        grid_holder = QWidget(self)
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, chart in enumerate(self.charts.values()):
            chart.setObjectName(f"stats-chart-{list(self.charts)[n]}")
            grid.addWidget(chart, n // 3, n % 3)

        self.table_model = QStandardItemModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("stats-table")
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Figures"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

        self.breakdown = QComboBox(self)
        self.breakdown.setObjectName("stats-breakdown")
        for value, text in (
            ("team_month", self.tr("Teams and months")),
            ("department", self.tr("Departments")),
            ("plan", self.tr("Plans")),
        ):
            self.breakdown.addItem(text, value)
        self.breakdown.currentIndexChanged.connect(self._breakdown_changed)
        breakdown_label = QLabel(self.tr("Colu&mns:"), self)
        breakdown_label.setBuddy(self.breakdown)
        copy_button = QPushButton(self.tr("Cop&y the table"), self)
        copy_button.setToolTip("Ctrl+Shift+C")
        copy_button.setObjectName("stats-copy")
        copy_button.clicked.connect(self.copy_table)
        table_bar = QHBoxLayout()
        table_bar.setContentsMargins(0, 0, 0, 0)
        table_bar.addWidget(breakdown_label)
        table_bar.addWidget(self.breakdown)
        table_bar.addStretch(1)
        table_bar.addWidget(copy_button)
        table_holder = QWidget(self)
        table_column = QVBoxLayout(table_holder)
        table_column.setContentsMargins(0, 0, 0, 0)
        table_column.addLayout(table_bar)
        table_column.addWidget(self.table)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(grid_holder)
        self.splitter.addWidget(table_holder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self.actions = self.declare_actions()
        self.addActions(self.actions.actions)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.team.currentIndexChanged.connect(self._changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        for edit in (self.anchor, self.since, self.until):
            edit.dateChanged.connect(self._changed)
        ops.data_changed.connect(self._data_changed)
        self._period_changed()

    # -- parts --------------------------------------------------------------------------

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def declare_actions(self) -> PageActions:
        a = PageActions(self.tr("&Statistics"), self)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        a.add("stats-count-again", self.tr("&Count again"), "F5", self.reload, context=within)
        a.add(
            "stats-copy-table",
            self.tr("Copy the &table"),
            "Ctrl+Shift+C",
            self.copy_table,
            context=within,
        )
        copy = a.add(
            "stats-copy-selection",
            self.tr("&Copy the selected figures"),
            QKeySequence.StandardKey.Copy,
            self.copy_selection,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.addAction(copy)
        return a

    def _figure_labels(self) -> dict[str, str]:
        return {
            "planned": self.tr("Visits planned"),
            "done": self.tr("Visits done"),
            "approved": self.tr("Approved"),
            "published": self.tr("Published (公示)"),
            "awaiting_review": self.tr("Awaiting review"),
            "with_problems": self.tr("Visits with a non-compliance"),
            "problem_rate": self.tr("Problem-discovery rate (问题发现率)"),
            "items_before": self.tr("Check items before merging"),
            "items_after": self.tr("Check items after merging"),
            "items_reduction": self.tr("Check items saved (减负率)"),
            "departmental_visits": self.tr("Departmental visits they stand for"),
            "joint_visits": self.tr("Joint visits made"),
            "visits_saved": self.tr("Visits saved by joint tasks"),
            "follow_ups_overdue": self.tr("Follow-up visits overdue"),
            "publication_overdue": self.tr("Publications overdue (20 working days)"),
        }

    def _kind_labels(self) -> dict[str, str]:
        return {
            "no_action": self.tr("No action"),
            "risk_reminder": self.tr("Risk reminder (行政提示)"),
            "order_to_correct": self.tr("Order to correct (责令改正)"),
            "no_penalty": self.tr("No penalty (不予处罚)"),
            "summary_penalty": self.tr("Penalty on the spot (当场处罚)"),
            "refer_case": self.tr("Referred for a case (立案)"),
            "onsite_record": self.tr("On-site record (现场笔录)"),
            "no_penalty_decision": self.tr("No-penalty decision (不予处罚决定书)"),
            "summary_penalty_decision": self.tr("On-the-spot penalty decision (当场处罚决定书)"),
            "credit_repair_notice": self.tr("Credit repair notice (信用修复告知书)"),
            "joint_result_notice": self.tr("Joint result notice (联合检查结果告知书)"),
            "proof_of_service": self.tr("Proof of service (送达回证)"),
        }

    def kind_label(self, kind: str, *, short: bool = False) -> str:
        """The name of a disposition's or document's kind; ``short``: without the Chinese
        term in brackets an English name carries (for a chart's narrow axis)."""
        label = self._kinds.get(kind, kind)
        return (re.sub(r"\s*\([^()]*\)$", "", label) or label) if short else label

    # -- the selection ------------------------------------------------------------------

    def selection(self) -> tuple[list[str] | None, date | None, date | None]:
        """(teams, since, until) as the selectors say; teams None: every led team."""
        team = self.team.currentData()
        kind = PeriodKind(self.period.currentData())
        since, until = period_bounds(
            kind,
            _pydate(self.anchor.date()),
            _pydate(self.since.date()),
            _pydate(self.until.date()),
        )
        return ([team] if team else None), since, until

    def set_period(self, kind: PeriodKind, anchor: date | None = None) -> None:
        if anchor is not None:
            self.anchor.setDate(_qdate(anchor))
        self.period.setCurrentIndex(self.period.findData(kind.value))

    def _period_changed(self, *_args: object) -> None:
        kind = PeriodKind(self.period.currentData())
        self.anchor.setEnabled(kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR))
        self.since.setEnabled(kind is PeriodKind.RANGE)
        self.until.setEnabled(kind is PeriodKind.RANGE)
        self._changed()

    def _changed(self, *_args: object) -> None:
        self._timer.start()

    def _data_changed(self, _changes: object) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    # -- counting -----------------------------------------------------------------------

    def reload(self) -> None:
        """Count the figures of the selection off the GUI thread, then show them."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        generation = self._generation
        teams, since, until = self.selection()
        profile, today = self.profile, self.today

        def count() -> tuple[object, None]:
            try:
                return lead_statistics(
                    profile, teams=teams, since=since, until=until, today=today
                ), None
            except ServiceError as exc:  # said on the page, not in a message box
                return exc, None

        self.ops.run(count, after=lambda result: self._counted(generation, result[0]))

    def _counted(self, generation: int, answer: object) -> None:
        if generation != self._generation:  # the selection changed meanwhile
            return
        if isinstance(answer, ServiceError):
            self.message.setText(error_text(answer))
            self.message.show()
            self.loaded.emit()
            return
        assert isinstance(answer, dict)
        self.message.hide()
        self.show_figures(answer)
        self.loaded.emit()

    def show_figures(self, figures: dict[str, Any]) -> None:
        self.figures = figures
        if not self.team.currentData():
            names = {t["team_id"]: t.get("name") for t in figures["by_team"]}
            self._remember_teams(list(figures["filter"]["teams"]), names)
        totals = figures["totals"]
        last = figures.get("last_sync")
        self.summary.setText(
            self.tr(
                "{done} of {planned} planned visits done, {published} published. Counted on "
                "this laptop on {as_of} from what was synced ({last})."
            ).format(
                done=totals["done"],
                planned=totals["planned"],
                published=totals["published"],
                as_of=figures["as_of"],
                last=self.tr("last sync {at}").format(at=str(last)[:16].replace("T", " "))
                if last
                else self.tr("never synced"),
            )
        )
        self._fill_table(figures)
        self._draw(figures)

    def _remember_teams(self, teams: list[str], names: dict[str, str | None]) -> None:
        if teams == self._led:
            return
        self._led = teams
        current = self.team.currentData()
        self.team.blockSignals(True)
        try:
            while self.team.count() > 1:
                self.team.removeItem(1)
            for team in teams:
                self.team.addItem(names.get(team) or team, team)
            index = self.team.findData(current) if current else 0
            self.team.setCurrentIndex(max(index, 0))
        finally:
            self.team.blockSignals(False)

    # -- the table ----------------------------------------------------------------------

    def columns(self, figures: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """(header, figures) of each column: the total, then as the breakdown says: each
        team and each month, each department, or each plan."""
        out = [(self.tr("Total"), figures["totals"])]
        breakdown = self.breakdown.currentData()
        if breakdown == "department":
            out += [(str(d["name"] or d["department_code"]), d) for d in figures["by_department"]]
        elif breakdown == "plan":
            out += [(str(p["name"] or p["plan_id"] or self.tr("no plan")), p)
                    for p in figures["by_plan"]]  # fmt: skip
        else:
            out += [(self.team_label(t), t) for t in figures["by_team"]]
            out += [(str(m["month"]), m) for m in figures["by_month"]]
        return out

    def team_label(self, team: dict[str, Any]) -> str:
        """A team by its name (the server's roster), else its id."""
        return str(team.get("name") or team["team_id"] or self.tr("no team"))

    def _breakdown_changed(self, *_args: object) -> None:
        if self.figures is not None:  # the same figures, other columns: nothing to count
            self._fill_table(self.figures)

    def rows(
        self, figures: dict[str, Any]
    ) -> list[tuple[str, str, Callable[[dict[str, Any]], Any]]]:
        """(key, label, value of a column's figures) of each row."""
        out: list[tuple[str, str, Callable[[dict[str, Any]], Any]]] = [
            (key, label, lambda f, key=key: f.get(key)) for key, label in self._labels.items()
        ]
        for bucket, title in (
            ("dispositions", self.tr("Dispositions: {kind}")),
            ("documents", self.tr("Documents issued: {kind}")),
        ):
            for kind in figures["totals"][bucket]:
                out.append(
                    (
                        f"{bucket}.{kind}",
                        title.format(kind=self.kind_label(kind)),
                        lambda f, b=bucket, k=kind: f[b].get(k, 0),
                    )
                )
        return out

    @staticmethod
    def shown(key: str, value: Any) -> str:
        if value is None:
            return "—"
        if key in RATES:
            return f"{value * 100:.1f}%"
        return str(value)

    def _fill_table(self, figures: dict[str, Any]) -> None:
        model = self.table_model
        model.clear()
        columns = self.columns(figures)
        rows = self.rows(figures)
        model.setHorizontalHeaderLabels([header for header, _ in columns])
        model.setVerticalHeaderLabels([label for _, label, _ in rows])
        for r, (key, _label, value_of) in enumerate(rows):
            for c, (_header, column) in enumerate(columns):
                value = value_of(column)
                item = QStandardItem(self.shown(key, value))
                item.setData(value, Qt.ItemDataRole.UserRole)
                item.setData(key, Qt.ItemDataRole.UserRole + 1)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                model.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def value(self, key: str, column: str) -> str:
        """The text the table shows for row ``key`` in the column headed ``column``."""
        model = self.table_model
        for c in range(model.columnCount()):
            if model.headerData(c, Qt.Orientation.Horizontal) != column:
                continue
            for r in range(model.rowCount()):
                item = model.item(r, c)
                if item is not None and item.data(Qt.ItemDataRole.UserRole + 1) == key:
                    return item.text()
        raise KeyError((key, column))

    def table_text(self, only_selected: bool = False) -> str:
        """The table as tab-separated lines with its headers (a spreadsheet pastes it)."""
        model = self.table_model
        rows = range(model.rowCount())
        cols = range(model.columnCount())
        if only_selected:
            picked = self.table.selectionModel().selectedIndexes()
            if picked:
                rows = sorted({i.row() for i in picked})  # type: ignore[assignment]
                cols = sorted({i.column() for i in picked})  # type: ignore[assignment]
        lines = [
            "\t".join([""] + [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in cols])
        ]
        for r in rows:
            cells = [str(model.headerData(r, Qt.Orientation.Vertical))]
            cells += [model.item(r, c).text() if model.item(r, c) else "" for c in cols]
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def copy_table(self) -> None:
        QGuiApplication.clipboard().setText(self.table_text())

    def copy_selection(self) -> None:
        QGuiApplication.clipboard().setText(self.table_text(only_selected=True))

    # -- the charts ---------------------------------------------------------------------

    def _draw(self, figures: dict[str, Any]) -> None:
        months = [m for m in figures["by_month"] if m["month"] != "unknown"]
        names = [str(m["month"]) for m in months]
        planned, done = self.tr("Planned"), self.tr("Done")
        self.charts["visits_by_month"].set_bars(
            names,
            [
                Series(planned, tuple(m["planned"] for m in months)),
                Series(done, tuple(m["done"] for m in months)),
                Series(self.tr("Published"), tuple(m["published"] for m in months)),
            ],
        )
        self.charts["rate_by_month"].set_line(
            names,
            [
                Series(
                    self.tr("Problem-discovery rate"),
                    tuple(round((m["problem_rate"] or 0) * 100, 1) for m in months),
                )
            ],
        )
        teams = figures["by_team"]
        self.charts["visits_by_team"].set_bars(
            [self.team_label(t) for t in teams],
            [
                Series(planned, tuple(t["planned"] for t in teams)),
                Series(done, tuple(t["done"] for t in teams)),
                Series(self.tr("With a non-compliance"), tuple(t["with_problems"] for t in teams)),
            ],
        )
        self.charts["items_by_month"].set_bars(
            names,
            [
                Series(self.tr("Before merging"), tuple(m["items_before"] for m in months)),
                Series(self.tr("After merging"), tuple(m["items_after"] for m in months)),
            ],
        )
        for bucket in ("dispositions", "documents"):
            kinds = figures["totals"][bucket]
            self.charts[bucket].set_hbars(
                [self.kind_label(k, short=True) for k in kinds],
                Series(self.tr("Number"), tuple(kinds.values())),
            )


__all__ = ["StatisticsPage"]
