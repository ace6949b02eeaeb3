"""What an inspector records on site beyond the findings: dispositions, signatures, the
party's statement, the opening, delivery and follow-up, with their wire JSON.

These are the records issue 11's services write and sync (entities ``disposition`` and
``signature``, and the ``inspection`` record's extensions); the server keeps them as
generic records and never reads them, so their JSON lives here beside the values.

- A **disposition record** (id ``<task_id>:<item_id>``, like an item result) holds the
  inspector's assessment of one non-compliance (:class:`~inspector_app.domain.findings.
  Assessment`), the proposal with every rule's verdict, and, once decided, the confirmed
  :class:`~inspector_app.domain.entities.Disposition` with how it was reached (accepted
  or overridden with a written reason), and later the follow-up's result.
- A **signature record** (id ``<task_id>:<signer>``; signer ``party``, ``witness`` or an
  inspector's user id) holds the hash of a PNG kept as a blob, or a refusal to sign with
  the witness or the recording that attests it (《中华人民共和国行政强制法》第十八条第（八）项
  [L]: "当事人拒绝的，在笔录中予以注明"; a refusal is recorded with a witness or an
  audio-visual reference, DOMAIN.md "现场笔录").
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from inspector_app.domain.entities import Disposition, DispositionKind, item_result_id
from inspector_app.domain.findings import Assessment, assessment_from_json, assessment_to_json
from inspector_app.domain.rules.verdict import RuleVerdict
from inspector_app.domain.serialization import (
    disposition_from_json,
    disposition_to_json,
    iso_utc,
    to_utc,
)

Json = dict[str, Any]


class SignerRole(enum.StrEnum):
    INSPECTOR = "inspector"
    PARTY = "party"
    WITNESS = "witness"


class DispositionStatus(enum.StrEnum):
    ASSESSED = "assessed"  # facts recorded, nothing decided yet
    CONFIRMED = "confirmed"  # the inspector accepted or overrode the proposal


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"
    OVERRIDDEN = "overridden"


@dataclass(frozen=True, slots=True)
class FollowUpResult:
    """复查/回访: whether the correction ordered was made, found on ``done_on``."""

    done_on: date
    corrected: bool
    note: str = ""
    by: str = ""


@dataclass(frozen=True, slots=True)
class DispositionRecord:
    """One non-compliant item's assessment, proposal and (once decided) disposition."""

    task_id: str
    item_id: str
    assessment: Assessment
    status: DispositionStatus = DispositionStatus.ASSESSED
    decision: Decision | None = None
    disposition: Disposition | None = None  # the confirmed one
    proposed: Disposition | None = None  # what the rules proposed when it was decided
    verdicts: tuple[RuleVerdict, ...] = ()
    department_code: str | None = None  # a department's own provisions, if chosen
    decided_by: str = ""
    decided_at: datetime | None = None
    # The item result's recorded_at the decision was made on: a later change of the
    # finding makes the decision stale (it must be made again on the new facts).
    result_recorded_at: datetime | None = None
    follow_up: FollowUpResult | None = None
    # 第三十三条第三款: the education given with a no-penalty decision, in the officer's words.
    education: str = ""

    @property
    def id(self) -> str:
        return item_result_id(self.task_id, self.item_id)

    @property
    def confirmed(self) -> bool:
        return self.status is DispositionStatus.CONFIRMED and self.disposition is not None


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature (PNG blob by hash) or a recorded refusal to sign."""

    task_id: str
    signer: str  # "party", "witness" or an inspector's user id
    role: SignerRole
    name: str
    sha256: str | None = None
    refused: bool = False
    witness: str = ""  # who witnessed the refusal
    av_reference: str = ""  # 执法记录仪 file or other recording of the refusal
    signed_at: datetime | None = None
    recorded_by: str = ""

    @property
    def id(self) -> str:
        return signature_id(self.task_id, self.signer)


def signature_id(task_id: str, signer: str) -> str:
    return f"{task_id}:{signer}"


@dataclass(frozen=True, slots=True)
class PartyStatement:
    """陈述、申辩 and how it was weighed (情理): accepted or not, and why."""

    text: str = ""
    accepted: bool | None = None  # None: not weighed yet
    reason: str = ""
    waived: bool = False  # the party expressly gave up the right to state and defend
    # When it was recorded: the party states after being told the facts, reasons, basis
    # and its rights (第四十四条), so this is when 告知 had been made at the latest.
    recorded_at: datetime | None = None
    items: tuple[str, ...] = ()  # the findings it concerns (item ids); empty: the whole visit

    def concerns(self, item_id: str) -> bool:
        return not self.items or item_id in self.items


@dataclass(frozen=True, slots=True)
class Opening:
    """The scripted opening of the visit (行政处罚法第五十五条): credentials shown, rights told,
    and who was there for the party."""

    party_representative: str = ""  # name and position, e.g. 张三（店长）
    credentials_shown: bool = False
    rights_told: bool = False


# -- JSON ---------------------------------------------------------------------------------


def _time(value: Any) -> datetime | None:
    return to_utc(datetime.fromisoformat(str(value))) if value else None


def _iso(value: datetime | None) -> str | None:
    return None if value is None else iso_utc(value)


def verdict_to_json(v: RuleVerdict) -> Json:
    return {
        "rule_id": v.rule_id,
        "title": v.title,
        "applies": v.applies,
        "kind": None if v.kind is None else v.kind.value,
        "mandatory": v.mandatory,
        "legal_basis": list(v.legal_basis),
        "explanation": v.explanation,
    }


def verdict_from_json(d: Mapping[str, Any]) -> RuleVerdict:
    kind = d.get("kind")
    return RuleVerdict(
        rule_id=str(d.get("rule_id", "")),
        applies=bool(d.get("applies", False)),
        kind=DispositionKind(kind) if kind else None,
        mandatory=bool(d.get("mandatory", False)),
        legal_basis=tuple(d.get("legal_basis", ())),
        explanation=str(d.get("explanation", "")),
    )


def disposition_record_to_json(r: DispositionRecord) -> Json:
    fu = r.follow_up
    return {
        "task_id": r.task_id,
        "item_id": r.item_id,
        "status": r.status.value,
        "assessment": assessment_to_json(r.assessment),
        "decision": None if r.decision is None else r.decision.value,
        "disposition": None if r.disposition is None else disposition_to_json(r.disposition),
        "proposed": None if r.proposed is None else disposition_to_json(r.proposed),
        "verdicts": [verdict_to_json(v) for v in r.verdicts],
        "department_code": r.department_code,
        "departments": [] if r.disposition is None else list(r.disposition.departments),
        "decided_by": r.decided_by,
        "decided_at": _iso(r.decided_at),
        "result_recorded_at": _iso(r.result_recorded_at),
        "education": r.education,
        "follow_up": None
        if fu is None
        else {
            "done_on": fu.done_on.isoformat(),
            "corrected": fu.corrected,
            "note": fu.note,
            "by": fu.by,
        },
    }


def disposition_record_from_json(d: Mapping[str, Any]) -> DispositionRecord:
    fu = d.get("follow_up")
    return DispositionRecord(
        task_id=str(d["task_id"]),
        item_id=str(d["item_id"]),
        assessment=assessment_from_json(d.get("assessment")),
        status=DispositionStatus(d.get("status", DispositionStatus.ASSESSED.value)),
        decision=Decision(d["decision"]) if d.get("decision") else None,
        disposition=disposition_from_json(d["disposition"]) if d.get("disposition") else None,
        proposed=disposition_from_json(d["proposed"]) if d.get("proposed") else None,
        verdicts=tuple(verdict_from_json(v) for v in d.get("verdicts") or ()),
        department_code=d.get("department_code"),
        decided_by=str(d.get("decided_by") or ""),
        decided_at=_time(d.get("decided_at")),
        result_recorded_at=_time(d.get("result_recorded_at")),
        education=str(d.get("education") or ""),
        follow_up=None
        if not fu
        else FollowUpResult(
            done_on=date.fromisoformat(fu["done_on"]),
            corrected=bool(fu.get("corrected", False)),
            note=str(fu.get("note") or ""),
            by=str(fu.get("by") or ""),
        ),
    )


def signature_to_json(s: Signature) -> Json:
    return {
        "task_id": s.task_id,
        "signer": s.signer,
        "role": s.role.value,
        "name": s.name,
        "sha256": s.sha256,
        "refused": s.refused,
        "witness": s.witness,
        "av_reference": s.av_reference,
        "signed_at": _iso(s.signed_at),
        "recorded_by": s.recorded_by,
    }


def signature_from_json(d: Mapping[str, Any]) -> Signature:
    return Signature(
        task_id=str(d["task_id"]),
        signer=str(d["signer"]),
        role=SignerRole(d.get("role", SignerRole.INSPECTOR.value)),
        name=str(d.get("name") or ""),
        sha256=d.get("sha256") if isinstance(d.get("sha256"), str) else None,
        refused=bool(d.get("refused", False)),
        witness=str(d.get("witness") or ""),
        av_reference=str(d.get("av_reference") or ""),
        signed_at=_time(d.get("signed_at")),
        recorded_by=str(d.get("recorded_by") or ""),
    )


def statement_to_json(s: PartyStatement) -> Json:
    """The weighing only; the text itself stays in ``party_statement`` (older clients)."""
    return {
        "accepted": s.accepted,
        "reason": s.reason,
        "waived": s.waived,
        "recorded_at": _iso(s.recorded_at),
        "items": list(s.items),
    }


def statement_from_json(text: str, d: Mapping[str, Any] | None) -> PartyStatement:
    d = d or {}
    accepted = d.get("accepted")
    return PartyStatement(
        text=text,
        accepted=None if accepted is None else bool(accepted),
        reason=str(d.get("reason") or ""),
        waived=bool(d.get("waived", False)),
        recorded_at=_time(d.get("recorded_at")),
        items=tuple(str(i) for i in d.get("items") or ()),
    )


def opening_to_json(o: Opening) -> Json:
    return {
        "party_representative": o.party_representative,
        "credentials_shown": o.credentials_shown,
        "rights_told": o.rights_told,
    }


def opening_from_json(d: Mapping[str, Any] | None) -> Opening:
    d = d or {}
    return Opening(
        party_representative=str(d.get("party_representative") or ""),
        credentials_shown=bool(d.get("credentials_shown", False)),
        rights_told=bool(d.get("rights_told", False)),
    )
