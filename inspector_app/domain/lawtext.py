"""Law texts: a citation such as 《中华人民共和国行政处罚法》第三十三条第一款 and
the article's text, read from a law's Markdown (one ``第X条`` at the start of a line
begins each article; ``#`` lines are the title, chapters and sections).

How a citation is written follows the drafting convention of Chinese laws: an article
(条) holds paragraphs (款, one block of text each) and a paragraph may list items (项,
blocks starting ``（一）``), which belong to the paragraph before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "[零〇一二两三四五六七八九十百千0-9]+"

#: The national prefix a citation may carry or leave out: 《中华人民共和国行政处罚法》 is
#: 《行政处罚法》.
NATIONAL_PREFIX = "中华人民共和国"


def chinese_number(text: str) -> int:
    """一百二十六 -> 126, 十五 -> 15, 二十 -> 20, 一千零一 -> 1001; Arabic digits pass through.

    Raises ValueError on anything else.
    """
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + (digit or 0)


def law_key(name: str) -> str:
    """The name a law is looked up by: no book-title marks, no spaces, no national prefix."""
    key = re.sub(r"[《》\s]", "", name)
    return key.removeprefix(NATIONAL_PREFIX)


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited provision: the law, the article, and optionally the paragraph and item."""

    law: str  # as written, without 《》
    article: int
    paragraph: int | None = None  # 款
    item: int | None = None  # 项

    @property
    def key(self) -> str:
        return law_key(self.law)


_CITATION = re.compile(
    rf"《(?P<law>[^》]+)》\s*第(?P<article>{_NUMERAL})条"
    rf"(?:之(?P<sub>{_NUMERAL}))?"
    rf"(?:第(?P<paragraph>{_NUMERAL})款)?"
    rf"(?:第[（(]?(?P<item>{_NUMERAL})[）)]?项)?"
)


def parse_citation(text: str) -> Citation | None:
    """The first provision cited in ``text``, or None if it names no article of a law.

    ``条之一`` articles (inserted by amendment) are not numbered here and give None.
    """
    m = _CITATION.search(text)
    if m is None or m["sub"]:
        return None
    return Citation(
        law=m["law"].strip(),
        article=chinese_number(m["article"]),
        paragraph=chinese_number(m["paragraph"]) if m["paragraph"] else None,
        item=chinese_number(m["item"]) if m["item"] else None,
    )


def parse_citations(text: str) -> list[Citation]:
    """Every provision a ``;``-separated legal basis cites, in order."""
    out = []
    for part in re.split(r"[;；]", text):
        cited = parse_citation(part)
        if cited is not None:
            out.append(cited)
    return out


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One 款 of an article: its text and the items (项) it lists."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    number: int
    label: str  # 第三十三条
    paragraphs: tuple[Paragraph, ...]
    chapter: str = ""  # 第四章 行政处罚的管辖和适用
    section: str = ""  # 第二节 简易程序 (a chapter's part, where the law has them)

    @property
    def text(self) -> str:
        lines = []
        for p in self.paragraphs:
            lines.append(p.text)
            lines.extend(p.items)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Law:
    title: str  # as the text's heading gives it, e.g. 中华人民共和国行政处罚法
    articles: dict[int, Article]
    preamble: tuple[str, ...] = ()  # adoption and amendment lines

    @property
    def key(self) -> str:
        return law_key(self.title)


_ARTICLE = re.compile(rf"^第(?P<number>{_NUMERAL})条(?P<sub>之{_NUMERAL})?[\s\u3000]*(?P<rest>.*)$")
_ITEM = re.compile(rf"^[（(]{_NUMERAL}[）)]")


def parse_law(markdown: str) -> Law:
    """The law's title, preamble and articles from its Markdown text."""
    title = ""
    chapter = ""
    preamble: list[str] = []
    articles: dict[int, Article] = {}
    section = ""
    current: tuple[int, str, str, str] | None = None  # number, label, chapter, section
    blocks: list[str] = []

    def close() -> None:
        if current is None:
            return
        number, label, in_chapter, in_section = current
        paragraphs: list[Paragraph] = []
        for block in blocks:
            if _ITEM.match(block) and paragraphs:
                last = paragraphs[-1]
                paragraphs[-1] = Paragraph(last.text, (*last.items, block))
            else:
                paragraphs.append(Paragraph(block))
        article = Article(number, label, tuple(paragraphs), in_chapter, in_section)
        articles.setdefault(number, article)

    in_info = True
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("<!--"):
            in_info = False
            continue
        if line.startswith("# ") and not title:
            title = line[2:].strip()
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            if line.startswith("## "):
                chapter, section = heading, ""
            elif line.startswith("### "):
                section = heading
            continue
        m = _ARTICLE.match(line)
        if m is not None and m["sub"]:  # 第X条之一: not looked up by number, skipped whole
            close()
            current = None
            continue
        if m is not None:
            close()
            in_info = False
            number = chinese_number(m["number"])
            current = (number, f"第{m['number']}条", chapter, section)
            blocks = [m["rest"]] if m["rest"] else []
            continue
        if current is None:
            if in_info:
                preamble.append(line)
            continue
        blocks.append(line)
    close()
    return Law(title=title, articles=articles, preamble=tuple(preamble))
