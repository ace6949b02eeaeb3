"""Soak: three laptops syncing through a faulty link while the server restarts.

    .venv/bin/python benchmarks/soak_bench.py [--minutes 4] [--seed 1]

The server runs in its own process (``inspector-server serve``, SQLite) and is
restarted twice or more; the fault proxy (here, in threads) sits between it and
three laptops (inspector1 on two laptops, inspector2 on one), each in a thread of
its own: record findings on items the three share, attach photos, sync, pause,
again. The link meanwhile changes its latency and bandwidth, loses answers after
the server committed, holds answers back without a reset, cuts uploads with and
without a reset, and refuses connections for a while.

Printed as JSON lines (name, value, unit):
* ``soak_longest_stall``: the longest time a sync run went without progress (a
  page, a batch, a block of a photo), the run's start and end included; goal <= 30 s;
* ``soak_versions_lost``: findings nobody built on that are neither the server's
  current version nor a sibling kept for a person; goal 0;
* ``soak_duplicates``: mutations applied more than once; goal 0;
* ``soak_photos_lost``: photos attached but not on the server, whole, at the end;
* ``soak_converged``: 1 when, after the link calms down, every laptop holds the
  server's version of every record, nothing waits in an outbox and every sibling
  is shown as an open conflict on every laptop;
* and the counts behind them (syncs, faults, restarts, photos, edits).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):  # type: ignore[no-untyped-def]
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sw = _load("syncworld", ROOT / "tests" / "sync" / "syncworld.py")
fp = _load("faultproxy", ROOT / "tests" / "chaos" / "faultproxy.py")
bench = _load("sync_bench", ROOT / "benchmarks" / "sync_bench.py")

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from inspector_app.domain.entities import Outcome  # noqa: E402
from inspector_app.services import (  # noqa: E402
    ServiceError,
    attach_evidence,
    get_task,
    list_conflicts,
    list_tasks,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.store.models import ItemResultRow, OutboxRow  # noqa: E402
from inspector_app.sync.report import Progress  # noqa: E402
from inspector_server.core.db import make_engine  # noqa: E402
from inspector_server.models import Record, RecordRevision, Sibling  # noqa: E402

PUSH = "POST /api/v1/sync/push"
PULL = "GET /api/v1/sync/pull"


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}), flush=True)


@dataclass
class Findings:
    """Every note saved, what it was built on (the version the laptop held)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    parents: dict[str, str | None] = field(default_factory=dict)
    record: dict[str, str] = field(default_factory=dict)

    def saved(self, rid: str, note: str, parent: str | None) -> None:
        with self.lock:
            self.parents[note], self.record[note] = parent, rid

    def leaves(self, rid: str) -> set[str]:
        built_on = {p for p in self.parents.values() if p is not None}
        return {n for n, r in self.record.items() if r == rid and n not in built_on}


