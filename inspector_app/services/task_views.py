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
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from inspector_app.domain.entities import CreditClass, TaskStatus
from inspector_app.services.profile import Profile
from inspector_app.services.task_list import TaskSummary
from inspector_app.store.task_list import (
    ALL_TASKS,
    DONE,
    DUE_TODAY,
    NEEDS_ATTENTION,
    NOTHING,
    UPCOMING,
    Predicate,
    ViewContext,
    count_where,
    ids_where,
    tasks_needing_attention,
)


class TaskView(enum.StrEnum):
    TODAY = "today"
    UPCOMING = "upcoming"
    FOLLOW_UPS = "follow_ups"
    DONE = "done"
    ATTENTION = "attention"
    ALL = "all"


#: The views in the order the window lists them.
VIEWS: dict[TaskView, Predicate] = {
    TaskView.TODAY: DUE_TODAY,
    TaskView.UPCOMING: UPCOMING,
    # Follow-up visits (回访) due or overdue come with the follow-up service; until
    # then no task is one, and the view stays empty rather than guessing.
    TaskView.FOLLOW_UPS: NOTHING,
    TaskView.DONE: DONE,
    TaskView.ATTENTION: NEEDS_ATTENTION,
    TaskView.ALL: ALL_TASKS,
}


def view_counts(profile: Profile, *, today: date) -> dict[TaskView, int]:
    """How many tasks each view holds, counted in one SQL pass over the list index."""
    with profile.reader.connection() as conn:
        ctx = ViewContext(today, frozenset(tasks_needing_attention(conn)))
        counts = count_where(conn, list(VIEWS.values()), ctx)
    return dict(zip(VIEWS, counts, strict=True))


def view_task_ids(
    profile: Profile, view: TaskView, *, today: date, among: Collection[str] | None = None
) -> set[str]:
    """The ids of the tasks in ``view`` (only those of ``among`` when given)."""
    with profile.reader.connection() as conn:
        ctx = ViewContext(today, frozenset(tasks_needing_attention(conn)))
        return ids_where(conn, VIEWS[view], ctx, among)


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

    @property
    def is_empty(self) -> bool:
        return self == _NO_FILTER

    def words(self) -> tuple[str, ...]:
        return tuple(self.text.casefold().split())

    def matches(
        self,
        task: TaskSummary,
        words: tuple[str, ...] | None = None,
        haystacks: dict[str, str] | None = None,
    ) -> bool:
        """Whether ``task`` passes; ``haystacks`` caches each task's search text by id."""
        if self.department is not None and self.department not in task.department_codes:
            return False
        if self.area is not None and task.area != self.area:
            return False
        if self.credit_class is not None and task.credit_class != self.credit_class:
            return False
        if self.status is not None and task.status != self.status:
            return False
        words = self.words() if words is None else words
        if not words:
            return True
        if haystacks is None:
            haystack = task.search_text
        else:
            haystack = haystacks.get(task.id) or haystacks.setdefault(task.id, task.search_text)
        return all(w in haystack for w in words)

    def apply(
        self, tasks: Iterable[TaskSummary], haystacks: dict[str, str] | None = None
    ) -> list[TaskSummary]:
        words = self.words()
        return [t for t in tasks if self.matches(t, words, haystacks)]


_NO_FILTER = TaskFilter()


@dataclass(frozen=True, slots=True)
class Facets:
    """The values the filters offer, from the tasks held."""

    departments: tuple[tuple[str, str], ...]  # (code, name), by code
    areas: tuple[str, ...]
    statuses: tuple[TaskStatus, ...]


def facets(tasks: Iterable[TaskSummary]) -> Facets:
    departments: dict[str, str] = {}
    held = list(tasks)
    # Thousands of tasks share a handful of department lists: look at each list once.
    for codes, names in {(t.department_codes, t.departments) for t in held}:
        for code, name in zip(codes, names, strict=False):
            departments.setdefault(code, name)
    areas = {t.area for t in held if t.area}
    statuses = {t.status for t in held}
    order = list(TaskStatus)
    return Facets(
        departments=tuple(sorted(departments.items())),
        areas=tuple(sorted(areas)),
        statuses=tuple(sorted(statuses, key=order.index)),
    )
