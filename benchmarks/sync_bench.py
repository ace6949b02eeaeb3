"""Sync benchmarks against the real server on loopback (JSON lines: name, value, unit).

The server runs in its own process (``inspector-server serve``), as it runs on its
own machine in the field: in this process it would share the interpreter lock with
the client being measured. The fault proxy runs here, in threads.

    .venv/bin/python benchmarks/sync_bench.py [--runs 3] [--tasks 5000] [--items 40]

* first pull of N tasks x M checklist items, beside a raw baseline in the same run
  (the same bytes fetched with one GET, the same rows bulk-inserted) — goal <= 2x;
* the same pull through the fault proxy at 50 ms latency and 10 Mbit/s — goal <= 10 s;
* push of 1,000 queued mutations — goal <= 5 s;
* a 10 MB photo whose connection is cut every 1 MB: share of bytes sent again — goal <= 10 %.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sw = _load("syncworld", ROOT / "tests" / "sync" / "syncworld.py")
fp = _load("faultproxy", ROOT / "tests" / "chaos" / "faultproxy.py")

import orjson  # noqa: E402
import requests  # noqa: E402

from inspector_app.domain.entities import Outcome  # noqa: E402
from inspector_app.services import (  # noqa: E402
    attach_evidence,
    get_task,
    list_tasks,
    open_profile,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.store import open_database  # noqa: E402
from inspector_app.sync.client import ClientSettings  # noqa: E402
from inspector_app.sync.protocol import PROTOCOL_HEADER  # noqa: E402
from inspector_server.core.db import write_session  # noqa: E402
from inspector_server.services import sync as server_sync  # noqa: E402


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit}), flush=True)


class ServerProcess:
    """``inspector-server serve`` on a free port (or ``port``) with these settings (as
    environment)."""

    def __init__(self, settings, port: int | None = None) -> None:  # type: ignore[no-untyped-def]
        self.port = port or sw.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = settings
        env = {**os.environ}
        for name, value in settings.model_dump().items():
            if value is not None:
                env[f"INSPECTOR_SERVER_{name.upper()}"] = str(
                    int(value) if value is True else value
                )
        env["INSPECTOR_SERVER_DEMO"] = "1" if settings.demo else "0"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "inspector_server.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def seed_tasks(live, n_tasks: int, n_items: int) -> None:  # type: ignore[no-untyped-def]
    from inspector_app.domain.dataset import load_dataset
    from inspector_app.domain.serialization import task_to_json

    demo = load_dataset(ROOT / "resources" / "demo").tasks[0]
    base = task_to_json(demo)
    pool = (base["checklist"] * (n_items // len(base["checklist"]) + 1))[:n_items]
    with write_session(live.factory) as s:
        for n in range(n_tasks):
            tid = str(uuid.UUID(int=n + 1))
            checklist = [{**item, "id": f"{item['id']}-{k}"} for k, item in enumerate(pool)]
            data = {**base, "id": tid, "checklist": checklist}
            server_sync.server_put(
                s, entity="task", record_id=tid, data=data, task_id=tid, team_id=sw.TEAM_1
            )


def raw_baseline(url: str, token: str, folder: Path) -> tuple[float, int]:
    """One GET of every change, then the same task and item rows bulk-inserted with
    sqlite3, using the fastest parts we know (orjson both ways): the floor under ours."""
    db = open_database(folder / "raw.db")
    db.close()
    start = time.perf_counter()
    r = requests.get(
        f"{url}/api/v1/sync/pull",
        params={"limit": 10_000},
        headers={PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"},
        timeout=600,
    )
    body = orjson.loads(r.content)
    tasks, items = [], []
    now = "2026-01-01T00:00:00.000000+00:00"
    for c in body["changes"]:
        if c["entity"] != "task":
            continue
        d = c["data"]
        tasks.append(
            (
                d["id"],
                c["rev"],
                d["status"],
                d["business"]["name"],
                d["business"]["uscc"],
                d["business"]["address"],
                orjson.dumps([x["name"] for x in d["departments"]]).decode(),
                d["window_start"],
                d["window_end"],
                orjson.dumps(d).decode(),
                None,
                now,
            )
        )
        for n, it in enumerate(d["checklist"]):
            items.append((d["id"], it["id"], n, it["code"], it["title"], it["severity"]))
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    with conn:
        conn.executemany("INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", tasks)
        conn.executemany("INSERT INTO merged_items VALUES (?,?,?,?,?,?)", items)
    conn.close()
    return time.perf_counter() - start, int(r.headers.get("Content-Length") or len(r.content))


def timed_first_pull(url: str, folder: Path) -> float:
    profile = sw.laptop(folder, url, "inspector1")
    start = time.perf_counter()
    report = sync(profile, client_settings=ClientSettings(timeout=(10, 300)))
    elapsed = time.perf_counter() - start
    assert report.exit_code == 0, report.summary()
    profile.close()
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tasks", type=int, default=5000)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--proxy-runs", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    settings = sw.demo_settings(tmp / "server", pull_limit_max=10_000)
    settings.data.mkdir(parents=True)
    sw.prepare(settings)
    seeding = sw.start_server(settings)
    seed_tasks(seeding, args.tasks, args.items)
    seeding.stop()
    live = ServerProcess(settings)
    token = requests.post(
        f"{live.url}/api/v1/auth/login",
        json={"username": "inspector1", "password": "demo", "device_id": "bench-raw"},
        headers={PROTOCOL_HEADER: "1"},
        timeout=30,
    ).json()["access_token"]

    raw, ours, wire = [], [], 0
    for n in range(args.runs):
        t, wire = raw_baseline(live.url, token, Path(tempfile.mkdtemp(dir=tmp)))
        raw.append(t)
        ours.append(timed_first_pull(live.url, tmp / f"pull-{n}"))
    label = f"{args.tasks}x{args.items}"
    emit(f"sync_first_pull_{label}_loopback", statistics.median(ours), "s")
    emit(f"sync_first_pull_{label}_raw_baseline", statistics.median(raw), "s")
    emit(
        f"sync_first_pull_{label}_ratio_to_raw",
        statistics.median(ours) / statistics.median(raw),
        "x",
    )
    emit(f"sync_first_pull_{label}_wire_bytes_one_get", wire, "bytes")

    # The shaping proxy in a process of its own: in this one, it would wait for the
    # interpreter while the client works, and deliver less than 10 Mbit/s.
    shaper = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "chaos" / "faultproxy.py"),
            str(live.port),
            "--latency",
            "0.05",
            "--bandwidth",
            str(10_000_000 // 8),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert shaper.stdout is not None
    shaped_url = shaper.stdout.readline().strip()
    slow = []
    for n in range(args.proxy_runs):
        slow.append(timed_first_pull(shaped_url, tmp / f"proxy-{n}"))
    shaper.terminate()
    shaper.wait()
    emit(f"sync_first_pull_{label}_50ms_10mbit", statistics.median(slow), "s")
    proxy = fp.FaultProxy(live.port)  # the photo cuts below count bytes here

    pushes, audits = [], []
    for n in range(args.runs):
        p = sw.laptop(tmp / f"push-{n}", live.url, "inspector1")
        sync(p)
        tasks = sorted(t.id for t in list_tasks(p))[n * 45 : n * 45 + 45]
        queued = 0
        for tid in tasks:
            items = [i.id for i in get_task(p, tid).checklist]
            if get_task(p, tid).status.value == "assigned":
                start_inspection(p, tid)
                queued += 1
            for item in items[:24]:
                record_item_result(p, tid, item, outcome=Outcome.COMPLIANT, note="ok")
                queued += 1
                if queued >= 1000:
                    break
            if queued >= 1000:
                break
        marks: dict[str, float] = {}

        def seen(progress, marks=marks):  # type: ignore[no-untyped-def]
            marks.setdefault(progress.phase, time.perf_counter())

        start = time.perf_counter()
        report = sync(p, progress=seen)
        pushes.append(marks.get("audit", time.perf_counter()) - start)
        audits.append(marks.get("pull", time.perf_counter()) - marks.get("audit", start))
        assert report.applied == queued, report.summary()
        p.close()
    emit("sync_push_1000_mutations", statistics.median(pushes), "s")
    emit("sync_push_their_1000_audit_events", statistics.median(audits), "s")

    shares = []
    for n in range(args.runs):
        p = sw.laptop(tmp / f"photo-{n}", proxy.url, "inspector1")
        sync(p)
        tid = sorted(t.id for t in list_tasks(p))[0]
        item = get_task(p, tid).checklist[0].id
        if get_task(p, tid).status.value == "assigned":
            start_inspection(p, tid)
        photo = sw.big_jpeg(10_000_000, seed=n)
        attach_evidence(p, tid, item, photo)
        proxy.cut_upload_every = 1_000_000
        before, cuts = proxy.bytes_up, proxy.cuts
        report = sync(p, client_settings=ClientSettings(timeout=(5, 30), backoff=0.05))
        proxy.cut_upload_every = 0
        assert report.exit_code == 0, report.summary()
        sent = proxy.bytes_up - before
        shares.append((sent - len(photo)) / len(photo))
        assert proxy.cuts - cuts >= 9
        sha = hashlib.sha256(photo).hexdigest()
        assert (settings.blob_dir / sha[:2] / sha).is_file(), "the photo is not on the server"
        p.close()
    emit("sync_photo_10MB_cut_every_1MB_resent_share", 100 * statistics.median(shares), "%")
    proxy.close()
    live.stop()
    _ = (gzip, open_profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
