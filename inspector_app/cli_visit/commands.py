"""Each command a thin call of the services; refusals print the service's message."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from inspector_app.cli_visit.views import (
    disposition_json,
    document_json,
    follow_up_json,
    print_json,
    task_json,
)
from inspector_app.domain.entities import Outcome
from inspector_app.domain.findings import Assessment

OpenProfile = Callable[[argparse.Namespace], AbstractContextManager[Any]]


def run(command: str, args: argparse.Namespace, open_profile: OpenProfile) -> int:
    from inspector_app.services import ServiceError
    from inspector_app.services.messages import system_language
    from inspector_app.services.settings import Settings

    # As the other commands: --lang, else the language setting, else the system's.
    lang = getattr(args, "lang", None) or Settings.load().language() or system_language()
    handler = _HANDLERS[command]
    try:
        with open_profile(args) as profile:
            return handler(profile, args)
    except ServiceError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _check_in(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.domain.enforcement import Opening
    from inspector_app.services import start_inspection

    present = list(args.present)
    party = args.party or (present[0] if present else "")
    # Checking in from the command line stands for the scripted opening read out on site.
    opening = Opening(party, credentials_shown=True, rights_told=True)
    start_inspection(profile, args.task, at=args.at, present=present, opening=opening)
    print(f"Checked in at task {args.task}.")
    return 0


def _record(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services import attach_evidence, record_item_result

    photos = [(p, p.read_bytes()) for p in args.photo]
    record_item_result(
        profile,
        args.task,
        args.item,
        outcome=Outcome(args.outcome),
        note=args.note,
        corrected_on_site=args.corrected,
        deadline=args.deadline,
        reason=args.reason,
    )
    for path, data in photos:
        sha, _ = attach_evidence(
            profile, args.task, args.item, data, caption=path.name, reason=args.reason
        )
        print(f"photo {path.name}: {sha}")
    print(f"Recorded {args.item}: {args.outcome}.")
    return 0


def _statement(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.visit_record import record_statement

    record_statement(
        profile,
        args.task,
        text=args.text,
        accepted=args.accepted,
        reason=args.reason,
        waived=args.waived,
        item_ids=args.item,
    )
    print("Statement recorded.")
    return 0


def _facts(items: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"--fact needs KEY=VALUE, not {item!r}")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def _assessment(base: Assessment, args: argparse.Namespace) -> Assessment | None:
    """``base`` with the flags given; None when no flag was given."""
    changes: dict[str, Any] = {}
    for flag, field_name in (
        ("minor", "minor"),
        ("harm", "harm"),
        ("affects_safety", "affects_safety"),
        ("a_corrected", "corrected"),
        ("no_fault", "no_fault_proven"),
        ("committed_on", "committed_on"),
        ("continuing", "continuing"),
        ("reduce", "reduce_penalty"),
        ("refused_to_correct", "refused_to_correct"),
        ("pack_entry", "rule_pack_entry"),
    ):
        value = getattr(args, flag, None)
        if value is not None:
            changes[field_name] = value
    if getattr(args, "mitigating", None):
        changes["mitigating"] = tuple(args.mitigating)
    if getattr(args, "fact", None):
        changes["facts"] = {**base.facts, **_facts(args.fact)}
    return replace(base, **changes) if changes else None


def _assess(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.dispositions import get_disposition, record_assessment

    base = get_disposition(profile, args.task, args.item).assessment
    record_assessment(
        profile,
        args.task,
        args.item,
        _assessment(base, args) or base,
        department_code=args.department,
    )
    view = get_disposition(profile, args.task, args.item)
    assert view.proposal is not None
    print(f"Proposed: {view.proposal.disposition.kind.value}")
    return 0


def _dispositions(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.dispositions import list_dispositions

    found = list_dispositions(profile, args.task)
    if args.json:
        print_json([disposition_json(d) for d in found])
        return 0
    if not found:
        print("No non-compliant item in this visit.")
    for d in found:
        item = disposition_json(d)
        print(f"{d.item.code}  {d.item.title}")
        print(f"  {item['state']}: {item['kind']}  {'、'.join(item['legal_basis'])}")
        print(f"  {item['reasoning']}")
        for v in item["verdicts"]:
            mark = "✔" if v["applies"] else "·"
            print(f"    {mark} {v['title']}: {v['explanation']}")
    return 0


def _decide(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.dispositions import decide, get_disposition

    base = get_disposition(profile, args.task, args.item).assessment
    decide(
        profile,
        args.task,
        args.item,
        accept=args.accept,
        kind=args.kind,
        reason=args.reason,
        statement=args.statement,
        fine=args.fine,
        warning=args.warning,
        assessment=_assessment(base, args),
        department_code=args.department,
        education=args.education,
    )
    view = get_disposition(profile, args.task, args.item)
    assert view.confirmed is not None
    print(f"Decided {view.item.code}: {view.confirmed.kind.value}.")
    return 0


def _sign(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.visit_record import sign

    image = args.image.read_bytes() if args.image is not None else None
    sign(
        profile,
        args.task,
        signer=args.signer,
        image=image,
        refused=args.refused,
        witness=args.witness,
        av_reference=args.recording,
        name=args.name,
    )
    print("Refusal recorded." if args.refused else "Signature recorded.")
    return 0


def _documents(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import list_documents

    docs = list_documents(profile, args.task)
    if args.json:
        print_json([document_json(d) for d in docs])
    else:
        for d in docs:
            print(f"{d.state:<9} {d.title:<12} {d.number or '':<24} {d.id or ''}")
    if args.check:
        from inspector_app.services.issue_progress import issue_progress
        from inspector_app.services.issuing import visit_problems
        from inspector_app.services.messages import system_language
        from inspector_app.services.settings import Settings

        # A document still to issue is the next step, not a contradiction: said, exit 0.
        # The documents listed above are the ones weighed (not read a second time).
        progress = issue_progress(docs, visit_problems(profile, args.task))
        told = progress.message()
        if told is not None:
            lang = getattr(args, "lang", None) or Settings.load().language() or system_language()
            print(told.render(lang), file=sys.stderr)
        for problem in progress.problems:
            print(f"{problem.code}: {problem.message}", file=sys.stderr)
        return 1 if progress.problems else 0
    return 0


def _issue(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import issue, issue_all, preview

    if args.kind == "all":
        if args.draft:
            raise SystemExit("issue TASK all issues final documents; preview a kind with --draft")
        result = issue_all(profile, args.task)
    elif args.draft:
        result = preview(profile, args.task, args.kind, item_ids=args.item)
    else:
        result = issue(profile, args.task, args.kind, item_ids=args.item)
    for n, doc in enumerate(result.documents):
        print(f"{'draft' if doc.draft else doc.number}  {doc.title}  {doc.id}  {doc.sha256}")
        if args.out is not None:
            target = args.out if n == 0 else args.out.with_stem(f"{args.out.stem}-{n + 1}")
            target.write_bytes(doc.pdf)
            print(f"  written to {target}")
    for note in result.notes:
        print(note)
    if not result.documents:
        print("Nothing to issue: every document this visit needs is issued.")
    return 0


def _deliver(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import deliver

    deliver(
        profile,
        args.document,
        method=args.method,
        recipient=args.recipient,
        at=args.at,
        place=args.place,
        proxy_relationship=args.relationship,
        proxy_reason=args.proxy_reason,
        witness=args.witness,
        reference=args.reference,
        av_reference=args.recording,
    )
    print("Delivery recorded.")
    return 0


def _void(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import void_document

    void_document(profile, args.document, reason=args.reason)
    print(f"Document {args.document} voided; its number will not be used again.")
    return 0


def _complete(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services import complete_inspection

    complete_inspection(profile, args.task)
    print(f"Inspection {args.task} completed.")
    return 0


def _task(profile: Any, args: argparse.Namespace) -> int:
    value = task_json(profile, args.task)
    if args.json:
        print_json(value)
        return 0
    print(f"{value['business_name']}  {value['status']}")
    for item in value["checklist"]:
        print(f"  {item['id']}  {item['title']}")
    return 0


def _follow_ups(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.follow_ups import list_follow_ups

    found = list_follow_ups(profile, include_done=args.all)
    if args.json:
        print_json([follow_up_json(f) for f in found])
        return 0
    if not found:
        print("No follow-up visit due.")
    for f in found:
        print(f"{f.state:<8} {f.due_on}  {f.business_name}  {len(f.item_ids)} item(s)  {f.task_id}")
    return 0


def _follow_up(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.follow_ups import record_follow_up

    closed, _ = record_follow_up(
        profile, args.task, corrected=args.corrected, due_on=args.due, note=args.note
    )
    print(
        f"Follow-up of {closed.business_name} ({closed.due_on}) recorded: "
        + ("corrected." if closed.corrected else "NOT corrected (拒不改正).")
    )
    return 0


def _self_check(profile: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    from inspector_app.services.self_check import self_check_sheet

    sheet = self_check_sheet(profile, args.task, today=args.date)
    target = args.out if args.out is not None else Path(sheet.filename)
    target.write_bytes(sheet.pdf)
    print(f"{sheet.business_name}: {sheet.items} item(s), written to {target}")
    return 0


_HANDLERS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "check-in": _check_in,
    "record": _record,
    "statement": _statement,
    "assess": _assess,
    "dispositions": _dispositions,
    "decide": _decide,
    "sign": _sign,
    "documents": _documents,
    "issue": _issue,
    "deliver": _deliver,
    "void": _void,
    "complete": _complete,
    "task": _task,
    "follow-ups": _follow_ups,
    "follow-up": _follow_up,
    "self-check": _self_check,
}
