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
from typing import TYPE_CHECKING

from inspector_app import __version__, cli_review, cli_visit
from inspector_app.paths import default_profile_dir
from inspector_app.services.messages import Text

if TYPE_CHECKING:
    from inspector_app.services.profile import Profile

log = logging.getLogger("inspector_app")

# What the commands print, in the language of --lang, the settings or the system.
CANNOT_OPEN = Text(
    "cli.cannot_open",
    en="Cannot open the profile in {folder}: {error}",
    zh="无法打开 {folder} 中的配置：{error}",
)
NO_TASKS = Text(
    "cli.no_tasks",
    en="No tasks in this profile. Sign in and sync, or start with --demo.",
    zh="此配置中没有任务。请登录并同步，或用 --demo 启动演示。",
)
PASSWORD_PROMPT = Text(
    "cli.password_prompt", en="password for {user} at {server}: ", zh="{user} 在 {server} 的密码："
)
UNREACHABLE = Text(
    "cli.unreachable", en="Cannot reach the server: {error}", zh="无法连接服务器：{error}"
)
SIGN_IN_FAILED = Text("cli.sign_in_failed", en="Sign-in failed: {error}", zh="登录失败：{error}")
SIGNED_IN = Text(
    "cli.signed_in", en="Signed in as {name} ({user}).", zh="已以 {name}（{user}）身份登录。"
)
SIGNED_OUT = Text("cli.signed_out", en="Signed out.", zh="已退出登录。")
NOT_TOLD = Text(
    "cli.not_told",
    en=" (The server could not be told; the token expires.)",
    zh="（未能通知服务器；登录凭据会自行过期。）",
)
SYNC_FAILED = Text("cli.sync_failed", en="Sync failed: {error}", zh="同步失败：{error}")
SYNC_CRASHED = Text(
    "cli.sync_crashed",
    en="Sync stopped by an unexpected error ({error}). Nothing is lost: every change stays "
    "queued. Run again with -v for the details and report them.",
    zh="同步因意外错误而停止（{error}）。数据没有丢失：所有改动仍在待上传队列中。"
    "请加 -v 再运行一次查看详情，并报告给技术支持。",
)
SETTING_LINE = Text(
    "cli.setting_line",
    en="{key} = {value}{default}\n    {label}: {about}",
    zh="{key} = {value}{default}\n    {label}：{about}",
)
SETTING_DEFAULT = Text("cli.setting_default", en="  (default)", zh="  （默认）")
SETTINGS_SAVED = Text("cli.settings_saved", en="Saved in {path}.", zh="已保存到 {path}。")
NOT_KEY_VALUE = Text(
    "cli.not_key_value", en="{given}: give KEY=VALUE.", zh="{given}：请按 KEY=VALUE 的格式填写。"
)


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
    p_gui.add_argument(
        "--exit-when-ready", action="store_true", help=argparse.SUPPRESS
    )  # used by benchmarks/window_bench.py to time a cold start (password: INSPECTOR_PASSWORD)

    p_self = sub.add_parser("selftest", help="check the installation headless")
    p_self.add_argument("--documents", type=Path, metavar="DIR", help="also render documents")
    p_self.add_argument("--report", type=Path, metavar="FILE", help="where to write the report")

    p_tasks = sub.add_parser("tasks", help="list the tasks in the profile")
    p_tasks.add_argument("--json", action="store_true", help="as JSON: [{id, business_name, …}]")

    p_settings = sub.add_parser(
        "settings", help="show the settings with their descriptions, or change them"
    )
    p_settings.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a setting (repeatable); the value is checked as the window checks it",
    )

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
    cli_visit.add_commands(sub)
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
        if command == "settings":
            return _settings(args)
        if command == "login":
            return _login(args)
        if command == "logout":
            return _logout(args)
        if command == "sync":
            return _sync(args)
        if command in cli_visit.COMMANDS:
            return cli_visit.run(command, args, _open)
        if command in cli_review.COMMANDS:
            return cli_review.run(args, _open, _lang(args))
        return _gui(args)
    except KeyboardInterrupt:
        return 130


def _lang(args: argparse.Namespace) -> str:
    """``--lang``, else the language setting, else the system's."""
    from inspector_app.services.messages import system_language
    from inspector_app.services.settings import Settings

    return args.lang or Settings.load().language() or system_language()


def _error(exc: BaseException, args: argparse.Namespace) -> str:
    from inspector_app.services.errors import error_text

    return error_text(exc, _lang(args))


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


