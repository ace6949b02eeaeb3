"""Blobs by SHA-256: HEAD, PUT (whole or resumable by Content-Range), GET.

The resumable form is described in ``inspector_app.sync.protocol`` ("Resumable blob
upload"): HEAD tells how many bytes of the caller's interrupted upload the server
holds (``Upload-Offset``), a PUT with ``Content-Range: bytes START-END/TOTAL`` appends.

HEAD and GET answer a blob the caller may not read exactly as one that is absent
(404): knowing a hash tells nothing and opens nothing (``services.blobs.readable``).
A PUT of bytes the server already holds is still received in full and checked: it
is how a user proves they hold them.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response, status
from fastapi.responses import FileResponse

from inspector_app.sync.protocol import SHA256_PATTERN, UPLOAD_OFFSET_HEADER
from inspector_server.api.deps import BlobStoreDep, CurrentUser, FactoryDep, SessionDep
from inspector_server.core.db import write_session
from inspector_server.services import blobs

router = APIRouter(prefix="/blobs", tags=["blobs"])
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN, description="lowercase hex SHA-256")]
_CONTENT_RANGE = re.compile(r"^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$")


@router.head(
    "/{sha256}",
    responses={404: {"description": f"absent; {UPLOAD_OFFSET_HEADER} = bytes of a partial upload"}},
)
def head_blob(
    sha256: Sha256, user: CurrentUser, session: SessionDep, store: BlobStoreDep
) -> Response:
    if not blobs.may_read(session, user, sha256):
        return Response(
            status_code=status.HTTP_404_NOT_FOUND,
            headers={UPLOAD_OFFSET_HEADER: str(store.partial_length(sha256, user.user_id))},
        )
    return Response(status_code=status.HTTP_200_OK)


def _too_large(store: blobs.BlobStore) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE, f"blobs are limited to {store.max_bytes} bytes"
    )


async def _put_range(
    sha256: str,
    content_range: str,
    request: Request,
    user: CurrentUser,
    store: blobs.BlobStore,
    factory: FactoryDep,
) -> Response:
    match = _CONTENT_RANGE.match(content_range.strip())
    if match is None:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "Content-Range must be 'bytes START-END/TOTAL'"
        )
    start, end, total = (int(g) for g in match.groups())
    if not start <= end < total:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "Content-Range is not a valid range")
    if total > store.max_bytes:
        raise _too_large(store)
    with factory() as s:
        # Only a caller who may read it already skips sending it: anyone else proves
        # they hold the bytes by sending them all.
        if blobs.may_read(s, user, sha256) and store.has_file(sha256):
            return Response(status_code=status.HTTP_200_OK)
    try:
        held = await store.receive_range(sha256, user.user_id, start, total, request.stream())
    except blobs.RangeNotContiguous as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"the server holds {exc.offset} bytes; resume from there",
            headers={UPLOAD_OFFSET_HEADER: str(exc.offset)},
        ) from None
    except blobs.UploadInterrupted:
        return Response(status_code=499)  # nobody is listening any more
    except blobs.BlobTooLarge:
        raise _too_large(store) from None
    except blobs.BlobHashMismatch as exc:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"the bytes hash to {exc.actual}, not {sha256}; upload the file again from the start",
        ) from None
    if held is not None:
        return Response(
            status_code=status.HTTP_202_ACCEPTED, headers={UPLOAD_OFFSET_HEADER: str(held)}
        )
    with write_session(factory) as s:
        known = blobs.record_upload(s, sha256, total, user.user_id)
    return Response(status_code=status.HTTP_200_OK if known else status.HTTP_201_CREATED)


@router.put(
    "/{sha256}",
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"description": "already there"},
        202: {"description": "ranged PUT: part stored, Upload-Offset = bytes held"},
        400: {"description": "hash mismatch"},
        409: {"description": "ranged PUT beyond the bytes held; see Upload-Offset"},
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
    content_range = request.headers.get("content-range")
    if content_range is not None:
        return await _put_range(sha256, content_range, request, user, store, factory)
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > store.max_bytes:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"blobs are limited to {store.max_bytes} bytes",
        )
    try:
        created = await store.receive(sha256, user.user_id, request.stream())
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
        known = blobs.record_upload(s, sha256, size, user.user_id)
    return Response(
        status_code=status.HTTP_201_CREATED if created or not known else status.HTTP_200_OK
    )


@router.get(
    "/{sha256}",
    response_class=FileResponse,
    responses={404: {"description": "absent, or no record you may see names it"}},
)
def get_blob(
    sha256: Sha256, user: CurrentUser, session: SessionDep, store: BlobStoreDep
) -> FileResponse:
    if not blobs.may_read(session, user, sha256) or not store.has_file(sha256):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such blob")
    return FileResponse(store.path(sha256), media_type="application/octet-stream")
