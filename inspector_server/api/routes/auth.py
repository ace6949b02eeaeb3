from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status

from inspector_app.sync.protocol import LoginRequest, LoginResponse, UserPublic
from inspector_server.api.deps import CurrentUser, FactoryDep, HashingDep, SettingsDep
from inspector_server.api.routes import PROTOCOL, SIGNED_IN
from inspector_server.core.db import write_session
from inspector_server.services import accounts

router = APIRouter(prefix="/auth", tags=["auth"], responses=PROTOCOL)


@router.post(
    "/login",
    response_model=LoginResponse,
    responses={
        401: {"description": "wrong credentials"},
        403: {"description": "this device was revoked"},
        409: {"description": "this device id is registered to another user"},
        429: {"description": "throttled"},
    },
)
def login(
    body: LoginRequest,
    request: Request,
    factory: FactoryDep,
    settings: SettingsDep,
    hashing: HashingDep,
) -> LoginResponse:
    address = request.client.host if request.client else "unknown"
    try:
        result = accounts.login(
            factory,
            settings,
            hashing,
            username=body.username,
            password=body.password,
            device_id=body.device_id,
            device_name=body.device_name,
            device_key=body.device_key,
            address=address,
        )
    except accounts.LoginRefused as exc:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        raise HTTPException(exc.status, exc.detail, headers=headers) from None
    user = result.user
    return LoginResponse(
        access_token=result.token,
        expires_at=result.expires_at,
        device_key=result.device_key,
        user=UserPublic(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,  # type: ignore[arg-type]
            department_code=user.department_code,
            badge_no=user.badge_no,
            led_teams=result.led_teams,
        ),
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=SIGNED_IN)
def logout(user: CurrentUser, factory: FactoryDep) -> Response:
    with write_session(factory) as s:
        accounts.logout(s, user.token_hash)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
