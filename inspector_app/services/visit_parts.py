"""What every document of one visit shares, read from the record: the party, the place, the
officers with their own agencies and signatures, the photos (their document copies) and
their labels, what was recorded about each item, and the party's signature or refusal.

Times print in the laptop's time zone (the record keeps UTC).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from inspector_app.documents import (
    DocumentSettings,
    Officer,
    Party,
    Photo,
    RecordItem,
    Refusal,
    Signatures,
)
from inspector_app.domain.entities import DispositionKind, MergedItem, Outcome
from inspector_app.domain.rules.verdict import zh_date
from inspector_app.services.visit_context import VisitContext

ImageFor = Callable[[str], bytes]

OUTCOME_WORDS = {
    Outcome.COMPLIANT: "符合",
    Outcome.NONCOMPLIANT: "不符合",
    Outcome.NOT_APPLICABLE: "不适用",
    Outcome.NOT_CHECKED: "未检查",
}
HANDLING = {
    DispositionKind.NO_ACTION: "不作处理",
    DispositionKind.RISK_REMINDER: "出具行政提示书",
    DispositionKind.ORDER_TO_CORRECT: "责令改正",
    DispositionKind.NO_PENALTY: "不予行政处罚并进行教育",
    DispositionKind.SUMMARY_PENALTY: "当场作出行政处罚决定",
    DispositionKind.REFER_CASE: "另行立案调查",
}
RECORD_EVIDENCE = "执法人员现场检查时制作。"
PAYMENT = "请持本决定书到指定银行或者通过非税收入缴款平台缴纳。"
_NUMERALS = "一二三四五六七八九十"


def local_time(t: datetime | None) -> datetime | None:
    """A time as the document prints it: in the laptop's own time zone."""
    return None if t is None else t.astimezone()


def cn_numeral(n: int) -> str:
    return _NUMERALS[n - 1] if 1 <= n <= 10 else str(n)


@dataclass(frozen=True, slots=True)
class Parts:
    """What every document of one visit shares: who, where, the photos and their labels."""

    ctx: VisitContext
    settings: DocumentSettings
    image_for: ImageFor
    issued_at: datetime
    photos: tuple[Photo, ...]
    refs: dict[str, tuple[str, ...]]  # item_id -> photo labels
    team: tuple[Officer, ...]

    @property
    def party(self) -> Party:
        return Party.from_business(self.ctx.task.business)

    @property
    def place(self) -> str:
        return self.ctx.task.business.address

    @property
    def started(self) -> datetime:
        first = self.ctx.checked_in_at or min(
            (r.recorded_at for r in self.ctx.results.values() if r.recorded_at),
            default=self.issued_at,
        )
        return local_time(first) or self.issued_at

    def own(self, department_code: str) -> tuple[Officer, ...]:
        return tuple(o for o in self.team if o.department_code == department_code)

    def photos_of(self, item_ids: tuple[str, ...]) -> tuple[Photo, ...]:
        wanted = {ref for i in item_ids for ref in self.refs.get(i, ())}
        return tuple(p for p in self.photos if p.ref in wanted)


def make_parts(
    ctx: VisitContext, settings: DocumentSettings, image_for: ImageFor, issued_at: datetime
) -> Parts:
    photos: list[Photo] = []
    refs: dict[str, tuple[str, ...]] = {}
    for item in ctx.task.checklist:
        labels = []
        for ref in ctx.photos.get(item.id, ()):
            label = f"照片{len(photos) + 1}"
            taken = local_time(ref.captured_at) or local_time(ctx.results[item.id].recorded_at)
            photos.append(
                Photo(label, image_for(ref.sha256), ref.caption or item.title, taken or issued_at)
            )
            labels.append(label)
        if labels:
            refs[item.id] = tuple(labels)
    names = {d.code: d.name for d in ctx.task.departments}
    team = []
    for o in ctx.team():
        sig = ctx.signatures.get(o.id)
        image = image_for(sig.sha256) if sig is not None and sig.sha256 else None
        team.append(
            Officer(
                o.display_name,
                o.badge_no,
                image,
                agency=o.agency or names.get(o.department_code, o.department_code),
                department_code=o.department_code,
            )
        )
    return Parts(ctx, settings, image_for, issued_at, tuple(photos), refs, tuple(team))


def party_signatures(p: Parts, *, signed_at: datetime | None = None) -> Signatures:
    """The party's signature or recorded refusal, and a witness's, from the visit's record."""
    party = p.ctx.signatures.get("party")
    witness = p.ctx.signatures.get("witness")
    refusal = None
    image = None
    when = None
    if party is not None and party.refused:
        refusal = Refusal("当事人拒绝签名", party.witness, party.av_reference)
    elif party is not None and party.sha256:
        image = p.image_for(party.sha256)
        when = signed_at or local_time(party.signed_at)
    w_image = p.image_for(witness.sha256) if witness is not None and witness.sha256 else None
    return Signatures(
        party=image,
        party_signed_at=when,
        refusal=refusal,
        witness_name=witness.name
        if witness is not None
        else (party.witness if party is not None and refusal else ""),
        witness=w_image,
        witness_signed_at=local_time(witness.signed_at) if witness is not None else None,
    )


def item_note(ctx: VisitContext, item: MergedItem, *, deadline: bool = True) -> str:
    """What was recorded about an item: the note, measurements, corrected, the deadline."""
    r = ctx.results.get(item.id)
    if r is None:
        return ""
    parts = [r.note.strip().rstrip("。；")] if r.note.strip() else []
    if r.measurements:
        parts.append("；".join(f"{k}：{v}" for k, v in r.measurements.items()))
    if r.corrected_on_site:
        parts.append("已当场改正")
    if deadline and r.deadline is not None:
        parts.append(f"限{zh_date(r.deadline)}前改正")
    return "；".join(parts)


def people_present(representative: str, present: tuple[str, ...]) -> str:
    """Who was there: the party's representative first, each person once (张伟 is the
    same person as 张伟（店长）)."""
    out: list[str] = []
    for name in (representative, *present):
        name = name.strip()
        if name and not any(o == name or o.startswith(f"{name}（") for o in out):
            out.append(name)
    return "、".join(out)


def record_items(p: Parts) -> tuple[RecordItem, ...]:
    out = []
    for n, item in enumerate(p.ctx.task.checklist, 1):
        r = p.ctx.results.get(item.id)
        outcome = r.outcome if r is not None else Outcome.NOT_CHECKED
        failed = outcome is Outcome.NONCOMPLIANT
        corrected = bool(r and r.corrected_on_site)
        out.append(
            RecordItem(
                n,
                item.title,
                "不符合（已当场改正）" if failed and corrected else OUTCOME_WORDS[outcome],
                item_note(p.ctx, item),
                p.refs.get(item.id, ()),
                item_id=item.id,
                departments=item.department_codes,
                noncompliant=failed,
                corrected_on_site=corrected and failed,
            )
        )
    return tuple(out)


def statement_text(ctx: VisitContext) -> str:
    s = ctx.statement
    if s.waived:
        return "当事人明确表示放弃陈述、申辩的权利。"
    return s.text or "当事人未提出陈述、申辩意见。"


def handling(ctx: VisitContext, item: MergedItem) -> str:
    d = ctx.confirmed(item.id)
    if d is None:
        return "待处理"
    words = HANDLING[d.kind]
    if d.deadline is not None:
        words += f"，限{zh_date(d.deadline)}前改正"
    return words


def union(groups: list[tuple[str, ...]]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for g in groups:
        out.update(dict.fromkeys(g))
    return tuple(out)
