"""How long does drawing 87,000 targets from 6,490,000 businesses take on PostgreSQL?

6,490,000 is about the size of Shenzhen's pool of 市场主体. The directory is
generated once into the schema ``bench`` (by COPY: 55% enterprises ``91…``, 45%
individual businesses ``92…``, all USCCs valid; credit classes A 18%, B 70%, C 9%,
D 3%; 3% on the positive list; nine districts, eight streets each) and cached
between runs: the marker table ``bench.bench_marker`` records what was generated
and how long it took. The app's own migrations create the tables, so the draw runs
against exactly the production schema and code.

Each run, in a fresh session:

* ours: ``draw.census`` (pool sizes + fingerprint) and ``draw.draw_targets`` for one
  department, 87,000 targets allocated to the classes in proportion to their pools:
  exact (the k smallest seeded keys, see inspector_server/planning/draw.py) and
  reproducible: every run must print the same drawn-list hash;
* baseline: ``count(*) GROUP BY credit_class`` then ``ORDER BY random() LIMIT k`` per
  class, same sizes (neither exact nor reproducible).

Prints JSON lines ``{"name", "value", "unit"}`` (medians of ``--runs``). By hand:

    .venv/bin/python benchmarks/draw_bench.py --runs 3            # keeps schema bench
    .venv/bin/python benchmarks/draw_bench.py --runs 3 --drop     # drops it afterwards
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from inspector_app.domain.uscc import USCC_CHARS, org_code_check_char, uscc_check_char
from inspector_server.core.db import normalize_url
from inspector_server.core.migrate import upgrade
from inspector_server.planning import draw

SCHEMA = "bench"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
DISTRICTS = {
    "440303": "罗湖区",
    "440304": "福田区",
    "440305": "南山区",
    "440306": "宝安区",
    "440307": "龙岗区",
    "440308": "盐田区",
    "440309": "龙华区",
    "440310": "坪山区",
    "440311": "光明区",
}
INDUSTRIES = (
    "餐饮服务",
    "食品销售",
    "批发零售",
    "居民服务",
    "制造业",
    "住宿",
    "娱乐场所",
    "加油站",
)
CLASS_MIX = (("A", 0.18), ("B", 0.70), ("C", 0.09), ("D", 0.03))
POSITIVE_SHARE = 0.03


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, **extra}))


def bench_engine(url: str) -> Engine:
    url = normalize_url(url)
    sep = "&" if "?" in url else "?"
    return create_engine(f"{url}{sep}options=-csearch_path%3D{SCHEMA}")


def _code(i: int) -> str:
    """Five code characters for i < 31**5, so every generated USCC is distinct."""
    chars = []
    for _ in range(5):
        i, r = divmod(i, 31)
        chars.append(USCC_CHARS[r])
    return "".join(reversed(chars))


def generate(engine: Engine, rows: int) -> float:
    """Fill bench.businesses with ``rows`` businesses by COPY; returns seconds."""
    rnd = random.Random(20261015)
    regions = list(DISTRICTS.items())
    classes = [c for c, _ in CLASS_MIX]
    weights = [w for _, w in CLASS_MIX]
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("TRUNCATE businesses")
        with cur.copy(
            "COPY businesses (uscc, name, address, legal_rep, phone, industry, area, "
            "credit_class, positive_list) FROM STDIN"
        ) as copy:
            batch: list[str] = []
            for i in range(rows):
                kind = "91" if rnd.random() < 0.55 else "92"
                region, district = regions[i % len(regions)]
                body = "MA" + _code(i) + "0"
                org = body + org_code_check_char(body)
                first17 = kind + region + org
                uscc = first17 + uscc_check_char(first17)
                street = f"{district}第{1 + rnd.randrange(8)}街道"
                cls = rnd.choices(classes, weights)[0]
                positive = "t" if rnd.random() < POSITIVE_SHARE else "f"
                batch.append(
                    f"{uscc}\t深圳市示例市场主体{i}号\t深圳市{street}示例路{i % 997}号\t"
                    f"张{i % 100}\t0755-8{i % 10_000_000:07d}\t{INDUSTRIES[i % len(INDUSTRIES)]}\t"
                    f"{street}\t{cls}\t{positive}\n"
                )
                if len(batch) == 20_000:
                    copy.write("".join(batch))
                    batch.clear()
            if batch:
                copy.write("".join(batch))
        cur.execute("ANALYZE businesses")
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def ensure_directory(
    engine: Engine, admin: Engine, rows: int, regenerate: bool
) -> tuple[float, bool]:
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
        conn.execute(
            text(
                f"CREATE TABLE IF NOT EXISTS {SCHEMA}.bench_marker "
                "(rows bigint PRIMARY KEY, seconds double precision, created_at timestamptz)"
            )
        )
        marker = conn.execute(
            text(f"SELECT seconds FROM {SCHEMA}.bench_marker WHERE rows = :n"), {"n": rows}
        ).scalar()
    upgrade(engine)
    if marker is not None and not regenerate:
        return float(marker), True
    seconds = generate(engine, rows)
    with admin.connect() as conn:
        started = time.perf_counter()
        conn.execute(text(f"VACUUM ANALYZE {SCHEMA}.businesses"))
        seconds += time.perf_counter() - started
        conn.execute(text(f"DELETE FROM {SCHEMA}.bench_marker"))
        conn.execute(
            text(f"INSERT INTO {SCHEMA}.bench_marker VALUES (:n, :s, now())"),
            {"n": rows, "s": seconds},
        )
    return seconds, False


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """``total`` targets split in proportion to the pools (largest remainder)."""
    pool = sum(sizes.values())
    exact = {c: total * n / pool for c, n in sizes.items()}
    counts = {c: int(v) for c, v in exact.items()}
    for c in sorted(exact, key=lambda c: exact[c] - counts[c], reverse=True)[
        : total - sum(counts.values())
    ]:
        counts[c] += 1
    return counts


def ours(engine: Engine, seed: str, targets: int) -> tuple[float, str, dict[str, int]]:
    started = time.perf_counter()
    with Session(engine) as s:
        census = draw.census(s)
        sizes = {c: census.eligible(c) for c in draw.CLASSES}
        counts = allocate(sizes, targets)
        sample = draw.draw_targets(s, draw.department_seed(seed, "SZSCJG"), counts, (), sizes)
        digest = draw.drawn_hash({"SZSCJG": sample})
    seconds = time.perf_counter() - started
    assert sum(len(v) for v in sample.values()) == targets
    return seconds, digest, sizes


def order_by_random(engine: Engine, counts: dict[str, int]) -> float:
    started = time.perf_counter()
    with Session(engine) as s:
        s.execute(
            text(
                "SELECT credit_class, count(*) FROM businesses WHERE NOT positive_list "
                "GROUP BY credit_class"
            )
        ).all()
        got = 0
        for cls, k in counts.items():
            got += len(
                s.execute(
                    text(
                        "SELECT uscc FROM businesses WHERE NOT positive_list AND credit_class = :c "
                        "ORDER BY random() LIMIT :k"
                    ),
                    {"c": cls, "k": k},
                ).all()
            )
    assert got == sum(counts.values())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("INSPECTOR_TEST_PG_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=6_490_000)
    parser.add_argument("--targets", type=int, default=87_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", default="20261015")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--drop", action="store_true", help="drop schema bench at the end")
    args = parser.parse_args()

    admin = create_engine(normalize_url(args.url), isolation_level="AUTOCOMMIT")
    engine = bench_engine(args.url)
    try:
        generated, cached = ensure_directory(engine, admin, args.rows, args.regenerate)
        emit("draw_generate_directory", generated, "s", rows=args.rows, cached=cached)
        ours(engine, args.seed, args.targets)  # warm the cache; not counted
        times, hashes, random_times = [], set(), []
        counts: dict[str, int] = {}
        for _ in range(args.runs):
            seconds, digest, sizes = ours(engine, args.seed, args.targets)
            times.append(seconds)
            hashes.add(digest)
            counts = allocate(sizes, args.targets)
            random_times.append(order_by_random(engine, counts))
        exact = statistics.median(times)
        baseline = statistics.median(random_times)
        emit(
            "draw_exact_87k_of_6_49m",
            exact,
            "s",
            runs=[round(t, 3) for t in times],
            counts=counts,
            pool=sum(sizes.values()),
            goal_s=3.0,
        )
        emit(
            "draw_order_by_random",
            baseline,
            "s",
            runs=[round(t, 3) for t in random_times],
        )
        emit("draw_exact_over_random", exact / baseline, "ratio")
        emit(
            "draw_reproducible",
            1.0 if len(hashes) == 1 else 0.0,
            "bool",
            drawn_hash=sorted(hashes)[0] if len(hashes) == 1 else sorted(hashes),
        )
    finally:
        engine.dispose()
        if args.drop:
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
