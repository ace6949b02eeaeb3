"""Document-number blocks (文书编号): ranges handed to one device per agency, kind, year.

Allocation locks the counter row of that agency, kind and year (``FOR UPDATE``) until
the push commits, so two devices asking at once get disjoint ranges; two pushes
creating the same counter meet on its primary key and the later one runs again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from inspector_server.models import NumberCounter

MAX_BLOCK = 1000


def validate(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return "number blocks cannot be deleted"
    agency, kind, year, size = (data.get(k) for k in ("agency_code", "kind", "year", "size"))
    if not isinstance(agency, str) or not agency or len(agency) > 40 or "\x00" in agency:
        return "number_block needs agency_code"
    if not isinstance(kind, str) or not kind or len(kind) > 40 or "\x00" in kind:
        return "number_block needs kind"
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        return "number_block year must be an integer between 2000 and 2100"
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_BLOCK:
        return f"number_block size must be between 1 and {MAX_BLOCK}"
    return None


def allocate(
    session: Session, *, agency_code: str, kind: str, year: int, size: int
) -> tuple[int, int]:
    counter = session.get(NumberCounter, (agency_code, kind, year), with_for_update=True)
    if counter is None:
        counter = NumberCounter(agency_code=agency_code, kind=kind, year=year, last=0)
        session.add(counter)
    first = counter.last + 1
    counter.last += size
    session.flush()
    return first, counter.last
