from __future__ import annotations

from fastapi import APIRouter

from inspector_server.api.routes import (
    admin,
    auth,
    blobs,
    documents,
    health,
    public,
    stats,
    sync,
)

api_router = APIRouter()
for module in (health, auth, sync, blobs, documents, admin, stats, public):
    api_router.include_router(module.router)
