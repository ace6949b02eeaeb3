"""Use cases: the one door the UI and the CLI call. No Qt here.

Every mutation is one transaction (change + outbox entry + audit event) and
returns a :class:`Changes` naming what changed.
"""

from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.services.co_review import (
    CoReview,
    co_review_login,
    co_reviewers,
    unlock_co_review,
)
from inspector_app.services.errors import (
    InvalidInput,
    InvalidState,
    NotFound,
    ProfileUnavailable,
    ServiceError,
)
from inspector_app.services.evidence import detach_evidence, document_image
from inspector_app.services.inspection import (
    attach_evidence,
    complete_inspection,
    record_item_result,
    start_inspection,
)
from inspector_app.services.laptop_stats import lead_statistics
from inspector_app.services.numbers import (
    TakenNumber,
    numbers_remaining,
    take_number,
    void_number,
    want_numbers,
)
from inspector_app.services.profile import Profile, open_profile
from inspector_app.services.refusals import RefusedChange, list_refused
from inspector_app.services.review import (
    ReturnComments,
    ReviewEntry,
    approve,
    return_visit,
    returned_comments,
    review_history,
    review_refusal,
    submit_inspection,
)
from inspector_app.services.review_queue import (
    IssuedDocument,
    Photo,
    QueueEntry,
    ReviewItem,
    VisitForReview,
    review_queue,
    review_visit,
)
from inspector_app.services.sync import (
    Offline,
    SignInRequired,
    SyncReport,
    list_conflicts,
    login,
    logout,
    resolve_conflict,
    sync,
    unlock_offline,
)
from inspector_app.services.tasks import (
    Seen,
    TaskSummary,
    get_results,
    get_results_seen,
    get_task,
    import_tasks,
    list_tasks,
)

__all__ = [
    "Changes",
    "CoReview",
    "InvalidInput",
    "InvalidState",
    "IssuedDocument",
    "NO_CHANGES",
    "NotFound",
    "Offline",
    "Photo",
    "Profile",
    "ProfileUnavailable",
    "QueueEntry",
    "RefusedChange",
    "ReturnComments",
    "ReviewEntry",
    "ReviewItem",
    "ServiceError",
    "Seen",
    "SignInRequired",
    "SyncReport",
    "TakenNumber",
    "TaskSummary",
    "VisitForReview",
    "approve",
    "attach_evidence",
    "co_review_login",
    "co_reviewers",
    "complete_inspection",
    "detach_evidence",
    "document_image",
    "get_results",
    "get_results_seen",
    "get_task",
    "import_tasks",
    "lead_statistics",
    "list_conflicts",
    "list_refused",
    "list_tasks",
    "login",
    "logout",
    "numbers_remaining",
    "open_profile",
    "record_item_result",
    "resolve_conflict",
    "return_visit",
    "returned_comments",
    "review_history",
    "review_queue",
    "review_refusal",
    "review_visit",
    "start_inspection",
    "submit_inspection",
    "sync",
    "take_number",
    "unlock_co_review",
    "unlock_offline",
    "void_number",
    "want_numbers",
]
