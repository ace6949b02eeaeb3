"""Answers for requests the schema refuses (422) that can always be sent.

FastAPI's own handler echoes the offending input in UTF-8; a lone surrogate in it (a
JSON ``"\\ud800"`` escape, which Python's JSON reader accepts) made encoding the answer
fail, and the client got a 500 instead of being told what was wrong. Escaping to ASCII
JSON carries any string.
"""

from __future__ import annotations

import json

from fastapi import FastAPI, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError


async def validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
    return Response(
        body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, media_type="application/json"
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
