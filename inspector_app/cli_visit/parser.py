"""The visit's sub-commands and their options (the contract of issue 11 item 8)."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector_app.domain.entities import HARMS, DispositionKind, DocumentKind, Outcome

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
    "self-check",
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
    p.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="ITEM",
        help="a finding it concerns (repeatable; default: the whole visit)",
    )

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
    p.add_argument(
        "--check",
        action="store_true",
        help="also say what is still to issue and check that the issued documents tell one "
        "story (exit 1 if not)",
    )

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

    p = sub.add_parser(
        "self-check", help="the business's compliance self-check sheet (合规体检自查表), a PDF"
    )
    p.add_argument("task")
    p.add_argument("--out", type=Path, metavar="FILE", help="default: in this folder")
    p.add_argument("--date", type=_date, metavar="DATE", help="the date printed (default: today)")
