"""Typed dependencies of the routes (after full-stack-fastapi-template's api/deps.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_MAX, PROTOCOL_MIN
from inspector_server.core.config import Settings
from inspector_server.core.security import PasswordHashing
from inspector_server.services import accounts
from inspector_server.services.blobs import BlobStore
from inspector_server.services.principal import Principal

# Reachable without the protocol header: a probe, and the QR code a phone scans.
HEADER_OPTIONAL = ("/api/v1/health", "/api/v1/documents/", "/api/v1/public/")


def protocol_problem(path: str, value: str | None) -> str | None:
    """Why this request's protocol version cannot be served (-> 426), or None."""
    if value is None:
        if (
            path == HEADER_OPTIONAL[0]
            or (path.startswith(HEADER_OPTIONAL[1]) and path.endswith("/verify"))
            or path.startswith(HEADER_OPTIONAL[2])
        ):
            return None
        return (
            f"send the header {PROTOCOL_HEADER}: {PROTOCOL_MAX}; this server speaks sync "
            f"protocol {PROTOCOL_MIN}..{PROTOCOL_MAX}"
        )
    try:
        version = int(value.strip())
    except ValueError:
        version = -1
    if PROTOCOL_MIN <= version <= PROTOCOL_MAX:
        return None
    return (
        f"this server speaks sync protocol {PROTOCOL_MIN}..{PROTOCOL_MAX}, not {value!r}; "
        "update the Field Inspector app (or the server)"
    )


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessionmaker  # type: ignore[no-any-return]


def get_read_factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.read_sessionmaker  # type: ignore[no-any-return]


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session. An async dependency on purpose: its clean-up runs on the
    event loop, so closing a session never waits for a free worker thread. With a sync
    generator, a burst deadlocks: every thread holds a request waiting for a pooled
    connection while the sessions that would free one wait for a thread to close them."""
    with request.app.state.sessionmaker() as session:
        yield session


def get_hashing(request: Request) -> PasswordHashing:
    return request.app.state.hashing  # type: ignore[no-any-return]


def get_blob_store(request: Request) -> BlobStore:
    return request.app.state.blob_store  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db)]
FactoryDep = Annotated[sessionmaker[Session], Depends(get_factory)]
ReadFactoryDep = Annotated[sessionmaker[Session], Depends(get_read_factory)]
HashingDep = Annotated[PasswordHashing, Depends(get_hashing)]
BlobStoreDep = Annotated[BlobStore, Depends(get_blob_store)]

_bearer = HTTPBearer(auto_error=False)


def get_current_user(
    factory: ReadFactoryDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "sign in first: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # A short session of its own: the request's connection is not held while the
    # route waits for another one (a burst of devices would exhaust the pool).
    with factory() as session:
        principal = accounts.resolve_token(session, settings, credentials.credentials)
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the token is unknown, expired, signed out or its device was revoked; sign in again",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


CurrentUser = Annotated[Principal, Depends(get_current_user)]


def get_admin(user: CurrentUser) -> Principal:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only an administrator may do this")
    return user


AdminUser = Annotated[Principal, Depends(get_admin)]
