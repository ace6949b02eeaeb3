from __future__ import annotations

from fastapi import APIRouter

from inspector_app.sync.protocol import Health
from inspector_server.api.routes import PROTOCOL

router = APIRouter(tags=["health"], responses=PROTOCOL)


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()
