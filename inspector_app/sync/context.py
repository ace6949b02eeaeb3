"""What one sync run carries around: the profile's pieces, the client, the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from inspector_app.store import BlobStore, Database
from inspector_app.sync.client import SyncClient
from inspector_app.sync.report import CancelFlag, Progress, ProgressCallback, SyncReport


@dataclass(frozen=True, slots=True)
class SyncTuning:
    push_batch: int = 250  # mutations per push request (the server takes up to 1000)
    audit_batch: int = 500
    pull_page: int = 1000  # changes per pull page (the server may cap it)
    # The first page is smaller, so the laptop starts writing sooner while the next
    # pages come over the network.
    pull_first_page: int = 250
    number_threshold: int = 10  # ask for a new block when fewer numbers than this remain
    number_block_size: int = 50
    blob_resume_attempts: int = 8  # consecutive cuts without progress before giving up
    blob_resume_pause: float = 0.2  # seconds, doubled after each cut without progress


@dataclass(slots=True)
class SyncRun:
    db: Database
    blobs: BlobStore
    client: SyncClient
    device_id: str
    user_id: str
    tuning: SyncTuning
    progress: ProgressCallback | None = None
    cancel: CancelFlag | None = None
    report: SyncReport = field(default_factory=SyncReport)

    def cancelled(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            self.report.cancelled = True
            return True
        return False

    def emit(
        self,
        phase: str,
        items_done: int,
        items_total: int | None,
        bytes_done: int = 0,
        bytes_total: int | None = None,
    ) -> None:
        if self.progress is not None:
            self.progress(Progress(phase, items_done, items_total, bytes_done, bytes_total))
