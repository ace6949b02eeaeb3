"""The lead's statistics on the laptop: the figures of the server's ``stats`` for the teams
they lead, counted from what was synced here (issue 12 item 5).

The definitions are the server's (``inspector_server.services.stats``), so the two agree
on the same records:

* ``planned``: visits of tasks not cancelled; ``done``: visits in a done state
  (completed, submitted, returned, approved, published); ``approved``, ``published``,
  ``awaiting_review`` (submitted).
* ``with_problems``: done visits with at least one non-compliant finding;
  ``problem_rate`` = with_problems / done (问题发现率).
* ``items_before`` / ``items_after``: check items of the planned visits before and after
  merging (the plan's figures, else each merged item counts its sources);
  ``items_reduction`` = 1 - after / before.
* ``departmental_visits``: one per department of each done joint visit;
  ``joint_visits`` = done; ``visits_saved`` = departmental - joint (进一次门、查多项事).
* ``dispositions`` and ``documents`` by kind (final documents only).
* ``follow_ups_overdue``: follow-up visits (复查) overdue: a task and a due day before
  today on which a confirmed order to correct whose follow-up is not recorded falls due
  (``domain.follow_ups``), each counted once: what ``list_follow_ups`` shows overdue.
* ``publication_overdue``: done visits not yet published past their deadline of 20
  working days after completion (《企业信息公示暂行条例》第六条).

A visit counts in the period of its day: its completion day (China's calendar) once done,
else the first day of its window. Per department, a joint visit counts for each of its
departments. Figures are as fresh as the last sync (``last_sync`` in the answer).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from inspector_app.domain.entities import Role
from inspector_app.domain.follow_ups import ORDERING, open_follow_up, overdue
from inspector_app.domain.workdays import publication_deadline
from inspector_app.services.errors import InvalidInput, InvalidState
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import team_names
from inspector_app.store.repositories import get_state
from inspector_app.store.reviews import led_teams
from inspector_app.sync.engine import LAST_SYNC_KEY
from inspector_app.sync.protocol import DONE_STATES

__all__ = ["lead_statistics"]

PERIOD_REVERSED = Text(
    "stats.period_reversed",
    en="The end of the period is before its start.",
    zh="统计期间的结束日早于开始日。",
)
LEADS_NO_TEAM = Text(
    "stats.leads_no_team",
    en="{user} leads no team; statistics are for a team's lead. (A change of teams shows "
    "after the next sign-in.)",
    zh="{user}不是任何小组的组长；统计只对组长开放。（小组变动在下次登录后生效。）",
)
OTHER_TEAMS = Text(
    "stats.other_teams",
    en="Statistics on this laptop cover only the teams you lead: {teams} is not one of them.",
    zh="本机统计只包括您领导的小组：{teams}不在其中。",
)

#: Dates of a visit are China's calendar days (UTC+8, no daylight saving).
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
_WAITING = tuple(s for s in DONE_STATES if s != "published")
_SUMS = (
    "planned",
    "done",
    "published",
    "approved",
    "awaiting_review",
    "items_before",
    "items_after",
    "departmental_visits",
    "publication_overdue",
    "with_problems",
    "follow_ups_overdue",
)

# One row per visit of the profile; the checklist is read by SQLite's JSON functions so
# no task's JSON is decoded in Python.
_VISITS = text(
    """
    SELECT t.id, t.status, t.server_state, t.window_start,
           json_extract(t.data, '$.team_id'),
           json_extract(t.data, '$.plan.plan_id'),
           json_extract(t.data, '$.plan.name'),
           json_extract(t.data, '$.plan.items_before'),
           json_extract(t.data, '$.plan.items_after'),
           (SELECT count(*) FROM json_each(t.data, '$.checklist')),
           (SELECT sum(max(1, coalesce(json_array_length(c.value, '$.sources'), 0)))
              FROM json_each(t.data, '$.checklist') AS c),
           json_extract(t.data, '$.departments'),
           i.status, i.checked_out_at,
           (SELECT count(*) FROM item_results r
             WHERE r.task_id = t.id AND r.outcome = 'noncompliant')
      FROM tasks t LEFT JOIN inspections i ON i.task_id = t.id
    """
)
_DOCUMENTS = text("SELECT task_id, kind FROM documents WHERE status = 'final'")
# Confirmed orders to correct; which of them wait for a follow-up is decided in Python by
# the domain's rule (``open_follow_up``), the one the server and the inspector's list use.
_ORDERS = text(
    "SELECT task_id, data FROM dispositions WHERE status = 'confirmed' AND kind IN ("
    + ", ".join(f"'{k.value}'" for k in sorted(ORDERING))
    + ")"
)


@dataclass(frozen=True, slots=True)
class _Visit:
    task_id: str
    team_id: str | None
    plan_id: str | None
    plan_name: str
    departments: dict[str, str]  # code -> name
    state: str
    day: date | None
    items_before: int
    items_after: int
    noncompliant: int


def lead_statistics(
    profile: Profile,
    *,
    teams: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The statistics of the teams the signed-in lead leads (or of ``teams``, some of
    them), in total and per team, department, plan and month: the same shape as
    ``inspector-server stats --json``, with ``source: "laptop"`` and ``last_sync``."""
    user = profile.require_user()
    if since and until and until < since:
        raise InvalidInput(PERIOD_REVERSED)
    today = today or datetime.now(UTC).astimezone(CHINA).date()
    with profile.db.session() as s:
        led = led_teams(s)
        last_sync = get_state(s, LAST_SYNC_KEY)
        visits = [v for v in _visits(s) if _selected(v, since, until)]
        documents = list(s.execute(_DOCUMENTS))
        dispositions = _dispositions(s)
        follow_ups = _overdue_follow_ups(s, today)
    if led is None:  # an older server did not say which teams: the role decides
        if user.role is not Role.TEAM_LEAD:
            raise InvalidState(LEADS_NO_TEAM, user=user.display_name)
        led = frozenset(v.team_id for v in visits if v.team_id is not None)
    if not led:
        raise InvalidState(LEADS_NO_TEAM, user=user.display_name)
    wanted = frozenset(teams) if teams is not None else led
    if not wanted <= led:
        raise InvalidInput(OTHER_TEAMS, teams=sorted(wanted - led))
    chosen = {v.task_id: v for v in visits if v.team_id in wanted}
    overdue_day = _last_overdue_day(today)

    groups: dict[str, dict[Any, dict[str, Any]]] = {
        name: defaultdict(_empty) for name in ("all", "team", "department", "plan", "month")
    }

    def keys(v: _Visit) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = [("all", "all"), ("team", v.team_id), ("plan", v.plan_id)]
        found.append(("month", v.day.strftime("%Y-%m") if v.day else "unknown"))
        found.extend(("department", code) for code in v.departments)
        return found

    for v in chosen.values():
        done = v.state in DONE_STATES
        figures = {
            "planned": 1,
            "done": int(done),
            "published": int(v.state == "published"),
            "approved": int(v.state == "approved"),
            "awaiting_review": int(v.state == "submitted"),
            "items_before": v.items_before,
            "items_after": v.items_after,
            "departmental_visits": len(v.departments) if done else 0,
            "publication_overdue": int(
                v.state in _WAITING and v.day is not None and v.day <= overdue_day
            ),
            "with_problems": int(done and v.noncompliant > 0),
        }
        for group, key in keys(v):
            into = groups[group][key]
            for name, n in figures.items():
                into[name] += n

    def facts(task_ids: Iterable[tuple[str, str | None]], bucket: str) -> None:
        for task_id, kind in task_ids:
            v = chosen.get(task_id)
            if v is None:
                continue
            for group, key in keys(v):
                into = groups[group][key]
                if bucket == "follow_ups_overdue":
                    into[bucket] += 1
                elif kind:
                    into[bucket][kind] = into[bucket].get(kind, 0) + 1

    facts(((t, k) for t, k in documents), "documents")
    facts(dispositions, "dispositions")
    facts(((t, None) for t in follow_ups), "follow_ups_overdue")

    department_names: dict[str, str] = {}
    plan_names: dict[str, str] = {}
    for v in chosen.values():
        for code, name in v.departments.items():
            department_names[code] = department_names.get(code) or name
        if v.plan_id:  # the name any of the plan's tasks gives
            plan_names[v.plan_id] = plan_names.get(v.plan_id) or v.plan_name

    def listing(
        group: str, label: str, names: dict[str, str] | None = None
    ) -> list[dict[str, Any]]:
        out = []
        for key in sorted(groups[group], key=lambda k: (k is None, str(k))):
            entry: dict[str, Any] = {label: key}
            if names is not None:
                entry["name"] = names.get(key, "")
            out.append({**entry, **_finish(groups[group][key])})
        return out

    return {
        "source": "laptop",
        "as_of": today.isoformat(),
        "last_sync": last_sync,
        "filter": {
            "teams": sorted(wanted),
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
        },
        "totals": _finish(groups["all"].get("all") or _empty()),
        "by_team": listing("team", "team_id", team_names(profile)),
        "by_department": listing("department", "department_code", department_names),
        "by_plan": listing("plan", "plan_id", plan_names),
        "by_month": listing("month", "month"),
    }


