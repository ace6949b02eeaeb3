"""Where the review page reads the visit and writes the decision: the lead's own
profile in the lead's window, or a co-review unlocked on the inspector's laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspector_app.services.changes import Changes

if TYPE_CHECKING:
    from inspector_app.services import CoReview, Profile
    from inspector_app.services.review_queue import VisitForReview


@dataclass(frozen=True)
class ReviewAccess:
    """Where the review page reads the visit and writes the decision."""

    load: Callable[[str], VisitForReview]
    approve: Callable[[str, str], Changes]
    return_visit: Callable[[str, str, list[tuple[str, str]]], Changes]
    photo: Callable[[str], bytes]
    reviewer: str  # the reviewer's display name, as the page names them


def own_access(profile: Profile) -> ReviewAccess:
    """The lead reviews on their own laptop."""
    from inspector_app import services

    return ReviewAccess(
        load=lambda task_id: services.review_visit(profile, task_id),
        approve=lambda task_id, comment: services.approve(profile, task_id, comment),
        return_visit=lambda task_id, comment, items: services.return_visit(
            profile, task_id, comment, items
        ),
        photo=lambda sha: services.read_evidence(profile, sha),
        reviewer=profile.require_user().display_name,
    )


def co_review_access(co: CoReview) -> ReviewAccess:
    """The lead reviews on the inspector's laptop, unlocked with their own password."""
    from inspector_app import services

    host = co.host
    return ReviewAccess(
        load=co.visit,
        approve=lambda task_id, comment: co.approve(task_id, comment),
        return_visit=lambda task_id, comment, items: co.return_visit(task_id, comment, items),
        photo=lambda sha: services.read_evidence(host, sha),
        reviewer=co.user.display_name,
    )
