"""Use cases: the one door the UI and the CLI call. No Qt here.

Every mutation is one transaction (change + outbox entry + audit event) and
returns a :class:`Changes` naming what changed.

Names are imported from their modules on first use (PEP 562): the window starts
with the task list (plain SQLite) and pays for SQLAlchemy, the sync client and the
document renderer only when something first needs them.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

#: name -> the module of this package that defines it.
_EXPORTS = {
    "NO_CHANGES": "changes",
    "Changes": "changes",
    "InvalidInput": "errors",
    "InvalidState": "errors",
    "NotFound": "errors",
    "ProfileUnavailable": "errors",
    "ServiceError": "errors",
    "attach_evidence": "inspection",
    "complete_inspection": "inspection",
    "record_item_result": "inspection",
    "start_inspection": "inspection",
    "TakenNumber": "numbers",
    "numbers_remaining": "numbers",
    "take_number": "numbers",
    "void_number": "numbers",
    "want_numbers": "numbers",
    "Profile": "profile",
    "open_profile": "profile",
    "Offline": "sync",
    "SignInRequired": "unlock",
    "SyncReport": "sync",
    "list_conflicts": "sync",
    "login": "sync",
    "logout": "sync",
    "resolve_conflict": "sync",
    "sync": "sync",
    "unlock_offline": "unlock",
    "check_integrity": "profile",
    "attach_photo_file": "evidence",
    "detach_evidence": "evidence",
    "document_image": "evidence",
    "read_evidence": "evidence",
    "RefusedChange": "refusals",
    "list_refused": "refusals",
    "lookup_provision": "reference",
    "lookup_provisions": "reference",
    "business_history": "visit",
    "get_visit": "visit",
    "TaskSummary": "task_list",
    "list_tasks": "task_list",
    "Seen": "tasks",
    "get_results": "tasks",
    "get_results_seen": "tasks",
    "get_task": "tasks",
    "import_tasks": "tasks",
}

__all__ = [
    "Changes",
    "InvalidInput",
    "InvalidState",
    "NO_CHANGES",
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
    "attach_photo_file",
    "business_history",
    "check_integrity",
    "complete_inspection",
    "detach_evidence",
    "document_image",
    "get_results",
    "get_results_seen",
    "get_task",
    "get_visit",
    "import_tasks",
    "list_conflicts",
    "list_refused",
    "list_tasks",
    "login",
    "logout",
    "lookup_provision",
    "lookup_provisions",
    "numbers_remaining",
    "open_profile",
    "read_evidence",
    "record_item_result",
    "resolve_conflict",
    "start_inspection",
    "sync",
    "take_number",
    "unlock_offline",
    "void_number",
    "want_numbers",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


class _Package(types.ModuleType):
    """Keeps ``services.sync`` the function: importing the submodule of the same name
    would otherwise bind the module over it (``from inspector_app.services import sync``
    must give the use case, as it did when this package imported everything eagerly)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _EXPORTS:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:  # what type checkers and readers see
    from inspector_app.services.changes import NO_CHANGES, Changes
    from inspector_app.services.errors import (
        InvalidInput,
        InvalidState,
        NotFound,
        ProfileUnavailable,
        ServiceError,
    )
    from inspector_app.services.evidence import (
        attach_photo_file,
        detach_evidence,
        document_image,
        read_evidence,
    )
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
    from inspector_app.services.profile import Profile, check_integrity, open_profile
    from inspector_app.services.reference import lookup_provision, lookup_provisions
    from inspector_app.services.refusals import RefusedChange, list_refused
    from inspector_app.services.sync import (
        Offline,
        SyncReport,
        list_conflicts,
        login,
        logout,
        resolve_conflict,
        sync,
    )
    from inspector_app.services.task_list import TaskSummary, list_tasks
    from inspector_app.services.tasks import (
        Seen,
        get_results,
        get_results_seen,
        get_task,
        import_tasks,
    )
    from inspector_app.services.unlock import SignInRequired, unlock_offline
    from inspector_app.services.visit import business_history, get_visit
