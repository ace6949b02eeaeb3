"""Use cases: the one door the UI and the CLI call. No Qt here.

Every mutation is one transaction (change + outbox entry + audit event) and
returns a :class:`Changes` naming what changed.
"""

from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.services.dispositions import (
    ItemDisposition,
    decide,
    get_disposition,
    list_dispositions,
    record_assessment,
)
from inspector_app.services.errors import (
    InvalidInput,
    InvalidState,
    NotFound,
    ProfileUnavailable,
    ServiceError,
)
from inspector_app.services.evidence import detach_evidence, document_image
from inspector_app.services.follow_ups import FollowUp, list_follow_ups, record_follow_up
from inspector_app.services.inspection import (
    attach_evidence,
    complete_inspection,
    record_item_result,
    start_inspection,
)
from inspector_app.services.issuing import (
    IssueResult,
    VisitDocument,
    deliver,
    document_pdf,
    issue,
    issue_all,
    list_documents,
    preview,
    visit_problems,
    void_document,
)
from inspector_app.services.numbers import (
    TakenNumber,
    numbers_remaining,
    take_number,
    void_number,
    want_numbers,
)
from inspector_app.services.profile import Profile, open_profile
from inspector_app.services.refusals import RefusedChange, list_refused
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
from inspector_app.services.visit_record import (
    get_opening,
    get_statement,
    record_opening,
    record_statement,
    sign,
    signatures,
)

__all__ = [
    "FollowUp",
    "IssueResult",
    "ItemDisposition",
    "VisitDocument",
    "decide",
    "deliver",
    "document_pdf",
    "get_disposition",
    "get_opening",
    "get_statement",
    "issue",
    "issue_all",
    "list_dispositions",
    "list_documents",
    "list_follow_ups",
    "preview",
    "record_assessment",
    "record_follow_up",
    "record_opening",
    "record_statement",
    "sign",
    "signatures",
    "visit_problems",
    "void_document",
    "NO_CHANGES",
    "Changes",
    "InvalidInput",
    "InvalidState",
    "NotFound",
    "Offline",
    "Profile",
    "ProfileUnavailable",
    "RefusedChange",
    "ServiceError",
    "Seen",
    "SignInRequired",
    "SyncReport",
    "TakenNumber",
    "TaskSummary",
    "attach_evidence",
    "complete_inspection",
    "detach_evidence",
    "document_image",
    "get_results",
    "get_results_seen",
    "get_task",
    "import_tasks",
    "list_conflicts",
    "list_refused",
    "list_tasks",
    "login",
    "logout",
    "numbers_remaining",
    "open_profile",
    "record_item_result",
    "resolve_conflict",
    "start_inspection",
    "sync",
    "take_number",
    "unlock_offline",
    "void_number",
    "want_numbers",
]
