"""Citations and law texts: 《…》第X条第Y款第（Z）项 and the article they name."""

from __future__ import annotations

import pytest

from inspector_app.domain.lawtext import (
    Citation,
    chinese_number,
    law_key,
    parse_citation,
    parse_citations,
    parse_law,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十三", 33),
        ("一百", 100),
        ("一百零五", 105),
        ("一百二十六", 126),
        ("两百", 200),
        ("一千零一", 1001),
        ("42", 42),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_a_numeral_with_other_characters_is_refused() -> None:
    with pytest.raises(ValueError):
        chinese_number("三十x")


def test_a_citation_with_paragraph_and_item() -> None:
    assert parse_citation("《中华人民共和国行政处罚法》第三十三条第一款") == Citation(
        "中华人民共和国行政处罚法", 33, 1
    )
    assert parse_citation("依据《行政处罚法》第九条第（二）项") == Citation(
        "行政处罚法", 9, None, 2
    )
    assert parse_citation("《食品生产经营监督检查管理办法》第四十八条") == Citation(
        "食品生产经营监督检查管理办法", 48
    )
    assert parse_citation("第三十三条") is None  # no law named
    assert parse_citation("《行政处罚法》第三十三条之一") is None  # inserted articles: not numbered


def test_the_national_prefix_and_marks_do_not_change_the_law() -> None:
    assert law_key("《中华人民共和国行政处罚法》") == law_key("行政处罚法") == "行政处罚法"


def test_a_legal_basis_lists_several_citations() -> None:
    cited = parse_citations("《中华人民共和国食品安全法》第三十五条;《行政处罚法》第三十三条第二款")
    assert [(c.key, c.article, c.paragraph) for c in cited] == [
        ("食品安全法", 35, None),
        ("行政处罚法", 33, 2),
    ]


LAW = """# 中华人民共和国行政处罚法

2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订

<!-- INFO END -->

## 第二章 行政处罚的种类和设定

第九条 行政处罚的种类：

（一）警告、通报批评；

（二）罚款、没收违法所得、没收非法财物；

## 第四章 行政处罚的管辖和适用

第三十三条 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。

当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。

对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。

第三十三条之一 （假设的插入条文，不按编号查找）

第三十四条 行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。
"""


def test_articles_paragraphs_and_items_from_markdown() -> None:
    law = parse_law(LAW)
    assert law.title == "中华人民共和国行政处罚法" and law.key == "行政处罚法"
    assert law.preamble == ("2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订",)
    art33 = law.articles[33]
    assert art33.label == "第三十三条" and art33.chapter == "第四章 行政处罚的管辖和适用"
    assert len(art33.paragraphs) == 3
    assert art33.paragraphs[1].text.startswith("当事人有证据足以证明没有主观过错的")
    art9 = law.articles[9]
    assert art9.paragraphs[0].text == "行政处罚的种类："
    assert art9.paragraphs[0].items == (
        "（一）警告、通报批评；",
        "（二）罚款、没收违法所得、没收非法财物；",
    )
    assert "假设" not in law.articles[33].text and "假设" not in law.articles[34].text
