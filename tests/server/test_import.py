"""import-directory, import-checklists and scenario preview: bad rows by line, good rows kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_app.domain.checklist import (
    merge_checklists,
    read_checklist_csv,
    read_equivalences_csv,
)
from inspector_server.cli import main
from inspector_server.core.db import make_engine, make_sessionmaker
from inspector_server.models import Business, ChecklistEquivalence, ChecklistItem, Department

from .conftest import SECRET

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
CHECKLISTS = sorted((DEMO / "checklists").glob("*.csv"))
HEADER = "uscc,name,address,legal_rep,phone,industry,area,credit_class,positive_list\n"


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
    monkeypatch.delenv("INSPECTOR_SERVER_DEMO", raising=False)


def run(db_url: str, *argv: str) -> int:
    return main(["--db", db_url, *argv])


def count(db_url: str, model: type) -> int:
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        engine.dispose()


def test_directory_bad_rows_by_line_good_rows_kept(db_url: str, capsys, tmp_path: Path) -> None:
    # resources/demo/README.md: lines 3, 4 and 6 are bad, lines 2 and 5 good.
    assert run(db_url, "import-directory", str(DEMO / "businesses_with_errors.csv")) == 1
    out, err = capsys.readouterr()
    assert [line.split("：")[0].rsplit(" ", 1)[-1] for line in err.splitlines()] == [
        "第3行",
        "第4行",
        "第6行",
    ]
    assert "2 good rows (2 new, 0 updated, 0 unchanged); 3 bad rows" in out
    assert count(db_url, Business) == 2

    # Again: nothing changes; a corrected row updates; a repeated USCC is a bad row.
    assert run(db_url, "import-directory", str(DEMO / "businesses_with_errors.csv")) == 1
    assert "(0 new, 0 updated, 2 unchanged)" in capsys.readouterr().out
    rows = (DEMO / "businesses_with_errors.csv").read_text(encoding="utf-8").splitlines()
    fixed = tmp_path / "fixed.csv"
    changed = rows[1].replace(",B,0", ",C,0")
    fixed.write_text("\n".join([rows[0], changed, rows[4], rows[1]]) + "\n", encoding="utf-8")
    assert run(db_url, "import-directory", str(fixed)) == 1
    out, err = capsys.readouterr()
    assert "(0 new, 1 updated, 1 unchanged)" in out
    assert "第4行" in err and "与第2行重复" in err
    assert count(db_url, Business) == 2


def test_directory_unreadable_files(db_url: str, capsys, tmp_path: Path) -> None:
    assert run(db_url, "import-directory", str(tmp_path / "absent.csv")) == 2
    assert "no such file" in capsys.readouterr().err
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(
        (HEADER + "91440304MA5P23YC2P,深圳市粤味轩,地址,陈,1,餐饮,福田区,B,0\n").encode("gbk")
    )
    assert run(db_url, "import-directory", str(gbk)) == 1
    err = capsys.readouterr().err
    assert "第2行" in err and "UTF-8" in err
    bad_header = tmp_path / "header.csv"
    bad_header.write_text("uscc,name\n91440304MA5P23YC2P,x\n", encoding="utf-8")
    assert run(db_url, "import-directory", str(bad_header)) == 1
    assert "第1行" in capsys.readouterr().err


def test_checklists_and_equivalences(db_url: str, capsys, tmp_path: Path) -> None:
    eq = DEMO / "equivalences.csv"
    assert run(db_url, "import-checklists", *map(str, CHECKLISTS), "--equivalences", str(eq)) == 0
    out = capsys.readouterr().out
    items = sum(len(read_checklist_csv(p).items) for p in CHECKLISTS)
    assert f"checklists: {items} good rows ({items} new" in out
    assert "equivalences: 4 good rows (4 new" in out
    assert count(db_url, ChecklistItem) == items
    assert count(db_url, ChecklistEquivalence) == 4
    assert count(db_url, Department) >= 5
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as s:
        row = s.get(ChecklistItem, ("SZSCJG", "SC-SP-002"))
        assert row is not None
        # The duty breached, apart from the order and the penalty with its range.
        assert row.legal_basis == ["《食品生产经营监督检查管理办法》第三十九条第二款"]
        assert row.provisions["order_basis"] == ["《食品生产经营监督检查管理办法》第四十八条"]
        assert row.provisions["penalty"]["fine_min"] == 5000
        assert row.provisions["penalty"]["condition"] == "拒不改正的"
    engine.dispose()

    # A changed penalty range is an update; a file without the new columns still imports.
    header, *rows = (DEMO / "checklists" / "SZSCJG.csv").read_text(encoding="utf-8").splitlines()
    changed = tmp_path / "SZSCJG.csv"
    changed.write_text(
        "\n".join(
            [header, *[r.replace(",5000,50000,拒不改正的", ",5000,40000,拒不改正的") for r in rows]]
        )
        + "\n",
        encoding="utf-8",
    )
    assert run(db_url, "import-checklists", str(changed)) == 0
    assert "1 updated" in capsys.readouterr().out

    # A bad severity on line 3 and a repeated code on line 4; the rest is kept.
    lines = (DEMO / "checklists" / "XF.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    broken = tmp_path / "XF.csv"
    broken.write_text(
        "\n".join(
            [
                header,
                first,
                second.replace(",key", ",urgent").replace(",general", ",urgent"),
                first,
                *lines[3:5],
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert run(db_url, "import-checklists", str(broken), "--replace") == 1
    out, err = capsys.readouterr()
    assert "第3行" in err and "urgent" in err
    assert "第4行" in err and "重复" in err
    assert "3 good rows" in out and "removed" in out
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as s:
        xf = s.scalars(select(ChecklistItem.code).where(ChecklistItem.department_code == "XF"))
        assert len(list(xf)) == 3
    engine.dispose()


def test_scenario_preview_json_is_the_domain_merge(capsys, tmp_path: Path, monkeypatch) -> None:
    # No database, no secret: works anywhere.
    monkeypatch.delenv("INSPECTOR_SERVER_SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    files = [DEMO / "checklists" / n for n in ("SZSCJG.csv", "XF.csv", "YJGL.csv", "JDZF.csv")]
    eq = DEMO / "equivalences.csv"
    argv = ["scenario", "preview", "--equivalences", str(eq), *map(str, files)]
    assert main([*argv, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    items = [i for p in files for i in read_checklist_csv(p).items]
    expected = merge_checklists(items, read_equivalences_csv(eq).pairs)
    assert got == expected.to_json()
    assert set(got) == {"items_before", "items_after", "reduction", "items", "candidates"}
    assert set(got["items"][0]) == {"code", "title", "severity", "sources"}
    assert set(got["items"][0]["sources"][0]) == {"department_code", "code", "title"}
    assert set(got["candidates"][0]) == {"a", "b", "reason"}
    assert set(got["candidates"][0]["a"]) == {"department_code", "code"}

    assert main(argv) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == expected.summary()
    assert "<- XF XF-003" in text and "<- JDZF JD-007" in text  # provenance of a merged item
    assert "JD-006" in text and "GX-RQ-001" in text  # a candidate pair
    assert not os.listdir(tmp_path)  # no database was created


def test_scenario_preview_reports_bad_rows(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "department_code,department_name,code,title,content,method,legal_basis,severity\n"
        "XF,消防,XF-1,标题,内容,方法,《消防法》第十六条,key\n"
        "XF,消防,XF-2,标题,内容,方法,《消防法》第十六条,maybe\n",
        encoding="utf-8",
    )
    assert main(["scenario", "preview", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1 items -> 1 items") and "第3行" in err


def _business(db_url: str, uscc: str) -> Business | None:
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as s:
            return s.get(Business, uscc)
    finally:
        engine.dispose()


def test_directory_nul_and_over_long_fields_by_line_good_rows_kept(
    db_url: str, capsys, tmp_path: Path
) -> None:
    """The same rows pass and fail on SQLite and on PostgreSQL (which crashed on both and
    rolled back the good rows of the file; SQLite took them with no length check)."""
    rows = (DEMO / "businesses.csv").read_text(encoding="utf-8").splitlines()[1:6]
    cells = [row.split(",") for row in rows]
    cells[1][1] = cells[1][1][:3] + "\x00" + cells[1][1][3:]  # line 3: NUL in the name
    cells[2][1] = "长" * 301  # line 4: one over the 300 of businesses.name
    cells[3][2] = "址" * 501  # line 5: the address over its 500
    csv_file = tmp_path / "directory.csv"
    csv_file.write_text(HEADER + "\n".join(",".join(c) for c in cells) + "\n", encoding="utf-8")
    assert run(db_url, "import-directory", str(csv_file)) == 1
    out, err = capsys.readouterr()
    assert "2 good rows" in out and "3 bad rows skipped" in out
    assert [line.split(f"{csv_file}: ")[1] for line in err.splitlines()] == [
        "第3行：名称含有 NUL 字符（第4个字符），已跳过",
        "第4行：名称有301个字符，超过上限300个，已跳过",
        "第5行：住所有501个字符，超过上限500个，已跳过",
    ]
    assert _business(db_url, cells[0][0]) is not None  # line 2
    assert _business(db_url, cells[4][0]) is not None  # line 6
    assert all(_business(db_url, c[0]) is None for c in cells[1:4])


def test_directory_rows_that_are_not_utf8_are_skipped_alone(
    db_url: str, capsys, tmp_path: Path
) -> None:
    rows = (DEMO / "businesses.csv").read_text(encoding="utf-8").splitlines()[6:9]
    data = [row.encode("utf-8") for row in rows]
    # An encoded lone surrogate (CESU-8) in the name of line 3: not UTF-8.
    data[1] = data[1].replace("深圳市".encode(), b"\xed\xa0\x80", 1)
    csv_file = tmp_path / "mixed.csv"
    csv_file.write_bytes(HEADER.encode() + b"\n".join(data) + b"\n")
    assert run(db_url, "import-directory", str(csv_file)) == 1
    out, err = capsys.readouterr()
    assert "2 good rows" in out and "1 bad rows" in out
    assert "第3行：名称含有不是 UTF-8 编码的内容（第1个字符）" in err
    assert _business(db_url, rows[0].split(",")[0]) is not None
    assert _business(db_url, rows[2].split(",")[0]) is not None


def test_checklist_and_equivalence_bad_fields_by_line(db_url: str, capsys, tmp_path: Path) -> None:
    head = "department_code,department_name,code,title,content,method,legal_basis,severity\n"
    good = "NULT,测试部门,NT-{n},标题{n},内容,方法,《消防法》第十六条,key\n"
    checklist = tmp_path / "NULT.csv"
    checklist.write_text(
        head
        + good.format(n=1)
        + "NULT,测试部门,NT-2,标\x00题,内容,方法,《消防法》第十六条,key\n"
        + f"NULT,测试部门,NT-3,{'题' * 501},内容,方法,《消防法》第十六条,key\n"
        + "NULT,测试部门,NT-4,标题,内容,方法,《消防法》第十六条\x00,key\n"
        + good.format(n=5),
        encoding="utf-8",
    )
    eq = tmp_path / "eq.csv"
    eq.write_text(
        f"code_a,code_b,note\nNT-1,NT-5,同一事项\nNT-1,{'X' * 81},太长\n", encoding="utf-8"
    )
    assert run(db_url, "import-checklists", str(checklist), "--equivalences", str(eq)) == 1
    out, err = capsys.readouterr()
    assert "checklists: 2 good rows" in out and "equivalences: 1 good rows" in out
    lines = [line.split(": ", 1)[1] for line in err.splitlines()]
    assert lines == [
        "第3行：事项名称含有 NUL 字符（第2个字符），已跳过",
        "第4行：事项名称有501个字符，超过上限500个，已跳过",
        "第5行：法律依据含有 NUL 字符（第10个字符），已跳过",
        "第3行：事项编码B有81个字符，超过上限80个，已跳过",
    ]
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as s:
        codes = s.scalars(select(ChecklistItem.code).where(ChecklistItem.department_code == "NULT"))
        assert sorted(codes) == ["NT-1", "NT-5"]
        assert s.get(ChecklistEquivalence, ("NT-1", "NT-5")) is not None
    engine.dispose()
