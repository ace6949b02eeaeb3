"""A matter's duty, order and penalty provisions: CSV columns, merge, per department.

《食品生产经营监督检查管理办法》第三十九条第二款: "检查结果对消费者有重要影响的，食品生产
经营者应当按照规定在食品生产经营场所醒目位置张贴或者公开展示监督检查结果记录表，并保持
至下次监督检查。" (the duty) and 第四十八条: "……由县级以上地方市场监督管理部门责令改正；
拒不改正的，给予警告，可以并处5000元以上5万元以下罚款。" (the order and the penalty).
"""

from __future__ import annotations

import io

import pytest

from inspector_app.domain.checklist import merge_checklists, read_checklist_csv
from inspector_app.domain.entities import CheckItem, PenaltyProvision, Severity
from inspector_app.domain.provisions import MatterProvisions, provisions_for
from inspector_app.domain.serialization import merged_item_from_json, merged_item_to_json

DUTY = "《食品生产经营监督检查管理办法》第三十九条第二款"
ART_48 = "《食品生产经营监督检查管理办法》第四十八条"
OLD_HEADER = "department_code,department_name,code,title,content,method,legal_basis,severity"
NEW_HEADER = (
    OLD_HEADER + ",order_basis,penalty_basis,penalty_warning,fine_min,fine_max,"
    "penalty_condition,benchmark,penalty_note"
)
DISPLAY_48 = PenaltyProvision(
    basis=(ART_48,),
    warning=True,
    fine_min=5000,
    fine_max=50000,
    condition="拒不改正的",
    benchmark="sz-food-48",
)


def test_new_columns_carry_the_three_provisions() -> None:
    text = (
        NEW_HEADER + "\n"
        f"SJ,市场监管局,SC-SP-002,结果公示,内容,查看,{DUTY},general,{ART_48},{ART_48},1,"
        "5000,50000,拒不改正的,sz-food-48,\n"
    )
    parse = read_checklist_csv(io.StringIO(text))
    assert parse.errors == []
    (item,) = parse.items
    assert item.legal_basis == (DUTY,)
    assert item.order_basis == (ART_48,)
    assert item.penalty == DISPLAY_48
    assert item.penalty.conditional and not item.penalty.fine_only


def test_old_files_without_the_columns_still_read() -> None:
    parse = read_checklist_csv(io.StringIO(OLD_HEADER + f"\nSJ,局,M1,标题,,,{DUTY},key\n"))
    assert parse.errors == []
    assert parse.items[0].order_basis == () and parse.items[0].penalty is None


def test_some_optional_columns_in_any_order() -> None:
    text = f"penalty_basis,fine_max,{OLD_HEADER}\n{ART_48},200,SJ,局,M1,标题,,,{DUTY},key\n"
    (item,) = read_checklist_csv(io.StringIO(text)).items
    assert item.penalty == PenaltyProvision(basis=(ART_48,), fine_max=200)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (f"{ART_48},{ART_48},maybe,,,,,", "penalty_warning"),
        (f"{ART_48},{ART_48},1,五千,,,,", "fine_min"),
        (f"{ART_48},{ART_48},1,50000,5000,,,", "大于"),
        (f"{ART_48},,1,5000,50000,,,", "penalty_basis 为空"),
    ],
)
def test_bad_provision_cells_are_reported_by_line(cells: str, message: str) -> None:
    text = NEW_HEADER + f"\nSJ,局,M0,好的,,,,key,,,,,,,,\nSJ,局,M1,标题,,,{DUTY},key,{cells}\n"
    parse = read_checklist_csv(io.StringIO(text))
    assert [i.code for i in parse.items] == ["M0"]
    assert [e.line for e in parse.errors] == [3]
    assert message in parse.errors[0].message


def test_fines_written_with_yuan_and_thousands_separators() -> None:
    text = NEW_HEADER + f'\nSJ,局,M1,标题,,,{DUTY},key,,{ART_48},0,"5,000元",5万,,,\n'
    parse = read_checklist_csv(io.StringIO(text))
    assert parse.items == []  # "5万" is not whole yuan: say so rather than guess
    assert "fine_max" in parse.errors[0].message


def _item(dept: str, code: str, *, order: tuple[str, ...] = (), penalty=None) -> CheckItem:
    return CheckItem(
        dept,
        dept,
        code,
        f"{dept}-{code}",
        "",
        "",
        (f"《{dept}法》第一条",),
        Severity.GENERAL,
        order,
        penalty,
    )


def test_merge_keeps_each_sources_provisions_and_names_departments() -> None:
    fire = PenaltyProvision(basis=("《消防法》第六十条第一款",), warning=True, fine_min=5000)
    safety = PenaltyProvision(basis=("《安全生产法》第一百零五条",), fine_max=50000)
    items = [
        _item("XF", "XF-003", order=("《消防法》第六十条第一款",), penalty=fire),
        _item("YJ", "YJ-009", order=("《安全生产法》第一百零五条",), penalty=safety),
        _item("JD", "JD-007"),
    ]
    merged = merge_checklists(items, [("XF-003", "YJ-009"), ("YJ-009", "JD-007")]).items[0]
    # The wording follows the smallest code; the provisions the first source stating any.
    assert merged.code == "JD-007"
    assert (merged.order_basis, merged.penalty) == (("《消防法》第六十条第一款",), fire)
    assert [s.penalty for s in merged.sources] == [fire, safety, None]
    assert provisions_for(merged) == MatterProvisions(
        ("XF",), ("《XF法》第一条",), ("《消防法》第六十条第一款",), fire
    )
    assert provisions_for(merged, "YJ").penalty == safety
    assert provisions_for(merged, "JD") == MatterProvisions(("JD",), ("《JD法》第一条",))
    with pytest.raises(ValueError, match="WJ"):
        provisions_for(merged, "WJ")
    assert merged_item_from_json(merged_item_to_json(merged)) == merged


def test_two_departments_enforcing_one_provision_are_both_named() -> None:
    items = [
        _item("SJ", "GX-1", order=(ART_48,), penalty=DISPLAY_48),
        _item("WJ", "GX-1", order=(ART_48,), penalty=DISPLAY_48),
    ]
    merged = merge_checklists(items).items[0]
    assert provisions_for(merged).departments == ("SJ", "WJ")


def test_merge_without_provisions_stays_as_before() -> None:
    merged = merge_checklists([_item("SJ", "M1"), _item("WJ", "M1")]).items[0]
    assert merged.order_basis == () and merged.penalty is None
    assert not provisions_for(merged).known
    assert provisions_for(merged).departments == ("SJ", "WJ")
