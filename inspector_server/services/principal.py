"""Who is calling: the signed-in user, their device, and the teams they belong to or lead."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

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


def teams_of(session: Session, user_id: str) -> tuple[frozenset[str], frozenset[str]]:
    member = session.scalars(select(TeamMember.team_id).where(TeamMember.user_id == user_id))
    led = session.scalars(select(Team.id).where(Team.lead_id == user_id))
    return frozenset(member), frozenset(led)


def principal_for(session: Session, user: User, device_id: str, token_hash: str) -> Principal:
    member, led = teams_of(session, user.id)
    return Principal(user.id, user.username, user.role, device_id, token_hash, member, led)
