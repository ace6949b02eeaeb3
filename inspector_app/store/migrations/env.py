"""Alembic environment for the client database.

The app runs migrations itself (``inspector_app.store.db``) and hands its own
connection in ``config.attributes["connection"]``. A developer writing a new
migration can point Alembic at a scratch file instead::

    .venv/bin/python -m inspector_app.store.migrations.new "add foo"
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from inspector_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection given and no sqlalchemy.url configured")
    engine = create_engine(url)
    with engine.connect() as conn:
        _configure_and_run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported for the client")
run_migrations_online()
