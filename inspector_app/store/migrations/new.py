"""Write a new migration from the difference between the models and the latest schema.

Developers only: ``.venv/bin/python -m inspector_app.store.migrations.new "what changed"``.
Review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from inspector_app.store.db import MIGRATIONS_DIR, Migrations, _make_engine, _migrate


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    migrations = Migrations()
    with tempfile.TemporaryDirectory() as tmp:
        engine = _make_engine(Path(tmp) / "scratch.db")
        if any((MIGRATIONS_DIR / "versions").glob("*.py")):
            _migrate(engine, migrations)
        number = len(list((MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))) + 1
        with engine.connect() as conn:
            command.revision(
                migrations.config(conn),
                message=argv[0],
                autogenerate=True,
                rev_id=f"{number:04d}",
            )
            conn.commit()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
