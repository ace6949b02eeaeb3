"""The main window under pytest-qt: the demo tasks are listed and the checklist shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from inspector_app.services import open_profile
from inspector_app.services.demo import demo_tasks, load_demo
from inspector_app.ui.i18n import install_translator
from inspector_app.ui.main_window import MainWindow


@pytest.fixture
def demo_profile(tmp_path: Path):
    with open_profile(tmp_path / "profile") as profile:
        load_demo(profile)
        yield profile


def test_lists_demo_tasks_and_shows_merged_checklist(qtbot, demo_profile) -> None:
    window = MainWindow(demo_profile)
    qtbot.addWidget(window)
    tasks = demo_tasks()
    assert window.model.rowCount() == len(tasks)

    window.table.selectRow(0)
    task_id = window.current_task_id()
    task = next(t for t in tasks if t.id == task_id)
    tree = window.detail.checklist
    assert tree.topLevelItemCount() == len(task.checklist)
    first = task.checklist[0]
    assert tree.topLevelItem(0).text(0).startswith(first.code)
    assert tree.topLevelItem(0).childCount() == len(first.sources)
    assert task.business.name in window.detail.header.text()


def test_search_filters_by_uscc_typed_and_by_name(qtbot, demo_profile) -> None:
    window = MainWindow(demo_profile)
    qtbot.addWidget(window)
    task = demo_tasks()[1]
    # QTest types ASCII only; a USCC is what inspectors often type anyway.
    qtbot.keyClicks(window.search, task.business.uscc.lower())
    assert window.proxy.rowCount() == 1
    assert window.proxy.data(window.proxy.index(0, 0)) == task.business.name
    window.search.clear()
    assert window.proxy.rowCount() == len(demo_tasks())
    window.search.setText(task.business.name)
    assert window.proxy.rowCount() == 1


def test_user_text_is_escaped_in_the_header(qtbot, tmp_path: Path) -> None:
    from dataclasses import replace

    from inspector_app.services import get_task, import_tasks

    task = demo_tasks()[0]
    hostile = replace(task.business, name="<b>Evil</b> & <font color=red>x</font>")
    with open_profile(tmp_path / "p") as profile:
        import_tasks(profile, [replace(task, business=hostile)])
        window = MainWindow(profile)
        qtbot.addWidget(window)
        window.select_task(task.id)
        assert get_task(profile, task.id).business.name == hostile.name
        assert "&lt;b&gt;Evil&lt;/b&gt; &amp; &lt;font" in window.detail.header.text()


def test_chinese_translation_is_applied(qtbot, demo_profile) -> None:
    from PySide6.QtWidgets import QApplication

    translator = install_translator(QApplication.instance(), "zh_CN")
    try:
        window = MainWindow(demo_profile)
        qtbot.addWidget(window)
        assert window.windowTitle() == "现场检查"
        header = window.model.headerData(0, Qt.Orientation.Horizontal)
        assert header == "经营主体"
    finally:
        QApplication.instance().removeTranslator(translator)


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
        assert window.warn_if_audit_trail_damaged()
    assert len(shown) == 1 and "event 1" in shown[0] and "Nothing was deleted" in shown[0]
