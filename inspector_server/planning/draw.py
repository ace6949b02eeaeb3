"""The target draw (随机抽取检查对象): exact, reproducible from the seed, and fast.

Definition (what a person checking a published draw recomputes):

* The pool of a class is every business of that credit class in the directory whose
  area starts with one of the plan's area prefixes (all areas when none), not on the
  positive list (无事不扰).
* Each department draws with its own 64-bit seed: the first 8 bytes (big-endian,
  signed) of ``sha256("<seed>\\x1f<department code>")``.
* Every business gets the rank key ``hashtextextended(uscc, department seed)``
  (PostgreSQL's seeded lookup3 hash, see ``pghash``). A class's sample is the ``k``
  businesses with the smallest ``(key, uscc)``; ``k = ceil(ratio × pool size)``.

Taking the k smallest of independent uniform keys is a uniformly random k-subset
(simple random sampling without replacement), the keys depend on nothing but the
seed, the department and the USCC, so the sample does not depend on row order,
physical layout, the database engine or the process; ties (equal 64-bit keys) are
broken by the USCC, so the order is total.

Speed (PostgreSQL): computing the key costs one C call per row inside a parallel
sequential scan. The scan returns only rows whose key is below a per-class
threshold chosen so that about ``k + 8√k + 32`` rows pass; Python sorts those and
takes ``k``. The k smallest keys overall are always among the rows below any
threshold that at least ``k`` rows pass, so the prefilter never changes the answer;
if fewer than ``k`` pass (a ~8-sigma event) that class is fetched again without a
threshold. On SQLite the keys are computed in Python over the pool. Measured on
this 2-core machine: 87,000 of 6,490,000 in about 1.4 s, ``ORDER BY random()`` 4.5 s
(benchmarks/draw_bench.py).

The directory snapshot (``census``) is, per class, the pool size and the XOR of
``hashtextextended(uscc, 0)`` over the pool: it changes when a business enters or
leaves a class's pool, which is all the draw depends on. It needs PostgreSQL 14 or
later (``bit_xor``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, false, or_, select, text, true
from sqlalchemy.orm import Session

from inspector_server.models import Business
from inspector_server.planning.pghash import hashtextextended

CLASSES = ("A", "B", "C", "D")
_MIN64 = -(1 << 63)
_MAX64 = (1 << 63) - 1


def department_seed(seed: str, department_code: str) -> int:
    """The department's 64-bit draw seed (signed, as PostgreSQL's bigint)."""
    digest = hashlib.sha256(f"{seed}\x1f{department_code}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def sample_size(ratio: Decimal, pool: int) -> int:
    """``ceil(ratio × pool)`` computed exactly (ratios are decimals, never floats)."""
    if pool <= 0 or ratio <= 0:
        return 0
    return min(pool, math.ceil(ratio * pool))


@dataclass(frozen=True, slots=True)
class ClassCensus:
    eligible: int  # in the area, not on the positive list
    positive: int  # in the area, on the positive list (skipped)
    fingerprint: int  # XOR of hashtextextended(uscc, 0) over the eligible rows


@dataclass(frozen=True, slots=True)
class Census:
    classes: dict[str, ClassCensus]

    def eligible(self, credit_class: str) -> int:
        c = self.classes.get(credit_class)
        return c.eligible if c else 0

    @property
    def positive_skipped(self) -> int:
        return sum(c.positive for c in self.classes.values())

    def snapshot(self) -> dict[str, list[int | str]]:
        """What the draw depends on, per class: pool size and the set's fingerprint."""
        return {
            cls: [
                self.eligible(cls),
                format(
                    (self.classes[cls].fingerprint if cls in self.classes else 0) & _U64, "016x"
                ),
            ]
            for cls in CLASSES
        }

    def snapshot_hash(self) -> str:
        return canonical_hash(self.snapshot())


_U64 = (1 << 64) - 1


def canonical_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_hash(value: object) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def _area_clause(areas: Sequence[str]) -> ColumnElement[bool]:
    if not areas:
        return true()
    return or_(*(Business.area.startswith(a, autoescape=True) for a in areas))


def census(session: Session, areas: Sequence[str] = ()) -> Census:
    """Pool sizes per class, positive-listed businesses skipped, and the pool's fingerprint."""
    where = _area_clause(areas)
    counts: dict[str, list[int]] = {}
    if session.get_bind().dialect.name == "postgresql":
        _pg_planner(session)
        rows = session.execute(
            select(
                Business.credit_class,
                Business.positive_list,
                text("count(*)"),
                text("bit_xor(hashtextextended(uscc, 0))"),
            )
            .where(where)
            .group_by(Business.credit_class, Business.positive_list)
        )
        for cls, positive, n, fp in rows:
            entry = counts.setdefault(cls, [0, 0, 0])
            if positive:
                entry[1] += int(n)
            else:
                entry[0] += int(n)
                entry[2] ^= int(fp or 0)
    else:
        for uscc, cls, positive in session.execute(
            select(Business.uscc, Business.credit_class, Business.positive_list).where(where)
        ):
            entry = counts.setdefault(cls, [0, 0, 0])
            if positive:
                entry[1] += 1
            else:
                entry[0] += 1
                entry[2] ^= hashtextextended(uscc, 0)
    return Census({cls: ClassCensus(e, p, f) for cls, (e, p, f) in sorted(counts.items())})


