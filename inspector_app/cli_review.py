"""Headless commands of the review (issue 12 item 7): thin calls of the services.

    inspector-app submit TASK
    inspector-app review-queue [--json] [--as USERNAME]
    inspector-app review-show TASK [--json] [--as USERNAME]
    inspector-app review TASK (--approve | --return --comment TEXT)
                  [--item ITEM --item-comment TEXT]... [--as USERNAME]
    inspector-app reviewer-login --user NAME [--server URL]
    inspector-app stats [--json] [--team TEAM]... [--since DAY] [--until DAY]

Exit 0 on success, 1 with a message on a refusal. ``--as USERNAME`` is the on-site
co-review: that lead's password from ``INSPECTOR_PASSWORD`` or a prompt, checked on this
laptop (no network needed); they must have signed in here once (``reviewer-login``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from inspector_app.services.messages import Text

COMMANDS = ("submit", "review-queue", "review-show", "review", "reviewer-login", "stats")

Opener = Callable[[argparse.Namespace], Any]

# What the commands print, in the language of --lang, the settings or the system.
SUBMITTED = Text(
    "cli.review.submitted",
    en="Submitted the visit to {business} for review; it goes to the lead with the next sync.",
    zh="已提交对{business}的检查，等待审核；下次同步时发送给组长。",
)
QUEUE_EMPTY = Text(
    "cli.review.queue_empty",
    en="No submitted visit waits for your review. Sync to see new submissions.",
    zh="没有等待您审核的检查。请同步查看新的提交。",
)
QUEUE_LINE = Text(
    "cli.review.queue_line",
    en="{task}  since {since}  round {round}  {bad} non-compliant  {docs} document(s)  "
    "{business}  ({inspectors})",
    zh="{task}  提交于 {since}  第{round}轮  不符合 {bad} 项  文书 {docs} 份  "
    "{business}（{inspectors}）",
)
DECIDED = Text(
    "cli.review.decided",
    en="{decision} the visit to {business} as {reviewer}; the review goes up with the next sync.",
    zh="已以{reviewer}的身份{decision}对{business}的检查；审核意见将在下次同步时上传。",
)
APPROVED = Text("cli.review.approved", en="Approved", zh="通过")
RETURNED = Text("cli.review.returned", en="Returned", zh="退回")
PAIRS = Text(
    "cli.review.pairs",
    en="Give one --item-comment after each --item.",
    zh="每个 --item 后面请给出一个 --item-comment。",
)
APPROVE_NO_ITEMS = Text(
    "cli.review.approve_no_items",
    en="Item comments go with --return; an approval takes --comment only.",
    zh="事项意见只能与 --return 一起使用；审核通过只能带 --comment。",
)
PASSWORD_OF = Text(
    "cli.review.password_of", en="password of {user} ({why}): ", zh="{user} 的密码（{why}）："
)
CHECKED_HERE = Text("cli.review.checked_here", en="checked on this laptop", zh="在本机核对")
SIGNING_IN_HERE = Text(
    "cli.review.signing_in_here",
    en="signing in on this laptop for co-review",
    zh="在本机登录用于现场审核",
)
CO_REVIEWER_READY = Text(
    "cli.review.co_reviewer_ready",
    en="{name} ({user}) can now review on this laptop offline: "
    "inspector-app review TASK --approve --as {user}",
    zh="{name}（{user}）现在可以在本机离线审核：inspector-app review TASK --approve --as {user}",
)
SHOW_HEAD = Text(
    "cli.review.show_head",
    en="{business} ({uscc})  {status}, round {round}\ninspectors: {inspectors}",
    zh="{business}（{uscc}）  {status}，第{round}轮\n执法人员：{inspectors}",
)
SHOW_RETURNED = Text(
    "cli.review.show_returned",
    en="returned (round {round}): {comment}",
    zh="退回（第{round}轮）：{comment}",
)
SHOW_COMMENT = Text(
    "cli.review.show_comment", en="      lead: {comment}", zh="      组长：{comment}"
)
SHOW_REFUSAL = Text(
    "cli.review.show_refusal",
    en="(you cannot review it now: {why})",
    zh="（您现在不能审核：{why}）",
)
STATS_HEAD = Text(
    "cli.review.stats_head",
    en="statistics as of {day} (last sync {last})",
    zh="统计截至 {day}（上次同步 {last}）",
)
STATS_LINE = Text(
    "cli.review.stats_line",
    en="{team} planned {planned}  done {done}  submitted {submitted}  approved {approved}  "
    "published {published}  problems {rate}  items {before}->{after}  "
    "follow-ups overdue {overdue}",
    zh="{team} 计划 {planned}  完成 {done}  待审核 {submitted}  已通过 {approved}  "
    "已公示 {published}  问题发现率 {rate}  事项 {before}->{after}  逾期复查 {overdue}",
)
REFUSED = Text("cli.review.refused", en="Refused: {error}", zh="未执行：{error}")
UNREACHABLE = Text(
    "cli.review.unreachable", en="Cannot reach the server: {error}", zh="无法连接服务器：{error}"
)


def add_commands(sub: Any) -> None:
    p = sub.add_parser("submit", help="submit a completed visit for the team lead's review")
    p.add_argument("task", metavar="TASK")

    p = sub.add_parser(
        "review-queue", help="the submitted visits of the teams you lead, newest waiting first"
    )
    p.add_argument("--json", action="store_true", help="one JSON list")
    _as(p)

    p = sub.add_parser(
        "review-show", help="a visit as its review shows it: results, photos, comments"
    )
    p.add_argument("task", metavar="TASK")
    p.add_argument("--json", action="store_true")
    _as(p)

    p = sub.add_parser("review", help="approve a submitted visit, or return it with comments")
    p.add_argument("task", metavar="TASK")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", action="store_true")
    decision.add_argument("--return", dest="return_", action="store_true")
    p.add_argument("--comment", default="", metavar="TEXT", help="on the whole visit")
    p.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="ITEM",
        help="an item (id or code) to comment on; give --item-comment after each",
    )
    p.add_argument("--item-comment", action="append", default=[], metavar="TEXT")
    _as(p)

    p = sub.add_parser(
        "reviewer-login",
        help="sign a team lead in on this laptop for on-site co-review (once, online; "
        "password from a prompt or INSPECTOR_PASSWORD)",
    )
    p.add_argument("--user", required=True, metavar="NAME")
    p.add_argument("--server", metavar="URL", help="default: this profile's server")

    p = sub.add_parser("stats", help="statistics of the teams you lead, from what was synced")
    p.add_argument("--json", action="store_true")
    p.add_argument("--team", action="append", metavar="TEAM_ID")
    p.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")


def _as(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="on-site co-review by this team lead (password checked on this laptop)",
    )


def run(args: argparse.Namespace, open_profile: Opener, lang: str) -> int:
    from inspector_app.services import ServiceError
    from inspector_app.services.errors import error_text

    args.lang_ = lang
    try:
        with open_profile(args) as profile:
            return _COMMANDS[args.command](args, profile)
    except ServiceError as exc:
        print(REFUSED.render(lang, error=error_text(exc, lang)), file=sys.stderr)
        return 1


def _password(args: argparse.Namespace, username: str, why: Text) -> str:
    return os.environ.get("INSPECTOR_PASSWORD") or getpass.getpass(
        PASSWORD_OF.render(args.lang_, user=username, why=why)
    )


@contextmanager
def _reviewer(args: argparse.Namespace, profile: Any) -> Iterator[tuple[Any, Any]]:
    """(reviewer profile, visit profile): the profile itself, or a co-review unlocked."""
    from inspector_app.services import unlock_co_review

    if not args.as_user or (profile.user and profile.user.username == args.as_user):
        yield profile, profile
        return
    password = _password(args, args.as_user, CHECKED_HERE)
    with unlock_co_review(profile, args.as_user, password) as co:
        yield co.reviewer, co.host


def _submit(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import get_task, submit_inspection

    submit_inspection(profile, args.task)
    name = get_task(profile, args.task).business.name
    print(SUBMITTED.render(args.lang_, business=name))
    return 0


def _queue(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import review_queue

    with _reviewer(args, profile) as (reviewer, host):
        entries = review_queue(reviewer, visit_profile=host)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(QUEUE_EMPTY.render(args.lang_))
    for e in entries:
        since = e.waiting_since.date().isoformat() if e.waiting_since else "-"
        print(
            QUEUE_LINE.render(
                args.lang_,
                task=e.task_id,
                since=since,
                round=e.round,
                bad=e.noncompliant,
                docs=e.documents,
                business=e.business_name,
                inspectors=list(e.inspectors),
            )
        )
    return 0


def _show(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import review_visit

    with _reviewer(args, profile) as (reviewer, host):
        visit = review_visit(reviewer, args.task, visit_profile=host)
    if args.json:
        print(json.dumps(_visit_json(visit), ensure_ascii=False, indent=2, default=str))
        return 0
    lang = args.lang_
    print(
        SHOW_HEAD.render(
            lang,
            business=visit.business_name,
            uscc=visit.uscc,
            status=visit.status,
            round=visit.round,
            inspectors=list(visit.inspectors),
        )
    )
    if visit.returned is not None and visit.returned.comment:
        print(
            SHOW_RETURNED.render(lang, round=visit.returned.round, comment=visit.returned.comment)
        )
    for item in visit.items:
        outcome = item.outcome.value if item.outcome else "-"
        print(f"  {item.code:<12} {outcome:<15} {item.title}  {item.note}".rstrip())
        for comment in item.comments:
            print(SHOW_COMMENT.render(lang, comment=comment))
    for d in visit.documents:
        print(f"  {d.title} {d.number or ''} ({d.status})")
    if visit.refusal is not None:
        print(SHOW_REFUSAL.render(lang, why=visit.refusal))
    return 0


def _visit_json(visit: Any) -> dict[str, Any]:
    return {
        "task_id": visit.task_id,
        "business_name": visit.business_name,
        "uscc": visit.uscc,
        "status": visit.status.value,
        "round": visit.round,
        "inspectors": list(visit.inspectors),
        "submitted_at": visit.submitted_at,
        "noncompliant": visit.noncompliant,
        "returned": None
        if visit.returned is None
        else {
            "round": visit.returned.round,
            "comment": visit.returned.comment,
            "items": {k: list(v) for k, v in visit.returned.items.items()},
        },
        "items": [
            {
                "item_id": i.item_id,
                "code": i.code,
                "title": i.title,
                "outcome": i.outcome.value if i.outcome else None,
                "note": i.note,
                "photos": [p.sha256 for p in i.photos],
                "disposition": i.disposition,
                "comments": list(i.comments),
            }
            for i in visit.items
        ],
        "documents": [
            {"id": d.id, "kind": d.kind, "number": d.number, "status": d.status}
            for d in visit.documents
        ],
        "reviews": [
            {
                "id": r.id,
                "round": r.round,
                "decision": r.decision,
                "comment": r.comment,
                "reviewer_id": r.reviewer_id,
                "state": r.state,
                "refused_reason": r.refused_reason,
            }
            for r in visit.reviews
        ],
        "refusal": visit.refusal,
    }


def _review(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import InvalidInput, approve, get_task, return_visit

    if len(args.item) != len(args.item_comment):
        raise InvalidInput(PAIRS)
    if args.approve and (args.item or args.item_comment):
        raise InvalidInput(APPROVE_NO_ITEMS)
    checklist = get_task(profile, args.task).checklist
    by_code = {i.code: i.id for i in checklist}
    ids = {i.id for i in checklist}
    pairs = [
        (item if item in ids else by_code.get(item, item), text)
        for item, text in zip(args.item, args.item_comment, strict=True)
    ]
    with _reviewer(args, profile) as (reviewer, host):
        if args.approve:
            approve(reviewer, args.task, args.comment, visit_profile=host)
            done = APPROVED
        else:
            return_visit(reviewer, args.task, args.comment, pairs, visit_profile=host)
            done = RETURNED
        who = reviewer.require_user().display_name
    name = get_task(profile, args.task).business.name
    print(DECIDED.render(args.lang_, decision=done, business=name, reviewer=who))
    return 0


def _reviewer_login(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import Offline, co_review_login
    from inspector_app.services.errors import error_text

    password = _password(args, args.user, SIGNING_IN_HERE)
    try:
        user = co_review_login(profile, args.user, password, server_url=args.server)
    except Offline as exc:
        print(UNREACHABLE.render(args.lang_, error=error_text(exc, args.lang_)), file=sys.stderr)
        return 2
    print(CO_REVIEWER_READY.render(args.lang_, name=user.display_name, user=user.username))
    return 0


def _stats(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import lead_statistics

    figures = lead_statistics(profile, teams=args.team, since=args.since, until=args.until)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    t = figures["totals"]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    lang = args.lang_
    print(STATS_HEAD.render(lang, day=figures["as_of"], last=figures["last_sync"] or "-"))
    for g in [{"team_id": "all", **t}, *figures["by_team"]]:
        print(
            STATS_LINE.render(
                lang,
                team=f"{g['team_id']:<38}",
                planned=g["planned"],
                done=g["done"],
                submitted=g["awaiting_review"],
                approved=g["approved"],
                published=g["published"],
                rate=pct(g["problem_rate"]),
                before=g["items_before"],
                after=g["items_after"],
                overdue=g["follow_ups_overdue"],
            )
        )
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, Any], int]] = {
    "submit": _submit,
    "review-queue": _queue,
    "review-show": _show,
    "review": _review,
    "reviewer-login": _reviewer_login,
    "stats": _stats,
}
