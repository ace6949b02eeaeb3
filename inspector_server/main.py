"""The FastAPI app factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from inspector_app.sync.protocol import API_PREFIX, PROTOCOL_HEADER
from inspector_server.api.compression import install_compression
from inspector_server.api.deps import protocol_problem
from inspector_server.api.errors import install_error_handlers
from inspector_server.api.main import api_router
from inspector_server.api.pages import router as pages_router
from inspector_server.core.config import Settings
from inspector_server.core.db import engine_for, make_read_sessionmaker, make_sessionmaker
from inspector_server.core.security import PasswordHashing
from inspector_server.services.blobs import BlobStore


class ProtocolVersionMiddleware:
    """426 before anything else when /api/v1 is called with a protocol we cannot serve."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._header = PROTOCOL_HEADER.lower().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(API_PREFIX + "/"):
            value = next(
                (v.decode("latin-1") for k, v in scope["headers"] if k == self._header), None
            )
            problem = protocol_problem(scope["path"], value)
            if problem is not None:
                from starlette.responses import JSONResponse

                await JSONResponse({"detail": problem}, status_code=426)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = engine_for(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Threads that run the (blocking) routes. More than a few only make them
        # fight over the interpreter lock: under a burst, 40 threads served fewer
        # requests per second than 16 (benchmarks/burst_bench.py).
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        yield
        engine.dispose()

    app = FastAPI(title="Field Inspector server", version="1", lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.read_sessionmaker = make_read_sessionmaker(engine)
    app.state.hashing = PasswordHashing(settings)
    app.state.blob_store = BlobStore(settings.blob_dir, settings.max_blob_bytes)
    app.add_middleware(ProtocolVersionMiddleware)
    install_compression(app)
    install_error_handlers(app)
    if settings.trusted_proxy_list:
        # The client is the right-most X-Forwarded-For address that is not one of our
        # proxies; from anyone else the header is ignored (login throttling counts
        # per address: a forged header must not make one host look like many).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(pages_router)  # /verify/{id}, /results: public pages, no /api/v1
    return app


#: Every uvicorn we start leaves forwarded headers to the app (``trusted_proxies``):
#: uvicorn's own default trusts ``X-Forwarded-For`` from 127.0.0.1, which would let any
#: local process (or a proxy we were not told of) pick the address a login counts under.
UVICORN_OPTIONS: dict[str, Any] = {"proxy_headers": False}
