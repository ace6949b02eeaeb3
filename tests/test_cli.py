"""``inspector-app --demo`` works on its own demo profile, never the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspector_app.app as app
from inspector_app.cli import main


def test_demo_uses_the_demo_profile_and_leaves_the_users_own_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "FieldInspector" / "default"
    monkeypatch.setenv("INSPECTOR_PROFILE", str(own))
    monkeypatch.setenv("INSPECTOR_KEYRING", "off")
    seen = {}

    def window(profile, **_kw):  # type: ignore[no-untyped-def]
        from inspector_app.services import list_tasks

        seen["folder"] = profile.folder
        seen["tasks"] = len(list_tasks(profile))
        seen["server"] = _kw.get("server_url")
        return 0

    monkeypatch.setattr(app, "run_gui", window)
    assert main(["--demo", "--lang", "en"]) == 0
    assert Path(seen["folder"]) == own.parent / "demo"
    assert seen["tasks"] > 0 and str(seen["server"]).startswith("http://127.0.0.1:")
    assert not own.exists()


def test_errors_print_in_the_language_of_lang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INSPECTOR_SETTINGS", str(tmp_path / "settings.json"))
    profile = tmp_path / "p"
    assert main(["--profile", str(profile), "--lang", "zh_CN", "sync"]) == 1
    assert capsys.readouterr().err.strip() == "同步失败：此配置还没有人登录，请先登录再同步。"
    assert main(["--profile", str(profile), "--lang", "en", "sync"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Sync failed: No one has signed in on this profile yet; sign in to sync."
    )


def test_without_lang_the_setting_then_the_system_language_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INSPECTOR_SETTINGS", str(tmp_path / "settings.json"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    profile = str(tmp_path / "p")
    assert main(["--profile", profile, "sync"]) == 1
    assert capsys.readouterr().err.startswith("同步失败")
    assert main(["settings", "--set", "language=en"]) == 0
    capsys.readouterr()
    assert main(["--profile", profile, "sync"]) == 1
    assert capsys.readouterr().err.startswith("Sync failed")


def test_settings_are_listed_from_the_declaration_and_changed_with_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspector_app.services.settings import SETTINGS, Settings

    path = tmp_path / "settings.json"
    monkeypatch.setenv("INSPECTOR_SETTINGS", str(path))
    assert main(["--lang", "en", "settings"]) == 0
    listed = capsys.readouterr().out
    for setting in SETTINGS:
        assert f"{setting.key} = " in listed and setting.description.en in listed
    assert main(["--lang", "zh_CN", "settings", "--set", "idle_lock_minutes=999"]) == 1
    assert "请填写 0 到 240 之间的数" in capsys.readouterr().err
    assert not path.exists()
    assert main(["settings", "--set", "idle_lock_minutes=2", "--set", "printer=Office"]) == 0
    assert Settings.load(path).get("idle_lock_minutes") == 2
    assert Settings.load(path).get("printer") == "Office"


def _syncworld():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    if "syncworld" in sys.modules:
        return sys.modules["syncworld"]
    path = Path(__file__).parent / "sync" / "syncworld.py"
    spec = importlib.util.spec_from_file_location("syncworld", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["syncworld"] = module
    spec.loader.exec_module(module)
    return module


def test_demo_tasks_never_reopen_a_finished_synced_visit(tmp_path: Path) -> None:
    """README: ``inspector-app --demo tasks`` lists the demo tasks. Run over a profile whose
    visit was completed and synced (the demo window's own server holds the same tasks),
    it reset the visit to "assigned" and the window offered Check in again."""
    import os
    import subprocess
    import sys

    from inspector_app.domain.entities import Outcome, TaskStatus
    from inspector_app.services import (
        InvalidState,
        complete_inspection,
        get_task,
        list_tasks,
        open_profile,
        record_item_result,
        start_inspection,
        sync,
    )
    from inspector_app.store.models import InspectionRow

    world = _syncworld()
    settings = world.demo_settings(tmp_path / "server")
    settings.data.mkdir()
    world.prepare(settings)
    live = world.start_server(settings)
    folder = tmp_path / "demo"
    try:
        with world.laptop(folder, live.url, "inspector1") as profile:
            assert sync(profile).exit_code == 0
            task_id = list_tasks(profile)[0].id
            start_inspection(profile, task_id)
            for item in get_task(profile, task_id).checklist:
                record_item_result(profile, task_id, item.id, outcome=Outcome.COMPLIANT)
            complete_inspection(profile, task_id)
            assert sync(profile).exit_code == 0
            with profile.db.session() as s:
                visit = s.get(InspectionRow, task_id)
                assert visit is not None and not visit.dirty
                checked_in = visit.checked_in_at

        env = {**os.environ, "INSPECTOR_KEYRING": "off"}
        shown = subprocess.run(
            [
                sys.executable,
                "-m",
                "inspector_app.cli",
                "--profile",
                str(folder),
                "--demo",
                "tasks",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        (line,) = [x for x in shown.splitlines() if x.startswith(task_id)]
        assert "completed" in line, line

        with open_profile(folder) as profile:
            assert get_task(profile, task_id).status is TaskStatus.COMPLETED
            with pytest.raises(InvalidState):
                start_inspection(profile, task_id)  # no Check in again
            report = sync(profile)
            assert report.exit_code == 0 and report.applied == 0, report.summary()
            assert get_task(profile, task_id).status is TaskStatus.COMPLETED
            with profile.db.session() as s:
                visit = s.get(InspectionRow, task_id)
                assert visit is not None and visit.checked_in_at == checked_in
    finally:
        live.stop()
