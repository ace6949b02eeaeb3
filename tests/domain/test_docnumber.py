"""文号: 机关代字 + 类型代字 + 〔YYYY〕 + 顺序号 + 号."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.docnumber import format_document_number, parse_document_number
from inspector_app.domain.entities import DocumentNumber

EXAMPLE = DocumentNumber("深市监", "责改", 2026, 12)


def test_format_example() -> None:
    assert format_document_number(EXAMPLE) == "深市监责改\u30142026\u301512号"


def test_parse_example_with_agency_code() -> None:
    assert parse_document_number("深市监责改〔2026〕12号", "深市监") == EXAMPLE


def test_parse_without_agency_code_puts_whole_prefix_in_agency() -> None:
    assert parse_document_number("深市监责改〔2026〕12号") == DocumentNumber(
        "深市监责改", "", 2026, 12
    )


def test_parse_ignores_surrounding_whitespace() -> None:
    assert parse_document_number("  深市监责改〔2026〕1号\n", "深市监") == DocumentNumber(
        "深市监", "责改", 2026, 1
    )


def test_agency_code_equal_to_prefix_gives_empty_type_code() -> None:
    assert parse_document_number("深市监〔2026〕3号", "深市监") == DocumentNumber(
        "深市监", "", 2026, 3
    )


def test_large_sequence_numbers() -> None:
    assert parse_document_number("深市监责改〔2026〕10240号").seq == 10240


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("深市监责改〔2026〕012号", "补零"),
        ("深市监责改〔2026〕0号", "补零"),
        ("深市监责改〔2026〕第12号", "第"),
        ("深市监责改[2026]12号", "六角括号"),
        ("深市监责改(2026)12号", "六角括号"),
        ("深市监责改（2026）12号", "六角括号"),
        ("深市监责改【2026】12号", "六角括号"),
        ("深市监责改〔26〕12号", "四位"),
        ("深市监责改〔２０２６〕12号", "四位"),
        ("深市监责改〔2026年〕12号", "四位"),
        ("深市监责改2026年12号", "缺少"),
        ("深市监责改〔2026〕12", "号"),
        ("深市监责改〔2026〕号", "顺序号"),
        ("深市监责改〔2026〕十二号", "阿拉伯数字"),
        ("深市监责改〔2026〕-1号", "阿拉伯数字"),
        ("〔2026〕12号", "机关代字"),
        ("深市监 责改〔2026〕12号", "空格"),
        ("深〔2025〕市监责改〔2026〕12号", "一对"),
        ("深〕市监责改〔2026〕12号", "一对"),
        ("深市监责改2026〕12号", "六角括号"),
        ("", "为空"),
        ("   ", "为空"),
    ],
)
def test_parse_rejects_bad_numbers_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_document_number(text)


def test_parse_rejects_prefix_of_another_agency() -> None:
    with pytest.raises(ValueError, match="广市监"):
        parse_document_number("深市监责改〔2026〕12号", "广市监")


@pytest.mark.parametrize(
    "number",
    [
        DocumentNumber("深市监", "责改", 2026, 0),
        DocumentNumber("深市监", "责改", 2026, -3),
        DocumentNumber("深市监", "责改", 26, 1),
        DocumentNumber("深市监", "责改", 20260, 1),
        DocumentNumber("", "责改", 2026, 1),
        DocumentNumber("深市 监", "责改", 2026, 1),
        DocumentNumber("深市监", "责〔改", 2026, 1),
        DocumentNumber("深市监", "责改", True, 1),  # type: ignore[arg-type]
        DocumentNumber("深市监", "责改", 2026, 1.0),  # type: ignore[arg-type]
    ],
)
def test_format_rejects_impossible_numbers(number: DocumentNumber) -> None:
    with pytest.raises(ValueError):
        format_document_number(number)


_code_chars = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
    exclude_characters="\u3014\u3015",
).filter(lambda ch: not ch.isspace())
numbers = st.builds(
    DocumentNumber,
    agency_code=st.text(_code_chars, min_size=1, max_size=8),
    type_code=st.text(_code_chars, max_size=4),
    year=st.integers(1000, 9999),
    seq=st.integers(1, 10**9),
)


@given(numbers)
def test_round_trip_with_agency_code(number: DocumentNumber) -> None:
    text = format_document_number(number)
    assert parse_document_number(text, number.agency_code) == number


@given(numbers)
def test_round_trip_without_agency_code(number: DocumentNumber) -> None:
    text = format_document_number(number)
    parsed = parse_document_number(text)
    assert parsed == DocumentNumber(
        number.agency_code + number.type_code, "", number.year, number.seq
    )
    assert format_document_number(parsed) == text
