"""Local storage: the SQLite database (SQLAlchemy + Alembic), blob files, the audit chain.

Imports only ``inspector_app.domain`` of ours; the services layer is its one user.
"""

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
