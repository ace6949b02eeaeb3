"""The compliance self-check sheet: the business, every item by department, the legal basis
cited and quoted, no document number, and a footer saying it is not an enforcement document."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspector_app.domain.checklist_groups import group_checklist
from inspector_app.services import InvalidState, NotFound, Profile, import_tasks, open_profile
from inspector_app.services.demo import demo_tasks, load_demo
from inspector_app.services.self_check import self_check_sheet

DAY = date(2026, 12, 3)


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Profile]:
    with open_profile(tmp_path_factory.mktemp("selfcheck") / "profile") as p:
        load_demo(p)
        yield p


@pytest.fixture(scope="module")
def task():
    return max(demo_tasks(), key=lambda t: len(t.checklist))


def test_the_sheet_holds_the_business_every_item_and_its_basis(demo, task, tmp_path) -> None:
    sheet = self_check_sheet(demo, task.id, today=DAY)
    assert sheet.pdf.startswith(b"%PDF")
    assert sheet.items == len(task.checklist)
    text = flat(pdftotext(sheet.pdf, tmp_path))
    b = task.business
    for value in ("合规体检自查表", b.name, b.uscc, flat(b.address), b.legal_rep):
        assert value in text
    for dept in group_checklist(task):
        assert dept.department_name in text
    for item in task.checklist:
        assert flat(item.title) in text
        for cited in item.legal_basis:
            assert flat(cited) in text, cited
    # A provision whose law is on the laptop is quoted, not only cited.
    assert "检查结果对消费者有重要影响的" in text  # 食品检查办法第三十九条第二款
    # Not an enforcement document: no number, and the footer says so with agency and date.
    assert re.search(r"〔\d{4}〕\d+号", text) is None
    assert "本表仅供自查，不是执法文书" in text
    assert "深圳市市场监督管理局福田监管局2026年12月3日" in text
    assert "第1页共" in text


def test_the_sheet_is_the_same_for_the_same_day(demo, task) -> None:
    one = self_check_sheet(demo, task.id, today=DAY).pdf
    assert self_check_sheet(demo, task.id, today=DAY).pdf == one


def test_text_that_looks_like_markup_is_printed_as_it_is(demo, task, tmp_path) -> None:
    item = replace(task.checklist[0], id="x-1", title="<b>冷藏</b> & 冷冻", content="温度≤8℃ <i>")
    odd = replace(task, id="t-odd", checklist=(item,))
    import_tasks(demo, [odd])
    text = pdftotext(self_check_sheet(demo, "t-odd", today=DAY).pdf, tmp_path)
    assert "<b>冷藏</b> & 冷冻" in text
    assert "温度≤8℃ <i>" in text


def test_a_task_without_items_or_unknown_is_refused(demo, task) -> None:
    import_tasks(demo, [replace(task, id="t-empty", checklist=())])
    with pytest.raises(InvalidState) as caught:
        self_check_sheet(demo, "t-empty")
    assert caught.value.key == "self_check.no_items"
    assert "自查表" in caught.value.text("zh")
    with pytest.raises(NotFound):
        self_check_sheet(demo, "no-such-task")


def test_the_file_name_is_safe(demo, task) -> None:
    sheet = self_check_sheet(demo, task.id, today=DAY)
    assert sheet.filename == f"合规体检自查表-{task.business.name}.pdf"
    assert "/" not in replace(sheet, business_name="a/b c").filename.removeprefix("合规")


def test_the_headless_command_writes_the_sheet(tmp_path, capsys) -> None:
    from inspector_app.cli import main

    folder = tmp_path / "demo"
    assert main(["--demo", "--profile", str(folder), "--lang", "en", "tasks"]) == 0
    task = demo_tasks()[0]
    out = tmp_path / "sheet.pdf"
    argv = ["--profile", str(folder), "--lang", "en", "self-check", task.id]
    assert main([*argv, "--out", str(out), "--date", "2026-12-03"]) == 0
    assert f"written to {out}" in capsys.readouterr().out
    text = flat(pdftotext(out.read_bytes(), tmp_path))
    assert task.business.name in text and "2026年12月3日" in text
    assert main(["--profile", str(folder), "--lang", "zh_CN", "self-check", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
