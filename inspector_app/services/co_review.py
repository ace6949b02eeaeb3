"""On-site co-review: the team lead reviews on the inspector's laptop, offline.

The server takes a review only from the lead's own session and device (the review's
``reviewer_id`` and ``device_id`` are the pusher's, and a device belongs to the user
who registered it). So the lead keeps a profile of their own on this laptop, inside the
inspector's: ``<profile>/co-review/<username>/``, made when the lead signs in here once
with a network (``co_review_login``; ``inspector-app reviewer-login``). It holds their
token, their offline password verifier, their device id, their outbox and their audit
chain, and never downloads any task.

On site, without a network, ``unlock_co_review`` checks the lead's password against
that verifier and opens their profile beside the inspector's: the visit is read from
the inspector's profile, the review is written into the lead's (their identity, their
device, their audit chain), a copy is shown in the inspector's profile at once and its
audit trail records who unlocked, reviewed and locked. ``lock`` (or leaving the
``with`` block) closes the lead's profile again.

The inspector's next sync sends their own outbox first (the submission must reach the
server before the review of it), then each co-review profile's reviews and audit chain
with the lead's session, then pulls again so the visit's new state shows at once.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import select

from inspector_app.domain.entities import Inspector
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState
from inspector_app.services.messages import Message, Text
from inspector_app.services.profile import DATABASE_NAME, Profile, open_profile
from inspector_app.services.review import approve, return_visit, review_refusal
from inspector_app.services.review_queue import (
    QueueEntry,
    VisitForReview,
    review_queue,
    review_visit,
)
from inspector_app.services.sync import SignInRequired, login, sync_engine, unlock_offline
from inspector_app.store.models import OutboxRow
from inspector_app.store.repositories import get_state
from inspector_app.store.sync_records import count_by_state, has_unacknowledged_edit
from inspector_app.sync.client import NotSignedIn, ServerUnreachable, Throttled
from inspector_app.sync.context import SyncRun
from inspector_app.sync.engine import SERVER_KEY
from inspector_app.sync.push import push_audit, push_outbox
from inspector_app.sync.report import SyncReport

log = logging.getLogger(__name__)

__all__ = [
    "CO_REVIEW_DIR",
    "CoReview",
    "co_review_folder",
    "co_review_login",
    "co_reviewers",
    "sync_co_reviews",
    "unlock_co_review",
]

CO_REVIEW_DIR = "co-review"
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,149}")

BAD_USERNAME = Text(
    "co_review.bad_username",
    en="{username} is not a user name this laptop can keep a co-review profile for "
    "(letters, digits and _ . @ -).",
    zh="无法为“{username}”在本机保存现场审核配置（用户名只能含字母、数字和 _ . @ -）。",
)
OWN_USER = Text(
    "co_review.own_user",
    en="{username} is this profile's own user; co-review is for the team lead.",
    zh="{username}是本配置自己的用户；现场审核由组长进行。",
)
NO_SERVER = Text(
    "co_review.no_server",
    en="This profile has never signed in; give the server's address.",
    zh="此配置从未登录过，请提供服务器地址。",
)
LOCKED = Text(
    "co_review.locked",
    en="The co-review of {reviewer} is locked; unlock it again.",
    zh="{reviewer}的现场审核已锁定，请重新解锁。",
)
NEVER_HERE = Text(
    "co_review.never_here",
    en="{username} has never signed in on this laptop for co-review. With a network, sign "
    "them in once: inspector-app reviewer-login --user {username}",
    zh="{username}从未在本机登录用于现场审核。请在有网络时登录一次："
    "inspector-app reviewer-login --user {username}",
)


def co_review_folder(profile: Profile, username: str) -> Path:
    """Where ``username``'s co-review profile lives inside ``profile``'s folder."""
    if not _USERNAME.fullmatch(username or ""):
        raise InvalidInput(BAD_USERNAME, username=username)
    return profile.folder / CO_REVIEW_DIR / username


def co_reviewers(profile: Profile) -> list[str]:
    """User names of the leads who signed in on this profile for co-review."""
    base = profile.folder / CO_REVIEW_DIR
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / DATABASE_NAME).is_file())


def co_review_login(
    profile: Profile,
    username: str,
    password: str,
    *,
    server_url: str | None = None,
    **engine: Any,
) -> Inspector:
    """Sign a team lead in on this laptop for on-site co-review (once, with a network):
    their own profile inside this one, registered on the server as their device."""
    host_user = profile.require_user()
    if username == host_user.username:
        raise InvalidInput(OWN_USER, username=username)
    url = server_url
    if url is None:
        with profile.db.session() as s:
            url = get_state(s, SERVER_KEY)
    if url is None:
        raise SignInRequired(NO_SERVER)
    folder = co_review_folder(profile, username)
    with open_profile(folder) as lead:
        return login(lead, url, username, password, device_name=_device_name(), **engine)


def _device_name() -> str:
    try:
        host = socket.gethostname()[:150]
    except OSError:
        host = "laptop"
    return f"{host} (co-review)"


class CoReview:
    """A lead's co-review profile, unlocked beside the inspector's (``unlock_co_review``).

    Every method reads the visit from the inspector's profile (``host``) and writes into
    the lead's (``reviewer``). Close it with ``lock`` or a ``with`` block.
    """

    def __init__(self, host: Profile, reviewer: Profile) -> None:
        self.host = host
        self.reviewer = reviewer
        self.user = reviewer.require_user()
        self.locked = False

    def queue(self) -> list[QueueEntry]:
        return review_queue(self._open(), visit_profile=self.host)

    def visit(self, task_id: str) -> VisitForReview:
        return review_visit(self._open(), task_id, visit_profile=self.host)

    def refusal(self, task_id: str) -> Message | None:
        return review_refusal(self._open(), task_id, visit_profile=self.host)

    def approve(self, task_id: str, comment: str = "", *, at: datetime | None = None) -> Changes:
        return approve(self._open(), task_id, comment, at=at, visit_profile=self.host)

    def return_visit(
        self,
        task_id: str,
        comment: str = "",
        item_comments: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        *,
        at: datetime | None = None,
    ) -> Changes:
        return return_visit(
            self._open(), task_id, comment, item_comments, at=at, visit_profile=self.host
        )

    def lock(self) -> None:
        """Close the lead's profile; the laptop is the inspector's alone again."""
        if self.locked:
            return
        self.locked = True
        try:
            _audit(self.host, self.user, "co_review_locked", self.reviewer.device_id)
        finally:
            self.reviewer.close()

    def _open(self) -> Profile:
        if self.locked:
            raise InvalidState(LOCKED, reviewer=self.user.display_name)
        return self.reviewer

    def __enter__(self) -> CoReview:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.lock()


def unlock_co_review(profile: Profile, username: str, password: str, **engine: Any) -> CoReview:
    """Unlock ``username``'s co-review profile on this laptop with their password, checked
    offline against the verifier kept at their last sign-in here."""
    profile.require_user()
    folder = co_review_folder(profile, username)
    if not (folder / DATABASE_NAME).is_file():
        raise SignInRequired(NEVER_HERE, username=username)
    lead = open_profile(folder)
    try:
        user = unlock_offline(lead, password, **engine)
    except BaseException:
        lead.close()
        raise
    _audit(profile, user, "co_review_unlocked", lead.device_id)
    return CoReview(profile, lead)


def _audit(host: Profile, lead: Inspector, action: str, device_id: str) -> None:
    with host.db.action(actor=lead.id, device_id=host.device_id) as act:
        act.audit(
            action,
            "co_review",
            lead.id,
            {"reviewer_id": lead.id, "username": lead.username, "reviewer_device": device_id},
        )


# -- sync ----------------------------------------------------------------------------------


def sync_co_reviews(profile: Profile, report: SyncReport, **engine: Any) -> SyncReport:
    """After the inspector's own sync (``report``): send each co-review profile's reviews
    and audit chain with that lead's session; if any went up, pull once more so the
    visit's new state shows. Returns the report of it all."""
    leads = co_reviewers(profile)
    if not leads:
        return report
    parts: list[SyncReport] = []
    for username in leads:
        with open_profile(profile.folder / CO_REVIEW_DIR / username) as lead:
            if report.unreachable is not None or report.cancelled:
                parts.append(_waiting(lead))  # the submission first: try next time
                continue
            parts.append(_push(profile, lead, username, **engine))
    total = report
    if any(p.applied for p in parts) and profile.user is not None:
        again = sync_engine(profile, **engine).sync(profile.user.id)
        total = _combine(report, again)
    for part in parts:
        _add_push(total, part)
    return total


