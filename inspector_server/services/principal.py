"""Who is calling: the signed-in user, their device, and the teams they belong to or lead."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ScalarSelect, func, select

from inspector_server.models import Team, TeamMember, User


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    username: str
    role: str
    device_id: str
    token_hash: str
    member_teams: frozenset[str]
    led_teams: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def visible_teams(self) -> frozenset[str]:
        return self.member_teams | self.led_teams


_SEP = "\x1f"  # ASCII unit separator: never part of a team id we hand out or import


def teams_subquery(*, member: bool) -> ScalarSelect[str | None]:
    """The caller's teams (member of, or lead of) as one separated string, correlated to
    ``User.id`` of the enclosing query."""
    if member:
        query = select(func.aggregate_strings(TeamMember.team_id, _SEP)).where(
            TeamMember.user_id == User.id
        )
    else:
        query = select(func.aggregate_strings(Team.id, _SEP)).where(Team.lead_id == User.id)
    return query.correlate(User).scalar_subquery()


def split_teams(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split(_SEP)) if joined else frozenset()
