"""What a service call changed, so every view refreshes from one signal (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids of the records a call changed, by kind; ``outbox`` if something awaits upload."""

    tasks: frozenset[str] = frozenset()
    item_results: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()  # sha256
    inspections: frozenset[str] = frozenset()  # task ids (one inspection per task)
    documents: frozenset[str] = frozenset()
    dispositions: frozenset[str] = frozenset()  # <task_id>:<item_id>
    signatures: frozenset[str] = frozenset()  # <task_id>:<signer>
    reviews: frozenset[str] = frozenset()
    outbox: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            tasks=self.tasks | other.tasks,
            item_results=self.item_results | other.item_results,
            evidence=self.evidence | other.evidence,
            inspections=self.inspections | other.inspections,
            documents=self.documents | other.documents,
            dispositions=self.dispositions | other.dispositions,
            signatures=self.signatures | other.signatures,
            reviews=self.reviews | other.reviews,
            outbox=self.outbox or other.outbox,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def kinds(self) -> frozenset[str]:
        """Names of the kinds that changed, e.g. ``{"item_results", "outbox"}``."""
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))


NO_CHANGES = Changes()
