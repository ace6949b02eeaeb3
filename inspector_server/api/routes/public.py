"""Published inspection results as JSON: no sign-in, no protocol header (anyone reads)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from inspector_server.api.deps import SessionDep
from inspector_server.schemas import PublishedResult, PublishedResults
from inspector_server.services import publication

router = APIRouter(prefix="/public", tags=["public"])


@router.get("/results", response_model=PublishedResults)
def published_results(
    session: SessionDep,
    since: Annotated[date | None, Query(description="published on or after (China time)")] = None,
    until: Annotated[date | None, Query(description="published on or before")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> PublishedResults:
    rows, total = publication.published(
        session, since=since, until=until, offset=offset, limit=limit
    )
    return PublishedResults(
        results=[PublishedResult.model_validate(r) for r in rows],
        total=total,
        offset=offset,
        limit=limit,
    )
