"""Pull: the changes this caller may see, after their cursor, below the horizon.

A record's ``data`` goes out as the JSON text the database holds: decoding it into
Python objects and encoding it again would be most of a pull's cost (a season's
first pull is thousands of tasks of some 30 KB each), and the text was written by
this server from validated data. The page around it is assembled here in the
exact shape of ``protocol.PullResponse``; ``tests/server/test_sync.py`` checks the
bytes parse as one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    LargeBinary,
    Text,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from inspector_app.sync.protocol import PullResponse
from inspector_app.sync.protocol import Sibling as SiblingWire
from inspector_server.models import Record, Sibling
from inspector_server.services import authz, changes
from inspector_server.services.changes import Position
from inspector_server.services.principal import Principal


def _data_bytes(session: Session) -> ColumnElement[bytes]:
    """``records.data`` as the UTF-8 bytes stored, never decoded into a Python str."""
    if changes.on_postgres(session):
        return func.convert_to(cast(Record.data, Text), "UTF8", type_=LargeBinary)
    return cast(Record.data, LargeBinary)


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes  # a PullResponse as JSON
    cursor: str
    more: bool
    held_back: bool

    def parsed(self) -> PullResponse:
        return PullResponse.model_validate_json(self.body)


def pull_page(session: Session, p: Principal, cursor: Position, limit: int) -> Page:
    # Only rows below the horizon: everything there has committed (services.changes).
    # The horizon is read in the same statement as the rows (one snapshot): read
    # apart and later, it could pass a change that committed in between.
    horizon = changes.horizon_sql(session)
    visible = authz.visible_clause(p)
    has_siblings = (
        select(Sibling.op_id)
        .where(Sibling.entity == Record.entity, Sibling.record_id == Record.id)
        .exists()
    )
    page = (
        select(
            Record.entity,
            Record.id,
            Record.rev,
            Record.deleted,
            _data_bytes(session).label("data"),
            Record.txid,
            Record.seq,
            has_siblings.label("has_siblings"),
        )
        .where(changes.after(cursor), horizon.clause, visible)
        .order_by(*changes.ORDER)
        .limit(limit + 1)
        .subquery()
    )
    found = session.execute(
        union_all(
            select(literal(1), *page.c, cast(null(), BigInteger), cast(null(), Boolean)),
            select(
                literal(0),
                *(cast(null(), c.type) for c in page.c),
                horizon.value,
                horizon.held_back(cursor, visible),
            ),
        )
    ).all()
    mark = next(r for r in found if r[0] == 0)
    end, held_back = horizon.read(mark[-2]), bool(mark[-1])
    rows = sorted((tuple(r[1:9]) for r in found if r[0] == 1), key=lambda r: (r[5], r[6]))
    more = len(rows) > limit
    rows = rows[:limit]
    siblings = _siblings(session, cursor, rows, visible) if any(r[7] for r in rows) else {}
    parts = []
    for entity, record_id, rev, deleted, data, *_ in rows:
        kept = siblings.get((entity, record_id))
        conflicts = b",".join(sib.model_dump_json().encode() for sib in kept) if kept else b""
        parts.append(
            b'{"entity":%s,"id":%s,"op":"%s","rev":%d,"data":%s,"conflicts":[%s]}'
            % (
                orjson.dumps(entity),
                orjson.dumps(record_id),
                b"delete" if deleted else b"upsert",
                rev,
                b"null" if deleted or data is None else bytes(data),
                conflicts,
            )
        )
    last = Position(rows[-1][5], rows[-1][6]) if rows else cursor
    next_cursor = (last if more else end.end(last)).encode()
    # Held back: changes this caller may see have committed above the horizon (a long
    # write of this database is still running below them). They come once it ends.
    held_back = held_back and not more
    body = b'{"changes":[%s],"cursor":"%s","more":%s,"held_back":%s}' % (
        b",".join(parts),
        next_cursor.encode(),
        b"true" if more else b"false",
        b"true" if held_back else b"false",
    )
    return Page(body, next_cursor, more, held_back)


def _siblings(
    session: Session, cursor: Position, rows: list[tuple[Any, ...]], visible: ColumnElement[bool]
) -> dict[tuple[str, str], list[SiblingWire]]:
    """The kept conflicting versions of the page's records, in one query over the
    page's position range (a few records at most have any)."""
    last = Position(rows[-1][5], rows[-1][6])
    found: dict[tuple[str, str], list[SiblingWire]] = defaultdict(list)
    query = (
        select(Sibling)
        .join(Record, (Record.entity == Sibling.entity) & (Record.id == Sibling.record_id))
        .where(changes.after(cursor), changes.up_to(last), visible)
        .order_by(Sibling.created_at, Sibling.op_id)
    )
    for sib in session.scalars(query):
        found[(sib.entity, sib.record_id)].append(
            SiblingWire(
                op_id=sib.op_id,
                device_id=sib.device_id,
                user_id=sib.user_id,
                base_rev=sib.base_rev,
                data=sib.data,
                recorded_at=sib.recorded_at,
            )
        )
    return found
