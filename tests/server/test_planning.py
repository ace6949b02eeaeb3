"""draw-plan: exact, reproducible draws; joint tasks; inspectors with recusal; checklists."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, select, text
from sqlalchemy.orm import Session

from inspector_app.domain.checklist import (
    merge_checklists,
    read_checklist_csv,
    read_equivalences_csv,
)
from inspector_app.domain.serialization import item_provisions_to_json
from inspector_app.domain.uscc import uscc_check_char
from inspector_server.cli import main
from inspector_server.core.db import make_engine, make_sessionmaker, write_session
from inspector_server.core.migrate import upgrade
from inspector_server.models import Business, Plan, PlanTarget, Record, Recusal, TeamMember, User
from inspector_server.planning import draw
from inspector_server.planning.pghash import hashtextextended
from inspector_server.planning.plan import PlanParams, make_plan, parse_ratios

from .conftest import PG_URL, SECRET, Api, LiveServer

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SEED = "20261015"
ARGS = [
    "--seed",
    SEED,
    "--ratios",
    "A=0.2,B=20%,C=0.5,D=1",
    "--departments",
    "SZSCJG,XF,YJGL",
    "--date",
    "2026-10-20",
    "--window-start",
    "2026-11-02",
    "--window-end",
    "2026-11-27",
    "--name",
    "2026年福田区联合抽查",
]
# The demo directory, this seed and these ratios: the same on SQLite and PostgreSQL.
DRAWN_HASH = "854d770dd743f24b"  # prefix, checked below


@pytest.fixture(scope="module")
def server_overrides() -> dict[str, Any]:
    return {"demo": True}  # the demo accounts sign in


@pytest.fixture(scope="module")
def demo_db(live: LiveServer) -> Iterator[str]:
    """The demo data set and its checklists in this module's database."""
    url = live.settings.database_url
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)
        assert main(["--db", url, "--demo", "seed-demo"]) == 0
        checklists = [str(p) for p in sorted((DEMO / "checklists").glob("*.csv"))]
        eq = str(DEMO / "equivalences.csv")
        assert main(["--db", url, "import-checklists", *checklists, "--equivalences", eq]) == 0
        yield url


