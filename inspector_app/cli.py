"""``inspector-app``: the GUI by default; sub-commands for headless work.

Qt is imported only when the GUI starts, so headless commands run on machines
without a display (and stay fast).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from inspector_app import __version__, cli_review
from inspector_app.paths import default_profile_dir

log = logging.getLogger("inspector_app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspector-app",
        description="Field Inspector: joint market-supervision inspections, offline first.",
    )
    parser.add_argument("--version", action="version", version=f"Field Inspector {__version__}")
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="data folder of the profile to use (default: the platform's user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=(
            "the demo: the GUI starts an embedded demo server, signs in as inspector1 and "
            "syncs; headless commands load the demo tasks directly (profile 'demo' by default)"
        ),
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), help="language of the interface (default: system)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_gui = sub.add_parser("gui", help="open the main window (the default)")
    p_gui.add_argument(
        "--screenshot", type=Path, metavar="PNG", help=argparse.SUPPRESS
    )  # used to look at the UI headless

    p_self = sub.add_parser("selftest", help="check the installation headless")
    p_self.add_argument("--documents", type=Path, metavar="DIR", help="also render documents")
    p_self.add_argument("--report", type=Path, metavar="FILE", help="where to write the report")

    sub.add_parser("tasks", help="list the tasks in the profile")

    p_login = sub.add_parser(
        "login", help="sign in to a server (password from a prompt or INSPECTOR_PASSWORD)"
    )
    p_login.add_argument("--server", required=True, metavar="URL", help="e.g. https://host")
    p_login.add_argument("--user", required=True, metavar="NAME")
    sub.add_parser("logout", help="sign out: forget this laptop's token (work stays queued)")
    sub.add_parser(
        "sync",
        help="push and pull once, headless; exit 0 up to date, 2 server unreachable "
        "(nothing lost, try later), 1 items rejected or in conflict",
    )
    cli_review.add_commands(sub)
    return parser


def profile_dir(args: argparse.Namespace) -> Path:
    if args.profile is not None:
        return Path(args.profile).expanduser()
    base = default_profile_dir()
    return base.parent / "demo" if args.demo else base


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    log.setLevel(logging.DEBUG if args.verbose else logging.INFO)
    command = args.command or "gui"
    try:
        if command == "selftest":
            return _selftest(args)
        if command == "tasks":
            return _tasks(args)
        if command == "login":
            return _login(args)
        if command == "logout":
            return _logout(args)
        if command == "sync":
            return _sync(args)
        if command in cli_review.COMMANDS:
            return cli_review.run(args, _open)
        return _gui(args)
    except KeyboardInterrupt:
        return 130


def _selftest(args: argparse.Namespace) -> int:
    from inspector_app.services.selftest import run_selftest

    report = run_selftest(documents_dir=args.documents)
    text = report.render()
    print(text)
    target = args.report or Path.cwd() / "inspector-selftest.txt"
    try:
        target.write_text(text + "\n", encoding="utf-8")
        print(f"Report written to {target}")
    except OSError as exc:
        print(f"Could not write the report to {target}: {exc}", file=sys.stderr)
        return 1
    return 0 if report.ok else 1


def _open(args: argparse.Namespace, *, demo_tasks: bool = True):  # type: ignore[no-untyped-def]
    """The profile ``--profile``/``--demo`` names; with ``--demo`` (and ``demo_tasks``) the
    demo tasks are loaded into it locally."""
    from inspector_app.services import ServiceError, open_profile
    from inspector_app.services.demo import load_demo

    folder = profile_dir(args)
    try:
        profile = open_profile(folder)
    except ServiceError as exc:
        print(f"Cannot open the profile in {folder}: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    if args.demo and demo_tasks:
        load_demo(profile)
    return profile


def _tasks(args: argparse.Namespace) -> int:
    from inspector_app.services import list_tasks

    with _open(args) as profile:
        tasks = list_tasks(profile)
        if not tasks:
            print("No tasks in this profile. Sign in and sync, or start with --demo.")
        for t in tasks:
            print(
                f"{t.id}  {t.status:<11}  {t.n_done:>3}/{t.n_items:<3}  "
                f"{t.window_start}..{t.window_end}  {t.business_name}"
            )
    return 0


def _login(args: argparse.Namespace) -> int:
    import getpass
    import os

    from inspector_app.services import Offline, ServiceError, login

    password = os.environ.get("INSPECTOR_PASSWORD") or getpass.getpass(
        f"password for {args.user} at {args.server}: "
    )
    with _open(args) as profile:
        try:
            user = login(profile, args.server, args.user, password)
        except Offline as exc:
            print(f"Cannot reach the server: {exc}", file=sys.stderr)
            return 2
        except ServiceError as exc:
            print(f"Sign-in failed: {exc}", file=sys.stderr)
            return 1
    print(f"Signed in as {user.display_name} ({user.username}).")
    return 0


def _logout(args: argparse.Namespace) -> int:
    from inspector_app.services import logout

    with _open(args) as profile:
        told = logout(profile)
    print("Signed out." + ("" if told else " (The server could not be told; the token expires.)"))
    return 0


def _sync(args: argparse.Namespace) -> int:
    from inspector_app.services import ServiceError, sync
    from inspector_app.store.errors import StoreError

    with _open(args) as profile:
        try:
            report = sync(profile)
        except (ServiceError, StoreError) as exc:
            print(f"Sync failed: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # a fault of ours: a message and exit 1, never a traceback
            log.error("sync failed", exc_info=args.verbose)
            print(
                f"Sync stopped by an unexpected error ({type(exc).__name__}: {exc}). Nothing "
                "is lost: every change stays queued. Run again with -v for the details and "
                "report them.",
                file=sys.stderr,
            )
            return 1
    print(report.summary())
    return report.exit_code


def _gui(args: argparse.Namespace) -> int:
    from inspector_app.app import run_gui, start_demo

    # The demo profile, with its tasks from the embedded server rather than loaded
    # locally. (Never the user's own profile: the demo signs it in to a demo server.)
    demo = args.demo
    profile = _open(args, demo_tasks=False)
    screenshot = getattr(args, "screenshot", None)
    with profile:
        server = start_demo(profile) if demo else None
        try:
            return run_gui(
                profile,
                lang=args.lang,
                screenshot=screenshot,
                server_url=server.url if server is not None else None,
            )
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    sys.exit(main())