def _open(
    args: argparse.Namespace, *, demo_tasks: bool = True, check_audit: bool = True
) -> Profile:
    """The profile ``--profile``/``--demo`` names; with ``--demo`` (and ``demo_tasks``) the
    demo tasks are loaded into it locally. ``check_audit``: warn here of a damaged audit
    trail (the window says it itself, once it has opened the database)."""
    from inspector_app.services import ServiceError, open_profile

    folder = profile_dir(args)
    try:
        profile = open_profile(folder)
    except ServiceError as exc:
        print(
            CANNOT_OPEN.render(_lang(args), folder=folder, error=_error(exc, args)), file=sys.stderr
        )
        raise SystemExit(1) from exc
    from inspector_app.services.settings import Settings

    profile.follow_settings(Settings.load())  # the photo size, as in the window
    if check_audit and not profile.audit_verdict.ok:
        print(
            f"Warning: this laptop's audit trail was changed outside Field Inspector "
            f"({profile.audit_verdict.describe()}). Nothing was deleted: the damage is "
            "recorded in the trail and goes to the server with the next sync. Tell the "
            "officer in charge of records.",
            file=sys.stderr,
        )
    if args.demo and demo_tasks:
        from inspector_app.services.demo import load_demo

        load_demo(profile)
    return profile


def _tasks(args: argparse.Namespace) -> int:
    from inspector_app.services import list_tasks

    with _open(args) as profile:
        if args.json:
            cli_visit.print_json(cli_visit.tasks_json(profile))
            return 0
        tasks = list_tasks(profile)
        if not tasks:
            print(NO_TASKS.render(_lang(args)))
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

    lang = _lang(args)
    password = os.environ.get("INSPECTOR_PASSWORD") or getpass.getpass(
        PASSWORD_PROMPT.render(lang, user=args.user, server=args.server)
    )
    with _open(args) as profile:
        try:
            user = login(profile, args.server, args.user, password)
        except Offline as exc:
            print(UNREACHABLE.render(lang, error=_error(exc, args)), file=sys.stderr)
            return 2
        except ServiceError as exc:
            print(SIGN_IN_FAILED.render(lang, error=_error(exc, args)), file=sys.stderr)
            return 1
    print(SIGNED_IN.render(lang, name=user.display_name, user=user.username))
    return 0


def _logout(args: argparse.Namespace) -> int:
    from inspector_app.services import logout

    with _open(args) as profile:
        told = logout(profile)
    lang = _lang(args)
    print(SIGNED_OUT.render(lang) + ("" if told else NOT_TOLD.render(lang)))
    return 0


def _sync(args: argparse.Namespace) -> int:
    from inspector_app.services import ServiceError, sync
    from inspector_app.services.sync_text import report_lines
    from inspector_app.store.errors import StoreError

    with _open(args) as profile:
        try:
            report = sync(profile)
        except (ServiceError, StoreError) as exc:
            print(SYNC_FAILED.render(_lang(args), error=_error(exc, args)), file=sys.stderr)
            return 1
        except Exception as exc:  # a fault of ours: a message and exit 1, never a traceback
            log.error("sync failed", exc_info=args.verbose)
            print(
                SYNC_CRASHED.render(_lang(args), error=f"{type(exc).__name__}: {exc}"),
                file=sys.stderr,
            )
            return 1
    print("\n".join(report_lines(report, _lang(args))))
    return report.exit_code


def _settings(args: argparse.Namespace) -> int:
    from inspector_app.services import ServiceError
    from inspector_app.services.settings import Settings

    lang = _lang(args)
    settings = Settings.load()
    if args.set:
        try:
            for pair in args.set:
                key, sep, value = pair.partition("=")
                if not sep:
                    print(NOT_KEY_VALUE.render(lang, given=pair), file=sys.stderr)
                    return 1
                settings.set(key.strip(), value)
        except ServiceError as exc:
            print(_error(exc, args), file=sys.stderr)
            return 1
        settings.save()
        print(SETTINGS_SAVED.render(lang, path=settings.path))
        return 0
    for setting, value in settings:
        print(
            SETTING_LINE.render(
                lang,
                key=setting.key,
                value=value if value != "" else '""',
                default=SETTING_DEFAULT if settings.is_default(setting.key) else "",
                label=setting.label,
                about=setting.description,
            )
        )
    return 0


def _gui(args: argparse.Namespace) -> int:
    import os

    from inspector_app.app import DEMO_PASSWORD, run_gui, start_demo

    # --demo: the demo profile, with its tasks from the embedded server rather than loaded
    # locally (never the user's own profile: the demo signs it in to a demo server); it
    # opens with the demo's public password. --profile (or INSPECTOR_PROFILE): that
    # folder, after its user's password. Neither: the profiles on this laptop to pick from.
    demo = args.demo
    screenshot = getattr(args, "screenshot", None)
    if not demo and args.profile is None and not os.environ.get("INSPECTOR_PROFILE"):
        return run_gui(None, lang=args.lang, screenshot=screenshot)
    exit_when_ready = bool(getattr(args, "exit_when_ready", False))
    password = DEMO_PASSWORD if demo else None
    if exit_when_ready and not demo:
        # The benchmark's cold start unlocks like a user, without a dialog to type in.
        password = os.environ.get("INSPECTOR_PASSWORD")
    profile = _open(args, demo_tasks=False, check_audit=False)
    with profile:
        server = start_demo(profile) if demo else None
        try:
            return run_gui(
                profile,
                lang=args.lang,
                screenshot=screenshot,
                server_url=server.url if server is not None else None,
                password=password,
                demo=demo,
                exit_when_ready=exit_when_ready,
            )
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    sys.exit(main())
