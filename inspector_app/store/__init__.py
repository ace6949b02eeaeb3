"""Local storage: the SQLite database (SQLAlchemy + Alembic), blob files, the audit chain.

Imports only ``inspector_app.domain`` of ours; the services layer is its one user.
Names load from their modules on first use (PEP 562), so reading the task list at
start-up (``store.reader``, plain sqlite3) does not import SQLAlchemy or Alembic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "AuditSeal": "audit",
    "ChainVerdict": "audit_check",
    "verify_chain": "audit_check",
    "BlobStore": "blobs",
    "Database": "db",
    "Migrations": "db",
    "open_database": "db",
    "BlobCorrupt": "errors",
    "DatabaseCorrupt": "errors",
    "DatabaseTooNew": "errors",
    "NotAnInspectorDatabase": "errors",
    "StoreError": "errors",
    "Action": "unit_of_work",
    "Recorded": "unit_of_work",
}

__all__ = [
    "Action",
    "AuditSeal",
    "BlobCorrupt",
    "BlobStore",
    "ChainVerdict",
    "Database",
    "DatabaseCorrupt",
    "DatabaseTooNew",
    "Migrations",
    "NotAnInspectorDatabase",
    "Recorded",
    "StoreError",
    "open_database",
    "verify_chain",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:
    from inspector_app.store.audit import AuditSeal
    from inspector_app.store.audit_check import ChainVerdict, verify_chain
    from inspector_app.store.blobs import BlobStore
    from inspector_app.store.db import Database, Migrations, open_database
    from inspector_app.store.errors import (
        BlobCorrupt,
        DatabaseCorrupt,
        DatabaseTooNew,
        NotAnInspectorDatabase,
        StoreError,
    )
    from inspector_app.store.unit_of_work import Action, Recorded
