"""``inspector-server``: the server's administration commands.

``init-db``, ``create-user``, ``reassign-device``, ``seed-demo``, ``import-reference`` and
``serve`` live here; the planning commands (``import-directory``, ``import-checklists``,
``scenario``, ``draw-plan``) register themselves through ``PLANNING_COMMANDS`` below.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from inspector_app.domain.entities import Role
from inspector_server import review_commands as _review
from inspector_server.core.config import Settings
from inspector_server.core.db import engine_for, make_sessionmaker, write_session
from inspector_server.core.migrate import upgrade
from inspector_server.core.security import PasswordHashing
from inspector_server.models import Team
from inspector_server.planning import commands as _planning

#: (name, add_arguments(parser), run(args, settings) -> exit code), filled by planning.
#: A command whose parser sets the default ``offline=True`` runs without settings
#: (``run(args, None)``): it touches no database, so it needs no secret either.
PLANNING_COMMANDS: list[
    tuple[
        str,
        str,
        Callable[[argparse.ArgumentParser], None],
        Callable[[argparse.Namespace, Settings], int],
    ]
] = list(_planning.COMMANDS) + list(_review.COMMANDS)


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if args.data is not None:
        overrides["data"] = args.data
    if args.db is not None:
        overrides["db"] = args.db
    if args.demo:
        overrides["demo"] = True
    return Settings(**overrides)  # type: ignore[arg-type]


def cmd_init_db(args: argparse.Namespace, settings: Settings) -> int:
    engine = engine_for(settings)
    upgrade(engine)
    engine.dispose()
    print(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    password = os.environ.get("INSPECTOR_PASSWORD") or args.password
    if not password:
        password = getpass.getpass(f"password for {args.username}: ")
        if password != getpass.getpass("again: "):
            print("the passwords differ; nothing was created", file=sys.stderr)
            return 2
    if len(password) < 8 and not settings.demo:
        print("use a password of at least 8 characters", file=sys.stderr)
        return 2
    from inspector_server.services import accounts
    from inspector_server.services.reference import publish_roster

    engine = engine_for(settings)
    hashing = PasswordHashing(settings)
    try:
        with write_session(make_sessionmaker(engine)) as s:
            user = accounts.create_user(
                s,
                hashing,
                username=args.username,
                role=args.role,
                password=password,
                display_name=args.display_name or args.username,
                department_code=args.department,
                badge_no=args.badge,
            )
            for team in args.team or ():
                t = s.get(Team, team)
                if t is None:
                    raise ValueError(f"no team {team!r}")
                if args.role == Role.TEAM_LEAD:
                    t.lead_id = user.id
                else:
                    accounts.add_member(s, team_id=team, user_id=user.id)
            s.flush()
            # Laptops print officers' names and badge numbers from the roster.
            publish_roster(s)
            print(f"created {user.role} {user.username} ({user.id})")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def cmd_reassign_device(args: argparse.Namespace, settings: Settings) -> int:
    from inspector_server.services import devices

    engine = engine_for(settings)
    try:
        with write_session(make_sessionmaker(engine)) as s:
            user = devices.reassign(s, args.device_id, args.to)
    except LookupError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(
        f"device {args.device_id} now belongs to {user.username}; the sign-ins it held "
        "no longer work, and its next sign-in must be theirs"
    )
    return 0


def cmd_seed_demo(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.demo:
        print(
            "seed-demo needs demo mode: set INSPECTOR_SERVER_DEMO=1 or pass --demo",
            file=sys.stderr,
        )
        return 2
    from inspector_server.services.seed import DEMO_DIR, DEMO_PASSWORD, seed_demo

    engine = engine_for(settings)
    upgrade(engine)
    with write_session(make_sessionmaker(engine)) as s:
        report = seed_demo(s, PasswordHashing(settings), Path(args.source or DEMO_DIR))
    engine.dispose()
    print(
        f"seeded {report.departments} departments, {report.businesses} businesses, "
        f"{report.tasks} joint tasks, {report.reference} reference records"
    )
    print(f"demo accounts (password '{DEMO_PASSWORD}', demo mode only):")
    for username, role, teams in report.accounts:
        print(f"  {username:<12} {role:<10} {teams}")
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def cmd_import_reference(args: argparse.Namespace, settings: Settings) -> int:
    """Publish rule packs, benchmarks, agency settings and wording to every laptop."""
    from inspector_server.services.reference import import_reference, publish_roster

    engine = engine_for(settings)
    upgrade(engine)
    try:
        with write_session(make_sessionmaker(engine)) as s:
            report = import_reference(s, [Path(f) for f in args.folders])
            publish_roster(s)
    finally:
        engine.dispose()
    for rid in report.imported:
        print(f"published {rid}")
    if report.unchanged:
        print(f"{len(report.unchanged)} record(s) unchanged")
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from inspector_server.main import UVICORN_OPTIONS, create_app

    # Idle connections are kept 30 s (uvicorn's default is 5 s): a laptop that took a
    # while between its pull and its push then reuses its connection instead of
    # racing the server closing it.
    keep_alive = 30
    if args.workers <= 1:
        uvicorn.run(
            create_app(settings),
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            timeout_keep_alive=keep_alive,
            **UVICORN_OPTIONS,
        )
        return 0
    # Worker processes build their own app from the environment: hand them the
    # options given here (the environment already holds the rest, secrets included).
    for name, value in (("DATA", args.data), ("DB", args.db)):
        if value is not None:
            os.environ[f"INSPECTOR_SERVER_{name}"] = str(value)
    if args.demo:
        os.environ["INSPECTOR_SERVER_DEMO"] = "1"
    uvicorn.run(
        "inspector_server.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        workers=args.workers,
        timeout_keep_alive=keep_alive,
        **UVICORN_OPTIONS,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector-server", description=__doc__)
    parser.add_argument("--data", type=Path, help="data folder (INSPECTOR_SERVER_DATA)")
    parser.add_argument("--db", help="database URL (INSPECTOR_SERVER_DB)")
    parser.add_argument("--demo", action="store_true", help="demo mode (INSPECTOR_SERVER_DEMO=1)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("init-db", help="create or upgrade the database").set_defaults(run=cmd_init_db)

    p = sub.add_parser("create-user", help="add a user (password prompted or INSPECTOR_PASSWORD)")
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--password", help="prefer the prompt or INSPECTOR_PASSWORD")
    p.add_argument("--display-name")
    p.add_argument("--department")
    p.add_argument("--badge")
    p.add_argument("--team", action="append", help="team id (repeatable)")
    p.set_defaults(run=cmd_create_user)

    p = sub.add_parser(
        "reassign-device",
        help="hand a laptop's device id over to another user (it belongs to whoever "
        "registered it until then)",
    )
    p.add_argument("device_id", help="as the refused sign-in or GET /api/v1/admin/devices names it")
    p.add_argument("--to", required=True, metavar="USERNAME", help="the new owner")
    p.set_defaults(run=cmd_reassign_device)

    p = sub.add_parser("seed-demo", help="load the demo data set (demo mode only)")
    p.add_argument("--source", type=Path, help="folder like resources/demo")
    p.set_defaults(run=cmd_seed_demo)

    p = sub.add_parser(
        "import-reference",
        help="publish reference data (rulepacks/, benchmarks/, agencies/, agency.json, "
        "wording.json in each DIR) to every laptop at its next sync",
    )
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.set_defaults(run=cmd_import_reference)

    p = sub.add_parser("serve", help="run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes, one per core is usual (they share the one database)",
    )
    p.set_defaults(run=cmd_serve)

    for name, help_text, add_arguments, run in PLANNING_COMMANDS:
        p = sub.add_parser(name, help=help_text)
        add_arguments(p)
        p.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "offline", False):
        return int(args.run(args, None))
    try:
        settings = _settings(args)
    except ValidationError as exc:
        for error in exc.errors():
            print(f"configuration error: {error['msg']}", file=sys.stderr)
        return 2
    return int(args.run(args, settings))


if __name__ == "__main__":
    sys.exit(main())
