"""The task list's views (today, upcoming, follow-ups, done, needs attention, all),
its filters and its search.

A view is a query: a predicate over the task list's columns, counted for every view
in one SQL pass and evaluated for the tasks a change names. Other use cases plug
their views in here: the follow-up visits (回访) and the lead's returns arrive with
their services and replace the placeholders below with real predicates.

Filters and the search run over the light :class:`TaskSummary` rows the window
already holds (a few milliseconds for 10,000 tasks), so results follow each keystroke.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.services.profile import Profile
from inspector_app.services.tasks import TaskSummary
from inspector_app.store.task_list import (
    Predicate,
    ViewContext,
    all_tasks,
    count_where,
    done,
    due_today,
    ids_where,
    in_ids,
    needs_attention,
    nothing,
    tasks_with_open_conflicts,
    tasks_with_rejected_changes,
    upcoming,
)


class TaskView(enum.StrEnum):
    TODAY = "today"
    UPCOMING = "upcoming"
    FOLLOW_UPS = "follow_ups"
    DONE = "done"
    ATTENTION = "attention"
    ALL = "all"


#: The views in the order the window lists them.
VIEWS: dict[TaskView, Callable[[ViewContext], Predicate]] = {
    TaskView.TODAY: due_today,
    TaskView.UPCOMING: upcoming,
    # Follow-up visits (回访) due or overdue come with the follow-up service; until
    # then no task is one, and the view stays empty rather than guessing.
    TaskView.FOLLOW_UPS: nothing,
    TaskView.DONE: done,
    TaskView.ATTENTION: needs_attention,
    TaskView.ALL: all_tasks,
}


def _context(profile: Profile, on: date) -> ViewContext:
    with profile.db.session() as s:
        attention = tasks_with_open_conflicts(s) | tasks_with_rejected_changes(s)
    return ViewContext(today=on, attention=frozenset(attention))


def view_counts(profile: Profile, *, today: date) -> dict[TaskView, int]:
    """How many tasks each view holds, counted in one SQL pass over the list index."""
    ctx = _context(profile, today)
    with profile.db.session() as s:
        counts = count_where(s, [where(ctx) for where in VIEWS.values()])
    return dict(zip(VIEWS, counts, strict=True))


def view_task_ids(
    profile: Profile, view: TaskView, *, today: date, among: Collection[str] | None = None
) -> set[str]:
    """The ids of the tasks in ``view`` (only those of ``among`` when given)."""
    ctx = _context(profile, today)
    predicate = VIEWS[view](ctx)
    if among is not None:
        if not among:
            return set()
        predicate = in_ids(predicate, among)
    with profile.db.session() as s:
        return ids_where(s, predicate)


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """The list's filters and search; empty fields do not filter.

    ``text`` is matched, case-insensitively, against the business name, the USCC and
    the departments (names and codes); every whitespace-separated word must occur.
    """

    text: str = ""
    department: str | None = None  # department code
    area: str | None = None
    credit_class: CreditClass | None = None
    status: TaskStatus | None = None

    def words(self) -> tuple[str, ...]:
        return tuple(self.text.casefold().split())

    def matches(self, task: TaskSummary, words: tuple[str, ...] | None = None) -> bool:
        if self.department is not None and self.department not in task.department_codes:
            return False
        if self.area is not None and task.area != self.area:
            return False
        if self.credit_class is not None and task.credit_class != self.credit_class:
            return False
        if self.status is not None and task.status != self.status:
            return False
        haystack = task.search_text
        return all(w in haystack for w in (self.words() if words is None else words))

    def apply(self, tasks: Iterable[TaskSummary]) -> list[TaskSummary]:
        words = self.words()
        return [t for t in tasks if self.matches(t, words)]


@dataclass(frozen=True, slots=True)
class Facets:
    """The values the filters offer, from the tasks held."""

    departments: tuple[tuple[str, str], ...]  # (code, name), by code
    areas: tuple[str, ...]
    statuses: tuple[TaskStatus, ...]


def facets(tasks: Iterable[TaskSummary]) -> Facets:
    departments: dict[str, str] = {}
    areas: set[str] = set()
    statuses: set[TaskStatus] = set()
    for t in tasks:
        for code, name in zip(t.department_codes, t.departments, strict=False):
            departments.setdefault(code, name)
        if t.area:
            areas.add(t.area)
        statuses.add(t.status)
    order = list(TaskStatus)
    return Facets(
        departments=tuple(sorted(departments.items())),
        areas=tuple(sorted(areas)),
        statuses=tuple(sorted(statuses, key=order.index)),
    )
