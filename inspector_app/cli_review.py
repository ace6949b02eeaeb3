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

COMMANDS = ("submit", "review-queue", "review-show", "review", "reviewer-login", "stats")

Opener = Callable[[argparse.Namespace], Any]


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


def run(args: argparse.Namespace, open_profile: Opener) -> int:
    from inspector_app.services import ServiceError

    try:
        with open_profile(args) as profile:
            return _COMMANDS[args.command](args, profile)
    except ServiceError as exc:
        print(f"{_REFUSED[args.command]}: {exc}", file=sys.stderr)
        return 1


def _password(username: str, why: str) -> str:
    return os.environ.get("INSPECTOR_PASSWORD") or getpass.getpass(
        f"password of {username} ({why}): "
    )


@contextmanager
def _reviewer(args: argparse.Namespace, profile: Any) -> Iterator[tuple[Any, Any]]:
    """(reviewer profile, visit profile): the profile itself, or a co-review unlocked."""
    from inspector_app.services import unlock_co_review

    if not args.as_user or (profile.user and profile.user.username == args.as_user):
        yield profile, profile
        return
    password = _password(args.as_user, "checked on this laptop")
    with unlock_co_review(profile, args.as_user, password) as co:
        yield co.reviewer, co.host


def _submit(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import get_task, submit_inspection

    submit_inspection(profile, args.task)
    name = get_task(profile, args.task).business.name
    print(f"Submitted the visit to {name} for review; it goes to the lead with the next sync.")
    return 0


def _queue(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import review_queue

    with _reviewer(args, profile) as (reviewer, host):
        entries = review_queue(reviewer, visit_profile=host)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("No submitted visit waits for your review. Sync to see new submissions.")
    for e in entries:
        since = e.waiting_since.date().isoformat() if e.waiting_since else "-"
        print(
            f"{e.task_id}  since {since}  round {e.round}  {e.noncompliant:>2} non-compliant  "
            f"{e.documents:>2} document(s)  {e.business_name}  ({', '.join(e.inspectors)})"
        )
    return 0


def _show(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import review_visit

    with _reviewer(args, profile) as (reviewer, host):
        visit = review_visit(reviewer, args.task, visit_profile=host)
    if args.json:
        print(json.dumps(_visit_json(visit), ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"{visit.business_name} ({visit.uscc})  {visit.status.value}, round {visit.round}")
    print(f"inspectors: {', '.join(visit.inspectors)}")
    if visit.returned is not None and visit.returned.comment:
        print(f"returned (round {visit.returned.round}): {visit.returned.comment}")
    for item in visit.items:
        outcome = item.outcome.value if item.outcome else "-"
        print(f"  {item.code:<12} {outcome:<15} {item.title}  {item.note}".rstrip())
        for comment in item.comments:
            print(f"      lead: {comment}")
    for d in visit.documents:
        print(f"  document {d.title} {d.number or ''} ({d.status})")
    if visit.refusal:
        print(f"(you cannot review it now: {visit.refusal})")
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
        raise InvalidInput("Give one --item-comment after each --item.")
    if args.approve and (args.item or args.item_comment):
        raise InvalidInput("Item comments go with --return; an approval takes --comment only.")
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
            done = "Approved"
        else:
            return_visit(reviewer, args.task, args.comment, pairs, visit_profile=host)
            done = "Returned"
        who = reviewer.require_user().display_name
    name = get_task(profile, args.task).business.name
    print(f"{done} the visit to {name} as {who}; the review goes up with the next sync.")
    return 0


def _reviewer_login(args: argparse.Namespace, profile: Any) -> int:
    from inspector_app.services import Offline, co_review_login

    password = _password(args.user, "signing in on this laptop for co-review")
    try:
        user = co_review_login(profile, args.user, password, server_url=args.server)
    except Offline as exc:
        print(f"Cannot reach the server: {exc}", file=sys.stderr)
        return 2
    print(
        f"{user.display_name} ({user.username}) can now review on this laptop offline: "
        f"inspector-app review TASK --approve --as {user.username}"
    )
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

    print(f"statistics as of {figures['as_of']} (last sync {figures['last_sync'] or 'never'})")
    for g in [{"team_id": "all", **t}, *figures["by_team"]]:
        print(
            f"{g['team_id']:<38} planned {g['planned']:>5}  done {g['done']:>5}  "
            f"submitted {g['awaiting_review']:>4}  approved {g['approved']:>4}  "
            f"published {g['published']:>4}  problems {pct(g['problem_rate'])}  "
            f"items {g['items_before']}->{g['items_after']}  "
            f"follow-ups overdue {g['follow_ups_overdue']}"
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
_REFUSED = {
    "submit": "Not submitted",
    "review-queue": "Cannot list the queue",
    "review-show": "Cannot show the visit",
    "review": "Not reviewed",
    "reviewer-login": "Sign-in failed",
    "stats": "No statistics",
}
