"""Use cases: the one door the UI and the CLI call. No Qt here.

Every mutation is one transaction (change + outbox entry + audit event) and
returns a :class:`Changes` naming what changed.
"""

from inspector_app.services.changes import NO_CHANGES, Changes
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
    TaskSummary,
    get_results,
    get_task,
    import_tasks,
    list_tasks,
)

__all__ = [
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
    "SignInRequired",
    "SyncReport",
    "TakenNumber",
    "TaskSummary",
    "attach_evidence",
    "complete_inspection",
    "detach_evidence",
    "document_image",
    "get_results",
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
