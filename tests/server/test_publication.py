"""Publication of inspection results (公示) on a real server, both databases.

《食品生产经营监督检查管理办法》第三十九条第一款: "市场监督管理部门应当于检查结果信息形成后
20个工作日内向社会公开。" 《企业信息公示暂行条例》第六条第二款: "前款规定的企业信息应当自
产生之日起20个工作日内予以公示。"
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector_server.cli import main
from inspector_server.core.db import write_session
from inspector_server.services import publication

from .conftest import SECRET, Api, LiveServer, World, build_world
from .visitworld import Visit_, inspection, new_task, review, state


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    return build_world(live)


def approved_visit(
    live: LiveServer, world: World, *, done: str, outcome: str = "compliant", **task: object
) -> str:
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    visit = Visit_(live, a, new_task(live, world, **task))
    assert visit.check_in(done.replace("T16", "T09").replace("T10", "T08"))["status"] == "applied"
    assert visit.record("SC-SP-001", outcome)["status"] == "applied"
    assert visit.complete(done)["status"] == "applied"
    assert visit.submit()["status"] == "applied"
    assert review(lead, world, visit.task_id, "approved")["status"] == "applied"
    return visit.task_id


def test_deadlines_once_only_and_never_a_returned_visit(live: LiveServer, world: World) -> None:
    # 2026-09-30 is the last working day before the National Day holiday (10-01..10-07,
    # with Saturday 10-10 a make-up working day): 20 working days end on 2026-11-03.
    before_holiday = approved_visit(
        live, world, done="2026-09-30T16:00:00+08:00", outcome="noncompliant"
    )
    # Sunday 2026-09-20 is a make-up working day; 09-25 is Mid-Autumn: ends 2026-10-23.
    make_up_day = approved_visit(live, world, done="2026-09-20T10:00:00+08:00")
    a = Api(live.url).login("inspector_a")
    lead = Api(live.url).login("lead")
    returned = Visit_(live, a, new_task(live, world))
    returned.check_in()
    returned.record("SC-SP-001", "noncompliant")
    returned.complete("2026-09-29T11:00:00+08:00")
    returned.submit()
    assert review(lead, world, returned.task_id, "returned", comment="重查")["status"] == "applied"

    now = datetime(2026, 10, 30, 2, 0, tzinfo=UTC)  # 2026-10-30 in China
    with write_session(live.factory) as s:
        batch = publication.publish(s, since=None, now=now)
    rows = {r["task_id"]: r for r in batch.rows}
    assert set(rows) == {before_holiday, make_up_day}
    first, second = rows[before_holiday], rows[make_up_day]
    assert (first["inspected_on"], first["deadline"], first["overdue"]) == (
        "2026-09-30",
        "2026-11-03",
        "否",
    )
    assert (second["inspected_on"], second["deadline"], second["overdue"]) == (
        "2026-09-20",
        "2026-10-23",
        "是",
    )
    # An order to correct was not recorded and no deadline given: still to be handled.
    assert first["result"] == publication.PENDING and second["result"] == publication.NO_PROBLEM
    assert first["party_name"] == "深圳市粤味轩餐饮有限公司" and first["uscc"]
    assert first["kind"] == "部门联合双随机抽查"
    assert (first["lead_department"], first["co_departments"]) == ("市场监管", "消防")
    assert first["published_on"] == "2026-10-30"

    assert state(live, before_holiday)[0] == "published"
    assert inspection(live, before_holiday)["status"] == "published"
    assert state(live, returned.task_id) == ("returned", 2)
    # Published once: the next run finds nothing more.
    with write_session(live.factory) as s:
        assert publication.publish(s, since=None, now=now).rows == []

    # The returned visit, done on 09-29 and still not approved, is overdue once its
    # deadline (2026-11-02) has passed.
    with live.factory() as s:
        late = {v.task_id: d.isoformat() for v, d in publication.overdue(s, now.date())}
        assert returned.task_id not in late
        late = {
            v.task_id: d.isoformat()
            for v, d in publication.overdue(s, datetime(2026, 11, 3).date())
        }
    assert late[returned.task_id] == "2026-11-02"

    # Anyone reads the published results: JSON without the protocol header, and a page.
    anonymous = Api(live.url)
    anonymous.http.headers.clear()
    body = anonymous.get("/api/v1/public/results").json()
    published_ids = {r["task_id"] for r in body["results"]}
    assert {before_holiday, make_up_day} <= published_ids
    assert returned.task_id not in published_ids
    page = anonymous.get("/results")
    assert page.status_code == 200 and "深圳市粤味轩餐饮有限公司" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_cli_writes_csv_and_xlsx_and_escapes_names_on_the_page(
    live: LiveServer, world: World, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    hostile = '<script>alert("x")</script>餐馆'
    business = {
        "uscc": "91440304MA5P23YC2P",
        "name": hostile,
        "address": "深圳市福田区",
        "legal_rep": "某某",
    }
    task_id = approved_visit(live, world, done="2026-11-20T16:00:00+08:00", business=business)
    db = ["--db", live.settings.database_url]

    dry = tmp_path / "dry.csv"
    assert main([*db, "publish", "--out", str(dry), "--dry-run"]) == 0
    assert task_id in dry.read_text(encoding="utf-8-sig") or hostile in dry.read_text("utf-8-sig")
    assert state(live, task_id)[0] == "approved"  # a dry run marks nothing

    out = tmp_path / "results.xlsx"
    assert main([*db, "publish", "--out", str(out)]) == 0
    assert "published 1 inspection result" in capsys.readouterr().out
    sheet = load_workbook(out).active
    lines = [[c.value for c in row] for row in sheet.iter_rows()]
    assert lines[0][:3] == ["抽查计划编号", "抽查计划名称", "抽查任务编号"]
    assert [line[7] for line in lines[1:]] == [hostile]
    assert lines[1][10] == "未发现问题" and lines[1][12] == "2026-12-18"
    assert state(live, task_id)[0] == "published"

    again = tmp_path / "again.csv"
    assert main([*db, "publish", "--out", str(again)]) == 0
    with again.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 1  # the heading only: published once
    assert main([*db, "publish", "--out", str(tmp_path / "x.txt")]) == 1
    assert "csv or .xlsx" in capsys.readouterr().err

    page = Api(live.url).get("/results").text
    assert hostile not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;餐馆" in page
