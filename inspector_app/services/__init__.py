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
from inspector_app.services.inspection import (
    attach_evidence,
    complete_inspection,
    record_item_result,
    start_inspection,
)
from inspector_app.services.profile import Profile, open_profile
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
    "Profile",
    "ProfileUnavailable",
    "ServiceError",
    "TaskSummary",
    "attach_evidence",
    "complete_inspection",
    "get_results",
    "get_task",
    "import_tasks",
    "list_tasks",
    "open_profile",
    "record_item_result",
    "start_inspection",
]
