"""gzip both ways: request bodies sent with ``Content-Encoding: gzip`` (large pushes)
are inflated before the routes see them, and large responses (pulls) are deflated
for clients that accept it.

Wire it in the app factory with ``install_compression(app)``; calling it twice is
harmless.
"""

from __future__ import annotations

import zlib

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: A gzip body may inflate to at most this much (a small bomb must not eat the server).
MAX_INFLATED_BYTES = 64 * 1024 * 1024
#: Responses smaller than this are sent as they are.
RESPONSE_MIN_BYTES = 1024


class GzipRequestMiddleware:
    """Inflate a request body whose ``Content-Encoding`` is gzip; 400 if it is not valid
    gzip, 413 if it inflates beyond ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_INFLATED_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        encoding = next((v for k, v in headers if k == b"content-encoding"), None)
        if encoding is None or encoding.strip().lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        parts: list[bytes] = []
        size = 0
        more = True
        try:
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                more = message.get("more_body", False)
                chunk = inflater.decompress(message.get("body", b""), self.max_bytes + 1 - size)
                size += len(chunk)
                parts.append(chunk)
                if size > self.max_bytes or inflater.unconsumed_tail:
                    await JSONResponse(
                        {"detail": f"the body inflates beyond {self.max_bytes} bytes"}, 413
                    )(scope, receive, send)
                    return
            parts.append(inflater.flush())
            if not inflater.eof:
                raise zlib.error("truncated gzip stream")
        except zlib.error as exc:
            await JSONResponse({"detail": f"the gzip body cannot be read: {exc}"}, 400)(
                scope, receive, send
            )
            return
        body = b"".join(parts)
        new_headers = [
            (k, v) for k, v in headers if k not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def inflated_receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app({**scope, "headers": new_headers}, inflated_receive, send)


def install_compression(app: FastAPI) -> None:
    """Add both middlewares once."""
    if getattr(app.state, "compression_installed", False):
        return
    app.add_middleware(GzipRequestMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=RESPONSE_MIN_BYTES, compresslevel=6)
    app.state.compression_installed = True
