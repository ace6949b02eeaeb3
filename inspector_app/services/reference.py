"""Reference texts offline: the article a citation names, from the laws shipped in
``resources/reference/laws`` (official texts; laws are not subject to copyright in
China, 著作权法第五条).
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from inspector_app.domain.lawtext import (
    Article,
    Citation,
    Law,
    law_key,
    parse_citation,
    parse_law,
)
from inspector_app.paths import resource

log = logging.getLogger(__name__)

_FILE = re.compile(r"^(?P<name>.+?)\((?P<version>\d{4}-\d{2}-\d{2})\)\.md$")


class Found(enum.StrEnum):
    """How a lookup ended; the window says each in the user's language."""

    ARTICLE = "article"
    NOT_A_CITATION = "not_a_citation"  # no 《…》第…条 in the text
    LAW_NOT_SHIPPED = "law_not_shipped"
    NO_SUCH_ARTICLE = "no_such_article"


@dataclass(frozen=True, slots=True)
class ProvisionText:
    """What a citation names: the article of the newest shipped version of the law."""

    cited: str  # the citation as written
    citation: Citation | None
    found: Found
    law: str | None = None  # the law's full title
    version: str = ""  # the date of the version read, e.g. 2021-01-22
    article: Article | None = None


class LawLibrary:
    """The shipped laws, found by file name and parsed on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, tuple[str, Path]] = {}  # key -> (version, path)
        self._laws: dict[str, Law] = {}
        for path in sorted(folder.glob("*.md")):
            m = _FILE.match(path.name)
            if m is None:
                continue  # README and the like
            key = law_key(m["name"])
            held = self._files.get(key)
            if held is None or m["version"] > held[0]:  # the newest version wins
                self._files[key] = (m["version"], path)

    def keys(self) -> list[str]:
        return sorted(self._files)

    def law(self, key: str) -> tuple[Law, str] | None:
        held = self._files.get(key)
        if held is None:
            return None
        version, path = held
        law = self._laws.get(key)
        if law is None:
            law = self._laws[key] = parse_law(path.read_text(encoding="utf-8"))
        return law, version

    def lookup(self, cited: str) -> ProvisionText:
        citation = parse_citation(cited)
        if citation is None:
            return ProvisionText(cited, None, Found.NOT_A_CITATION)
        held = self.law(citation.key)
        if held is None:
            return ProvisionText(cited, citation, Found.LAW_NOT_SHIPPED)
        law, version = held
        article = law.articles.get(citation.article)
        if article is None:
            return ProvisionText(cited, citation, Found.NO_SUCH_ARTICLE, law.title, version)
        return ProvisionText(cited, citation, Found.ARTICLE, law.title, version, article)


@cache
def law_library() -> LawLibrary:
    return LawLibrary(resource("reference", "laws"))


def lookup_provision(cited: str) -> ProvisionText:
    """The article ``cited`` names, e.g. 《中华人民共和国行政处罚法》第三十三条第一款."""
    return law_library().lookup(cited)


def lookup_provisions(legal_basis: Iterable[str]) -> list[ProvisionText]:
    """The articles of a checklist item's legal basis, in the order cited."""
    return [lookup_provision(c) for c in legal_basis if c.strip()]
