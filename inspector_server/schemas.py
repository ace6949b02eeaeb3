"""Server-only response models (the sync wire models live in inspector_app.sync.protocol)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from inspector_app.sync.protocol import Text


class DevicePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    user_id: str
    first_seen: datetime
    last_seen: datetime
    revoked_at: datetime | None


class DeviceReassign(BaseModel):
    username: Text = Field(min_length=1, max_length=150)


class AuditChainPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    device_id: str
    last_seq: int
    events: int
    broken: bool
    problems: list[dict[str, Any]]


class PublishedResult(BaseModel):
    """One published inspection result (公示), as ``services.publication`` built it."""

    task_id: str
    plan_number: str
    plan_name: str
    task_number: str
    task_name: str
    kind: str
    lead_department: str
    co_departments: str
    party_name: str
    uscc: str
    inspected_on: str
    result: str
    agency: str
    deadline: str
    published_on: str
    overdue: str


class PublishedResults(BaseModel):
    results: list[PublishedResult]
    total: int
    offset: int
    limit: int
