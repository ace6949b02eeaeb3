"""The page's table: every figure of the selection, one row a figure and one column
the total, then each team and month, department or plan (the breakdown chooser); it
copies as tab-separated text a spreadsheet pastes.

A mixin of :class:`~inspector_app.ui.stats.page.StatisticsPage`. Its strings are
translated in the page's context, ``StatisticsPage``, the class Qt sees at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from inspector_app.ui.stats.page import StatisticsPage

# Row keys of the table whose value is a share (shown as a percentage).
RATES = frozenset({"problem_rate", "items_reduction"})


class StatisticsTable:
    def _build_table(self: StatisticsPage) -> QWidget:
        """The breakdown chooser and the copy button above the table."""
        self.table_model = QStandardItemModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("stats-table")
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(QCoreApplication.translate("StatisticsPage", "Figures"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

        self.breakdown = QComboBox(self)
        self.breakdown.setObjectName("stats-breakdown")
        for value, text in (
            ("team_month", QCoreApplication.translate("StatisticsPage", "Teams and months")),
            ("department", QCoreApplication.translate("StatisticsPage", "Departments")),
            ("plan", QCoreApplication.translate("StatisticsPage", "Plans")),
        ):
            self.breakdown.addItem(text, value)
        self.breakdown.currentIndexChanged.connect(self._breakdown_changed)
        breakdown_label = QLabel(QCoreApplication.translate("StatisticsPage", "Colu&mns:"), self)
        breakdown_label.setBuddy(self.breakdown)
        copy_button = QPushButton(
            QCoreApplication.translate("StatisticsPage", "Cop&y the table"), self
        )
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
        return table_holder

    def columns(self: StatisticsPage, figures: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """(header, figures) of each column: the total, then as the breakdown says: each
        team and each month, each department, or each plan."""
        out = [(QCoreApplication.translate("StatisticsPage", "Total"), figures["totals"])]
        breakdown = self.breakdown.currentData()
        if breakdown == "department":
            out += [(str(d["name"] or d["department_code"]), d) for d in figures["by_department"]]
        elif breakdown == "plan":
            no_plan = QCoreApplication.translate("StatisticsPage", "no plan")
            out += [(str(p["name"] or p["plan_id"] or no_plan), p) for p in figures["by_plan"]]
        else:
            out += [(self.team_label(t), t) for t in figures["by_team"]]
            out += [(str(m["month"]), m) for m in figures["by_month"]]
        return out

    def _breakdown_changed(self: StatisticsPage, *_args: object) -> None:
        if self.figures is not None:  # the same figures, other columns: nothing to count
            self._fill_table(self.figures)

    def rows(
        self: StatisticsPage, figures: dict[str, Any]
    ) -> list[tuple[str, str, Callable[[dict[str, Any]], Any]]]:
        """(key, label, value of a column's figures) of each row."""
        out: list[tuple[str, str, Callable[[dict[str, Any]], Any]]] = [
            (key, label, lambda f, key=key: f.get(key)) for key, label in self._labels.items()
        ]
        for bucket, title in (
            ("dispositions", QCoreApplication.translate("StatisticsPage", "Dispositions: {kind}")),
            ("documents", QCoreApplication.translate("StatisticsPage", "Documents issued: {kind}")),
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

    def _fill_table(self: StatisticsPage, figures: dict[str, Any]) -> None:
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

    def value(self: StatisticsPage, key: str, column: str) -> str:
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

    def table_text(self: StatisticsPage, only_selected: bool = False) -> str:
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

    def copy_table(self: StatisticsPage) -> None:
        QGuiApplication.clipboard().setText(self.table_text())

    def copy_selection(self: StatisticsPage) -> None:
        QGuiApplication.clipboard().setText(self.table_text(only_selected=True))
