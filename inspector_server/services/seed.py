"""The demo data set (resources/demo, described in its README) loaded into the server.

Demo mode only. Every person gets the password ``demo`` and is flagged as a demo
account, so a server later started without demo mode refuses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from inspector_app.domain.dataset import load_dataset
from inspector_app.domain.serialization import task_to_json
from inspector_server.core.security import PasswordHashing
from inspector_server.models import Business, Department, User
from inspector_server.services import accounts, sync
from inspector_server.services.reference import SHIPPED, import_reference, publish_roster

DEMO_PASSWORD = "demo"
DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


@dataclass
class SeedReport:
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, teams
    departments: int = 0
    businesses: int = 0
    tasks: int = 0
    reference: int = 0  # reference records published
    problems: list[str] = field(default_factory=list)


def seed_demo(session: Session, hashing: PasswordHashing, root: Path = DEMO_DIR) -> SeedReport:
    """Idempotent: running it twice leaves the same data (and no duplicate changes).

    The data set is read by ``inspector_app.domain.dataset``, the same reader the
    client's demo uses, so both sides hold identical tasks and checklists.
    """
    data = load_dataset(root)
    report = SeedReport(problems=list(data.errors))
    for d in data.departments:
        dept = session.get(Department, d.code) or Department(code=d.code)
        dept.name = d.name
        session.add(dept)
        report.departments += 1
    for biz in data.businesses:
        b = session.get(Business, biz.uscc) or Business(uscc=biz.uscc)
        b.name, b.address, b.legal_rep = biz.name, biz.address, biz.legal_rep
        b.phone, b.industry, b.area = biz.phone, biz.industry, biz.area
        b.credit_class, b.positive_list = biz.credit_class.value, biz.positive_list
        session.add(b)
        report.businesses += 1
    session.flush()

    users: dict[str, User] = {}
    password_hash = hashing.hash(DEMO_PASSWORD)
    for person in data.inspectors:
        user = session.get(User, person.id)
        if user is None:
            user = accounts.create_user(
                session,
                hashing,
                username=person.username,
                role=person.role.value,
                password=None,
                display_name=person.display_name,
                department_code=person.department_code or None,
                badge_no=person.badge_no or None,
                is_demo=True,
                user_id=person.id,
            )
            user.password_hash = password_hash
        users[user.username] = user
    teams_of: dict[str, list[str]] = {}
    for team in data.teams:
        accounts.ensure_team(session, team_id=team.id, name=team.name, lead_id=team.lead_id)
        if team.lead_id is not None:
            lead = next(p for p in data.inspectors if p.id == team.lead_id)
            teams_of.setdefault(lead.username, []).append(team.id)
        # A lead's teams are the ones they lead, not a membership: membership would
        # let them record results, which leads do not do.
        for member_id in team.member_ids:
            member = next(p for p in data.inspectors if p.id == member_id)
            accounts.add_member(session, team_id=team.id, user_id=member_id)
            teams_of.setdefault(member.username, []).append(team.id)
    for person in data.inspectors:
        report.accounts.append(
            (person.username, person.role.value, ";".join(teams_of.get(person.username, [])))
        )

    for task in data.tasks:
        sync.server_put(
            session,
            entity="task",
            record_id=task.id,
            data=task_to_json(task),
            task_id=task.id,
            team_id=task.team_id,
        )
        report.tasks += 1
    # The shipped rule packs, benchmarks and agency settings, and the officers' roster.
    published = import_reference(session, list(SHIPPED))
    report.problems += published.problems
    report.reference = len(published.imported) + len(published.unchanged)
    session.flush()
    publish_roster(session)
    return report