def _waiting(lead: Profile) -> SyncReport:
    part = SyncReport()
    with lead.db.session() as s:
        states = count_by_state(s)
    part.pending = states.get("pending", 0)
    part.waiting_rejected = states.get("rejected", 0)
    return part


def _push(host: Profile, lead: Profile, username: str, **engine: Any) -> SyncReport:
    with lead.db.session() as s:
        pending = list(s.scalars(select(OutboxRow).where(OutboxRow.state == "pending")))
    blocked = []
    with host.db.session() as s:
        for row in pending:
            task_id = row.data.get("task_id") if row.entity == "review" else None
            if isinstance(task_id, str) and has_unacknowledged_edit(s, "inspection", task_id):
                blocked.append(task_id)
    if blocked or lead.user is None:
        log.warning(
            "co-review of %s waits: the submission of %s is not on the server yet",
            username,
            ", ".join(sorted(set(blocked))) or "-",
        )
        return _waiting(lead)
    eng = sync_engine(lead, **engine)
    client = eng.client()
    run = SyncRun(
        db=lead.db,
        blobs=lead.blobs,
        client=client,
        device_id=lead.device_id,
        user_id=lead.user.id,
        tuning=eng.tuning,
    )
    try:
        if client.token is None:
            raise NotSignedIn("no sign-in token")
        push_outbox(run)
        push_audit(run)
    except ServerUnreachable as exc:
        run.report.unreachable = str(exc)
    except (NotSignedIn, Throttled) as exc:
        # The lead's sign-in here expired: their reviews wait, nothing is lost.
        run.report.refused_steps.append(
            f"upload of {username}'s co-reviews ({exc}): sign {username} in again on this "
            f"laptop (inspector-app reviewer-login --user {username})"
        )
    finally:
        client.close()
    waiting = _waiting(lead)
    run.report.pending = waiting.pending
    run.report.waiting_rejected = waiting.waiting_rejected
    return run.report


