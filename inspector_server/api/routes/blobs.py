from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response, status
from fastapi.responses import FileResponse

from inspector_app.sync.protocol import SHA256_PATTERN
from inspector_server.api.deps import BlobStoreDep, CurrentUser, FactoryDep, SessionDep
from inspector_server.core.db import write_session
from inspector_server.services import blobs

router = APIRouter(prefix="/blobs", tags=["blobs"])
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN, description="lowercase hex SHA-256")]


@router.head("/{sha256}", responses={404: {"description": "absent"}})
def head_blob(sha256: Sha256, user: CurrentUser, session: SessionDep) -> Response:
    if not blobs.exists(session, sha256):
        return Response(status_code=status.HTTP_404_NOT_FOUND)
    return Response(status_code=status.HTTP_200_OK)


@router.put(
    "/{sha256}",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"description": "already there"},
        400: {"description": "hash mismatch"},
        413: {"description": "too large"},
    },
)
async def put_blob(
    sha256: Sha256,
    request: Request,
    user: CurrentUser,
    store: BlobStoreDep,
    factory: FactoryDep,
) -> Response:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > store.max_bytes:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"blobs are limited to {store.max_bytes} bytes",
        )
    try:
        created = await store.receive(sha256, request.stream())
    except blobs.BlobTooLarge:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"blobs are limited to {store.max_bytes} bytes"
        ) from None
    except blobs.BlobHashMismatch as exc:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"the bytes hash to {exc.actual}, not {sha256}; upload the file again",
        ) from None
    size = store.path(sha256).stat().st_size
    with write_session(factory) as s:
        known = blobs.exists(s, sha256)
        blobs.record_blob(s, sha256, size, user.user_id)
    return Response(
        status_code=status.HTTP_201_CREATED if created or not known else status.HTTP_200_OK
    )


@router.get(
    "/{sha256}",
    response_class=FileResponse,
    responses={403: {"description": "not yours"}, 404: {"description": "absent"}},
)
def get_blob(
    sha256: Sha256, user: CurrentUser, session: SessionDep, store: BlobStoreDep
) -> FileResponse:
    if not blobs.exists(session, sha256) or not store.has_file(sha256):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such blob")
    if not blobs.may_read(session, user, sha256):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "no record you may see names this blob")
    return FileResponse(store.path(sha256), media_type="application/octet-stream")
