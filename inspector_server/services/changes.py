"""Change stamps: the order in which pulls hand changes out, so that a cursor never skips.

Every write of a record stamps it with a position ``(txid, seq)``. A pull delivers
records in position order, but only those below a *horizon* that no transaction
still in flight can ever write beneath, and its cursor is a position. Anything that
commits later lands above the cursor and comes with the next pull.

* **PostgreSQL** (several server processes, many writers at once): ``txid`` is the
  writing transaction's id (``pg_current_xact_id()``, 64 bits, never wraps) and
  ``seq`` comes from the sequence ``change_seq``. The horizon is the oldest
  transaction still running (``pg_snapshot_xmin(pg_current_snapshot())``): every
  transaction with a smaller id has ended, and every transaction that starts later
  gets a larger id. Writers take no common lock; a long-running writer only holds
  back what pulls deliver until it ends (DESIGN.md: "only hand out a cursor below
  every transaction still in flight").
* **SQLite** (one server process): ``BEGIN IMMEDIATE`` already serialises writers,
  so ``seq`` comes from the ``change_seq`` counter row and ``txid`` is 0; numbers
  grow in commit order, and the horizon is the counter value the pull reads first.

A cursor is one decimal integer, ``txid * 2**44 + seq``: cursors compare like the
positions they name, and with ``txid`` 0 it is the bare ``seq`` older servers handed
out, so cursors stored by clients stay valid. (``seq`` below 2**44: 17 trillion changes.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Text,
    and_,
    cast,
    func,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from inspector_server.models import Counter, Record

CHANGE_SEQ = "change_seq"
_SEQ_BITS = 44
_MAX_DIGITS = 40


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """Where a change stands in pull order; a cursor is the last position delivered."""

    txid: int
    seq: int

    def encode(self) -> str:
        if self.seq >> _SEQ_BITS:
            raise OverflowError(f"change number {self.seq} is beyond what a cursor can carry")
        return str((self.txid << _SEQ_BITS) | self.seq)


START = Position(0, 0)


def parse_cursor(cursor: str | None) -> Position:
    """The position a cursor names; ValueError for anything a pull did not hand out."""
    if cursor is None or cursor == "":
        return START
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > _MAX_DIGITS:
        raise ValueError("cursor must be a value returned by an earlier pull")
    value = int(cursor)
    return Position(value >> _SEQ_BITS, value & ((1 << _SEQ_BITS) - 1))


def on_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


_PG_STAMPS = text(
    "SELECT pg_current_xact_id()::text::bigint, nextval('change_seq') FROM generate_series(1, :n)"
)


def stamps(session: Session, n: int = 1) -> list[Position]:
    """``n`` fresh positions for records written in this (write) transaction."""
    if n <= 0:
        return []
    if on_postgres(session):
        rows = session.execute(_PG_STAMPS, {"n": n}).all()
        return [Position(int(t), int(s)) for t, s in rows]
    table = Counter.__table__
    last = session.execute(
        update(table)
        .where(table.c.name == CHANGE_SEQ)
        .values(value=table.c.value + n)
        .returning(table.c.value)
    ).scalar_one()
    return [Position(0, seq) for seq in range(last - n + 1, last + 1)]


@dataclass(frozen=True, slots=True)
class Horizon:
    """What a pull may deliver now: positions with ``txid < txid_below`` and, on SQLite,
    ``seq <= seq_at_most``; ``end`` is the cursor once all of that is delivered."""

    txid_below: int
    seq_at_most: int | None

    def end(self, cursor: Position) -> Position:
        if self.seq_at_most is None:
            return max(cursor, Position(self.txid_below, 0))
        return max(cursor, Position(0, self.seq_at_most))


@dataclass(frozen=True, slots=True)
class HorizonSql:
    """The horizon inside the pull's own statement (one snapshot, one round trip):
    ``clause`` keeps the rows below it, ``value`` is selected beside them."""

    postgres: bool
    value: ColumnElement[int]
    clause: ColumnElement[bool]

    def read(self, value: int) -> Horizon:
        return Horizon(int(value), None) if self.postgres else Horizon(1, int(value))


def horizon_sql(session: Session) -> HorizonSql:
    if on_postgres(session):
        xmin = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
        return HorizonSql(True, xmin, Record.txid < xmin)
    high = (
        select(func.coalesce(Counter.value, 0)).where(Counter.name == CHANGE_SEQ).scalar_subquery()
    )
    return HorizonSql(False, high, and_(Record.txid < 1, Record.seq <= high))


def after(cursor: Position) -> ColumnElement[bool]:
    """Records positioned after ``cursor`` (a row comparison: one range of the index)."""
    return tuple_(Record.txid, Record.seq) > tuple_(cursor.txid, cursor.seq)


def up_to(last: Position) -> ColumnElement[bool]:
    """Records positioned at or before ``last``."""
    return tuple_(Record.txid, Record.seq) <= tuple_(last.txid, last.seq)


ORDER = (Record.txid, Record.seq)