def _threshold(k: int, n: int) -> int:
    """A key bound that about ``k + 8√k + 32`` of ``n`` uniform keys fall under."""
    want = k + 8 * math.sqrt(k) + 32
    if want >= n:
        return _MAX64
    return min(_MAX64, _MIN64 + int((want / n) * 2.0**64))


def draw_targets(
    session: Session,
    seed64: int,
    counts: Mapping[str, int],
    areas: Sequence[str] = (),
    pool_sizes: Mapping[str, int] | None = None,
) -> dict[str, list[str]]:
    """The sample of each class: USCCs in rank order (smallest key first).

    ``counts`` is the sample size per class; ``pool_sizes`` (from ``census``) lets the
    PostgreSQL path prefilter; without it every eligible row is ranked.
    """
    wanted = {cls: k for cls, k in counts.items() if k > 0}
    out: dict[str, list[str]] = {cls: [] for cls in counts}
    if not wanted:
        return out
    base = and_(
        Business.positive_list == false(),
        Business.credit_class.in_(sorted(wanted)),
        _area_clause(areas),
    )
    if session.get_bind().dialect.name != "postgresql":
        keyed: dict[str, list[tuple[int, str]]] = {cls: [] for cls in wanted}
        for uscc, cls in session.execute(select(Business.uscc, Business.credit_class).where(base)):
            keyed[cls].append((hashtextextended(uscc, seed64), uscc))
        for cls, k in wanted.items():
            keyed[cls].sort()
            out[cls] = [u for _, u in keyed[cls][:k]]
        return out

    limits = {
        cls: _threshold(k, pool_sizes[cls]) if pool_sizes and cls in pool_sizes else _MAX64
        for cls, k in wanted.items()
    }
    got = _pg_candidates(session, seed64, base, limits)
    retry = {cls: _MAX64 for cls, k in wanted.items() if len(got[cls]) < k and limits[cls] < _MAX64}
    if retry:  # the prefilter let too few through: rank the whole class (same answer)
        again = _pg_candidates(
            session,
            seed64,
            and_(base, Business.credit_class.in_(sorted(retry))),
            retry,
        )
        got.update(again)
    for cls, k in wanted.items():
        got[cls].sort()
        out[cls] = [u for _, u in got[cls][:k]]
    return out


def _pg_planner(session: Session) -> None:
    """Planner settings for the draw's scans, for this transaction only.

    The planner cannot estimate ``hashtextextended(...) <= bound`` and assumes a third
    of the table passes, so it judges a parallel scan too costly to gather and scans
    6.5 million rows in one process; the real yield is about k rows, so tell it
    gathering rows is cheap. JIT: the expression is one function call, compiling it
    costs more than it saves.
    """
    session.execute(text("SET LOCAL parallel_tuple_cost = 0.0001"))
    session.execute(text("SET LOCAL jit = off"))


def _pg_candidates(
    session: Session, seed64: int, where: ColumnElement[bool], limits: Mapping[str, int]
) -> dict[str, list[tuple[int, str]]]:
    key = text("hashtextextended(businesses.uscc, CAST(:seed64 AS bigint))").bindparams(
        seed64=seed64
    )
    cases = " ".join(
        f"WHEN '{cls}' THEN CAST({int(limit)} AS bigint)" for cls, limit in sorted(limits.items())
    )
    bound = text(
        f"hashtextextended(businesses.uscc, CAST(:seed64b AS bigint)) <= "
        f"CASE businesses.credit_class {cases} END"
    ).bindparams(seed64b=seed64)
    got: dict[str, list[tuple[int, str]]] = {cls: [] for cls in limits}
    _pg_planner(session)
    for uscc, cls, k in session.execute(
        select(Business.uscc, Business.credit_class, key).where(where, bound)
    ):
        got[cls].append((int(k), uscc))
    return got


def drawn_hash(samples: Mapping[str, Mapping[str, Iterable[str]]]) -> str:
    """sha256 of the drawn lists: ``{department: {class: [uscc in rank order]}}``."""
    return canonical_hash(
        {
            dept: {cls: list(ids) for cls, ids in by_class.items()}
            for dept, by_class in samples.items()
        }
    )
