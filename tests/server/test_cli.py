"""The inspector-server commands, run in-process through main()."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_server.cli import main
from inspector_server.core.db import make_engine, make_sessionmaker
from inspector_server.models import Record, Team, TeamMember, User

from .conftest import SECRET, Api, make_settings, start_server


def test_init_db_create_user_and_default_secret_refused(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("INSPECTOR_SERVER_SECRET_KEY", raising=False)
    monkeypatch.delenv("INSPECTOR_SERVER_DEMO", raising=False)
    assert main(["--data", str(tmp_path), "init-db"]) == 2
    assert "SECRET_KEY" in capsys.readouterr().err
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    assert main(["--data", str(tmp_path), "init-db"]) == 0
    monkeypatch.setenv("INSPECTOR_PASSWORD", "a long passphrase")
    assert (
        main(
            [
                "--data",
                str(tmp_path),
                "create-user",
                "--username",
                "zhang",
                "--role",
                "inspector",
                "--display-name",
                "张三",
                "--badge",
                "19030099999",
                "--department",
                "SZSCJG",
            ]
        )
        == 0
    )
    assert (
        main(["--data", str(tmp_path), "create-user", "--username", "zhang", "--role", "inspector"])
        == 1
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    with make_sessionmaker(engine)() as s:
        user = s.scalars(select(User).where(User.username == "zhang")).one()
        assert user.display_name == "张三" and user.password_hash.startswith("$argon2id$")
        assert not user.is_demo
    engine.dispose()


def test_seed_demo_needs_demo_mode(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    monkeypatch.delenv("INSPECTOR_SERVER_DEMO", raising=False)
    assert main(["--data", str(tmp_path), "seed-demo"]) == 2
    assert "demo mode" in capsys.readouterr().err


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    assert main(["--data", str(data), "--demo", "seed-demo"]) == 0
    assert main(["--data", str(data), "--demo", "seed-demo"]) == 0  # idempotent
    return data


def test_seed_demo_builds_teams_and_tasks(demo_data: Path, capsys) -> None:
    engine = make_engine(f"sqlite:///{demo_data / 'server.sqlite3'}")
    with make_sessionmaker(engine)() as s:
        users = {u.username: u for u in s.scalars(select(User))}
        assert {"admin", "lead", "inspector1", "inspector2", "inspector3"} <= set(users)
        assert all(u.is_demo for u in users.values())
        member = {(m.team_id, m.user_id) for m in s.scalars(select(TeamMember))}
        teams = list(s.scalars(select(Team)))
        assert len(teams) == 2 and all(t.lead_id == users["lead"].id for t in teams)
        team_of = {
            name: {t for t, u in member if u == users[name].id}
            for name in ("inspector1", "inspector2", "inspector3")
        }
        assert team_of["inspector1"] == team_of["inspector2"] != team_of["inspector3"]
        tasks = list(s.scalars(select(Record).where(Record.entity == "task")))
        assert len(tasks) == 13 and max(t.seq for t in tasks) == 13
        # then the shipped reference data and the officers' roster (issue 11)
        reference = list(s.scalars(select(Record).where(Record.entity == "reference")))
        assert {r.data["kind"] for r in reference} >= {"rule_pack", "benchmark", "roster"}
        assert s.scalar(select(func.max(Record.seq))) == 13 + len(reference)
        task2 = next(t for t in tasks if t.id == "ec8ea596-d391-5c4a-9160-c6ea249bf5f7")
        # resources/demo/README.md: task 2 has 30 items before merging and 27 after.
        assert (task2.data["plan"]["items_before"], task2.data["plan"]["items_after"]) == (30, 27)
        assert len(task2.data["checklist"]) == 27
        gas = next(i for i in task2.data["checklist"] if i["code"] == "GX-RQ-001")
        assert {src["department_code"] for src in gas["sources"]} == {"XF", "YJGL"}
    engine.dispose()


def test_demo_accounts_work_only_in_demo_mode(demo_data: Path) -> None:
    db = f"sqlite:///{demo_data / 'server.sqlite3'}"
    demo = start_server(make_settings(db, demo_data, demo=True))
    try:
        api = Api(demo.url).login("inspector1", password="demo")
        changes, _ = api.pull_all()
        tasks = [c for c in changes if c["entity"] == "task"]
        assert tasks and all(t["data"]["team_id"] == tasks[0]["data"]["team_id"] for t in tasks)
        assert len(tasks) < 13
    finally:
        demo.stop()
    strict = start_server(make_settings(db, demo_data, demo=False))
    try:
        r = Api(strict.url).post(
            "/api/v1/auth/login",
            json={"username": "inspector1", "password": "demo", "device_id": "d"},
        )
        assert r.status_code == 401 and "demo mode" in r.json()["detail"]
    finally:
        strict.stop()


def test_import_reference_publishes_and_reports_bad_files(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """An administrator's edit reaches every laptop: one record per file, unchanged files
    not republished, a file that does not validate skipped with the reason."""

    import shutil

    from inspector_server.services.reference import SHIPPED

    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    folder = tmp_path / "ref"
    shutil.copytree(SHIPPED[0], folder)
    (folder / "rulepacks" / "broken.json").write_text('{"id": "x", "entries": 3}', "utf-8")
    data = tmp_path / "data"
    assert main(["--data", str(data), "import-reference", str(folder)]) == 1
    out = capsys.readouterr()
    assert "published rule_pack:" in out.out and "broken.json" in out.err
    (folder / "rulepacks" / "broken.json").unlink()
    assert main(["--data", str(data), "import-reference", str(folder)]) == 0
    assert "unchanged" in capsys.readouterr().out
    engine = make_engine(f"sqlite:///{data / 'server.sqlite3'}")
    with make_sessionmaker(engine)() as s:
        records = {r.id: r for r in s.scalars(select(Record).where(Record.entity == "reference"))}
        roster = records["roster:officers"].data["content"]["officers"]
        assert roster == []  # no accounts yet: nothing to print
        packs = [r for r in records if r.startswith("rule_pack:")]
        assert len(packs) == len(list(folder.glob("rulepacks/*.json")))
        assert all(records[r].rev == 1 for r in packs)  # the second import changed nothing
    engine.dispose()
