from __future__ import annotations

from fastapi import APIRouter

from inspector_app.sync.protocol import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()
