"""Rows without a domain entity <-> the sync wire JSON; entities are in domain.serialization."""

from __future__ import annotations

from typing import Any

from inspector_app.domain.serialization import (
    Json,
    business_from_json,
    business_to_json,
    item_result_from_json,
    item_result_to_json,
    merged_item_from_json,
    merged_item_to_json,
    task_from_json,
    task_to_json,
)
from inspector_app.store.models import InspectionRow
from inspector_app.store.types import iso_utc

__all__ = [
    "Json",
    "business_from_json",
    "business_to_json",
    "inspection_to_json",
    "item_result_from_json",
    "item_result_to_json",
    "merged_item_from_json",
    "merged_item_to_json",
    "task_from_json",
    "task_to_json",
]


#: Keys of ``InspectionRow.details`` that travel in the ``inspection`` record (issue 11).
INSPECTION_DETAILS = ("opening", "statement")


def inspection_to_json(row: InspectionRow) -> dict[str, Any]:
    """The ``inspection`` entity's data as it goes to the server.

    ``opening`` and ``statement`` (the weighing of ``party_statement``) are there only once
    recorded, and ``observers`` only when there are some, so a record without them reads
    as it always did (older servers and clients expect that JSON).
    """
    details = row.details or {}
    data: dict[str, Any] = {
        "task_id": row.task_id,
        "status": row.status,
        "checked_in_at": None if row.checked_in_at is None else iso_utc(row.checked_in_at),
        "checked_out_at": None if row.checked_out_at is None else iso_utc(row.checked_out_at),
        "present": list(row.present),
        "party_statement": row.party_statement,
        "recorded_by": row.recorded_by,
        **{k: details[k] for k in INSPECTION_DETAILS if details.get(k) is not None},
        # Issue 12: sent once the visit is submitted (the time the lead's queue shows).
        **({} if row.submitted_at is None else {"submitted_at": iso_utc(row.submitted_at)}),
    }
    if row.observers:
        data["observers"] = [dict(o) for o in row.observers]
    return data
