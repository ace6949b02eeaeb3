"""The headless commands of a visit: each a thin call of the services the window calls.

    inspector-app check-in TASK [--present NAME]... [--party NAME]
    inspector-app record TASK ITEM --outcome compliant|noncompliant|not_applicable|not_checked
                  [--note TEXT] [--corrected] [--deadline DATE] [--photo FILE]...
    inspector-app statement TASK --text TEXT [--accepted | --not-accepted --reason TEXT]
    inspector-app assess TASK ITEM [--minor] [--harm H] [--corrected] ...
    inspector-app dispositions TASK [--json]
    inspector-app decide TASK ITEM (--accept | --kind KIND --reason TEXT) [--fine YUAN]
    inspector-app sign TASK --signer party|witness|USERNAME (--image PNG | --refused --witness NAME)
    inspector-app documents TASK [--json]
    inspector-app issue TASK KIND [--draft] [--out FILE] [--item ITEM]... | issue TASK all
    inspector-app deliver DOC --method METHOD --recipient NAME
    inspector-app void DOC --reason TEXT
    inspector-app complete TASK
    inspector-app tasks [--json] / task TASK --json
    inspector-app follow-ups [--json] / follow-up TASK (--corrected | --not-corrected)

Exit 0 on success, 1 with a clear message on a refusal (the message in the language of
``--lang``, else the system's). The names and JSON fields are a contract scripts rely on
(issue 11 item 8): add to them, rename nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector_app.domain.entities import DispositionKind, DocumentKind, Outcome
from inspector_app.domain.findings import HARMS, Assessment

OUTCOMES = [o.value for o in Outcome]
KINDS = [k.value for k in DispositionKind]

COMMANDS = (
    "check-in",
    "record",
    "statement",
    "assess",
    "dispositions",
    "decide",
    "sign",
    "documents",
    "issue",
    "deliver",
    "void",
    "complete",
    "task",
    "follow-ups",
    "follow-up",
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time (ISO 8601): {text!r}") from None
    return value if value.tzinfo is not None else value.astimezone()


def _assessment_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("assessment (the facts the rules weigh)")
    g.add_argument("--minor", action="store_true", default=None, help="违法行为轻微")
    g.add_argument("--harm", choices=HARMS, help="危害后果: none, minor or serious")
    g.add_argument("--affects-safety", action="store_true", default=None, help="影响食品安全")
    g.add_argument(
        "--corrected",
        dest="a_corrected",
        action="store_true",
        default=None,
        help="corrected in time (default: the finding's 'corrected on site')",
    )
    g.add_argument("--no-fault", action="store_true", default=None, help="无主观过错（有证据）")
    g.add_argument("--committed-on", type=_date, metavar="DATE", help="违法行为发生之日")
    g.add_argument("--continuing", action="store_true", default=None, help="连续或者继续状态")
    g.add_argument("--mitigating", action="append", metavar="KEY", help="第三十二条 circumstance")
    g.add_argument("--reduce", action="store_true", default=None, help="减轻 rather than 从轻")
    g.add_argument("--refused-to-correct", action="store_true", default=None, help="拒不改正")
    g.add_argument("--pack-entry", metavar="ID", help="首违不罚/轻微免罚 list entry")
    g.add_argument(
        "--fact",
        action="append",
        metavar="KEY=VALUE",
        help="a fact a rule pack checks, e.g. goods_value=300 (repeatable)",
    )


def add_commands(sub: Any) -> None:
    """Register the visit's commands on the ``inspector-app`` parser."""
    p = sub.add_parser("check-in", help="check in at a task (the opening: credentials, rights)")
    p.add_argument("task")
    p.add_argument(
        "--present",
        action="append",
        default=[],
        metavar="NAME",
        help="a person present besides the inspectors (repeatable)",
    )
    p.add_argument("--party", metavar="NAME", help="who is there for the party, e.g. 张三（店长）")
    p.add_argument("--at", type=_time, metavar="TIME")

    p = sub.add_parser("record", help="record one checklist item's finding")
    p.add_argument("task")
    p.add_argument("item")
    p.add_argument("--outcome", required=True, choices=OUTCOMES)
    p.add_argument("--note", default="")
    p.add_argument("--corrected", action="store_true", help="corrected on the spot")
    p.add_argument("--deadline", type=_date, metavar="DATE", help="correct by (YYYY-MM-DD)")
    p.add_argument("--photo", action="append", default=[], type=Path, metavar="FILE")
    p.add_argument("--reason", help="why, when changing a finding after check-out")

    p = sub.add_parser("statement", help="the party's statement and how it was weighed")
    p.add_argument("task")
    p.add_argument("--text", default="")
    w = p.add_mutually_exclusive_group()
    w.add_argument("--accepted", dest="accepted", action="store_true", default=None)
    w.add_argument("--not-accepted", dest="accepted", action="store_false")
    p.add_argument("--reason", default="", help="why it was (not) accepted")
    p.add_argument("--waived", action="store_true", help="the party waived its right")

    p = sub.add_parser("assess", help="record the facts the rules weigh for one item")
    p.add_argument("task")
    p.add_argument("item")
    p.add_argument("--department", metavar="CODE", help="apply this department's provisions")
    _assessment_flags(p)

    p = sub.add_parser("dispositions", help="the proposal for each non-compliant item")
    p.add_argument("task")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("decide", help="accept the proposal or decide otherwise with a reason")
    p.add_argument("task")
    p.add_argument("item")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", action="store_true")
    how.add_argument("--kind", choices=KINDS)
    p.add_argument("--reason", default="", help="why, when deciding otherwise")
    p.add_argument("--statement", default="", help="why a mandatory rule does not apply")
    p.add_argument("--fine", type=int, metavar="YUAN")
    p.add_argument("--warning", action="store_true")
    p.add_argument("--department", metavar="CODE")
    p.add_argument("--education", default="", help="the education given (no penalty)")
    _assessment_flags(p)

    p = sub.add_parser("sign", help="a signature (PNG) or the party's refusal to sign")
    p.add_argument("task")
    p.add_argument("--signer", required=True, metavar="party|witness|USERNAME")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--image", type=Path, metavar="PNG")
    src.add_argument("--refused", action="store_true")
    p.add_argument("--witness", default="", metavar="NAME", help="who witnessed the refusal")
    p.add_argument("--recording", default="", metavar="REF", help="执法记录仪 file of it")
    p.add_argument("--name", default="", help="the signer's name (a witness, the party's)")

    p = sub.add_parser("documents", help="what the visit needs and what was issued")
    p.add_argument("task")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("issue", help="issue (or preview with --draft) documents of a kind")
    p.add_argument("task")
    p.add_argument("kind", choices=[*(k.value for k in DocumentKind), "all"])
    p.add_argument("--draft", action="store_true", help="a draft: no number, not synced")
    p.add_argument("--out", type=Path, metavar="FILE", help="also write the PDF here")
    p.add_argument("--item", action="append", metavar="ITEM", help="only for these findings")

    p = sub.add_parser("deliver", help="record the delivery (送达) of an issued document")
    p.add_argument("document", metavar="DOC", help="document id or number")
    p.add_argument("--method", required=True)
    p.add_argument("--recipient", required=True, metavar="NAME")
    p.add_argument("--at", type=_time, metavar="TIME")
    p.add_argument("--place", default="")
    p.add_argument("--relationship", default="", help="a proxy's relationship to the party")
    p.add_argument("--proxy-reason", default="")
    p.add_argument("--witness", default="")
    p.add_argument("--reference", default="", help="邮件号, e-mail address, 公告载体")
    p.add_argument("--recording", default="", help="photo or film of a 留置送达")

    p = sub.add_parser("void", help="void an issued document (its number is never reused)")
    p.add_argument("document", metavar="DOC")
    p.add_argument("--reason", required=True)

    p = sub.add_parser("complete", help="check out: the inspection is completed")
    p.add_argument("task")

    p = sub.add_parser("task", help="one task with its checklist, results and documents")
    p.add_argument("task")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("follow-ups", help="follow-up visits due, overdue and upcoming")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="also those already done")

    p = sub.add_parser("follow-up", help="record a follow-up visit: was it corrected?")
    p.add_argument("task")
    c = p.add_mutually_exclusive_group(required=True)
    c.add_argument("--corrected", dest="corrected", action="store_true")
    c.add_argument("--not-corrected", dest="corrected", action="store_false")
    p.add_argument("--due", type=_date, metavar="DATE")
    p.add_argument("--note", default="")


