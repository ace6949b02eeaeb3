"""The provision lookup over the law texts shipped in resources/reference/laws."""

from __future__ import annotations

from inspector_app.services.reference import Found, law_library, lookup_provision, lookup_provisions


def test_a_citation_opens_its_article_in_the_shipped_text() -> None:
    found = lookup_provision("《中华人民共和国行政处罚法》第三十三条第一款")
    assert found.found is Found.ARTICLE
    assert found.law == "中华人民共和国行政处罚法" and found.version == "2021-01-22"
    assert found.article is not None and found.citation is not None
    assert found.citation.paragraph == 1
    # 第三十三条第一款, quoted from the official text:
    assert found.article.paragraphs[0].text == (
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
    )
    # 第三款: "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。"
    assert found.article.paragraphs[2].text.endswith("行政机关应当对当事人进行教育。")


def test_the_short_name_and_an_item_find_the_same_law() -> None:
    found = lookup_provision("《行政处罚法》第五十一条")
    assert found.article is not None
    assert "对法人或者其他组织处以三千元以下罚款或者警告" in found.article.text
    item = lookup_provision("《食品生产经营监督检查管理办法》第二十七条")
    assert item.found is Found.ARTICLE


def test_what_cannot_be_found_says_why() -> None:
    assert lookup_provision("《中华人民共和国消防法》第十六条").found is Found.LAW_NOT_SHIPPED
    assert lookup_provision("《行政处罚法》第九百条").found is Found.NO_SUCH_ARTICLE
    assert lookup_provision("现场查看").found is Found.NOT_A_CITATION
    assert [p.found for p in lookup_provisions(["《行政处罚法》第四十三条", " "])] == [
        Found.ARTICLE
    ]


def test_every_shipped_law_parses_into_numbered_articles() -> None:
    library = law_library()
    assert "行政处罚法" in library.keys() and "行政强制法" in library.keys()
    for key in library.keys():
        held = library.law(key)
        assert held is not None
        law, _version = held
        numbers = sorted(law.articles)
        assert numbers[0] == 1, key
        assert numbers == list(range(1, numbers[-1] + 1)), key  # no article lost or doubled
