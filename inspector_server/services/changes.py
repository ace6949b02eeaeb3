"""The change counter: sequence numbers in commit order, so a pull cursor never skips.

Every write transaction first locks the one ``change_seq`` counter row (``SELECT …
FOR UPDATE`` on PostgreSQL; on SQLite ``BEGIN IMMEDIATE`` already serialises
writers) and holds it until commit. Writers therefore commit one after another and
the numbers they take grow in commit order: when a reader sees the counter at N,
every change numbered N or less is committed and visible, and every later change
will be numbered above N. The pull hands out the counter value it read *before*
reading the changes as its high-water mark, so a change committing late lands
above the cursor and is delivered on the next pull.

The price is one writer at a time across all server processes; each write
transaction is one mutation and short, which keeps that cheap.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_server.models import Counter

CHANGE_SEQ = "change_seq"


def lock_counter(session: Session) -> Counter:
    """Take the writers' lock for the rest of this transaction."""
    counter = session.scalars(
        select(Counter)
        .where(Counter.name == CHANGE_SEQ)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return counter


def next_seq(counter: Counter) -> int:
    counter.value += 1
    return counter.value


def committed_high_water(session: Session) -> int:
    return int(session.scalar(select(Counter.value).where(Counter.name == CHANGE_SEQ)) or 0)
