"""Change stamps: the order in which pulls hand changes out, so that a cursor never skips.

Every write of a record stamps it with a position ``(txid, seq)``. A pull delivers
records in position order, but only those below a *horizon* that no transaction
still in flight can ever write beneath, and its cursor is a position. Anything that
commits later lands above the cursor and comes with the next pull.

* **PostgreSQL** (several server processes, many writers at once): ``txid`` is the
  writing transaction's id (``pg_current_xact_id()``, 64 bits, never wraps) and
  ``seq`` comes from the sequence ``change_seq``. The horizon is the oldest
  transaction still running *that could write this database* (below): every
  transaction with a smaller id has ended or writes elsewhere, and every
  transaction that starts later gets a larger id. Writers take no common lock; a
  long-running writer only holds back what pulls deliver until it ends (DESIGN.md:
  "only hand out a cursor below every transaction still in flight"), and the pull
  says so (``held_back``), so a laptop does not call itself up to date.

  Transaction ids are the whole cluster's, so the plain oldest running transaction
  (``pg_snapshot_xmin``) let any long write in any database of the cluster (another
  application's batch job) hold every pull back (issue 9 part 7). The horizon is
  therefore the smallest id in the pull's own snapshot's list of running
  transactions (``pg_snapshot_xip``) that is not *known* to be another database's,
  or the snapshot's ``xmax`` when none is left. An id is known to be another
  database's when ``pg_stat_activity`` shows it as the transaction of a backend
  connected to another database, or ``pg_prepared_xacts`` as a prepared transaction
  of another database. This is safe under any interleaving of commits: a
  transaction id belongs to one backend, hence one database, for its whole life, so
  whenever it is read, "another database's" stays true; an id we cannot place (it
  ended between the snapshot and the look-up, or a background process holds it, or
  the role may not see it) is kept, which can only hold back more, never skip. Ids
  in this database of other applications or schemas hold pulls back as before.
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
    column,
    false,
    func,
    literal,
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
    ``clause`` keeps the rows below it, ``value`` is selected beside them, and
    ``held_back(visible)`` says whether rows ``visible`` and after the cursor have
    committed above it (PostgreSQL only: on SQLite nothing committed is above it)."""

    postgres: bool
    value: ColumnElement[int]
    clause: ColumnElement[bool]

    def read(self, value: int) -> Horizon:
        return Horizon(int(value), None) if self.postgres else Horizon(1, int(value))

    def held_back(self, cursor: Position, visible: ColumnElement[bool]) -> ColumnElement[bool]:
        if not self.postgres:
            return false()
        return select(Record.id).where(Record.txid >= self.value, after(cursor), visible).exists()


def _xid8(value: ColumnElement[object]) -> ColumnElement[int]:
    return cast(cast(value, Text), BigInteger)


# The 32-bit ids of transactions running in another database (see the module's
# docstring); NULL database names (background processes) are not "another database".
_FOREIGN_XIDS = text(
    "SELECT backend_xid::text::bigint AS xid FROM pg_stat_activity"
    " WHERE backend_xid IS NOT NULL AND datname <> current_database()"
    " UNION ALL"
    " SELECT transaction::text::bigint FROM pg_prepared_xacts"
    " WHERE database <> current_database()"
).columns(column("xid", BigInteger))


def _pg_horizon() -> ColumnElement[int]:
    """One value per statement: a materialised CTE, so the clause and the value the
    cursor is built from are the same number."""
    snapshot = func.pg_current_snapshot()
    running = func.pg_snapshot_xip(snapshot).table_valued("xid").render_derived("running")
    foreign = _FOREIGN_XIDS.subquery("foreign_xids")
    ours = (
        select(func.min(_xid8(running.c.xid)))
        .where(
            # xid8 % 2^32 is the 32-bit xid those views show; two ids running at once
            # never share it (they are less than 2^31 apart).
            (_xid8(running.c.xid) % literal(2**32, BigInteger)).not_in(select(foreign.c.xid))
        )
        .scalar_subquery()
    )
    horizon = (
        select(func.coalesce(ours, _xid8(func.pg_snapshot_xmax(snapshot))).label("txid"))
        .cte("pull_horizon")
        .prefix_with("MATERIALIZED")
    )
    return select(horizon.c.txid).scalar_subquery()


# Built once: SQLAlchemy then reuses its compiled form (building it per pull cost more
# than PostgreSQL spends evaluating it).
_PG_HORIZON = _pg_horizon()


def horizon_sql(session: Session) -> HorizonSql:
    if on_postgres(session):
        return HorizonSql(True, _PG_HORIZON, Record.txid < _PG_HORIZON)
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
