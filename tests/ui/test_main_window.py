"""The main window under pytest-qt: task list views, counts, filters, search, the task page."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector_app.domain.entities import CreditClass, Outcome, TaskStatus
from inspector_app.services import (
    get_task,
    import_tasks,
    open_profile,
    record_item_result,
    start_inspection,
)
from inspector_app.services.demo import demo_tasks, load_demo
from inspector_app.services.task_views import TaskView
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.tasks.model import TaskTableModel

AT = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def demo_profile(tmp_path: Path):
    with open_profile(tmp_path / "profile") as profile:
        load_demo(profile)
        yield profile


def _window(qtbot, profile) -> MainWindow:
    window = MainWindow(profile)
    qtbot.addWidget(window)
    # The task page fills once its services have loaded in the background.
    qtbot.waitUntil(lambda: window.visit.task is not None or window.model.rowCount() == 0)
    return window


def _names(window: MainWindow) -> set[str]:
    model = window.model
    return {model.task_at(r).business_name for r in range(model.rowCount())}


def test_lists_demo_tasks_and_shows_the_grouped_checklist(qtbot, demo_profile) -> None:
    window = _window(qtbot, demo_profile)
    tasks = demo_tasks()
    window.tasks.set_view(TaskView.ALL)
    assert window.model.rowCount() == len(tasks)

    window.tasks.table.selectRow(0)
    task_id = window.current_task_id()
    task = next(t for t in tasks if t.id == task_id)
    page = window.visit
    assert page.task is not None and page.task.id == task_id
    tree = page.checklist
    assert tree.item_order() and set(tree.item_order()) == {i.id for i in task.checklist}
    lead = next(d for d in task.departments if d.code == task.lead_department_code)
    top = tree.model_.item(0, 0).text()
    assert top.startswith(lead.name)  # the lead department's items come first
    assert task.business.name in page.card.header.text()
    assert task.business.uscc in page.card.header.text()


def test_views_count_their_tasks_and_switching_shows_them(qtbot, demo_profile) -> None:
    tasks = demo_tasks()
    start_inspection(demo_profile, tasks[0].id, at=AT)
    window = _window(qtbot, demo_profile)
    # The demo's windows all opened in November 2026: every unstarted task is due.
    today = date.today()
    due = [t for t in tasks if t.window_start <= today]
    upcoming = [t for t in tasks if t.window_start > today and t.id != tasks[0].id]
    counts = window.tasks.counts
    assert counts[TaskView.TODAY] == len(due) + (0 if tasks[0] in due else 1)
    assert counts[TaskView.UPCOMING] == len(upcoming)
    assert counts[TaskView.FOLLOW_UPS] == 0
    assert counts[TaskView.DONE] == 0 and counts[TaskView.ALL] == len(tasks)
    assert window.tasks.views.item(0).text().endswith(f"({counts[TaskView.TODAY]})")

    window.tasks.actions.by_name("view-upcoming").trigger()
    assert window.model.rowCount() == len(upcoming)
    window.tasks.actions.by_name("view-follow_ups").trigger()
    assert window.model.rowCount() == 0 and not window.tasks.empty.isHidden()
    assert "follow-up" in window.tasks.empty.text()
    window.tasks.actions.by_name("view-all").trigger()
    assert window.model.rowCount() == len(tasks)


def test_the_status_bar_says_how_many_tasks_are_shown(qtbot, demo_profile) -> None:
    n = len(demo_tasks())
    window = _window(qtbot, demo_profile)
    window.tasks.set_view(TaskView.ALL)
    assert window.statusBar().currentMessage().startswith(f"{n} of {n} tasks shown")
    qtbot.keyClicks(window.tasks.search, demo_tasks()[1].business.uscc.lower())
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.statusBar().currentMessage().startswith(f"1 of {n} tasks shown")


def test_search_as_you_type_by_uscc_and_name(qtbot, demo_profile) -> None:
    window = _window(qtbot, demo_profile)
    window.tasks.set_view(TaskView.ALL)
    task = demo_tasks()[1]
    # QTest types ASCII only; a USCC is what inspectors often type anyway.
    qtbot.keyClicks(window.tasks.search, task.business.uscc.lower())
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.task_at(0).business_name == task.business.name
    window.tasks.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_tasks()))
    words = task.business.name[3:7]
    window.tasks.search.setText(words)
    qtbot.waitUntil(lambda: all(words in n for n in _names(window)))
    assert task.business.name in _names(window)


def test_filters_by_department_credit_class_and_status(qtbot, demo_profile) -> None:
    tasks = demo_tasks()
    window = _window(qtbot, demo_profile)
    window.tasks.set_view(TaskView.ALL)
    page = window.tasks

    page.department.setCurrentIndex(page.department.findData("WJ"))
    qtbot.waitUntil(
        lambda: (
            window.model.rowCount()
            == sum(1 for t in tasks if any(d.code == "WJ" for d in t.departments))
        )
    )
    page.clear_filters()
    d_class = {t.business.name for t in tasks if t.business.credit_class is CreditClass.D}
    page.credit.setCurrentIndex(page.credit.findData("D"))
    qtbot.waitUntil(lambda: _names(window) == d_class)
    page.actions.by_name("clear-filters").trigger()
    assert window.model.rowCount() == len(tasks)

    start_inspection(demo_profile, tasks[2].id, at=AT)
    window.data_changed.emit(window_changes(tasks[2].id))
    page.status.setCurrentIndex(page.status.findData(TaskStatus.IN_PROGRESS.value))
    qtbot.waitUntil(lambda: _names(window) == {tasks[2].business.name})


def window_changes(task_id: str):
    from inspector_app.services import Changes

    return Changes(tasks=frozenset({task_id}), inspections=frozenset({task_id}))


def test_credit_colour_and_positive_list_badge(qtbot, tmp_path: Path) -> None:
    base = demo_tasks()[0]
    listed = replace(
        base,
        id="listed",
        business=replace(base.business, credit_class=CreditClass.A, positive_list=True),
    )
    risky = replace(
        base,
        id="risky",
        business=replace(base.business, name="高风险企业", credit_class=CreditClass.D),
    )
    with open_profile(tmp_path / "p") as profile:
        load_demo(profile)
        import_tasks(profile, [listed, risky])
        window = _window(qtbot, profile)
        window.tasks.set_view(TaskView.ALL)
        model = window.model
        for task_id, colour in (("listed", "#2e7d32"), ("risky", "#c62828")):
            row = model.row_of(task_id)
            assert row is not None
            cell = model.index(row, TaskTableModel.CREDIT)
            assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == colour
        name = model.index(model.row_of("listed"), TaskTableModel.NAME)
        assert name.data(Qt.ItemDataRole.DecorationRole) is not None
        assert "无事不扰" in name.data(Qt.ItemDataRole.ToolTipRole)
        plain = model.index(model.row_of("risky"), TaskTableModel.NAME)
        assert plain.data(Qt.ItemDataRole.DecorationRole) is None
        window.select_task("listed")
        assert "无事不扰" in window.visit.card.header.text()


def test_a_save_updates_one_row_and_resets_nothing(qtbot, demo_profile) -> None:
    task = demo_tasks()[0]
    start_inspection(demo_profile, task.id, at=AT)
    window = _window(qtbot, demo_profile)
    window.tasks.set_view(TaskView.ALL)
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    changes = record_item_result(
        demo_profile, task.id, task.checklist[0].id, outcome=Outcome.COMPLIANT
    )
    window.data_changed.emit(changes)
    row = window.model.row_of(task.id)
    assert resets == [] and changed == [(row, row)]
    progress = window.model.index(row, TaskTableModel.PROGRESS).data()
    assert progress == f"1/{len(task.checklist)}"


def test_tab_leaves_the_task_table(qtbot, demo_profile) -> None:
    window = _window(qtbot, demo_profile)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tasks.focus_table()
    assert QApplication.focusWidget() is window.tasks.table
    qtbot.keyClick(window.tasks.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.tasks.table


def test_user_text_is_escaped_on_the_card(qtbot, tmp_path: Path) -> None:
    task = demo_tasks()[0]
    hostile = replace(task.business, name="<b>Evil</b> & <font color=red>x</font>")
    with open_profile(tmp_path / "p") as profile:
        import_tasks(profile, [replace(task, business=hostile)])
        window = _window(qtbot, profile)
        window.select_task(task.id)
        assert get_task(profile, task.id).business.name == hostile.name
        assert "&lt;b&gt;Evil&lt;/b&gt; &amp; &lt;font" in window.visit.card.header.text()


def test_history_and_recusal_are_shown_before_check_in(qtbot, tmp_path: Path) -> None:
    task = next(t for t in demo_tasks() if t.history)
    with open_profile(tmp_path / "p") as profile:
        load_demo(profile)
        assert profile.user is not None
        import_tasks(
            profile, [replace(task, rev=task.rev + 1, related={profile.user.id: "近亲属任职"})]
        )
        window = _window(qtbot, profile)
        window.tasks.set_view(TaskView.ALL)
        window.select_task(task.id)
        history = window.visit.card.history.text()
        recent = [h for h in task.history if (date.today() - h.found_on).days <= 731]
        for h in recent:
            assert h.matter_code in history
        assert window.visit.card.recusal.isVisibleTo(window)
        assert "近亲属任职" in window.visit.card.recusal.text()


def test_every_action_is_in_the_shortcut_list(qtbot, demo_profile) -> None:
    from inspector_app.ui.actions import shortcut_rows

    window = _window(qtbot, demo_profile)
    rows = shortcut_rows(window.pages)
    names = [a.objectName() for p in window.pages for a in p.actions]
    assert len(rows) == len(names) and len(set(names)) == len(names)
    keys = [k for _m, _a, k in rows if k]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    for wanted in ("Ctrl+K", "Ctrl+Shift+L", "Alt+1", "Ctrl+F", "F9", "Ctrl+Shift+F9"):
        assert wanted in keys
    # Every action with a shortcut is reachable from the window, menu open or not.
    assert set(window.actions()) >= {a for p in window.pages for a in p.actions}


def test_chinese_translation_is_applied(qtbot, demo_profile) -> None:
    translator = install_translator(QApplication.instance(), "zh_CN")
    try:
        window = _window(qtbot, demo_profile)
        assert window.windowTitle() == "现场检查"
        header = window.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "经营主体"
        assert window.tasks.views.item(0).text().startswith("今天")
    finally:
        QApplication.instance().removeTranslator(translator)


def test_window_state_and_view_are_remembered(qtbot, demo_profile) -> None:
    window = _window(qtbot, demo_profile)
    window.tasks.set_view(TaskView.ALL)
    target = demo_tasks()[3].id
    window.select_task(target)
    window.close()

    again = _window(qtbot, demo_profile)
    assert again.tasks.view is TaskView.ALL
    assert again.current_task_id() == target
    assert again.visit.task is not None and again.visit.task.id == target


def test_a_damaged_audit_trail_is_shown_when_the_window_opens(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import text

    with open_profile(tmp_path / "p") as profile:
        load_demo(profile)
        with profile.db.action(actor="u", device_id=profile.device_id) as act:
            act.audit("note", "task", "t", {"k": 1})
            act.audit("note", "task", "t", {"k": 2})
        with profile.db.write() as s:
            s.execute(text("UPDATE audit_events SET payload = '{\"k\": 9}' WHERE seq = 1"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text_, *a: shown.append(text_))
    with open_profile(tmp_path / "p") as profile:
        window = MainWindow(profile)
        qtbot.addWidget(window)
        # As the session does once the window is up. The profile opened the quick way:
        # the trail is checked when the warm-up opens the database, and the warning
        # comes then, once.
        window.warn_if_audit_trail_damaged()
        qtbot.waitUntil(lambda: window._warm.done and bool(shown))
        assert window.warn_if_audit_trail_damaged()  # asked again: said again
        window.close()
    assert len(shown) == 2 and "event 1" in shown[0] and "Nothing was deleted" in shown[0]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_window_fits_a_1366_pixel_screen_with_filters_and_columns_whole(
    qtbot, demo_profile, lang
) -> None:
    """Each filter shows its "All ..." entry whole (and the credit and status filters their
    longest entry), each fixed column its header with the sort arrow and its usual cell,
    and still the window is no wider than a 1366-pixel laptop screen."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    translator = install_translator(QApplication.instance(), lang) if lang != "en" else None
    try:
        window = _window(qtbot, demo_profile)
        assert window.minimumSizeHint().width() <= 1366
        window.resize(1366, 740)
        window.show()
        qtbot.waitExposed(window)
        page = window.tasks
        for combo in (page.department, page.area, page.credit, page.status):
            option = QStyleOptionComboBox()
            combo.initStyleOption(option)
            field = combo.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                combo,
            )
            whole = range(combo.count()) if combo in (page.credit, page.status) else [0]
            fm = combo.fontMetrics()
            for n in whole:
                assert fm.horizontalAdvance(combo.itemText(n)) <= field.width(), combo.itemText(n)
            assert isinstance(combo, QComboBox)
        header = page.table.horizontalHeader()
        fm = page.table.fontMetrics()
        m = TaskTableModel
        usual = {m.CREDIT: "D", m.STATUS: "In progress", m.PROGRESS: "23/23"}
        usual |= {m.WINDOW: "11-09–12-04", m.DEPARTMENTS: "4"}
        for column, sample in usual.items():
            sample = _tr_model(sample) if column == m.STATUS else sample
            width = header.sectionSize(column)
            assert width >= header.sectionSizeFromContents(column).width(), column
            assert width > fm.horizontalAdvance(sample), column
    finally:
        if translator is not None:
            QApplication.instance().removeTranslator(translator)


def _tr_model(text: str) -> str:
    return QApplication.translate("TaskTableModel", text)


def test_toolbar_buttons_show_no_mnemonic_and_menus_keep_it(qtbot, demo_profile) -> None:
    from PySide6.QtWidgets import QToolButton

    translator = install_translator(QApplication.instance(), "zh_CN")
    try:
        window = _window(qtbot, demo_profile)
        toolbars = [window.toolbar, window.visit.documents.toolbar]
        buttons = [b for bar in toolbars for b in bar.findChildren(QToolButton) if b.text()]
        assert len(buttons) >= 6
        for button in buttons:
            assert "(" not in button.text() and "&" not in button.text(), button.text()
        submit = next(a for a in window.toolbar.actions() if a.objectName() == "submit")
        assert submit.text() == "提交审核(&B)" and submit.iconText() == "提交审核"
    finally:
        QApplication.instance().removeTranslator(translator)
