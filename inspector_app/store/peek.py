"""A look into a profile's database without opening it for work: no migration, no write.

Listing the profiles on a laptop reads who each one belongs to; opening each
database properly would migrate (and back up) every one of them just to show a list.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from inspector_app.store.models import SyncStateRow

log = logging.getLogger(__name__)


def peek_state(db_path: Path, keys: Iterable[str]) -> dict[str, str]:
    """The ``sync_state`` values of ``keys`` in the database at ``db_path``, read-only.

    A missing, foreign or damaged file gives ``{}``: the caller lists it as unknown.
    """
    keys = list(keys)
    if not Path(db_path).is_file() or not keys:
        return {}
    uri = f"file:{quote(str(Path(db_path).resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        log.info("cannot look into %s: %s", db_path, exc)
        return {}
    try:
        marks = ",".join("?" * len(keys))
        rows = conn.execute(
            f"SELECT key, value FROM {SyncStateRow.__tablename__} WHERE key IN ({marks})", keys
        ).fetchall()
    except sqlite3.Error as exc:
        log.info("cannot read the state of %s: %s", db_path, exc)
        return {}
    finally:
        conn.close()
    return {str(k): str(v) for k, v in rows}
