from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response, status
from sqlalchemy import select

from inspector_server.api.deps import AdminUser, FactoryDep, SessionDep
from inspector_server.api.routes import ADMIN, NO_NUL
from inspector_server.core.db import write_session
from inspector_server.models import AuditChain
from inspector_server.schemas import AuditChainPublic, DevicePublic, DeviceReassign
from inspector_server.services import devices

router = APIRouter(prefix="/admin", tags=["admin"], responses=ADMIN)


@router.get("/devices", response_model=list[DevicePublic])
def list_devices(admin: AdminUser, session: SessionDep) -> list[DevicePublic]:
    return [DevicePublic.model_validate(d) for d in devices.list_devices(session)]


@router.post(
    "/devices/{device_id}/revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "unknown device"}},
)
def revoke_device(
    device_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)],
    admin: AdminUser,
    factory: FactoryDep,
) -> Response:
    with write_session(factory) as s:
        found = devices.revoke(s, device_id)
    if not found:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such device")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/devices/{device_id}/reassign",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "unknown device or user"}},
)
def reassign_device(
    device_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)],
    body: DeviceReassign,
    admin: AdminUser,
    factory: FactoryDep,
) -> Response:
    """Hand a device over to another user (a laptop changing hands): its tokens stop
    working and its next sign-in must be by the new owner."""
    try:
        with write_session(factory) as s:
            devices.reassign(s, device_id, body.username)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/audit-chains", response_model=list[AuditChainPublic])
def audit_chains(admin: AdminUser, session: SessionDep) -> list[AuditChainPublic]:
    rows = session.scalars(select(AuditChain).order_by(AuditChain.device_id))
    return [AuditChainPublic.model_validate(r) for r in rows]