# -- running ------------------------------------------------------------------------------

OpenProfile = Callable[[argparse.Namespace], AbstractContextManager[Any]]


def run(command: str, args: argparse.Namespace, open_profile: OpenProfile) -> int:
    from inspector_app.services import ServiceError
    from inspector_app.services.messages import system_language

    lang = getattr(args, "lang", None) or system_language()
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


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


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


def disposition_json(d: Any) -> dict[str, Any]:
    """One item of ``dispositions --json`` (the contract: item_id, kind, rule_id,
    legal_basis, reasoning, ...)."""
    from inspector_app.domain.serialization import disposition_to_json

    proposal = d.proposal.disposition if d.proposal is not None else None
    shown = d.confirmed or proposal
    return {
        "item_id": d.item_id,
        "code": d.item.code,
        "title": d.item.title,
        "state": d.state,
        "kind": None if shown is None else shown.kind.value,
        "rule_id": None if shown is None else shown.rule_id,
        "legal_basis": [] if shown is None else list(shown.legal_basis),
        "reasoning": "" if shown is None else shown.reasoning,
        "decision": None
        if d.record is None or d.record.decision is None
        else d.record.decision.value,
        "fine": None if shown is None else shown.proposed_fine,
        "warning": False if shown is None else shown.warning,
        "deadline": None if shown is None or shown.deadline is None else shown.deadline.isoformat(),
        "departments": [] if shown is None else list(shown.departments),
        "overridden_reason": None if shown is None else shown.overridden_reason,
        "stale": d.stale,
        "proposal": None if proposal is None else disposition_to_json(proposal),
        "confirmed": None if d.confirmed is None else disposition_to_json(d.confirmed),
        "verdicts": []
        if d.proposal is None
        else [
            {
                "rule_id": v.rule_id,
                "title": v.title,
                "applies": v.applies,
                "kind": None if v.kind is None else v.kind.value,
                "mandatory": v.mandatory,
                "legal_basis": list(v.legal_basis),
                "explanation": v.explanation,
            }
            for v in d.proposal.verdicts
        ],
        "problem": d.problem if d.proposal is None else "",
    }


