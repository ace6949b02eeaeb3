"""Reading the business directory and a demo folder into entities."""

from __future__ import annotations

import io
from pathlib import Path

from inspector_app.domain.dataset import load_dataset, party_type_for, read_directory_csv
from inspector_app.domain.entities import PartyType, Severity

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_directory_rows_with_errors_are_reported_by_line_and_good_rows_kept() -> None:
    parsed = read_directory_csv(DEMO / "businesses_with_errors.csv")
    assert [e.line for e in parsed.errors] == [3, 4, 6]
    assert "统一社会信用代码" in parsed.errors[0].message
    assert "A/B/C/D" in parsed.errors[2].message
    assert len(parsed.businesses) == 2


def test_directory_normalises_uscc_and_flags() -> None:
    text = (
        "uscc,name,address,legal_rep,phone,industry,area,credit_class,positive_list\n"
        "91350100m000100y43 ,某公司,某地,张三,1,餐饮,福田,a,1\n"
    )
    parsed = read_directory_csv(io.StringIO(text))
    assert parsed.errors == []
    (b,) = parsed.businesses
    assert b.uscc == "91350100M000100Y43"
    assert b.positive_list is True
    assert b.credit_class == "A"


def test_directory_missing_header_is_one_error() -> None:
    parsed = read_directory_csv(io.StringIO("uscc,name\n91350100M000100Y43,x\n"))
    assert parsed.businesses == []
    assert parsed.errors[0].line == 1


def test_individual_businesses_count_as_citizens() -> None:
    assert party_type_for("92440304MA5EYHTT23") == PartyType.CITIZEN
    assert party_type_for("91440304MA578A441G") == PartyType.ORGANISATION


def test_demo_tasks_carry_merged_checklists_with_provenance() -> None:
    data = load_dataset(DEMO)
    assert data.errors == ()
    assert len(data.tasks) >= 10
    for task in data.tasks:
        assert not task.business.positive_list
        assert len(task.inspector_ids) >= 2
        codes = [item.code for item in task.checklist]
        assert len(codes) == len(set(codes))
        # the lead department's items open the checklist
        assert task.lead_department_code in task.checklist[0].department_codes
        before = sum(len(i.sources) for i in task.checklist)
        assert task.plan["merge"].startswith(f"{before} items -> {len(task.checklist)} items")
    merged = [i for t in data.tasks for i in t.checklist if len(i.department_codes) > 1]
    assert merged, "the demo exercises merging across departments"
    gas = next(i for t in data.tasks for i in t.checklist if i.code == "GX-RQ-001")
    assert gas.severity == Severity.KEY
