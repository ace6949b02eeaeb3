"""Departmental checklists: CSV reading and merging (去重融合) with provenance."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.checklist import (
    CandidateRef,
    Equivalence,
    MergeResult,
    merge_checklists,
    read_checklist_csv,
    read_equivalences_csv,
    split_legal_basis,
)
from inspector_app.domain.entities import CheckItem, Severity, SourceItem

FSL_35 = "《中华人民共和国食品安全法》第三十五条"
FSL_33 = "《中华人民共和国食品安全法》第三十三条"
PQL_13 = "《中华人民共和国产品质量法》第十三条"
HEADER = "department_code,department_name,code,title,content,method,legal_basis,severity\n"


def item(
    dept: str,
    code: str,
    title: str = "",
    *,
    content: str = "",
    basis: tuple[str, ...] = (),
    severity: Severity = Severity.GENERAL,
) -> CheckItem:
    return CheckItem(
        department_code=dept,
        department_name=dept,
        code=code,
        title=title or f"{dept}-{code}",
        content=content,
        method="查看",
        legal_basis=basis,
        severity=severity,
    )


# --- merging -------------------------------------------------------------------------


def test_same_code_across_departments_becomes_one_item_with_all_sources() -> None:
    items = [
        item("SJ", "M001", "食品经营许可", basis=(FSL_35,), severity=Severity.GENERAL),
        item("WJ", "M001", "持证经营", basis=(FSL_35, FSL_33), severity=Severity.KEY),
        item("SJ", "M002", "计量器具"),
    ]
    result = merge_checklists(items)
    assert [m.code for m in result.items] == ["M001", "M002"]
    first = result.items[0]
    assert first.id == "M001"
    assert first.title == "食品经营许可"
    assert first.severity is Severity.KEY
    assert first.legal_basis == (FSL_35, FSL_33)
    assert first.sources == (
        SourceItem("SJ", "M001", "食品经营许可", (FSL_35,)),
        SourceItem("WJ", "M001", "持证经营", (FSL_35, FSL_33)),
    )
    assert first.department_codes == ("SJ", "WJ")
    assert (result.items_before, result.items_after) == (3, 2)


def test_transitive_equivalences_give_one_item() -> None:
    items = [item("A", "C-300"), item("B", "B-200"), item("C", "A-100")]
    # A-100 and C-300 never appear together in the table.
    result = merge_checklists(items, [("C-300", "B-200"), Equivalence("B-200", "A-100", "同源")])
    assert len(result.items) == 1
    merged = result.items[0]
    assert merged.code == merged.id == "A-100"  # smallest code
    assert merged.title == "C-A-100"  # wording of the item carrying that code
    assert [s.code for s in merged.sources] == ["C-300", "B-200", "A-100"]  # input order


def test_equivalence_through_a_code_absent_from_the_items_still_links() -> None:
    result = merge_checklists([item("A", "X1"), item("B", "X3")], [("X1", "X2"), ("X2", "X3")])
    assert len(result.items) == 1


def test_equivalence_naming_absent_codes_is_harmless() -> None:
    items = [item("A", "M1"), item("B", "M2")]
    result = merge_checklists(items, [("M1", "NOPE"), ("GONE", "ALSO-GONE")])
    assert [m.code for m in result.items] == ["M1", "M2"]
    assert [len(m.sources) for m in result.items] == [1, 1]


def test_output_order_is_first_appearance() -> None:
    items = [item("A", "Z9"), item("B", "A1"), item("C", "M5"), item("D", "Z9")]
    assert [m.code for m in merge_checklists(items, [("M5", "A1")]).items] == ["Z9", "A1"]


def test_same_department_and_code_with_other_title_keeps_both_sources() -> None:
    items = [item("SJ", "M1", "标题一"), item("SJ", "M1", "标题二")]
    assert len(merge_checklists(items).items[0].sources) == 2


def test_exact_duplicate_keeps_one_source() -> None:
    items = [item("SJ", "M1", "标题一"), item("SJ", "M1", "标题一")]
    result = merge_checklists(items)
    assert len(result.items[0].sources) == 1
    assert result.summary() == "2 items -> 1 items (\u221250%)"


def test_strictest_severity_wins() -> None:
    items = [
        item("A", "M1", severity=Severity.GENERAL),
        item("B", "M2", severity=Severity.KEY),
        item("C", "M3", severity=Severity.GENERAL),
    ]
    result = merge_checklists(items, [("M1", "M2"), ("M3", "M2")])
    assert result.items[0].severity is Severity.KEY
    assert merge_checklists([items[0], items[2]]).items[0].severity is Severity.GENERAL


def test_legal_basis_union_dedupes_spelling_variants() -> None:
    items = [
        item("A", "M1", basis=("《食品安全法》第三十五条（一）", FSL_33)),
        item("B", "M1", basis=("《食品安全法》 第三十五条(一)", PQL_13)),
    ]
    merged = merge_checklists(items).items[0]
    assert merged.legal_basis == ("《食品安全法》第三十五条（一）", FSL_33, PQL_13)


def test_similar_items_citing_same_provision_are_candidates_not_merged() -> None:
    items = [
        item(
            "SJ",
            "330217001",
            "检查食品经营许可证",
            content="查看是否取得食品经营许可证并在有效期内",
            basis=(FSL_35,),
        ),
        item(
            "WJ",
            "W-088",
            "检查食品经营许可证件",
            content="查看是否取得食品经营许可证，是否在有效期内",
            basis=("《中华人民共和国食品安全法》 第三十五条",),
        ),
        item("ZJ", "Z-1", "检查计量器具", content="查看计量器具是否经检定", basis=(FSL_35,)),
    ]
    result = merge_checklists(items)
    assert result.items_after == 3
    assert len(result.candidates) == 1
    candidate = result.candidates[0]
    assert candidate.a == CandidateRef("SJ", "330217001")
    assert candidate.b == CandidateRef("WJ", "W-088")
    assert candidate.reason.startswith(f"同引{FSL_35}，内容相似度 0.")
    ratio = float(candidate.reason.rsplit(" ", 1)[1])
    assert ratio >= 0.6
    # the threshold is a parameter
    assert merge_checklists(items, similarity_threshold=0.99).candidates == ()


def test_similar_items_without_a_common_provision_are_not_candidates() -> None:
    items = [
        item("SJ", "M1", "检查食品经营许可证", basis=(FSL_35,)),
        item("WJ", "M2", "检查食品经营许可证", basis=(FSL_33,)),
    ]
    assert merge_checklists(items).candidates == ()


def test_items_of_one_group_are_never_candidates_of_each_other() -> None:
    items = [
        item("SJ", "M1", "检查食品经营许可证", basis=(FSL_35,)),
        item("WJ", "M2", "检查食品经营许可证", basis=(FSL_35,)),
        item("ZJ", "M3", "检查食品经营许可证", basis=(FSL_35,)),
    ]
    result = merge_checklists(items, [("M1", "M2")])
    assert [(c.a.code, c.b.code) for c in result.candidates] == [("M1", "M3")]
    assert merge_checklists(items, [("M1", "M2"), ("M2", "M3")]).candidates == ()


def test_each_candidate_pair_is_listed_once() -> None:
    items = [
        item("SJ", "M1", "检查食品经营许可证", basis=(FSL_35, FSL_33)),
        item("WJ", "M2", "检查食品经营许可证", basis=(FSL_33, FSL_35)),
    ]
    (candidate,) = merge_checklists(items).candidates
    assert candidate.reason == f"同引{FSL_35}、{FSL_33}，内容相似度 1.00"


def test_summary_and_reduction() -> None:
    items = [item(f"D{i % 3}", f"M{i % 9:02d}") for i in range(12)]
    result = merge_checklists(items)
    assert (result.items_before, result.items_after) == (12, 9)
    assert result.reduction == 0.25
    assert result.summary() == "12 items -> 9 items (\u221225%)"


@pytest.mark.parametrize(
    ("before", "after", "text"),
    [
        (0, 0, "0 items -> 0 items (\u22120%)"),
        (5, 5, "5 items -> 5 items (\u22120%)"),
        (8, 7, "8 items -> 7 items (\u221213%)"),  # 12.5 rounds half up
        (3, 2, "3 items -> 2 items (\u221233%)"),
        (3, 1, "3 items -> 1 items (\u221267%)"),
        (200, 1, "200 items -> 1 items (\u2212100%)"),  # 99.5 rounds half up
    ],
)
def test_summary_rounds_half_up(before: int, after: int, text: str) -> None:
    assert MergeResult((), (), before, after).summary() == text


def test_to_json() -> None:
    items = [
        item("SJ", "M1", "检查食品经营许可证", basis=(FSL_35,), severity=Severity.KEY),
        item("WJ", "M1", "许可证"),
        item("ZJ", "M2", "检查食品经营许可证", basis=(FSL_35,)),
    ]
    data = merge_checklists(items).to_json()
    assert data == {
        "items_before": 3,
        "items_after": 2,
        "reduction": pytest.approx(1 / 3),
        "items": [
            {
                "code": "M1",
                "title": "检查食品经营许可证",
                "severity": "key",
                "sources": [
                    {"department_code": "SJ", "code": "M1", "title": "检查食品经营许可证"},
                    {"department_code": "WJ", "code": "M1", "title": "许可证"},
                ],
            },
            {
                "code": "M2",
                "title": "检查食品经营许可证",
                "severity": "general",
                "sources": [{"department_code": "ZJ", "code": "M2", "title": "检查食品经营许可证"}],
            },
        ],
        "candidates": [
            {
                "a": {"department_code": "SJ", "code": "M1"},
                "b": {"department_code": "ZJ", "code": "M2"},
                "reason": f"同引{FSL_35}，内容相似度 1.00",
            }
        ],
    }


def test_empty_input() -> None:
    result = merge_checklists([])
    assert result.items == () and result.candidates == ()
    assert result.reduction == 0.0


# --- merging properties --------------------------------------------------------------

_codes = st.sampled_from([f"C{i}" for i in range(8)])
_items = st.lists(
    st.builds(
        item,
        dept=st.sampled_from(["SJ", "WJ", "ZJ"]),
        code=_codes,
        title=st.sampled_from(["", "检查许可证", "检查台账"]),
        severity=st.sampled_from(list(Severity)),
    ),
    max_size=25,
)
_links = st.lists(st.tuples(_codes | st.just("ABSENT"), _codes | st.just("ABSENT")), max_size=8)


def _components(codes: set[str], links: list[tuple[str, str]]) -> int:
    """Connected components among ``codes``, counted by a plain graph search."""
    graph: dict[str, set[str]] = {}
    for a, b in links:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    seen: set[str] = set()
    count = 0
    for code in sorted(codes):
        if code in seen:
            continue
        count += 1
        stack = [code]
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))
    return count


@given(_items, _links)
def test_items_after_is_the_number_of_connected_components(
    items: list[CheckItem], links: list[tuple[str, str]]
) -> None:
    result = merge_checklists(items, links)
    assert result.items_after == len(result.items) == _components({i.code for i in items}, links)
    assert result.items_before == len(items)


@given(_items, _links)
def test_every_item_is_in_exactly_one_merged_item(
    items: list[CheckItem], links: list[tuple[str, str]]
) -> None:
    result = merge_checklists(items, links)
    for it in items:
        holders = [
            m
            for m in result.items
            if SourceItem(it.department_code, it.code, it.title, it.legal_basis) in m.sources
        ]
        assert len(holders) == 1
        assert it.code in {s.code for s in holders[0].sources}
    total = sum(len(m.sources) for m in result.items)
    assert total == len({(i.department_code, i.code, i.title) for i in items})


@given(_items, _links, st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_input_order(
    items: list[CheckItem], links: list[tuple[str, str]], rnd: random.Random
) -> None:
    shuffled = items[:]
    rnd.shuffle(shuffled)

    def shape(result: MergeResult) -> set[tuple[str, Severity, frozenset[SourceItem]]]:
        return {(m.code, m.severity, frozenset(m.sources)) for m in result.items}

    assert shape(merge_checklists(items, links)) == shape(merge_checklists(shuffled, links))


# --- CSV -----------------------------------------------------------------------------


def test_read_checklist_with_chinese_content_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "sj.csv"
    path.write_bytes(
        (
            "\ufeff" + HEADER + "SJ,市场监管局,330217001,食品经营许可,"
            f"查看食品经营许可证,查阅资料,{FSL_35}；{FSL_33};,重点\n"
        ).encode()
    )
    parse = read_checklist_csv(path)
    assert parse.errors == []
    assert parse.items == [
        CheckItem(
            department_code="SJ",
            department_name="市场监管局",
            code="330217001",
            title="食品经营许可",
            content="查看食品经营许可证",
            method="查阅资料",
            legal_basis=(FSL_35, FSL_33),
            severity=Severity.KEY,
        )
    ]
    assert read_checklist_csv(str(path)) == parse


def test_read_checklist_from_stream_tolerates_spaces_and_order() -> None:
    text = (
        "\ufeff code , department_code,department_name ,title,content,method,"
        "legal_basis, SEVERITY\n"
        " M1 , SJ ,市场监管局, 标题 ,内容,方法, A ; ;B ,  General \n"
        "M2,SJ,市场监管局,标题二,,,,一般\n"
    )
    parse = read_checklist_csv(io.StringIO(text))
    assert parse.errors == []
    assert [(i.code, i.department_code, i.title) for i in parse.items] == [
        ("M1", "SJ", "标题"),
        ("M2", "SJ", "标题二"),
    ]
    assert parse.items[0].legal_basis == ("A", "B")
    assert parse.items[0].severity is Severity.GENERAL
    assert parse.items[1].legal_basis == ()


def test_bad_rows_are_reported_by_line_and_good_rows_kept() -> None:
    text = (
        HEADER  # line 1
        + "SJ,市场监管局,M1,好的一行,,,,key\n"  # 2
        + "SJ,市场监管局,,没有编码,,,,key\n"  # 3: missing code
        + "SJ,市场监管局,M3,严重程度错,,,,urgent\n"  # 4: unknown severity
        + "SJ,市场监管局,M4,少了列,,,\n"  # 5: wrong column count
        + "\n"  # 6: blank, ignored
        + 'SJ,市场监管局,M5,"跨两行的\n内容",,,,general\n'  # 7-8: good, multi-line
        + "SJ,市场监管局,M6,,,,,key\n"  # 9: missing title
        + ",市场监管局,M7,标题,,,,\n"  # 10: missing department_code and severity
        + "SJ,市场监管局,M8,多了列,,,,key,extra\n"  # 11: too many columns
        + "SJ,市场监管局,M9,尾部空列,,,,重点,,\n"  # 12: Excel padding, fine
    )
    parse = read_checklist_csv(io.StringIO(text))
    assert [i.code for i in parse.items] == ["M1", "M5", "M9"]
    assert [e.line for e in parse.errors] == [3, 4, 5, 9, 10, 11]
    messages = {e.line: e.message for e in parse.errors}
    assert "code" in messages[3]
    assert "urgent" in messages[4]
    assert "7列" in messages[5] and "8列" in messages[5]
    assert "title" in messages[9]
    assert "department_code" in messages[10] and "severity" in messages[10]
    assert str(parse.errors[0]).startswith("第3行：")


@pytest.mark.parametrize(
    "header",
    [
        "",
        "department_code,department_name,code,title,content,method,legal_basis\n",
        "dept,department_name,code,title,content,method,legal_basis,severity\n",
        "SJ,市场监管局,M1,好的一行,,,,key\n",
        "department_code,department_name,code,code,title,content,method,legal_basis,severity\n",
    ],
)
def test_missing_or_wrong_header_is_one_error_and_no_items(header: str) -> None:
    parse = read_checklist_csv(io.StringIO(header + "SJ,市场监管局,M1,好的一行,,,,key\n"))
    assert parse.items == []
    assert len(parse.errors) == 1
    assert parse.errors[0].line == 1


def test_not_utf8_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "SJ,市场监管局,M1,食品,,,,key\n").encode("gbk"))
    parse = read_checklist_csv(path)
    assert parse.items == []
    assert [e.line for e in parse.errors] == [2]
    assert "UTF-8" in parse.errors[0].message


def test_split_legal_basis() -> None:
    assert split_legal_basis(f" {FSL_35} ；{FSL_33};; ") == (FSL_35, FSL_33)
    assert split_legal_basis("") == ()


def test_read_equivalences() -> None:
    text = "code_a, code_b ,note\nM1,W-088,同一许可事项\nM2,,缺一个\n M3 , M4 ,\nM5\n"
    parse = read_equivalences_csv(io.StringIO(text))
    assert parse.pairs == [Equivalence("M1", "W-088", "同一许可事项"), Equivalence("M3", "M4", "")]
    assert [e.line for e in parse.errors] == [3, 5]


def test_read_equivalences_bad_header() -> None:
    parse = read_equivalences_csv(io.StringIO("a,b,note\nM1,M2,\n"))
    assert parse.pairs == []
    assert [e.line for e in parse.errors] == [1]


def test_csv_to_merge_end_to_end() -> None:
    sj = read_checklist_csv(
        io.StringIO(HEADER + f"SJ,市场监管局,M1,食品经营许可,查看许可证,查阅,{FSL_35},general\n")
    )
    wj = read_checklist_csv(
        io.StringIO(HEADER + f"WJ,卫健委,W-1,持证经营,查看许可证,查阅,{FSL_35},重点\n")
    )
    eq = read_equivalences_csv(io.StringIO("code_a,code_b,note\nW-1,M1,同源\n"))
    result = merge_checklists(sj.items + wj.items, eq.pairs)
    assert result.summary() == "2 items -> 1 items (\u221250%)"
    assert result.items[0].severity is Severity.KEY
    assert result.items[0].department_codes == ("SJ", "WJ")