def _visits(s: Session) -> list[_Visit]:
    out = []
    for row in s.execute(_VISITS):
        (task_id, task_status, server_state, window_start, team_id, plan_id, plan_name) = row[:7]
        before, after, n_items, n_sources, departments, state, checked_out, noncompliant = row[7:]
        if server_state == "cancelled" or task_status == "cancelled":
            continue
        state = state or task_status or "assigned"
        day = None
        if state in DONE_STATES and checked_out:
            day = datetime.fromisoformat(checked_out).astimezone(CHINA).date()
        elif window_start:
            day = date.fromisoformat(window_start)
        out.append(
            _Visit(
                task_id=task_id,
                team_id=team_id if isinstance(team_id, str) else None,
                plan_id=plan_id if isinstance(plan_id, str) and plan_id else None,
                plan_name=plan_name if isinstance(plan_name, str) else "",
                departments=_departments(departments),
                state=state,
                day=day,
                items_before=_count(before, n_sources),
                items_after=_count(after, n_items),
                noncompliant=int(noncompliant or 0),
            )
        )
    return out


def _count(stated: Any, counted: Any) -> int:
    """The plan's own figure when it is a whole number, else the one counted here."""
    if isinstance(stated, int) and not isinstance(stated, bool) and stated >= 0:
        return stated
    return int(counted or 0)


