"""``GET /api/v1/admin/stats``: the statistics of ``services.stats`` for administrators
(every team) and team leads (the teams they lead)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from inspector_server.api.deps import CurrentUser, SessionDep
from inspector_server.api.routes import SIGNED_IN
from inspector_server.services import stats
from inspector_server.services.visits import china_day

router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    responses={**SIGNED_IN, 403: {"description": "only administrators and team leads"}},
)


@router.get("/stats")
def visit_stats(
    user: CurrentUser,
    session: SessionDep,
    team: Annotated[list[str] | None, Query(max_length=50)] = None,
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> dict[str, Any]:
    teams = frozenset(team) if team else None
    if not user.is_admin:
        if not user.led_teams:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "only administrators and team leads")
        if teams is not None and not teams <= user.led_teams:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "a lead sees the teams they lead")
        teams = teams or user.led_teams
    if since and until and until < since:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "until is before since")
    return stats.compute(
        session,
        stats.StatsFilter(team_ids=teams, since=since, until=until),
        china_day(datetime.now(UTC)),
    )
