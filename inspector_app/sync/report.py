"""What a sync tells the UI while it runs (Progress) and when it ends (SyncReport)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

#: Phases, in the order a sync runs them.
PHASES = ("numbers", "blobs", "push", "audit", "pull", "download")


@dataclass(frozen=True, slots=True)
class Progress:
    phase: str  # one of PHASES
    items_done: int
    items_total: int | None  # None when not known in advance (pull)
    bytes_done: int = 0
    bytes_total: int | None = None


ProgressCallback = Callable[[Progress], None]


class CancelFlag(Protocol):
    """``threading.Event`` fits; a sync stops between two steps once it is set."""

    def is_set(self) -> bool: ...


#: Reason of an outbox entry kept back, never sent, because the server refused a blob
#: it names: ``blob_refused:<sha256>: <why>``. Set by this client only.
BLOB_REFUSED_PREFIX = "blob_refused:"


@dataclass(frozen=True, slots=True)
class RejectedItem:
    op_id: str
    entity: str
    entity_id: str
    reason: str


@dataclass(slots=True)
class SyncReport:
    applied: int = 0  # mutations the server applied now
    duplicates: int = 0  # sent before, acknowledged now (a lost answer)
    rejected: list[RejectedItem] = field(default_factory=list)  # new rejections
    conflicts: int = 0  # new conflicts (pushed or pulled)
    open_conflicts: int = 0  # unresolved conflicts held after this sync
    waiting_rejected: int = 0  # outbox entries rejected, now or before, for the user to see
    pending: int = 0  # outbox entries still to send after this sync
    blobs_uploaded: int = 0
    bytes_uploaded: int = 0  # blob bytes sent, including any sent twice after a cut
    blob_resumes: int = 0  # uploads that continued where a cut left them
    audit_events_pushed: int = 0
    audit_verdict: str | None = None  # None: the server found the chain whole
    # This laptop's own check before pushing: None when its audit trail is whole.
    local_audit_verdict: str | None = None
    audit_break_found: bool = False  # a break found and recorded by this run
    numbers_requested: int = 0
    pulled: int = 0  # changes received
    kept_local: int = 0  # changes not applied because a local edit is not yet acknowledged
    flagged_tasks: list[str] = field(default_factory=list)  # cancelled/reassigned with work
    blobs_downloaded: int = 0
    unreachable: str | None = None  # why the server could not be reached
    refused_steps: list[str] = field(default_factory=list)  # a step the server refused whole
    cancelled: bool = False
    pull_complete: bool = False
    # The server holds back changes this user may see behind a write still running
    # there (a long import or draw): received all it could give, but not yet everything.
    held_back: bool = False

    @property
    def up_to_date(self) -> bool:
        return (
            self.unreachable is None
            and not self.cancelled
            and self.pending == 0
            and self.pull_complete
            and not self.held_back
        )

    @property
    def exit_code(self) -> int:
        """0 up and down to date; 2 server unreachable (nothing lost); 1 rejected or in
        conflict, not finished, or this run found the audit trail damaged; 3 not yet up to
        date: the server holds changes back behind a write still in progress (sync again
        in a minute)."""
        if self.unreachable is not None:
            return 2
        if (
            self.waiting_rejected
            or self.open_conflicts
            or self.refused_steps
            or self.audit_break_found
        ):
            return 1
        if self.held_back and self.pull_complete and not self.cancelled and not self.pending:
            return 3
        if not self.up_to_date:
            return 1
        return 0

    def summary(self) -> str:
        lines = []
        if self.unreachable is not None:
            lines.append(f"Server unreachable: {self.unreachable}")
        lines.append(
            f"Sent {self.applied} change(s)"
            + (f" ({self.duplicates} already there)" if self.duplicates else "")
            + f", {self.blobs_uploaded} file(s) ({self.bytes_uploaded} bytes), "
            f"{self.audit_events_pushed} audit event(s); received {self.pulled} change(s), "
            f"{self.blobs_downloaded} file(s)."
        )
        if self.numbers_requested:
            lines.append(f"Asked for {self.numbers_requested} new document-number block(s).")
        if self.kept_local:
            lines.append(
                f"{self.kept_local} local edit(s) kept over server versions (not yet sent)."
            )
        if self.flagged_tasks:
            lines.append(
                f"{len(self.flagged_tasks)} task(s) were cancelled or reassigned on the server; "
                "the work done here is kept and still uploaded."
            )
        lines.extend(f"The server refused the {step}" for step in self.refused_steps)
        if self.waiting_rejected:
            lines.append(f"{self.waiting_rejected} change(s) refused by the server:")
            lines.extend(f"  {r.entity} {r.entity_id}: {r.reason}" for r in self.rejected[:10])
            if any(r.reason.startswith(BLOB_REFUSED_PREFIX) for r in self.rejected):
                lines.append(
                    "  A file the server refused keeps back only the changes naming it; "
                    "everything else was sent. Detach that photo from its item (attach a "
                    "smaller one if it is needed) and sync again."
                )
        if self.open_conflicts:
            lines.append(
                f"{self.open_conflicts} record(s) in conflict: both versions are kept; "
                "open them and pick one."
            )
        if self.local_audit_verdict:
            lines.append(
                f"This laptop's audit trail is damaged ({self.local_audit_verdict}). "
                "Nothing was deleted: the damage is recorded in the trail and sent to the "
                "server with everything else. Tell the officer in charge of records."
            )
        if self.audit_verdict:
            lines.append(f"The server flagged this device's audit trail: {self.audit_verdict}")
        if self.pending:
            lines.append(f"{self.pending} change(s) still waiting to be sent.")
        if self.cancelled:
            lines.append("Sync was cancelled; run it again to finish.")
        if self.held_back and not self.cancelled:
            lines.append(
                "Not yet up to date: the server is still writing changes for you "
                "(a long import or draw); sync again in a minute."
            )
        if self.exit_code == 0:
            lines.append("Everything is up to date.")
        return "\n".join(lines)
