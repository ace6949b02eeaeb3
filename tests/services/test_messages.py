"""Service errors and sync words reach the user in Chinese or English (services/messages.py).

Every message of the catalog has both languages with the same placeholders; a raise of
a service error with free text in ``inspector_app/services`` is an untranslated string
and fails here; old-style free text still works where it is raised.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from inspector_app.domain.entities import JointTask, TaskStatus
from inspector_app.services import InvalidState, Profile, ServiceError, start_inspection
from inspector_app.services.messages import Text, load_all, placeholders, system_language
from inspector_app.services.sync_text import PHASE_TEXTS, phase_text, reason_text, report_lines
from inspector_app.sync.report import PHASES, RejectedItem, SyncReport

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "inspector_app" / "services"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    catalog = load_all()
    assert len(catalog) > 60
    problems = []
    for key, text in catalog.items():
        if not text.en.strip() or not text.zh.strip():
            problems.append(f"{key}: a language is empty")
        if placeholders(text.en) != placeholders(text.zh):
            problems.append(f"{key}: {placeholders(text.en)} != {placeholders(text.zh)}")
        words = re.sub(r"\{[^}]*\}", "", text.en)
        # A wording with letters in it must be said in Chinese, not copied.
        if re.search(r"[A-Za-z]{3}", words) and not CJK.search(text.zh):
            problems.append(f"{key}: the Chinese is not Chinese: {text.zh!r}")
    assert problems == []


def test_a_status_reads_as_chinese_in_every_message_that_names_one() -> None:
    """The statuses' Chinese labels carry their own 已 (已完成, 已提交审核): a message
    must not put another before them ("检查已已完成" was shown once)."""
    doubled = []
    for key, text in load_all().items():
        if "status" not in placeholders(text.zh):
            continue
        others = {name: "某" for name in placeholders(text.zh) if name != "status"}
        for status in TaskStatus:
            said = text.render("zh_CN", status=status, **others)
            if "已已" in said:
                doubled.append(f"{key}: {said}")
    assert doubled == []


def _service_error_names() -> set[str]:
    load_all()

    def walk(cls: type) -> set[str]:
        return {cls.__name__} | {n for sub in cls.__subclasses__() for n in walk(sub)}

    return walk(ServiceError)


def _free_text_raises(path: Path, errors: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in errors:
            continue
        first = node.args[0]
        literal = isinstance(first, ast.JoinedStr) or (
            isinstance(first, ast.Constant) and isinstance(first.value, str)
        )
        stringified = isinstance(first, ast.Call) and getattr(first.func, "id", None) == "str"
        if literal or stringified or isinstance(first, ast.BinOp):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            found.append(f"{where}:{node.lineno} {name}(...)")
    return found


def test_no_service_raises_an_untranslated_message() -> None:
    errors = _service_error_names()
    assert {"InvalidState", "InvalidInput", "NotFound", "Offline"} <= errors
    found = [
        hit for path in sorted(SERVICES.rglob("*.py")) for hit in _free_text_raises(path, errors)
    ]
    assert found == [], (
        "declare a Text beside the raise and raise the error with it (see services/errors.py)"
    )


def test_the_scan_finds_free_text_and_passes_a_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(x):\n"
        '    raise InvalidState(f"Task {x} is gone")\n'
        "def g(x):\n"
        '    raise NotFound("gone")\n'
        "def h(exc):\n"
        "    raise Offline(str(exc))\n"
        "def k(x):\n"
        "    raise InvalidState(GONE, task=x)\n",
        encoding="utf-8",
    )
    found = _free_text_raises(sample, {"InvalidState", "NotFound", "Offline"})
    assert [hit.split()[0].rsplit(":", 1)[1] for hit in found] == ["2", "4", "6"]


def test_free_text_still_works_and_reads_the_same_in_both_languages() -> None:
    exc = InvalidState("Something a newer service says.")
    assert str(exc) == exc.message == "Something a newer service says."
    assert exc.text("zh") == exc.text("en") == str(exc)
    assert exc.key is None


def test_a_catalog_error_is_english_as_a_string_and_chinese_when_asked() -> None:
    sample = Text("test.sample", en="Task {task} is {status}.", zh="任务 {task} {status}。")
    exc = InvalidState(sample, task="T-1", status=TaskStatus.COMPLETED)
    assert str(exc) == "Task T-1 is completed."
    assert exc.text("zh_CN") == "任务 T-1 已完成。"
    assert exc.key == "test.sample"
    with pytest.raises(TypeError):
        InvalidState("free text", task="T-1")  # parameters need a Text


def test_a_real_refusal_is_said_in_chinese(profile: Profile, task: JointTask) -> None:
    start_inspection(profile, task.id)
    with pytest.raises(InvalidState) as caught:
        start_inspection(profile, task.id)
    assert str(caught.value) == f"You are already checked in at {task.business.name}."
    assert caught.value.text("zh") == f"您已在{task.business.name}签到。"


def test_lists_are_joined_as_each_language_joins_them() -> None:
    from inspector_app.services.inspection import ITEMS_WITHOUT_RESULT

    assert "A-1, A-2" in ITEMS_WITHOUT_RESULT.render("en", n=2, codes=["A-1", "A-2"])
    assert "A-1、A-2" in ITEMS_WITHOUT_RESULT.render("zh", n=2, codes=["A-1", "A-2"])


def test_every_sync_phase_is_said_in_both_languages() -> None:
    assert set(PHASE_TEXTS) == set(PHASES)
    assert phase_text("blobs", "zh") == "上传照片和文件"
    assert phase_text("blobs", "en") == "Uploading photos and files"


def test_a_report_and_a_refusal_in_chinese() -> None:
    report = SyncReport(applied=2, pulled=5, waiting_rejected=1, pending=1)
    report.rejected.append(RejectedItem("op", "item_result", "t:i", "forbidden"))
    report.unreachable = "the server http://x cannot be reached (refused)"
    lines = report_lines(report, "zh")
    assert lines[0].startswith("无法连接服务器：")
    assert "已上传 2 项更改" in lines[1] and "已接收 5 项更新" in lines[1]
    assert any("您无权修改这条记录" in line for line in lines)
    assert lines[-1] == "还有 1 项更改等待上传。"
    assert report_lines(report, "en")[1].startswith("Sent 2 change(s)")
    assert reason_text("the server has no task t1", "zh") == "服务器说明：the server has no task t1"


@pytest.mark.parametrize(
    ("env", "expected"),
    [("zh_CN.UTF-8", "zh"), ("en_GB.UTF-8", "en"), ("C.UTF-8", "en"), ("zh_TW", "zh")],
)
def test_the_system_language_comes_from_the_locale(monkeypatch, env: str, expected: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", env)
    assert system_language() == expected
