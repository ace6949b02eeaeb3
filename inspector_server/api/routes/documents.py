from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.responses import JSONResponse

from inspector_app.sync.protocol import DocumentVerification
from inspector_server.api.deps import SessionDep
from inspector_server.api.routes import NO_NUL, PROTOCOL
from inspector_server.services import documents

router = APIRouter(prefix="/documents", tags=["documents"], responses=PROTOCOL)


@router.get(
    "/{document_id}/verify",
    response_model=DocumentVerification,
    responses={
        404: {"description": "no issued document with this id"},
        410: {"model": DocumentVerification, "description": "the document was voided"},
    },
)
def verify_document(
    document_id: Annotated[str, Path(max_length=200, pattern=NO_NUL)], session: SessionDep
) -> DocumentVerification | JSONResponse:
    found = documents.verify(session, document_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no issued document with this id")
    if found.status == "voided":
        # Not a 200: a checker that only looks at the status code never takes it as valid.
        return JSONResponse(found.model_dump(mode="json"), status_code=status.HTTP_410_GONE)
    return found