@pytest.fixture
def cli(demo_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("INSPECTOR_SERVER_SECRET_KEY", SECRET)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", demo_db, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def session_for(url: str) -> Session:
    return make_sessionmaker(make_engine(url))()


# --- The hash ------------------------------------------------------------------------


def test_pghash_known_values() -> None:
    # Values printed by PostgreSQL 15's hashtextextended().
    assert hashtextextended("", 0) == -6939563903564495251
    assert hashtextextended("91440304MA5P23YC2P", 0) == -3777053287528945595
    assert hashtextextended("91440304MA5P23YC2P", 20261015) == -1077100580507929587
    assert hashtextextended("深圳市福田区", -7) == -5098825178416886789
    assert hashtextextended("abcdefghijklmnopqrstuvwxyz", 2**63 - 1) == -8302787907068186432


@pytest.mark.pg
@pytest.mark.skipif(not PG_URL, reason="INSPECTOR_TEST_PG_URL is not set")
def test_pghash_matches_postgresql() -> None:
    assert PG_URL
    rnd = random.Random(7)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY深圳福田区-_ "
    cases = [("", 0), ("", 1), ("x", -1)]
    cases += [
        (
            "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40))),
            rnd.getrandbits(64) - 2**63,
        )
        for _ in range(500)
    ]
    engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        for s, seed in cases:
            got = conn.execute(text("SELECT hashtextextended(:s, :seed)"), {"s": s, "seed": seed})
            assert got.scalar() == hashtextextended(s, seed), (s, seed)
    engine.dispose()


# --- The draw ------------------------------------------------------------------------


def _uscc(n: int) -> str:
    body = f"91440300{n:09d}"
    return body + uscc_check_char(body)


def _directory(url: str, order: list[int]) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with write_session(make_sessionmaker(engine)) as s:
        for n in order:
            s.add(
                Business(
                    uscc=_uscc(n),
                    name=f"企业{n}",
                    area="福田区" if n % 3 else "南山区",
                    credit_class="ABCD"[n % 4],
                    positive_list=n % 17 == 0,
                )
            )
    engine.dispose()


def test_draw_ignores_row_order_and_skips_the_positive_list(tmp_path: Path) -> None:
    ids = list(range(1, 401))
    shuffled = ids[:]
    random.Random(3).shuffle(shuffled)
    results = []
    for name, order in (("a", ids), ("b", shuffled)):
        url = f"sqlite:///{tmp_path / name}.sqlite3"
        _directory(url, order)
        with session_for(url) as s:
            census = draw.census(s, ("福田区",))
            sizes = {c: census.eligible(c) for c in draw.CLASSES}
            counts = {
                c: draw.sample_size(parse_ratios("A=0.1,B=0.1,C=0.5,D=1")[c], sizes[c])
                for c in draw.CLASSES
            }
            sample = draw.draw_targets(
                s, draw.department_seed("s", "XF"), counts, ("福田区",), sizes
            )
            results.append((census.snapshot_hash(), sample))
            drawn = {u for ids_ in sample.values() for u in ids_}
            rows = s.scalars(select(Business).where(Business.uscc.in_(drawn))).all()
            assert all(not b.positive_list and b.area == "福田区" for b in rows)
            assert {c: len(v) for c, v in sample.items()} == counts
            assert counts["D"] == sizes["D"]  # ratio 1: the whole class
            # The sample is the k smallest (key, uscc) of the class: recompute by hand.
            for cls, got in sample.items():
                pool = s.scalars(
                    select(Business.uscc).where(
                        Business.credit_class == cls,
                        Business.positive_list.is_(False),
                        Business.area.startswith("福田区"),
                    )
                ).all()
                seed64 = draw.department_seed("s", "XF")
                ranked = sorted(pool, key=lambda u: (hashtextextended(u, seed64), u))
                assert got == ranked[: counts[cls]]
    assert results[0] == results[1]


def test_keys_draw_uniformly_without_replacement() -> None:
    """Over 400 seeds, each of 200 businesses is drawn about k/N of the time."""
    pool = [_uscc(n) for n in range(200)]
    k, seeds = 20, 400
    hits: Counter[str] = Counter()
    for i in range(seeds):
        seed64 = draw.department_seed(str(i), "SZSCJG")
        chosen = sorted(pool, key=lambda u: (hashtextextended(u, seed64), u))[:k]
        assert len(set(chosen)) == k
        hits.update(chosen)
    expected = seeds * k / len(pool)  # 40; binomial sd about 5.7
    assert all(abs(hits[u] - expected) < 6 * 5.7 for u in pool)
    chi2 = sum((hits[u] - expected) ** 2 / expected for u in pool)
    assert chi2 < 300  # 199 degrees of freedom: mean 199, p(>300) ~ 1e-5


def test_prefilter_never_changes_the_answer(demo_db: str) -> None:
    with session_for(demo_db) as s:
        census = draw.census(s)
        sizes = {c: census.eligible(c) for c in draw.CLASSES}
        counts = {c: max(1, sizes[c] // 2) for c in draw.CLASSES}
        seed64 = draw.department_seed("x", "XF")
        exact = draw.draw_targets(s, seed64, counts)
        assert draw.draw_targets(s, seed64, counts, (), sizes) == exact
        # Pretend the pools are huge: thresholds let almost nothing through, so every
        # class is fetched again without one (PostgreSQL), with the same result.
        huge = {c: 10**12 for c in draw.CLASSES}
        assert draw.draw_targets(s, seed64, counts, (), huge) == exact


# --- The plan ------------------------------------------------------------------------


def test_same_seed_and_inputs_give_the_identical_plan(cli) -> None:
    code, first, _ = cli("draw-plan", *ARGS, "--dry-run", "--json")
    assert code == 0
    code, second, _ = cli("draw-plan", *ARGS, "--dry-run", "--json")
    assert code == 0 and first == second
    plan = json.loads(first)
    assert plan["drawn_hash"].startswith(DRAWN_HASH), plan["drawn_hash"]
    # Another seed draws another sample.
    other = [*ARGS]
    other[1] = "20261016"
    _, third, _ = cli("draw-plan", *other, "--dry-run", "--json")
    assert json.loads(third)["drawn_hash"] != plan["drawn_hash"]


def test_plan_merges_departments_staffs_teams_and_merges_checklists(cli, demo_db: str) -> None:
    code, out, _ = cli("draw-plan", *ARGS, "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan["department_draws"] - plan["tasks"] == plan["visits_saved"] > 0
    assert plan["pool"]["A"]["positive_skipped"] == 4  # resources/demo/README.md
    with session_for(demo_db) as s:
        recorded = s.get(Plan, plan["plan_id"])
        assert recorded is not None and recorded.drawn_hash == plan["drawn_hash"]
        assert recorded.input_hash == plan["input_hash"] and recorded.seed == SEED
        targets = s.scalars(select(PlanTarget).where(PlanTarget.plan_id == plan["plan_id"])).all()
        assert len(targets) == plan["tasks"]
        users = {u.id: u for u in s.scalars(select(User))}
        members = {(m.team_id, m.user_id) for m in s.scalars(select(TeamMember))}
        positives = set(s.scalars(select(Business.uscc).where(Business.positive_list.is_(True))))
        demo_tasks = [
            r.data
            for r in s.scalars(select(Record).where(Record.entity == "task"))
            if r.data["plan"].get("plan_id") != plan["plan_id"]
        ]
        items = [
            i
            for p in sorted((DEMO / "checklists").glob("*.csv"))
            for i in read_checklist_csv(p).items
        ]
        joint = with_penalty = 0
        for target in targets:
            assert target.uscc not in positives
            task = s.get(Record, ("task", target.task_id))
            assert task is not None and task.team_id == task.data["team_id"]
            data = task.data
            depts = [d["code"] for d in data["departments"]]
            assert depts == target.departments.split(";")
            assert data["lead_department_code"] == depts[0]
            joint += len(depts) > 1
            inspectors = data["inspector_ids"]
            assert len(inspectors) >= max(2, len(depts)) and len(set(inspectors)) == len(inspectors)
            assert {users[i].department_code for i in inspectors} >= set(depts)
            assert all((task.team_id, i) in members for i in inspectors)
            # Nobody who was on a demo task for this business (recent inspection).
            for old in demo_tasks:
                if old["business"]["uscc"] == target.uscc:
                    assert not set(old["inspector_ids"]) & set(inspectors)
            chosen = [i for d in depts for i in items if i.department_code == d]
            merged = merge_checklists(
                chosen, read_equivalences_csv(DEMO / "equivalences.csv").pairs
            )
            assert [i["code"] for i in data["checklist"]] == [i.code for i in merged.items]
            # Each item carries its order and penalty provisions, and so does each source.
            assert [
                {k: i[k] for k in ("order_basis", "penalty") if k in i} for i in data["checklist"]
            ] == [item_provisions_to_json(m.order_basis, m.penalty) for m in merged.items]
            assert [s.get("penalty") for i in data["checklist"] for s in i["sources"]] == [
                item_provisions_to_json((), s.penalty).get("penalty")
                for m in merged.items
                for s in m.sources
            ]
            with_penalty += sum("penalty" in i for i in data["checklist"])
            assert data["plan"]["items_before"] == merged.items_before
            assert data["plan"]["drawn_hash"] == plan["drawn_hash"]
        assert joint > 0 and with_penalty > 0

    # Recording it again changes nothing.
    code, out, _ = cli("draw-plan", *ARGS)
    assert code == 0 and "0 task records written" in out and "already recorded" in out


def test_recorded_tasks_reach_the_team(demo_db: str, live: LiveServer) -> None:
    with session_for(demo_db) as s:
        plan = s.scalars(select(Plan)).first()
        assert plan is not None
        targets = s.scalars(select(PlanTarget).where(PlanTarget.plan_id == plan.id)).all()
        inspector1 = s.scalars(select(User).where(User.username == "inspector1")).one()
        teams = set(
            s.scalars(select(TeamMember.team_id).where(TeamMember.user_id == inspector1.id))
        )
        mine = {t.task_id for t in targets if s.get(Record, ("task", t.task_id)).team_id in teams}
    api = Api(live.url).login("inspector1", password="demo")
    changes, _ = api.pull_all()
    pulled = {c["id"] for c in changes if c["entity"] == "task"}
    assert mine and mine <= pulled
    assert not ({t.task_id for t in targets} - mine) & pulled


def test_marked_related_inspector_is_never_drawn(cli, demo_db: str) -> None:
    params = PlanParams(
        seed="related-test",
        ratios=parse_ratios("A=1,B=1,C=1,D=1"),
        departments=("SZSCJG", "XF"),
        drawn_on=date(2026, 10, 21),
        recent_days=0,
    )
    with session_for(demo_db) as s:
        before = make_plan(s, params)
    task = next(t for t in before.tasks if len(t.departments) == 2)
    victim = task.inspector_ids[0]
    with session_for(demo_db) as s:
        username = s.get(User, victim).username
    code, out, _ = cli(
        "mark-related", "--inspector", username, "--uscc", task.uscc, "--reason", "近亲属任职"
    )
    assert code == 0 and "marked related" in out
    try:
        with session_for(demo_db) as s:
            after = make_plan(s, params)
        again = next(t for t in after.tasks if t.uscc == task.uscc)
        assert victim not in again.inspector_ids and len(again.inspector_ids) >= 2
        assert after.recusals["related"] == 1
        assert after.drawn_hash == before.drawn_hash  # targets do not depend on recusal
        assert after.input_hash != before.input_hash  # the inputs changed
    finally:
        code, _, _ = cli("mark-related", "--inspector", username, "--uscc", task.uscc, "--remove")
        assert code == 0
    with session_for(demo_db) as s:
        assert s.scalars(select(Recusal)).first() is None


def test_unstaffable_plan_writes_nothing(cli, demo_db: str) -> None:
    code, _, err = cli("draw-plan", *ARGS[:-2], "--name", "too many", "--inspectors-per-task", "9")
    assert code == 1 and "no team has 9 eligible inspectors" in err
    with session_for(demo_db) as s:
        assert s.scalars(select(Plan).where(Plan.name == "too many")).first() is None


def test_a_recorded_draw_is_not_redrawn_from_other_inputs(cli, demo_db: str) -> None:
    # WJ: a department the earlier plans did not draw for, so its teams are free.
    args = ["--seed", "redraw", "--ratios", "B=0.1", "--departments", "WJ", "--date", "2026-10-22"]
    assert cli("draw-plan", *args)[0] == 0
    with write_session(make_sessionmaker(make_engine(demo_db))) as s:
        s.add(Business(uscc=_uscc(999), name="新设企业", area="福田区", credit_class="D"))
    try:
        code, _, err = cli("draw-plan", *args)
        assert code == 1 and "already drawn" in err
    finally:
        with write_session(make_sessionmaker(make_engine(demo_db))) as s:
            s.execute(delete(Business).where(Business.uscc == _uscc(999)))


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--ratios", "E=0.1"], 2, "CLASS=VALUE"),
        (["--ratios", "A=1.5"], 2, "between 0 and 1"),
        (["--ratios", "A=x"], 2, "not a number"),
        (["--departments", "SZSCJG,NOPE"], 1, "unknown department"),
        (["--inspectors-per-task", "1"], 2, "at least two"),
    ],
)
def test_bad_arguments(cli, argv: list[str], code: int, message: str) -> None:
    base = {"--seed": "s", "--ratios": "A=0.1", "--departments": "SZSCJG", "--date": "2026-10-20"}
    for flag, value in zip(argv[::2], argv[1::2], strict=True):
        base[flag] = value
    got, _, err = cli("draw-plan", *[x for kv in base.items() for x in kv], "--dry-run")
    assert got == code and message in err


def test_draw_is_the_same_on_every_backend(demo_db: str) -> None:
    """The module runs once per backend; both must print this very hash."""
    with session_for(demo_db) as s:
        census = draw.census(s)
        sizes = {c: census.eligible(c) for c in draw.CLASSES}
        sample = draw.draw_targets(
            s, draw.department_seed(SEED, "XF"), dict.fromkeys(sizes, 3), (), sizes
        )
    assert draw.drawn_hash({"XF": sample}).startswith(XF_HASH)
    assert census.snapshot_hash().startswith(SNAPSHOT), census.snapshot_hash()


XF_HASH = "25401e06fa3f1bf8"
SNAPSHOT = "047e2634f81d6a14"
