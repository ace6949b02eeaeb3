"""How far a visit's set of documents is issued, apart from what truly disagrees.

``visit_problems`` reads the documents issued so far as the visit's whole story. Midway
through the normal order of work (the 现场笔录 issued, the 联合检查结果告知书 not yet; a
delivered document whose 送达回证 is still to issue) it reports the missing document.
That is what the documents still to issue will answer, not a contradiction: this sorts
such findings out as progress ("1 of 3 issued; still to issue: …") and keeps every other
finding (issued documents that disagree with each other or with the record) a problem.
The check itself is unchanged; a finding counts as awaited only while the document that
answers it is listed as still to issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inspector_app.documents import Problem
from inspector_app.domain.entities import DocumentKind
from inspector_app.services.document_records import (
    DELIVERED,
    DRAFT,
    ISSUED,
    NEEDED,
    VisitDocument,
    list_documents,
    visit_problems,
)
from inspector_app.services.messages import Message, Text
from inspector_app.services.profile import Profile

#: Findings of ``check_visit`` that say only that a document of this kind is not issued.
AWAITS = {
    "no_joint_notice": DocumentKind.JOINT_RESULT_NOTICE,
    "not_in_proof_of_service": DocumentKind.PROOF_OF_SERVICE,
}
TO_ISSUE = frozenset({NEEDED, DRAFT})
HELD = frozenset({ISSUED, DELIVERED})

STILL_TO_ISSUE = Text(
    "issue.still_to_issue",
    en="{issued} of {total} documents issued; still to issue: {titles}",
    zh="已出具{issued}份，共{total}份；尚待出具：{titles}",
)
ALL_ISSUED = Text(
    "issue.all_issued",
    en="All {total} documents of this visit are issued.",
    zh="本次检查的{total}份文书均已出具。",
)


@dataclass(frozen=True, slots=True)
class IssueProgress:
    """The visit's documents issued and still to issue, the check's findings that those
    still to issue answer (``awaiting``), and the contradictions (``problems``)."""

    issued: tuple[VisitDocument, ...] = ()
    to_issue: tuple[VisitDocument, ...] = ()
    problems: tuple[Problem, ...] = ()
    awaiting: tuple[Problem, ...] = ()

    @property
    def total(self) -> int:
        return len(self.issued) + len(self.to_issue)

    def message(self) -> Message | None:
        """The progress in both languages; None when the visit needs no document yet."""
        if not self.total:
            return None
        if not self.to_issue:
            return ALL_ISSUED.bind(total=self.total)
        return STILL_TO_ISSUE.bind(
            issued=len(self.issued),
            total=self.total,
            titles="、".join(d.title for d in self.to_issue),
        )


def _served(d: VisitDocument) -> set[str]:
    """The documents a 送达回证 still to issue will list (its key names them)."""
    return set(d.key.split("|", 2)[-1].split(",")) - {""}


def _answered(problem: Problem, to_issue: Iterable[VisitDocument]) -> bool:
    kind = AWAITS.get(problem.code)
    if kind is None:
        return False
    for d in to_issue:
        if d.kind is not kind:
            continue
        if kind is not DocumentKind.PROOF_OF_SERVICE or set(problem.documents) <= _served(d):
            return True
    return False


def issue_progress(
    documents: Iterable[VisitDocument], problems: Iterable[Problem]
) -> IssueProgress:
    """Sort ``list_documents`` and ``visit_problems`` of one visit into progress and
    contradictions (nothing read or written)."""
    docs = list(documents)
    to_issue = tuple(d for d in docs if d.state in TO_ISSUE)
    found = list(problems)
    return IssueProgress(
        issued=tuple(d for d in docs if d.state in HELD),
        to_issue=to_issue,
        problems=tuple(p for p in found if not _answered(p, to_issue)),
        awaiting=tuple(p for p in found if _answered(p, to_issue)),
    )


def visit_progress(profile: Profile, task_id: str) -> IssueProgress:
    """How far the visit's documents are issued, and what among them disagrees."""
    return issue_progress(list_documents(profile, task_id), visit_problems(profile, task_id))