def _dispositions(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.dispositions import list_dispositions

    found = list_dispositions(profile, args.task)
    if args.json:
        _print_json([disposition_json(d) for d in found])
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


def document_json(d: Any) -> dict[str, Any]:
    """One item of ``documents --json`` (id, kind, number, sha256, state, ...)."""
    return {
        "id": d.id,
        "kind": d.kind.value,
        "title": d.title,
        "number": d.number,
        "sha256": d.sha256,
        "content_sha256": d.content_sha256,
        "state": d.state,
        "department_code": d.department_code,
        "item_ids": list(d.item_ids),
        "issued_at": None if d.issued_at is None else d.issued_at.isoformat(),
        "deliveries": [x.to_json() for x in d.deliveries],
        "void_reason": d.void_reason,
        "note": d.note,
    }


def _documents(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import list_documents

    docs = list_documents(profile, args.task)
    if args.json:
        _print_json([document_json(d) for d in docs])
        return 0
    for d in docs:
        print(f"{d.state:<9} {d.title:<12} {d.number or '':<24} {d.id or ''}")
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


def task_json(profile: Any, task_id: str) -> dict[str, Any]:
    """``task TASK --json``: the task with its checklist, results, dispositions, documents."""
    from inspector_app.domain.serialization import item_result_to_json, task_to_json
    from inspector_app.services import get_results, get_task
    from inspector_app.services.dispositions import list_dispositions
    from inspector_app.services.issuing import list_documents
    from inspector_app.services.visit_record import get_opening, get_statement, signatures

    task = get_task(profile, task_id)
    data = task_to_json(task)
    statement = get_statement(profile, task_id)
    opening = get_opening(profile, task_id)
    return {
        **data,
        "business_name": task.business.name,
        "results": [item_result_to_json(r) for r in get_results(profile, task_id).values()],
        "dispositions": [disposition_json(d) for d in list_dispositions(profile, task_id)],
        "documents": [document_json(d) for d in list_documents(profile, task_id)],
        "statement": {
            "text": statement.text,
            "accepted": statement.accepted,
            "reason": statement.reason,
            "waived": statement.waived,
        },
        "opening": {
            "party_representative": opening.party_representative,
            "credentials_shown": opening.credentials_shown,
            "rights_told": opening.rights_told,
        },
        "signatures": [
            {
                "signer": s.signer,
                "role": s.role.value,
                "name": s.name,
                "sha256": s.sha256,
                "refused": s.refused,
                "witness": s.witness,
                "av_reference": s.av_reference,
                "signed_at": None if s.signed_at is None else s.signed_at.isoformat(),
            }
            for s in signatures(profile, task_id).values()
        ],
    }


def _task(profile: Any, args: argparse.Namespace) -> int:
    value = task_json(profile, args.task)
    if args.json:
        _print_json(value)
        return 0
    print(f"{value['business_name']}  {value['status']}")
    for item in value["checklist"]:
        print(f"  {item['id']}  {item['title']}")
    return 0


def tasks_json(profile: Any) -> list[dict[str, Any]]:
    """``tasks --json``: ``{id, business_name, status, ...}`` per task."""
    from inspector_app.services import list_tasks

    return [
        {
            "id": t.id,
            "business_name": t.business_name,
            "uscc": t.uscc,
            "address": t.address,
            "status": t.status.value,
            "window_start": t.window_start.isoformat(),
            "window_end": t.window_end.isoformat(),
            "n_items": t.n_items,
            "n_done": t.n_done,
            "departments": list(t.departments),
            "server_state": t.server_state,
        }
        for t in list_tasks(profile)
    ]


def follow_up_json(f: Any) -> dict[str, Any]:
    return {
        "task_id": f.task_id,
        "business_name": f.business_name,
        "address": f.address,
        "due_on": f.due_on.isoformat(),
        "state": f.state,
        "item_ids": list(f.item_ids),
        "items": list(f.items),
        "done_on": None if f.done_on is None else f.done_on.isoformat(),
        "corrected": f.corrected,
        "not_corrected": list(f.not_corrected),
    }


def _follow_ups(profile: Any, args: argparse.Namespace) -> int:
    from inspector_app.services.follow_ups import list_follow_ups

    found = list_follow_ups(profile, include_done=args.all)
    if args.json:
        _print_json([follow_up_json(f) for f in found])
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
}