_SUMMED = (
    "applied",
    "duplicates",
    "conflicts",
    "blobs_uploaded",
    "bytes_uploaded",
    "blob_resumes",
    "audit_events_pushed",
    "numbers_requested",
    "pulled",
    "kept_local",
    "blobs_downloaded",
)


def _combine(first: SyncReport, second: SyncReport) -> SyncReport:
    """Two runs of the same profile as one: counts added, the state as the second left it."""
    out = SyncReport(**{f.name: getattr(second, f.name) for f in fields(SyncReport)})
    for name in _SUMMED:
        setattr(out, name, getattr(first, name) + getattr(second, name))
    seen = {r.op_id for r in second.rejected}
    out.rejected = [r for r in first.rejected if r.op_id not in seen] + list(second.rejected)
    out.flagged_tasks = list(dict.fromkeys([*first.flagged_tasks, *second.flagged_tasks]))
    out.refused_steps = [*first.refused_steps, *second.refused_steps]
    return out


def _add_push(total: SyncReport, part: SyncReport) -> None:
    total.applied += part.applied
    total.duplicates += part.duplicates
    total.audit_events_pushed += part.audit_events_pushed
    total.rejected.extend(part.rejected)
    total.waiting_rejected += part.waiting_rejected
    total.pending += part.pending
    total.refused_steps.extend(part.refused_steps)
    if part.unreachable is not None and total.unreachable is None:
        total.unreachable = part.unreachable
