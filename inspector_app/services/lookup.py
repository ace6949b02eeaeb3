"""Offline search of provisions, rule-pack entries and check items, as the user types.

The index is SQLite's FTS5 with the ``trigram`` tokenizer (in Python's own sqlite3 since
SQLite 3.34), in memory, built once per profile and rebuilt when the profile's tasks or
rule packs change. Chinese has no spaces between words, so a word tokenizer finds
nothing; trigrams index every three characters, so any substring of three or more
characters is answered from the index (``MATCH``), and shorter ones (two-character
words such as 罚款 or 许可 are common) by ``LIKE``, which the same table answers in C.
Where the bundled SQLite lacks FTS5 or trigram, a plain table answers everything by
``LIKE``; the results are the same.

Ranking is ours, the same for every query length (bm25 exists only for ``MATCH``): a
term in the title counts most, then the whole query as typed, then how often and how
early the terms occur in the text.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select

from inspector_app.domain.lawtext import Article, Law
from inspector_app.domain.reference import RULE_PACK
from inspector_app.domain.rules.rulepacks import RulePacks
from inspector_app.paths import resource
from inspector_app.services.errors import InvalidInput
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.reference import law_library
from inspector_app.services.reference_data import rule_packs
from inspector_app.store.models import ReferenceRow, TaskRow

log = logging.getLogger(__name__)

MAX_QUERY = 60  # characters: a search box, not a document
MAX_TERMS = 6
PER_KIND = 50  # results shown per kind; the total is counted
SNIPPET = 72  # characters of text shown under a result's title

QUERY_TOO_LONG = Text(
    "lookup.query_too_long",
    en="The search is {n} characters long; use at most {max}: a few characters find a "
    "provision, a rule-pack entry or a check item.",
    zh="搜索内容有 {n} 个字，最多 {max} 个字；输入几个字即可找到条文、清单条目或检查事项。",
)
TOO_MANY_TERMS = Text(
    "lookup.too_many_terms",
    en="The search has {n} words; use at most {max}, separated by spaces.",
    zh="搜索内容有 {n} 个词，最多 {max} 个，词之间用空格分隔。",
)
CONTROL_CHARACTERS = Text(
    "lookup.control_characters",
    en="The search holds characters that cannot be typed (such as a line break); "
    "type the words again.",
    zh="搜索内容含有无法输入的字符（例如换行），请重新输入。",
)


class Kind(enum.StrEnum):
    PROVISION = "provision"
    RULE_PACK_ENTRY = "rule_pack_entry"
    CHECK_ITEM = "check_item"


KINDS = tuple(Kind)


class Section(enum.StrEnum):
    """A part of an entry's full text; the window names each in the user's language."""

    TEXT = "text"  # a provision's article
    CONDITIONS = "conditions"
    SOURCE = "source"
    NOTE = "note"
    CONTENT = "content"
    METHOD = "method"
    LEGAL_BASIS = "legal_basis"
    DEPARTMENTS = "departments"


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing that can be found: an article, a rule-pack entry or a check item."""

    kind: Kind
    key: str  # stable: provision:<law>:<n>, rule_pack_entry:<id>, check_item:<code>:<hash>
    title: str
    context: str  # where it comes from: the law's chapter and version, the list, the code
    sections: tuple[tuple[Section, str], ...]
    alias: str = ""  # found by, never shown: 第33条 for 第三十三条

    @property
    def text(self) -> str:
        return "\n".join(body for _, body in self.sections)


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    score: float
    title_spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    terms: tuple[str, ...]
    groups: dict[Kind, tuple[Hit, ...]] = field(default_factory=dict)
    totals: dict[Kind, int] = field(default_factory=dict)
    elapsed_ms: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def query_terms(query: str) -> tuple[str, ...]:
    """The words of a query (split at spaces, full-width ones too), checked.

    Raises InvalidInput for a query no one types into a search box.
    """
    if len(query) > MAX_QUERY:
        raise InvalidInput(QUERY_TOO_LONG, n=len(query), max=MAX_QUERY)
    if any(ord(c) < 32 and c not in "\t" for c in query):
        raise InvalidInput(CONTROL_CHARACTERS)
    terms = tuple(dict.fromkeys(t for t in re.split(r"[\s\u3000]+", query) if t))
    if len(terms) > MAX_TERMS:
        raise InvalidInput(TOO_MANY_TERMS, n=len(terms), max=MAX_TERMS)
    return terms


