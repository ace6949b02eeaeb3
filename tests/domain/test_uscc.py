"""统一社会信用代码 checks, cases from GB 32100-2015 and published codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.uscc import (
    USCC_CHARS,
    check_uscc,
    org_code_check_char,
    registration_number_check_digit,
    uscc_check_char,
)

WORKED_EXAMPLE = "91350100M000100Y43"  # GB 32100-2015 worked example, DOMAIN.md


def with_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def test_worked_example_is_valid_without_warnings() -> None:
    result = check_uscc(WORKED_EXAMPLE)
    assert result.valid
    assert result.normalized == WORKED_EXAMPLE
    assert not result.legacy
    assert result.warnings == ()
    assert result.error is None


def test_check_char_of_worked_example() -> None:
    # Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3
    assert uscc_check_char(WORKED_EXAMPLE[:17]) == "3"


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",
        "91440300708461136T",
        "91330100799655058B",
        "91110108551385082Q",
        "911100001000044477",
        "12100000400000624D",  # 机构编制 / 事业单位
        "53100000500021676K",  # 民政 / 基金会
    ],
)
def test_published_codes_are_valid_without_warnings(code: str) -> None:
    result = check_uscc(code)
    assert result.valid, result.error
    assert result.warnings == ()


@pytest.mark.parametrize(
    "raw",
    [
        "91350100m000100y43",
        " 91350100M000100Y43 ",
        "9135 0100 M000 100Y 43",
        "9135\u30000100M000100Y43",  # full-width (ideographic) space
        "91350100M000100Y43\t\n",
        "９１３５０１００Ｍ０００１００Ｙ４３",  # full-width characters
        "\ufeff91350100M000100Y43",
    ],
)
def test_input_is_normalised(raw: str) -> None:
    result = check_uscc(raw)
    assert result.valid
    assert result.normalized == WORKED_EXAMPLE


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_each_forbidden_letter_is_rejected(letter: str) -> None:
    code = WORKED_EXAMPLE[:8] + letter + WORKED_EXAMPLE[9:]
    result = check_uscc(code)
    assert not result.valid
    assert result.error is not None
    assert f"“{letter}”" in result.error


def test_other_illegal_characters_are_rejected() -> None:
    result = check_uscc("91350100M000100Y4-")
    assert not result.valid
    assert result.error is not None and "“-”" in result.error


def test_wrong_check_character_names_the_expected_one() -> None:
    result = check_uscc("91350100M000100Y44")
    assert not result.valid
    assert result.error is not None
    assert "“3”" in result.error
    assert result.normalized == "91350100M000100Y44"


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y433", "9", "1" * 16])
def test_wrong_length_is_rejected(code: str) -> None:
    result = check_uscc(code)
    assert not result.valid
    assert result.error is not None and "18位" in result.error


@pytest.mark.parametrize("value", [None, 913501, b"91350100M000100Y43", "", "   ", "\u3000"])
def test_empty_or_not_text_is_rejected(value: object) -> None:
    result = check_uscc(value)
    assert not result.valid
    assert result.error


def test_legacy_registration_number_is_accepted_and_flagged() -> None:
    result = check_uscc("110108000000016")
    assert result.valid
    assert result.legacy
    assert len(result.warnings) == 1
    assert "15位" in result.warnings[0]


def test_legacy_registration_number_with_bad_check_digit_only_warns() -> None:
    result = check_uscc("110108000000017")
    assert result.valid and result.legacy
    assert len(result.warnings) == 2
    assert "“6”" in result.warnings[1]


def test_fifteen_characters_with_letters_is_not_legacy() -> None:
    result = check_uscc("11010800000001A")
    assert not result.valid
    assert not result.legacy


def test_registration_number_check_digit() -> None:
    assert registration_number_check_digit("11010800000001") == "6"


def test_org_code_check_char() -> None:
    assert org_code_check_char("M000100Y") == "4"
    # GB 11714-1997 example D2143569-X: Σ = 199, 199 mod 11 = 1, 11 − 1 = 10 -> X
    assert org_code_check_char("D2143569") == "X"


def test_org_code_check_maps_ten_to_x_and_eleven_to_zero() -> None:
    # Σ = 1·3 = 3 -> c = 8; Σ = 1·2 = 2 -> c = 9; Σ = 1·10 = 10 -> c = 1;
    # Σ = 12 (3+9) -> 12 mod 11 = 1 -> c = 10 -> X; Σ = 0 -> c = 11 -> 0
    assert org_code_check_char("10000000") == "8"
    assert org_code_check_char("00000001") == "9"
    assert org_code_check_char("00010000") == "1"
    assert org_code_check_char("10100000") == "X"
    assert org_code_check_char("00000000") == "0"


def test_unknown_registering_authority_warns() -> None:
    code = with_check("B1350100M000100Y4")
    result = check_uscc(code)
    assert result.valid
    assert len(result.warnings) == 1
    assert "第1位" in result.warnings[0]


def test_unknown_entity_class_warns() -> None:
    code = with_check("94350100M000100Y4")  # 工商 knows classes 1, 2, 3 only
    result = check_uscc(code)
    assert result.valid
    assert len(result.warnings) == 1
    assert "第2位" in result.warnings[0] and "工商" in result.warnings[0]


@pytest.mark.parametrize("prefix", ["11", "59", "93", "N2", "Y1", "31", "A1", "71"])
def test_known_authority_and_class_do_not_warn(prefix: str) -> None:
    assert check_uscc(with_check(prefix + "350100M000100Y4")).warnings == ()


def test_org_code_mismatch_warns_but_stays_valid() -> None:
    code = with_check("91350100M000100Y5")
    result = check_uscc(code)
    assert result.valid
    assert len(result.warnings) == 1
    assert "第17位" in result.warnings[0] and "“4”" in result.warnings[0]


def test_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        uscc_check_char("91350100M000100Y")
    with pytest.raises(ValueError):
        uscc_check_char("91350100M000100O4")


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    result = check_uscc(text)
    assert result.valid == (result.error is None)


@given(st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text()), st.floats()))
def test_never_raises_on_non_text(value: object) -> None:
    assert not check_uscc(value).valid


@given(st.text(alphabet=USCC_CHARS, min_size=17, max_size=17))
def test_any_first17_with_computed_check_char_is_valid(first17: str) -> None:
    result = check_uscc(first17 + uscc_check_char(first17))
    assert result.valid
    assert result.error is None


@given(
    st.text(alphabet=USCC_CHARS, min_size=17, max_size=17),
    st.sampled_from(USCC_CHARS),
)
def test_any_other_check_char_is_rejected(first17: str, wrong: str) -> None:
    if wrong == uscc_check_char(first17):
        return
    assert not check_uscc(first17 + wrong).valid
