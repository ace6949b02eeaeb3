from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from inspector_app.sync.protocol import PullResponse, PushRequest, PushResponse
from inspector_server.api.deps import CurrentUser, FactoryDep, ReadFactoryDep, SettingsDep
from inspector_server.api.routes import SIGNED_IN
from inspector_server.services import sync

router = APIRouter(prefix="/sync", tags=["sync"], responses=SIGNED_IN)


@router.get("/pull", response_model=PullResponse)
def pull(
    user: CurrentUser,
    factory: ReadFactoryDep,
    settings: SettingsDep,
    cursor: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
) -> Response:
    try:
        start = sync.parse_cursor(cursor)
    except ValueError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["query", "cursor"], "msg": str(exc), "type": "value_error"}],
        ) from None
    # The session is closed (its connection back in the pool) before the answer is
    # sent, and the answer is already bytes: FastAPI would otherwise encode it on a
    # worker thread while a burst holds every thread and every connection.
    with factory() as session:
        page = sync.pull_page(session, user, start, min(limit, settings.pull_limit_max))
    return Response(content=page.body, media_type="application/json")


@router.post(
    "/push",
    response_model=PushResponse,
    responses={403: {"description": "device_id is not the device this token was issued to"}},
)
def push(body: PushRequest, user: CurrentUser, factory: FactoryDep) -> Response:
    if body.device_id != user.device_id:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "device_id is not the device this token was issued to; sign in on this device",
        )
    answer = PushResponse(results=sync.push(factory, user, body.device_id, body.mutations))
    return Response(content=answer.model_dump_json(), media_type="application/json")
