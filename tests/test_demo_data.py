"""The demo data in resources/demo is well-formed and tells the story the demo needs.

Parses every file with the standard library only (csv, json), so it does not depend
on the importers being written elsewhere. The USCC check is implemented here from
GB 32100-2015 / GB 11714 on purpose, independent of inspector_app.domain.uscc.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"

DEPARTMENT_HEADER = ["code", "name"]
BUSINESS_HEADER = [
    "uscc",
    "name",
    "address",
    "legal_rep",
    "phone",
    "industry",
    "area",
    "credit_class",
    "positive_list",
]
INSPECTOR_HEADER = [
    "id",
    "username",
    "display_name",
    "badge_no",
    "department_code",
    "role",
    "team_ids",
]
TEAM_HEADER = ["id", "name", "lead_username"]
CHECKLIST_HEADER = [
    "department_code",
    "department_name",
    "code",
    "title",
    "content",
    "method",
    "legal_basis",
    "severity",
    # The matter's order and penalty provisions (optional columns, domain.provisions).
    "order_basis",
    "penalty_basis",
    "penalty_warning",
    "fine_min",
    "fine_max",
    "penalty_condition",
    "fine_condition",
    "penalty_discretionary",
    "benchmark",
    "penalty_note",
    "fine_optional",
]
EQUIVALENCE_HEADER = ["code_a", "code_b", "note"]

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CN_NUM = "零一二三四五六七八九十百千"
PROVISION_RE = re.compile(rf"^《[^《》]+》第[{CN_NUM}]+条(第[{CN_NUM}]+款)?(第[{CN_NUM}]+项)?$")
PHONE_RE = re.compile(r"^(0755-\d{8}|1[3-9]\d{9})$")
CODE_RE = re.compile(r"^([A-Z]{2}-[A-Z0-9]{2,3}-\d{3}|[A-Z]{2}-\d{3})$")

# --- GB 32100-2015 (USCC) and GB 11714 (organisation code), implemented locally ---
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def _org_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def org_code_check(body: str) -> str:
    c = 11 - sum(_org_value(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_is_valid(code: str) -> bool:
    if len(code) != 18 or any(ch not in USCC_CHARS for ch in code):
        return False
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    if USCC_CHARS[(31 - total % 31) % 31] != code[17]:
        return False
    return org_code_check(code[8:16]) == code[16]


def test_uscc_algorithm_on_the_worked_example() -> None:
    assert uscc_is_valid("91350100M000100Y43")
    assert not uscc_is_valid("91350100M000100Y44")  # wrong position 18
    assert not uscc_is_valid("91350100M000100Y53")  # wrong position 17 (and 18 then)


# --- loading helpers ---


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has a BOM"
    assert b"\r" not in raw, f"{path.name} must use LF line endings"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    for n, row in enumerate(rows, start=2):
        assert len(row) == len(header), f"{path.name} line {n}: {len(row)} columns"
    return header, [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def departments() -> dict[str, str]:
    header, rows = read_csv(DEMO / "departments.csv")
    assert header == DEPARTMENT_HEADER
    return {r["code"]: r["name"] for r in rows}


@pytest.fixture(scope="module")
def businesses() -> dict[str, dict[str, str]]:
    header, rows = read_csv(DEMO / "businesses.csv")
    assert header == BUSINESS_HEADER
    by_uscc = {r["uscc"]: r for r in rows}
    assert len(by_uscc) == len(rows), "duplicate USCC"
    return by_uscc


@pytest.fixture(scope="module")
def inspectors() -> dict[str, dict[str, str]]:
    header, rows = read_csv(DEMO / "inspectors.csv")
    assert header == INSPECTOR_HEADER
    by_name = {r["username"]: r for r in rows}
    assert len(by_name) == len(rows), "duplicate username"
    return by_name


@pytest.fixture(scope="module")
def teams() -> dict[str, dict[str, str]]:
    header, rows = read_csv(DEMO / "teams.csv")
    assert header == TEAM_HEADER
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def checklists() -> dict[str, list[dict[str, str]]]:
    result = {}
    for path in sorted((DEMO / "checklists").glob("*.csv")):
        header, rows = read_csv(path)
        assert header == CHECKLIST_HEADER, path.name
        result[path.stem] = rows
    return result


@pytest.fixture(scope="module")
def equivalences() -> list[dict[str, str]]:
    header, rows = read_csv(DEMO / "equivalences.csv")
    assert header == EQUIVALENCE_HEADER
    return rows


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    raw = (DEMO / "tasks.json").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    return json.loads(raw.decode("utf-8"))["tasks"]


def provisions(legal_basis: str) -> list[str]:
    return [p.strip() for p in legal_basis.split(";")]


def code_owners(checklists: dict[str, list[dict[str, str]]]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for dept, rows in checklists.items():
        for r in rows:
            owners[r["code"]].add(dept)
    return owners


def linked_groups(
    checklists: dict[str, list[dict[str, str]]], equivalences: list[dict[str, str]]
) -> dict[str, str]:
    """Union-find over codes: the same code is one node; equivalence rows join nodes."""
    parent = {code: code for code in code_owners(checklists)}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for e in equivalences:
        parent[find(e["code_a"])] = find(e["code_b"])
    return {code: find(code) for code in parent}


# --- departments, businesses ---


def test_departments(departments: dict[str, str]) -> None:
    assert {"SZSCJG", "XF", "YJGL", "JDZF"} <= set(departments)
    assert all(re.fullmatch(r"[A-Z]{2,8}", c) for c in departments)
    assert "市场监督管理局" in departments["SZSCJG"]


def test_every_business_has_a_valid_uscc(businesses: dict[str, dict[str, str]]) -> None:
    bad = [u for u in businesses if not uscc_is_valid(u)]
    assert not bad, f"invalid USCCs: {bad}"


def test_business_rows_are_plausible(businesses: dict[str, dict[str, str]]) -> None:
    assert 25 <= len(businesses) <= 40
    areas = {"440303", "440304", "440305"}
    for uscc, b in businesses.items():
        assert uscc[:2] in {"91", "92"}, uscc
        assert uscc[2:8] in areas, uscc
        assert b["credit_class"] in {"A", "B", "C", "D"}
        assert b["positive_list"] in {"0", "1"}
        assert PHONE_RE.match(b["phone"]), b["phone"]
        assert b["name"] and b["address"].startswith("深圳市") and b["legal_rep"]
        if uscc.startswith("92"):
            assert not b["name"].endswith("有限公司"), "个体工商户 are not companies"
    classes = [b["credit_class"] for b in businesses.values()]
    assert classes.count("B") > len(classes) / 2  # mostly B
    assert {"A", "C", "D"} <= set(classes)
    positive = [b for b in businesses.values() if b["positive_list"] == "1"]
    assert 3 <= len(positive) <= 4
    assert all(b["credit_class"] == "A" for b in positive)
    assert any(u.startswith("92") for u in businesses)


def test_businesses_with_errors_fixture() -> None:
    header, rows = read_csv(DEMO / "businesses_with_errors.csv")
    assert header == BUSINESS_HEADER
    assert len(rows) == 5
    bad_uscc = [n for n, r in enumerate(rows, start=2) if not uscc_is_valid(r["uscc"])]
    bad_class = [n for n, r in enumerate(rows, start=2) if r["credit_class"] not in "ABCD"]
    assert len(bad_uscc) == 2
    assert len(bad_class) == 1
    assert not set(bad_uscc) & set(bad_class), "each row has one fault"


# --- people and teams ---


def test_inspectors_and_teams(
    inspectors: dict[str, dict[str, str]],
    teams: dict[str, dict[str, str]],
    departments: dict[str, str],
) -> None:
    for name in ("admin", "lead", "inspector1", "inspector2", "inspector3"):
        assert name in inspectors, name
    assert inspectors["admin"]["role"] == "admin"
    assert inspectors["lead"]["role"] == "team_lead"
    for name in ("inspector1", "inspector2", "inspector3"):
        assert inspectors[name]["role"] == "inspector"
    ids = [i["id"] for i in inspectors.values()] + list(teams)
    assert all(UUID_RE.match(x) for x in ids) and len(set(ids)) == len(ids)

    def team_ids(user: str) -> set[str]:
        value = inspectors[user]["team_ids"]
        return set(value.split(";")) if value else set()

    for user in inspectors.values():
        assert user["department_code"] in departments
        assert team_ids(user["username"]) <= set(teams)
        if user["role"] != "admin":
            assert user["badge_no"], f"{user['username']} needs a 执法证号"
    assert len(teams) == 2
    assert all(t["lead_username"] == "lead" for t in teams.values())
    assert team_ids("lead") == set(teams)
    shared = team_ids("inspector1") & team_ids("inspector2")
    assert shared, "inspector1 and inspector2 share a team"
    assert team_ids("inspector3") and not team_ids("inspector3") & shared
    assert inspectors["inspector1"]["department_code"] == "SZSCJG"
    assert inspectors["inspector2"]["department_code"] == "XF"
    # one badge style per department
    styles: dict[str, set[str]] = defaultdict(set)
    for user in inspectors.values():
        if user["badge_no"]:
            styles[user["department_code"]].add(re.sub(r"\d", "9", user["badge_no"]))
    assert all(len(s) == 1 for s in styles.values()), styles
    # every department has someone to send
    assert {u["department_code"] for u in inspectors.values()} >= set(departments)


# --- checklists and equivalences ---


def test_checklists(
    checklists: dict[str, list[dict[str, str]]], departments: dict[str, str]
) -> None:
    assert set(checklists) == set(departments), "one checklist per department"
    for dept, rows in checklists.items():
        assert 8 <= len(rows) <= 15, dept
        codes = [r["code"] for r in rows]
        assert len(codes) == len(set(codes)), f"{dept}: duplicate code"
        for r in rows:
            assert r["department_code"] == dept
            assert r["department_name"] == departments[dept]
            assert r["severity"] in {"key", "general"}
            assert r["title"] and r["content"] and r["method"]
            assert CODE_RE.match(r["code"]), r["code"]
            assert r["legal_basis"].strip()
            for column in ("legal_basis", "order_basis", "penalty_basis"):
                for p in provisions(r[column]) if r[column] else ():
                    assert PROVISION_RE.match(p), f"{dept} {r['code']} {column}: {p!r}"


def test_every_matter_separates_duty_order_and_penalty(
    checklists: dict[str, list[dict[str, str]]],
) -> None:
    """The duty breached is never a penalty article (a legal review refuses "违反了" + 罚则)."""
    for dept, rows in checklists.items():
        for r in rows:
            where = f"{dept} {r['code']}"
            assert not set(provisions(r["legal_basis"])) & set(provisions(r["penalty_basis"])), (
                where
            )
            lo, hi = r["fine_min"], r["fine_max"]
            assert all(v == "" or v.isdigit() for v in (lo, hi)), where
            if lo and hi:
                assert int(lo) <= int(hi), where
            if not r["penalty_basis"]:
                assert not (r["penalty_warning"] or lo or hi or r["penalty_condition"]), where
            elif not (lo or hi):
                # A penalty without a range says why (set elsewhere, or by the goods' value).
                assert r["penalty_warning"] or r["penalty_note"], where
    with_penalty = sum(bool(r["penalty_basis"]) for rows in checklists.values() for r in rows)
    assert with_penalty >= 55


def test_the_inspection_result_matter_cites_its_duty_not_its_penalty(
    checklists: dict[str, list[dict[str, str]]],
) -> None:
    """食品检查办法第三十九条第二款 (the duty: "……应当按照规定在食品生产经营场所醒目位置张贴
    或者公开展示监督检查结果记录表") and 第四十八条 (the order and penalty: "……由县级以上地方
    市场监督管理部门责令改正；拒不改正的，给予警告，可以并处5000元以上5万元以下罚款")."""
    (r,) = [r for r in checklists["SZSCJG"] if r["code"] == "SC-SP-002"]
    assert r["legal_basis"] == "《食品生产经营监督检查管理办法》第三十九条第二款"
    assert r["order_basis"] == r["penalty_basis"] == "《食品生产经营监督检查管理办法》第四十八条"
    assert (r["penalty_warning"], r["fine_min"], r["fine_max"]) == ("1", "5000", "50000")
    assert r["penalty_condition"] == "拒不改正的"


def test_some_codes_are_shared_across_departments(
    checklists: dict[str, list[dict[str, str]]],
) -> None:
    shared = {c: d for c, d in code_owners(checklists).items() if len(d) > 1}
    assert len(shared) >= 1
    assert {"XF", "YJGL"} <= shared.get("GX-RQ-001", set())


def test_equivalences_reference_existing_codes_and_chain(
    checklists: dict[str, list[dict[str, str]]], equivalences: list[dict[str, str]]
) -> None:
    owners = code_owners(checklists)
    for e in equivalences:
        assert e["code_a"] in owners and e["code_b"] in owners, e
        assert e["code_a"] != e["code_b"] and e["note"]
    # a transitive chain: a group of >= 3 codes from >= 3 departments linked only via the table
    groups = linked_groups(checklists, equivalences)
    members: dict[str, set[str]] = defaultdict(set)
    for code, root in groups.items():
        members[root].add(code)
    chains = [
        m
        for m in members.values()
        if len(m) >= 3 and len(set().union(*(owners[c] for c in m))) >= 3
    ]
    assert chains, "no transitive chain of 3 codes across 3 departments"


def test_there_are_candidate_pairs_for_a_person_to_confirm(
    checklists: dict[str, list[dict[str, str]]], equivalences: list[dict[str, str]]
) -> None:
    """Unlinked items of different departments citing the same provision exist."""
    groups = linked_groups(checklists, equivalences)
    items = [r for rows in checklists.values() for r in rows]
    pairs = set()
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a["department_code"] == b["department_code"]:
                continue
            if groups[a["code"]] == groups[b["code"]]:
                continue
            if set(provisions(a["legal_basis"])) & set(provisions(b["legal_basis"])):
                pairs.add(tuple(sorted((a["code"], b["code"]))))
    assert ("GX-RQ-001", "JD-006") in pairs
    assert ("JD-008", "XF-002") in pairs


# --- tasks ---


def test_tasks(
    tasks: list[dict],
    businesses: dict[str, dict[str, str]],
    inspectors: dict[str, dict[str, str]],
    teams: dict[str, dict[str, str]],
    departments: dict[str, str],
    checklists: dict[str, list[dict[str, str]]],
) -> None:
    assert 10 <= len(tasks) <= 15
    ids = [t["id"] for t in tasks]
    assert all(UUID_RE.match(x) for x in ids) and len(set(ids)) == len(ids)
    t1 = next(tid for tid, t in teams.items() if t["name"].endswith("一组"))
    for t in tasks:
        b = businesses.get(t["uscc"])
        assert b is not None, f"task {t['id']}: unknown USCC"
        assert b["positive_list"] == "0", "无事不扰: positive-list businesses are not drawn"
        assert 2 <= len(t["departments"]) <= 4
        assert set(t["departments"]) <= set(departments)
        assert t["lead_department_code"] in t["departments"]
        assert t["team_id"] in teams
        assert len(t["inspectors"]) >= 2
        for user in t["inspectors"]:
            assert user in inspectors, user
            assert t["team_id"] in inspectors[user]["team_ids"].split(";"), (t["id"], user)
        present = {inspectors[u]["department_code"] for u in t["inspectors"]}
        assert set(t["departments"]) <= present, f"task {t['id']}: department without inspector"
        if t["team_id"] == t1:
            assert {"inspector1", "inspector2"} <= set(t["inspectors"])
        else:
            assert "inspector3" in t["inspectors"]
        start, end = date.fromisoformat(t["window_start"]), date.fromisoformat(t["window_end"])
        assert date(2026, 11, 1) <= start <= end <= date(2026, 12, 31)
        assert t["status"] == "assigned"
        assert {"plan_id", "seed", "drawn_on", "name"} <= set(t["plan"])
        assert isinstance(t["plan"]["seed"], int)
        assert date.fromisoformat(t["plan"]["drawn_on"]) < start
        # checklist size before merging
        wanted = set(t["item_codes"]) if "item_codes" in t else None
        dept_codes = {r["code"] for d in t["departments"] for r in checklists[d]}
        if wanted is not None:
            assert wanted <= dept_codes, f"task {t['id']}: {wanted - dept_codes}"
        n = sum(
            1
            for d in t["departments"]
            for r in checklists[d]
            if wanted is None or r["code"] in wanted
        )
        assert 15 <= n <= 40, f"task {t['id']}: {n} items before merging"
        for v in t["history"]:
            assert set(v) == {"matter_code", "found_on", "description", "penalised"}
            assert isinstance(v["penalised"], bool) and v["description"]
            assert date.fromisoformat(v["found_on"]) < start
    assert any("item_codes" not in t for t in tasks), "one task uses every item"
    assert {t["team_id"] for t in tasks} == set(teams)


def test_history_exercises_first_violation_rule(tasks: list[dict]) -> None:
    """One prior violation inside the two-year window, one older than it."""
    within, older = [], []
    for t in tasks:
        start = date.fromisoformat(t["window_start"])
        window_opens = start.replace(year=start.year - 2)
        for v in t["history"]:
            (within if date.fromisoformat(v["found_on"]) >= window_opens else older).append(v)
    assert within and older