@dataclass
class Stalls:
    """The longest gap without progress inside any sync run."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    longest: float = 0.0
    where: str = ""

    def run(self, name: str, profile) -> object:  # type: ignore[no-untyped-def]
        mark = [time.monotonic(), "start"]

        def progress(p: Progress) -> None:
            self._gap(name, mark, p.phase)

        try:
            return sync(profile, progress=progress)
        finally:
            self._gap(name, mark, "end")

    def _gap(self, name: str, mark: list, phase: str) -> None:  # type: ignore[type-arg]
        now = time.monotonic()
        gap = now - mark[0]
        with self.lock:
            if gap > self.longest:
                self.longest, self.where = gap, f"{name}: {mark[1]} -> {phase}"
        mark[0], mark[1] = now, phase


class Laptop(threading.Thread):
    def __init__(self, name: str, profile, world: Soak, seed: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(name=name, daemon=True)
        self.profile, self.world, self.rnd = profile, world, random.Random(seed)
        self.syncs = self.edits = self.photos = self.unreachable = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.world.stop.is_set():
                for _ in range(self.rnd.randint(1, 5)):
                    self.edit()
                if self.rnd.random() < 0.35:
                    self.photo()
                report = self.world.stalls.run(self.name, self.profile)
                self.syncs += 1
                self.unreachable += report.unreachable is not None
                self.world.stop.wait(self.rnd.uniform(0.5, 3.0))
        except BaseException as exc:  # noqa: BLE001 - reported at the end
            self.error = exc
            self.world.stop.set()

    def edit(self) -> None:
        task, item = self.rnd.choice(self.world.shared)
        rid = f"{task}:{item}"
        with self.profile.db.session() as s:
            row = s.get(ItemResultRow, rid)
            parent = None if row is None else row.note
        note = f"{self.name}-{self.world.next_note()}"
        record_item_result(self.profile, task, item, outcome=Outcome.NONCOMPLIANT, note=note)
        self.world.findings.saved(rid, note, parent)
        self.edits += 1

    def photo(self) -> None:
        task, items = self.world.photo_items[self.name]
        item = self.rnd.choice(items)
        data = sw.big_jpeg(self.rnd.randint(300_000, 3_000_000), seed=self.rnd.randint(0, 10**6))
        try:
            sha, _ = attach_evidence(self.profile, task, item, data)
        except ServiceError:
            return
        with self.world.findings.lock:
            self.world.photos[sha] = len(data)
        self.photos += 1


class Soak:
    def __init__(self, folder: Path, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.settings = sw.demo_settings(folder / "server")
        self.settings.data.mkdir(parents=True)
        sw.prepare(self.settings)
        self.server = bench.ServerProcess(self.settings)
        self.proxy = fp.FaultProxy(self.server.port)
        self.proxy.hang_seconds = 90
        self.stop = threading.Event()
        self.findings = Findings()
        self.stalls = Stalls()
        self.photos: dict[str, int] = {}
        self.faults: dict[str, int] = {}
        self.restarts = 0
        self._notes = 0
        self._notes_lock = threading.Lock()
        names = (("a", "inspector1"), ("b", "inspector2"), ("c", "inspector1"))
        self.profiles = {n: sw.laptop(folder / n, self.proxy.url, user) for n, user in names}
        first = self.profiles["a"]
        assert sync(first).exit_code == 0
        tasks = sorted(t.id for t in list_tasks(first))
        for task in tasks:
            start_inspection(first, task)
        for p in self.profiles.values():
            sync(p)
        checklists = {t: [i.id for i in get_task(first, t).checklist] for t in tasks}
        self.shared = [(tasks[0], i) for i in checklists[tasks[0]][:8]]
        self.shared += [(tasks[1], i) for i in checklists[tasks[1]][:8]]
        photo_items = checklists[tasks[2]]
        self.photo_items = {n: (tasks[2], photo_items[k::3]) for k, n in enumerate(self.profiles)}
        self.laptops = [
            Laptop(n, p, self, seed * 10 + k) for k, (n, p) in enumerate(self.profiles.items())
        ]

    def next_note(self) -> int:
        with self._notes_lock:
            self._notes += 1
            return self._notes

    # -- the link and the server --------------------------------------------------------

    def fault(self) -> None:
        """One change to the link (or a server restart), then a while for it to bite."""
        p = self.proxy
        kind = self.rnd.choice(
            (
                "shaped",
                "answer lost",
                "answer silent",
                "upload cut",
                "upload cut silently",
                "outage",
                "calm",
            )
        )
        self.faults[kind] = self.faults.get(kind, 0) + 1
        if kind == "shaped":
            p.latency = self.rnd.choice((0.02, 0.05, 0.15))
            p.bandwidth = self.rnd.choice((200_000, 500_000, 2_000_000))
        elif kind == "answer lost":
            p.lose_answers(self.rnd.choice((PUSH, PULL)), 1)
        elif kind == "answer silent":
            p.silence_answers(self.rnd.choice((PUSH, PULL)), 1)
        elif kind == "upload cut":
            p.cut_upload_every = self.rnd.choice((400_000, 1_000_000))
        elif kind == "upload cut silently":
            p.silent_cut_upload_after = self.rnd.choice((400_000, 1_000_000))
        elif kind == "outage":
            p.refuse = True
            self.stop.wait(self.rnd.uniform(2, 8))
            p.refuse = False
        else:
            p.calm()
        self.stop.wait(self.rnd.uniform(5, 15))
        if kind in ("upload cut", "upload cut silently"):
            p.cut_upload_every = p.silent_cut_upload_after = 0

    def restart(self) -> None:
        self.server.stop()
        self.stop.wait(self.rnd.uniform(0.5, 3))
        self.server = bench.ServerProcess(self.settings, port=self.server.port)
        self.restarts += 1

    def run(self, minutes: float) -> None:
        for laptop in self.laptops:
            laptop.start()
        deadline = time.monotonic() + minutes * 60
        restarts_at = sorted(
            time.monotonic() + minutes * 60 * f for f in (self.rnd.uniform(0.2, 0.45), 0.7)
        )
        while time.monotonic() < deadline and not self.stop.is_set():
            if restarts_at and time.monotonic() >= restarts_at[0]:
                restarts_at.pop(0)
                self.restart()
                continue
            self.fault()
        self.stop.set()
        for laptop in self.laptops:
            laptop.join(timeout=300)
        self.proxy.calm()

    # -- what must hold at the end ------------------------------------------------------

    def converge(self) -> bool:
        for _ in range(3):
            for p in self.profiles.values():
                sync(p)
        factory = sessionmaker(bind=make_engine(self.settings.database_url))
        ok = True
        with factory() as s:
            for task, item in self.shared:
                rid = f"{task}:{item}"
                record = s.get(Record, ("item_result", rid))
                siblings = {
                    sib.op_id
                    for sib in s.scalars(
                        select(Sibling).where(
                            Sibling.entity == "item_result", Sibling.record_id == rid
                        )
                    )
                }
                for p in self.profiles.values():
                    with p.db.session() as ls:
                        row = ls.get(ItemResultRow, rid)
                        waiting = ls.scalar(
                            select(func.count()).where(OutboxRow.state.in_(("pending", "rejected")))
                        )
                    shown = {
                        c.local.get("sibling") or c.remote.get("sibling")
                        for c in list_conflicts(p)
                        if c.entity_id == rid
                    }
                    held = None if row is None else row.note
                    current = None if record is None or record.data is None else record.data["note"]
                    if waiting or held != current or shown != siblings:
                        ok = False
        return ok

    def lost_versions(self) -> int:
        factory = sessionmaker(bind=make_engine(self.settings.database_url))
        lost = 0
        with factory() as s:
            for task, item in self.shared:
                rid = f"{task}:{item}"
                record = s.get(Record, ("item_result", rid))
                kept = {
                    sib.data["note"]
                    for sib in s.scalars(
                        select(Sibling).where(
                            Sibling.entity == "item_result", Sibling.record_id == rid
                        )
                    )
                    if sib.data
                }
                if record is not None and record.data is not None:
                    kept.add(record.data["note"])
                lost += len(self.findings.leaves(rid) - kept)
        return lost

    def duplicates(self) -> int:
        factory = sessionmaker(bind=make_engine(self.settings.database_url))
        with factory() as s:
            return sum(
                n - 1
                for _op, n in s.execute(
                    select(RecordRevision.op_id, func.count())
                    .where(RecordRevision.op_id.is_not(None))
                    .group_by(RecordRevision.op_id)
                )
                if n > 1
            )

    def photos_lost(self) -> int:
        lost = 0
        for sha in self.photos:
            path = self.settings.blob_dir / sha[:2] / sha
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                lost += 1
        return lost

    def close(self) -> None:
        for p in self.profiles.values():
            p.close()
        self.proxy.close()
        self.server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    soak = Soak(Path(tempfile.mkdtemp(prefix="soak-bench-")), args.seed)
    try:
        started = time.monotonic()
        soak.run(args.minutes)
        errors = [f"{lp.name}: {lp.error!r}" for lp in soak.laptops if lp.error is not None]
        converged = soak.converge()
        emit("soak_minutes", (time.monotonic() - started) / 60, "min")
        emit("soak_longest_stall", soak.stalls.longest, "s")
        emit("soak_longest_stall_goal", 30.0, "s")
        emit("soak_versions_lost", soak.lost_versions(), "count")
        emit("soak_duplicates", soak.duplicates(), "count")
        emit("soak_photos_lost", soak.photos_lost(), "count")
        emit("soak_converged", 1.0 if converged and not errors else 0.0, "bool")
        emit("soak_syncs", sum(lp.syncs for lp in soak.laptops), "count")
        emit("soak_syncs_server_unreachable", sum(lp.unreachable for lp in soak.laptops), "count")
        emit("soak_edits", sum(lp.edits for lp in soak.laptops), "count")
        emit("soak_photos", sum(lp.photos for lp in soak.laptops), "count")
        emit("soak_link_faults", sum(soak.faults.values()), "count")
        emit("soak_server_restarts", soak.restarts, "count")
        print(
            f"# longest stall in {soak.stalls.where}; faults {soak.faults}",
            file=sys.stderr,
        )
        for error in errors:
            print(f"# laptop failed: {error}", file=sys.stderr)
        return 1 if errors else 0
    finally:
        soak.close()


if __name__ == "__main__":
    sys.exit(main())
