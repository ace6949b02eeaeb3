"""The API's routers. The shared answers below are documented in the OpenAPI schema
(router-level ``responses``), so a client generator and a fuzzer know them."""

from __future__ import annotations

from typing import Any

#: Ids in a path: any text but NUL (PostgreSQL text cannot hold it; 422 instead of a 500).
NO_NUL = r"^[^\x00]*$"

#: Every /api/v1 route: the ProtocolVersionMiddleware answers 426 before the route runs.
PROTOCOL: dict[int | str, dict[str, Any]] = {
    426: {"description": "X-Inspector-Protocol missing or not a version this server speaks"}
}
#: Routes behind a bearer token.
SIGNED_IN: dict[int | str, dict[str, Any]] = {
    **PROTOCOL,
    401: {"description": "no token, or it is unknown, expired, signed out or its device revoked"},
}
#: Admin-only routes.
ADMIN: dict[int | str, dict[str, Any]] = {
    **SIGNED_IN,
    403: {"description": "only an administrator may do this"},
}
