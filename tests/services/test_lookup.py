"""Offline search: provisions, rule-pack entries and check items by a few Chinese characters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from inspector_app.services import InvalidInput, Profile, import_tasks, open_profile
from inspector_app.services.demo import demo_tasks, load_demo
from inspector_app.services.lookup import (
    _TASK_ENTRIES,
    MAX_QUERY,
    Kind,
    LookupIndex,
    highlight_spans,
    lookup_index,
    provision_entries,
    query_terms,
    search,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Profile]:
    with open_profile(tmp_path_factory.mktemp("lookup") / "profile") as p:
        load_demo(p)
        yield p


def titles(profile: Profile, query: str, kind: Kind) -> list[str]:
    return [h.entry.title for h in search(profile, query).groups[kind]]


def test_a_provision_is_found_by_a_few_characters(demo: Profile) -> None:
    found = search(demo, "责令改正")
    provisions = found.groups[Kind.PROVISION]
    assert provisions, "责令改正 is in the shipped laws"
    assert all("责令改正" in h.entry.text for h in provisions)
    assert found.totals[Kind.PROVISION] == sum("责令改正" in e.text for e in provision_entries())
    # The matched words are marked in the snippet shown under the title.
    hit = provisions[0]
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["责令改正"]


def test_two_characters_are_enough(demo: Profile) -> None:
    found = search(demo, "罚款")
    assert found.totals[Kind.PROVISION] > 10
    assert "《中华人民共和国行政处罚法》第六十七条" in titles(demo, "罚款", Kind.PROVISION)[:5]


def test_a_citation_with_arabic_numbers_finds_the_article(demo: Profile) -> None:
    article_33 = "《中华人民共和国行政处罚法》第三十三条"
    assert titles(demo, "处罚法第33条", Kind.PROVISION)[0] == article_33
    assert article_33 not in titles(demo, "第三十三条 罚款", Kind.PROVISION)  # every word
    hits = titles(demo, "第三十三条 初次违法", Kind.PROVISION)
    assert hits == [article_33]


def test_words_the_text_lacks_find_the_provision(demo: Profile) -> None:
    # 首违不罚 is what inspectors call 行政处罚法第三十三条 (resources/reference/lookup_terms.json).
    first = search(demo, "首违不罚").groups[Kind.PROVISION][0]
    assert first.entry.title == "《中华人民共和国行政处罚法》第三十三条"
    assert "首违不罚" in first.entry.context
    # A section's heading is the article's context: 简易程序 finds 第五十一条.
    assert "《中华人民共和国行政处罚法》第五十一条" in titles(demo, "简易程序", Kind.PROVISION)


def test_rule_pack_entries_are_found_by_their_list(demo: Profile) -> None:
    found = search(demo, "首违不罚")
    entries = found.groups[Kind.RULE_PACK_ENTRY]
    assert len(entries) >= 5
    assert any("保质期" in h.entry.title for h in entries)
    assert titles(demo, "保质期", Kind.RULE_PACK_ENTRY)[0] == "经营超过保质期的食品、食品添加剂"


def test_check_items_are_found_and_ranked_by_title_first(demo: Profile) -> None:
    items = titles(demo, "消防", Kind.CHECK_ITEM)
    assert items and all("消防" in t for t in items[:5])
    found = search(demo, "保质期")
    first = found.groups[Kind.CHECK_ITEM][0]
    assert "保质期" in first.entry.title  # a title hit before a hit in the text only
    assert first.title_spans
    # Each check item once, however many tasks share it.
    codes = [h.entry.context.split(" · ")[0] for h in search(demo, "食品").groups[Kind.CHECK_ITEM]]
    assert len(codes) == len(set(codes))


def test_several_words_must_all_be_there(demo: Profile) -> None:
    for hit in search(demo, "食品 保质期").groups[Kind.CHECK_ITEM]:
        text = hit.entry.title + hit.entry.text
        assert "食品" in text and "保质期" in text


def test_no_match_and_empty_queries(demo: Profile) -> None:
    assert search(demo, "量子计算机").total == 0
    assert search(demo, "   ").total == 0
    assert search(demo, "").terms == ()


def test_the_index_and_the_plain_scan_agree(demo: Profile) -> None:
    index = lookup_index(demo)
    for query in ("法", "罚款", "责令改正", "食品 许可", "ab", "100%", "第_条"):
        found = index.search(query, per_kind=10_000)
        keys = sorted(h.entry.key for g in found.groups.values() for h in g)
        assert keys == sorted(index.entries[n].key for n in index.scan(query)), query


def test_bad_input_is_refused_with_a_message(demo: Profile) -> None:
    with pytest.raises(InvalidInput) as caught:
        search(demo, "罚" * (MAX_QUERY + 1))
    assert caught.value.key == "lookup.query_too_long"
    assert "最多" in caught.value.text("zh")
    with pytest.raises(InvalidInput):
        query_terms("a b c d e f g")
    with pytest.raises(InvalidInput):
        query_terms("罚款\n")


def test_the_index_is_built_once_and_again_after_new_tasks(tmp_path: Path) -> None:
    with open_profile(tmp_path / "p") as p:
        load_demo(p)
        first = lookup_index(p)
        assert lookup_index(p) is first
        held = dict(_TASK_ENTRIES[str(p.folder)])
        task = demo_tasks()[0]
        item = replace(task.checklist[0], id="new-item", code="ZZ-001", title="冷库除霜记录")
        import_tasks(p, [replace(task, id="t-new", checklist=(item,))])
        second = lookup_index(p)
        assert second is not first
        assert titles(p, "除霜", Kind.CHECK_ITEM) == ["冷库除霜记录"]
        # Only the new task's JSON was read again: the others' entries are the same objects.
        now = _TASK_ENTRIES[str(p.folder)]
        assert set(now) == {*held, "t-new"}
        assert all(now[t] is held[t] for t in held)


def test_highlight_spans_merge_and_ignore_case() -> None:
    assert highlight_spans("GB 7718 gb", ["gb"]) == ((0, 2), (8, 10))
    assert highlight_spans("责令改正", ["责令", "令改"]) == ((0, 3),)


def test_without_fts5_the_answers_are_the_same(demo: Profile, monkeypatch) -> None:
    index = lookup_index(demo)
    monkeypatch.setattr(
        LookupIndex,
        "_create_table",
        lambda self: (
            self._db.execute("CREATE TABLE lookup(title TEXT, body TEXT, alias TEXT)") and "like"
        ),
    )
    plain = LookupIndex(index.entries)
    assert plain.engine == "like"
    for query in ("责令改正", "罚款", "首违不罚"):
        assert plain.search(query).totals == index.search(query).totals