def highlight_spans(text: str, terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where ``terms`` occur in ``text`` (case-insensitive), merged, in order."""
    folded = text.casefold()
    if len(folded) != len(text):  # a rare letter whose case changes its length
        folded = text
    spans: list[tuple[int, int]] = []
    for term in terms:
        t = term.casefold()
        if not t:
            continue
        start = folded.find(t)
        while start >= 0:
            spans.append((start, start + len(t)))
            start = folded.find(t, start + len(t))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def _snippet(text: str, terms: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    flat = re.sub(r"\s+", " ", text).strip()
    spans = highlight_spans(flat, terms)
    start = 0
    if spans and spans[0][0] > SNIPPET // 3:
        start = spans[0][0] - SNIPPET // 4
    piece = flat[start : start + SNIPPET]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET < len(flat) else ""
    out = prefix + piece + suffix
    return out, highlight_spans(out, terms)


class LookupIndex:
    """The entries of one profile, searchable per keystroke (thread-safe)."""

    def __init__(self, entries: Sequence[Entry], signature: tuple[Any, ...] = ()) -> None:
        started = time.perf_counter()
        self.entries = tuple(entries)
        self.signature = signature
        self._lock = threading.Lock()
        # Built on a worker thread, searched on the GUI thread: one connection, one lock.
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self.engine = self._create_table()
        self._db.executemany(
            "INSERT INTO lookup(rowid, title, body, alias) VALUES (?, ?, ?, ?)",
            ((n, e.title, f"{e.context}\n{e.text}", e.alias) for n, e in enumerate(self.entries)),
        )
        self._db.commit()
        self._folded = [(e.title.casefold(), e.text.casefold()) for e in self.entries]
        self.build_ms = (time.perf_counter() - started) * 1000

    def _create_table(self) -> str:
        try:
            self._db.execute(
                "CREATE VIRTUAL TABLE lookup USING fts5(title, body, alias, tokenize='trigram')"
            )
            return "fts5-trigram"
        except sqlite3.OperationalError as exc:  # an old SQLite: the same answers, by LIKE
            log.info("no FTS5 trigram tokenizer (%s); searching by LIKE", exc)
            self._db.execute("CREATE TABLE lookup(title TEXT, body TEXT, alias TEXT)")
            return "like"

    def counts(self) -> dict[Kind, int]:
        out = dict.fromkeys(KINDS, 0)
        for e in self.entries:
            out[e.kind] += 1
        return out

    def _candidates(self, terms: Sequence[str]) -> list[int]:
        where: list[str] = []
        params: list[str] = []
        long = [t for t in terms if len(t) >= 3] if self.engine == "fts5-trigram" else []
        if long:
            where.append("lookup MATCH ?")
            params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long))
        for t in terms:
            if t in long:
                continue
            pattern = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(
                "(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR alias LIKE ? ESCAPE '\\')"
            )
            params += [pattern] * 3
        sql = "SELECT rowid FROM lookup WHERE " + " AND ".join(where)
        with self._lock:
            return [row[0] for row in self._db.execute(sql, params)]

    def _score(self, n: int, terms: Sequence[str], phrase: str) -> float:
        title, text = self._folded[n]
        score = 0.0
        for term in terms:
            t = term.casefold()
            if t in title:
                score += 8.0 + (4.0 if title.startswith(t) else 0.0)
            hits = text.count(t)
            score += min(hits, 5)
            if hits:
                score += 1.0 - text.find(t) / (len(text) + 1)
        if len(terms) > 1 and phrase in title + text:
            score += 3.0
        return score + 100.0 / (len(text) + 100)

    def search(self, query: str, *, per_kind: int = PER_KIND) -> SearchResult:
        """The entries holding every word of ``query``, best first, grouped by kind.

        An empty query finds nothing. Raises InvalidInput for a query that is too long.
        """
        started = time.perf_counter()
        terms = query_terms(query)
        if not terms:
            return SearchResult(query, terms, {k: () for k in KINDS}, dict.fromkeys(KINDS, 0))
        phrase = "".join(terms).casefold()
        found = self._candidates(terms)
        ranked = sorted((-self._score(n, terms, phrase), n) for n in found)
        groups: dict[Kind, list[Hit]] = {k: [] for k in KINDS}
        totals = dict.fromkeys(KINDS, 0)
        for neg, n in ranked:
            entry = self.entries[n]
            totals[entry.kind] += 1
            if len(groups[entry.kind]) >= per_kind:
                continue
            snippet, spans = _snippet(entry.text, terms)
            hit = Hit(entry, -neg, highlight_spans(entry.title, terms), snippet, spans)
            groups[entry.kind].append(hit)
        return SearchResult(
            query,
            terms,
            {k: tuple(v) for k, v in groups.items()},
            totals,
            (time.perf_counter() - started) * 1000,
        )

    def scan(self, query: str) -> list[int]:
        """A plain substring scan over every entry, no index: the benchmark's baseline."""
        terms = [t.casefold() for t in query_terms(query)]
        return [
            n
            for n, (title, text) in enumerate(self._folded)
            if all(t in title or t in text for t in terms)
        ]

    def close(self) -> None:
        with self._lock:
            self._db.close()


# -- what is indexed ------------------------------------------------------------------------


def _arabic_label(article: Article) -> str:
    return f"第{article.number}条"


@cache
def _terms() -> dict[str, dict[str, list[str]]]:
    """Words inspectors use for a provision its text lacks (resources/reference)."""
    path = resource("reference", "lookup_terms.json")
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")).get("provisions") or {})


def provision_entries() -> list[Entry]:
    """Every article of every law shipped in resources/reference/laws."""
    library = law_library()
    out: list[Entry] = []
    for key in library.keys():
        held = library.law(key)
        if held is None:
            continue
        law, version = held
        out.extend(_law_entries(key, law, version, _terms().get(key) or {}))
    return out


def _law_entries(key: str, law: Law, version: str, terms: dict[str, list[str]]) -> Iterable[Entry]:
    short = key  # 行政处罚法: how people name it
    for number in sorted(law.articles):
        article = law.articles[number]
        said = "、".join(terms.get(str(number)) or ())
        parts = (article.chapter, article.section, version, said)
        context = " · ".join(p for p in parts if p)
        yield Entry(
            Kind.PROVISION,
            f"provision:{key}:{number}",
            f"《{law.title}》{article.label}",
            context,
            ((Section.TEXT, article.text),),
            alias=f"{short}{_arabic_label(article)}",
        )


def rule_pack_entries(packs: RulePacks) -> list[Entry]:
    out: list[Entry] = []
    for pack in packs.packs:
        for e in pack.entries:
            sections: list[tuple[Section, str]] = []
            if e.conditions:
                text = "\n".join(f"{n}. {c.description}" for n, c in enumerate(e.conditions, 1))
                sections.append((Section.CONDITIONS, text))
            if e.source:
                sections.append((Section.SOURCE, e.source))
            if e.note:
                sections.append((Section.NOTE, e.note))
            codes = "、".join(e.matter_codes)
            context = " · ".join(p for p in (pack.title, codes) if p)
            out.append(
                Entry(
                    Kind.RULE_PACK_ENTRY,
                    f"rule_pack_entry:{e.id}",
                    e.title,
                    context,
                    tuple(sections),
                )
            )
    return out


#: Per profile folder, per task: its rev and the entries of its checklist. A task's
#: JSON is read again only when its rev changed, so an index rebuilt after a sync
#: reads the tasks the sync brought, not all of them.
_TASK_ENTRIES: dict[str, dict[str, tuple[int, tuple[Entry, ...]]]] = {}
_TASK_LOCK = threading.Lock()
_BATCH = 200


def check_item_entries(profile: Profile) -> list[Entry]:
    """The check items of the profile's tasks, each distinct item once."""
    with _TASK_LOCK:
        held = _TASK_ENTRIES.setdefault(str(profile.folder), {})
        with profile.db.session() as s:
            revs = dict(s.execute(select(TaskRow.id, TaskRow.rev).order_by(TaskRow.id)).all())
            stale = [tid for tid, rev in revs.items() if tid not in held or held[tid][0] != rev]
            for n in range(0, len(stale), _BATCH):
                query = select(TaskRow.id, TaskRow.rev, TaskRow.data).where(
                    TaskRow.id.in_(stale[n : n + _BATCH])
                )
                for task_id, rev, data in s.execute(query):
                    held[task_id] = (rev, _task_entries(data))
        for task_id in [t for t in held if t not in revs]:
            del held[task_id]
        seen: set[str] = set()
        out: list[Entry] = []
        for task_id in revs:
            for entry in held[task_id][1]:
                if entry.key not in seen:
                    seen.add(entry.key)
                    out.append(entry)
        return out


def _task_entries(data: dict[str, Any]) -> tuple[Entry, ...]:
    names = {d.get("code"): d.get("name", "") for d in data.get("departments") or ()}
    return tuple(_item_entry(item, names) for item in data.get("checklist") or ())


def _item_entry(item: dict[str, Any], names: dict[Any, str]) -> Entry:
    sources = item.get("sources") or ()
    departments = "\n".join(
        f"{names.get(src.get('department_code')) or src.get('department_code', '')}："
        f"{src.get('code', '')} {src.get('title', '')}"
        for src in sources
    )
    sections: list[tuple[Section, str]] = []
    for section, text in (
        (Section.CONTENT, item.get("content") or ""),
        (Section.METHOD, item.get("method") or ""),
        (Section.LEGAL_BASIS, "\n".join(item.get("legal_basis") or ())),
        (Section.DEPARTMENTS, departments),
    ):
        if text:
            sections.append((section, text))
    dept_names = "、".join(
        dict.fromkeys(names.get(s.get("department_code")) or "" for s in sources if s)
    ).strip("、")
    code = item.get("code", "")
    # The same item in many tasks is one entry: the same code, title and content.
    same = hashlib.sha1(
        "\0".join((code, item.get("title", ""), item.get("content", ""))).encode("utf-8"),
        usedforsecurity=False,
    ).hexdigest()[:12]
    return Entry(
        Kind.CHECK_ITEM,
        f"check_item:{code}:{same}",
        item.get("title", ""),
        " · ".join(p for p in (code, dept_names) if p),
        tuple(sections),
    )


def _signature(profile: Profile) -> tuple[Any, ...]:
    with profile.db.session() as s:
        revs = s.execute(select(TaskRow.id, TaskRow.rev).order_by(TaskRow.id)).all()
        tasks = hashlib.sha1(repr(revs).encode("utf-8"), usedforsecurity=False).hexdigest()
        packs = s.execute(
            select(func.count(), func.coalesce(func.sum(ReferenceRow.rev), 0)).where(
                ReferenceRow.kind == RULE_PACK
            )
        ).one()
    return (tasks, tuple(packs))


def build_index(profile: Profile) -> LookupIndex:
    """A fresh index of every provision, rule-pack entry and check item of ``profile``."""
    signature = _signature(profile)
    entries = [
        *provision_entries(),
        *rule_pack_entries(rule_packs(profile)),
        *check_item_entries(profile),
    ]
    return LookupIndex(entries, signature)


_INDEXES: dict[str, LookupIndex] = {}
_INDEX_LOCK = threading.Lock()


def lookup_index(profile: Profile) -> LookupIndex:
    """The profile's index: built once, rebuilt when its tasks or rule packs changed."""
    key = str(profile.folder)
    with _INDEX_LOCK:
        held = _INDEXES.get(key)
        if held is not None and held.signature == _signature(profile):
            return held
        index = build_index(profile)
        _INDEXES[key] = index  # the old one stays usable by whoever still holds it
        return index


def search(profile: Profile, query: str, *, per_kind: int = PER_KIND) -> SearchResult:
    """Search the profile's provisions, rule-pack entries and check items."""
    return lookup_index(profile).search(query, per_kind=per_kind)
