"""A burst of 300 devices against one server on PostgreSQL: latency and errors.

Setup per run (not timed): a fresh schema ``burst``; 300 inspectors on 150 teams of
two; each team has a day's work, ``--tasks`` joint tasks of ``--items`` checklist
items. The server is ``uvicorn --factory inspector_server.main:create_app`` with
``--workers`` worker processes (default 1), started as a subprocess on a free port,
production password hashing (argon2id, 64 MiB, t=3) unless ``--cheap-hashes``.

The burst: 300 threads, one per device (requests + ThreadPoolExecutor), released
together. Each device signs in (POST /auth/login, its own device id), pulls until
``more`` is false (GET /sync/pull, limit 500: its team's tasks), then pushes 20 item
results in one request (POST /sync/push; the client's outbox sends batches of up to
250). Errors: any non-2xx answer, any mutation not ``applied``.

Sign-in is reported apart from sync: 300 argon2id hashes of 64 MiB on two cores are
CPU-bound by design (that cost is what slows password guessing), and a laptop signs
in once per token lifetime (two weeks), not per sync. So they run as their own burst
first, then every device's pull + push runs as a second burst.

Two shapes of burst, each with fresh data:

* **closed**: all 300 released on one barrier. Every request is queued behind the
  others at once, so a request's latency is mostly its place in the queue. Beside
  it, in the same run, the **floor**: the same 300 threads each calling
  ``GET /health`` twice, which measures what the machine and this harness (300
  Python threads sharing two cores with the server and PostgreSQL) can do at all.
* **arrivals**: the 300 devices start at Poisson-distributed times (seeded) at a
  given rate per second, as laptops coming online one after another do; the
  latency is then the server's response time under that load. ``--rates`` lists
  the rates to run; the highest with p99 <= 200 ms is the server's capacity.

Prints JSON lines ``{"name", "value", "unit"}``, medians over ``--runs``:

    .venv/bin/python benchmarks/burst_bench.py --runs 3 [--workers 2] [--rates 25,50,100]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, text

from inspector_app.sync.protocol import PROTOCOL_HEADER
from inspector_server.core.config import Settings
from inspector_server.core.db import make_engine, make_sessionmaker, normalize_url, write_session
from inspector_server.core.migrate import upgrade
from inspector_server.core.security import PasswordHashing
from inspector_server.models import Team, TeamMember, User
from inspector_server.services import sync

SCHEMA = "burst"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
PASSWORD = "burst-password-0123456789"
SECRET = "burst-secret-" + "x" * 32


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, **extra}), flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def schema_url(url: str) -> str:
    url = normalize_url(url)
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{SCHEMA}"


def task_data(task_id: str, team_id: str, inspectors: list[str], items: int) -> dict[str, Any]:
    day = date(2026, 11, 5)
    return {
        "id": task_id,
        "business": {
            "uscc": "91440304MA5P23YC2P",
            "name": "深圳市粤味轩餐饮有限公司",
            "address": "深圳市福田区沙头街道沙嘴路68号",
            "legal_rep": "陈志强",
        },
        "departments": [{"code": "SZSCJG", "name": "市场监管"}, {"code": "XF", "name": "消防"}],
        "lead_department_code": "SZSCJG",
        "inspector_ids": inspectors,
        "team_id": team_id,
        "window_start": day.isoformat(),
        "window_end": (day + timedelta(days=20)).isoformat(),
        "checklist": [
            {
                "id": f"ITEM-{i:03d}",
                "code": f"ITEM-{i:03d}",
                "title": f"检查事项{i}",
                "content": "核查相关证照、记录和现场情况。" * 3,
                "method": "现场检查",
                "legal_basis": ["《中华人民共和国食品安全法》第三十五条"],
                "severity": "key" if i % 4 == 0 else "general",
                "sources": [{"department_code": "SZSCJG", "code": f"ITEM-{i:03d}", "title": "x"}],
            }
            for i in range(items)
        ],
        "status": "assigned",
        "plan": {"plan_id": "burst", "seed": "burst"},
        "history": [],
    }


@dataclass
class Device:
    username: str
    device_id: str
    slot: int  # 0 or 1 within the team: which items it records
    token: str = ""
    start_after: float = 0.0  # seconds after the burst is released
    tasks: list[dict[str, Any]] = field(default_factory=list)


def setup(url: str, devices: int, tasks: int, items: int, cheap: bool) -> list[Device]:
    admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()
    engine = make_engine(schema_url(url))
    upgrade(engine)
    settings = server_settings(url, cheap)
    password_hash = PasswordHashing(settings).hash(PASSWORD)  # one hash, every account
    out: list[Device] = []
    with write_session(make_sessionmaker(engine)) as s:
        for t in range(devices // 2):
            team_id = f"team-{t:03d}"
            s.add(Team(id=team_id, name=f"联合检查{t}组"))
            members = []
            for slot in range(2):
                user_id = str(uuid.uuid4())
                username = f"inspector{t:03d}{slot}"
                s.add(
                    User(
                        id=user_id,
                        username=username,
                        password_hash=password_hash,
                        display_name=username,
                        role="inspector",
                        department_code="SZSCJG" if slot == 0 else "XF",
                        badge_no=f"1903{t:04d}{slot}",
                    )
                )
                members.append(user_id)
                out.append(Device(username, f"dev-{username}", slot))
            s.flush()
            for user_id in members:
                s.add(TeamMember(team_id=team_id, user_id=user_id))
            for n in range(tasks):
                task_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"burst/{team_id}/{n}"))
                sync.server_put(
                    s,
                    entity="task",
                    record_id=task_id,
                    data=task_data(task_id, team_id, members, items),
                    task_id=task_id,
                    team_id=team_id,
                )
    engine.dispose()
    return out


def server_settings(url: str, cheap: bool) -> Settings:
    extra: dict[str, Any] = {"argon2_memory_kib": 64, "argon2_time_cost": 1} if cheap else {}
    return Settings(db=schema_url(url), secret_key=SECRET, demo=False, **extra)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    url: str, workers: int, cheap: bool, data_dir: str
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "INSPECTOR_SERVER_DB": schema_url(url),
        "INSPECTOR_SERVER_SECRET_KEY": SECRET,
        "INSPECTOR_SERVER_DATA": data_dir,
    }
    env.pop("INSPECTOR_SERVER_DEMO", None)
    if cheap:
        env.update(INSPECTOR_SERVER_ARGON2_MEMORY_KIB="64", INSPECTOR_SERVER_ARGON2_TIME_COST="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "inspector_server.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
            "--timeout-keep-alive",
            "30",  # as inspector-server serve does
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def _session() -> requests.Session:
    http = requests.Session()
    http.headers[PROTOCOL_HEADER] = "1"
    http.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=1))
    return http


def timed(
    tally: Tally, kind: str, call: Callable[[], requests.Response]
) -> requests.Response | None:
    started = time.perf_counter()
    try:
        response = call()
    except requests.RequestException as exc:
        tally.add(kind, time.perf_counter() - started)
        tally.error(f"{kind}: {type(exc).__name__}: {exc}"[:200])
        return None
    tally.add(kind, time.perf_counter() - started)
    if response.status_code >= 300:
        tally.error(f"{kind} {response.status_code}: {response.text[:200]}")
    return response


def login(base: str, device: Device, tally: Tally, gate: threading.Barrier) -> None:
    http = _session()
    gate.wait()
    r = timed(
        tally,
        "login",
        lambda: http.post(
            base + "/api/v1/auth/login",
            json={
                "username": device.username,
                "password": PASSWORD,
                "device_id": device.device_id,
                "device_name": "burst",
            },
            timeout=120,
        ),
    )
    if r is not None and r.status_code == 200:
        device.token = r.json()["access_token"]


def pull_and_push(
    base: str, device: Device, results: int, tally: Tally, gate: threading.Barrier
) -> None:
    http = _session()
    http.headers["Authorization"] = f"Bearer {device.token}"
    gate.wait()
    if device.start_after:
        time.sleep(device.start_after)
    cursor: str | None = None
    tasks = []
    while True:
        params: dict[str, Any] = {"limit": 500}
        if cursor is not None:
            params["cursor"] = cursor
        r = timed(
            tally,
            "pull",
            lambda p=params: http.get(base + "/api/v1/sync/pull", params=p, timeout=120),
        )
        if r is None or r.status_code != 200:
            return
        body = r.json()
        tasks += [c["data"] for c in body["changes"] if c["entity"] == "task"]
        cursor = body["cursor"]
        if not body["more"]:
            break
    slots = [(t["id"], i["id"]) for t in tasks for i in t["checklist"]]
    mine = slots[device.slot :: 2][:results]
    if len(mine) < results:
        tally.error(f"{device.username}: only {len(mine)} items to record")
    mutations = [
        {
            "op_id": str(uuid.uuid4()),
            "entity": "item_result",
            "id": f"{task_id}:{item_id}",
            "base_rev": None,
            "data": {
                "task_id": task_id,
                "item_id": item_id,
                "outcome": "compliant",
                "note": "现场核查符合要求",
                "recorded_by": device.username,
                "recorded_at": "2026-11-05T09:30:00+08:00",
            },
            "recorded_at": "2026-11-05T09:30:00+08:00",
        }
        for task_id, item_id in mine
    ]
    r = timed(
        tally,
        "push",
        lambda: http.post(
            base + "/api/v1/sync/push",
            json={"device_id": device.device_id, "mutations": mutations},
            timeout=120,
        ),
    )
    if r is not None and r.status_code == 200:
        bad = [m for m in r.json()["results"] if m["status"] != "applied"]
        if bad:
            tally.error(f"{device.username}: {len(bad)} not applied, e.g. {bad[0]}")


def health_twice(base: str, device: Device, tally: Tally, gate: threading.Barrier) -> None:
    http = _session()
    gate.wait()
    for _ in range(2):
        timed(tally, "health", lambda: http.get(base + "/api/v1/health", timeout=120))


def burst(devices: list[Device], work: Callable[..., None], *args: Any) -> float:
    gate = threading.Barrier(len(devices) + 1)
    with ThreadPoolExecutor(max_workers=len(devices)) as pool:
        futures = [pool.submit(work, *args[:1], d, *args[1:], gate) for d in devices]
        gate.wait()
        started = time.perf_counter()
        for f in futures:
            f.result()
        return time.perf_counter() - started


def one_run(args: argparse.Namespace, data_dir: str, rate: float | None) -> dict[str, Any]:
    """One burst on fresh data: closed (``rate`` None, with the health floor beside it)
    or devices arriving at ``rate`` per second."""
    devices = setup(args.url, args.devices, args.tasks, args.items, args.cheap_hashes)
    proc, base = start_server(args.url, args.workers, args.cheap_hashes, data_dir)
    out: dict[str, Any] = {}
    try:
        logins = Tally()
        login_total = burst(devices, login, base, logins)
        ready = [d for d in devices if d.token]
        if rate is None:
            floor = Tally()
            out["floor_total"] = burst(ready, health_twice, base, floor)
            out["floor_p50"] = percentile(floor.latencies.get("health", []), 50)
            out["floor_p99"] = percentile(floor.latencies.get("health", []), 99)
            out["errors_floor"] = len(floor.errors)
        else:
            clock = random.Random(f"arrivals/{rate}")
            at = 0.0
            for d in ready:
                d.start_after = at
                at += clock.expovariate(rate)
        syncs = Tally()
        sync_total = burst(ready, pull_and_push, base, args.results, syncs)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    sync_all = [x for v in syncs.latencies.values() for x in v]
    out.update(
        {
            "login_total": login_total,
            "login_p50": percentile(logins.latencies.get("login", []), 50),
            "login_p99": percentile(logins.latencies.get("login", []), 99),
            "sync_total": sync_total,
            "sync_p50": percentile(sync_all, 50),
            "sync_p99": percentile(sync_all, 99),
            "pull_p99": percentile(syncs.latencies.get("pull", []), 99),
            "push_p50": percentile(syncs.latencies.get("push", []), 50),
            "push_p99": percentile(syncs.latencies.get("push", []), 99),
            "requests": len(sync_all),
            "errors": len(logins.errors) + len(syncs.errors),
            "error_examples": (logins.errors + syncs.errors)[:3],
        }
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("INSPECTOR_TEST_PG_URL", DEFAULT_URL))
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--results", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=8, help="tasks per team (a day's work)")
    parser.add_argument("--items", type=int, default=30, help="checklist items per task")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cheap-hashes", action="store_true", help="argon2 64 KiB, t=1")
    parser.add_argument("--keep", action="store_true", help="keep schema burst afterwards")
    parser.add_argument(
        "--rates", default="25,50,100", help="device arrivals per second to run (comma list)"
    )
    args = parser.parse_args()
    import tempfile

    rates = [float(r) for r in args.rates.split(",") if r.strip()] if args.rates else []
    shapes: list[float | None] = [None, *rates]
    runs: dict[float | None, list[dict[str, Any]]] = {shape: [] for shape in shapes}
    with tempfile.TemporaryDirectory() as data_dir:
        for _ in range(args.runs):
            for shape in shapes:
                runs[shape].append(one_run(args, data_dir, shape))
                print(json.dumps({"rate": shape, "run": runs[shape][-1]}), file=sys.stderr)
    if not args.keep:
        admin = create_engine(normalize_url(args.url), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()

    def med(shape: float | None, key: str) -> float:
        return statistics.median(r[key] for r in runs[shape])

    info = {"devices": args.devices, "workers": args.workers, "runs": args.runs}
    emit("burst_closed_sync_p50", med(None, "sync_p50") * 1000, "ms", **info)
    emit("burst_closed_sync_p99", med(None, "sync_p99") * 1000, "ms", goal_ms=200, **info)
    emit("burst_closed_pull_p99", med(None, "pull_p99") * 1000, "ms")
    emit("burst_closed_push_p99", med(None, "push_p99") * 1000, "ms", results=args.results)
    emit("burst_closed_sync_total", med(None, "sync_total"), "s", requests=2 * args.devices)
    emit("burst_closed_floor_health_p50", med(None, "floor_p50") * 1000, "ms")
    emit("burst_closed_floor_health_p99", med(None, "floor_p99") * 1000, "ms")
    emit("burst_closed_floor_health_total", med(None, "floor_total"), "s")
    emit(
        "burst_closed_sync_total_to_floor",
        med(None, "sync_total") / med(None, "floor_total"),
        "x",
    )
    for rate in rates:
        tag = f"burst_arrivals_{rate:g}_per_s"
        emit(f"{tag}_sync_p50", med(rate, "sync_p50") * 1000, "ms", **info)
        emit(f"{tag}_sync_p99", med(rate, "sync_p99") * 1000, "ms", goal_ms=200, **info)
        emit(f"{tag}_push_p99", med(rate, "push_p99") * 1000, "ms")
        emit(f"{tag}_pull_p99", med(rate, "pull_p99") * 1000, "ms")
    emit("burst_login_p50", med(None, "login_p50") * 1000, "ms", cheap_hashes=args.cheap_hashes)
    emit("burst_login_p99", med(None, "login_p99") * 1000, "ms", cheap_hashes=args.cheap_hashes)
    emit("burst_login_total", med(None, "login_total"), "s")
    every = [r for shape in shapes for r in runs[shape]]
    emit(
        "burst_errors",
        sum(r["errors"] + r.get("errors_floor", 0) for r in every),
        "count",
        examples=[e for r in every for e in r["error_examples"]][:3],
    )


if __name__ == "__main__":
    main()