def _departments(raw: Any) -> dict[str, str]:
    try:
        items = json.loads(raw) if isinstance(raw, str) else []
    except ValueError:
        return {}
    found: dict[str, str] = {}
    for d in items or ():
        if isinstance(d, dict) and isinstance(d.get("code"), str) and d["code"]:
            found.setdefault(d["code"], str(d.get("name") or ""))
    return found


def _selected(v: _Visit, since: date | None, until: date | None) -> bool:
    if since is not None and (v.day is None or v.day < since):
        return False
    return not (until is not None and (v.day is None or v.day > until))


def _has_dispositions(s: Session) -> bool:
    exists = s.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dispositions'")
    ).first()
    return exists is not None


def _dispositions(s: Session) -> list[tuple[str, str | None]]:
    """(task, kind) of each confirmed disposition, where this version keeps them (the
    ``dispositions`` table of issue 11's records); none otherwise."""
    if not _has_dispositions(s):
        return []
    return [(t, k) for t, k in s.execute(text("SELECT task_id, kind FROM dispositions")) if k]


def _overdue_follow_ups(s: Session, today: date) -> list[str]:
    """The task of each overdue follow-up visit: a (task, due day) counted once however
    many of its orders fall due that day."""
    if not _has_dispositions(s):
        return []
    found: set[tuple[str, date]] = set()
    for task_id, raw in s.execute(_ORDERS):
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            data = None
        due_on = open_follow_up(data)
        if due_on is not None and overdue(due_on, today):
            found.add((task_id, due_on))
    return [task_id for task_id, _ in sorted(found)]


def _last_overdue_day(today: date) -> date:
    """The latest completion day whose publication deadline is before ``today``."""
    day = today
    while publication_deadline(day) >= today:
        day -= timedelta(days=1)
    return day


def _empty() -> dict[str, Any]:
    figures: dict[str, Any] = dict.fromkeys(_SUMS, 0)
    figures.update(dispositions={}, documents={})
    return figures


def _finish(figures: dict[str, Any]) -> dict[str, Any]:
    done, before = figures["done"], figures["items_before"]
    out = dict(figures)
    out["joint_visits"] = done
    out["visits_saved"] = figures["departmental_visits"] - done
    out["problem_rate"] = round(figures["with_problems"] / done, 4) if done else None
    out["items_reduction"] = round(1 - figures["items_after"] / before, 4) if before else None
    out["dispositions"] = dict(sorted(figures["dispositions"].items()))
    out["documents"] = dict(sorted(figures["documents"].items()))
    return out
