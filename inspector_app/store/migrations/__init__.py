"""Alembic migrations of the client database; run by ``store.db.open_database``."""
