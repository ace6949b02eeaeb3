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
    "Changes": "changes",
    "NO_CHANGES": "changes",
    "CoReview": "co_review",
    "co_review_login": "co_review",
    "co_reviewers": "co_review",
    "unlock_co_review": "co_review",
    "ItemDisposition": "dispositions",
    "decide": "dispositions",
    "get_disposition": "dispositions",
    "list_dispositions": "dispositions",
    "record_assessment": "dispositions",
    "InvalidInput": "errors",
    "InvalidState": "errors",
    "NotFound": "errors",
    "ProfileUnavailable": "errors",
    "ServiceError": "errors",
    "attach_photo_file": "evidence",
    "detach_evidence": "evidence",
    "document_image": "evidence",
    "read_evidence": "evidence",
    "FollowUp": "follow_ups",
    "list_follow_ups": "follow_ups",
    "record_follow_up": "follow_ups",
    "attach_evidence": "inspection",
    "complete_inspection": "inspection",
    "record_item_result": "inspection",
    "start_inspection": "inspection",
    "IssueResult": "issuing",
    "VisitDocument": "issuing",
    "deliver": "issuing",
    "document_pdf": "issuing",
    "issue": "issuing",
    "issue_all": "issuing",
    "list_documents": "issuing",
    "preview": "issuing",
    "visit_problems": "issuing",
    "void_document": "issuing",
    "lead_statistics": "laptop_stats",
    "TakenNumber": "numbers",
    "numbers_remaining": "numbers",
    "take_number": "numbers",
    "void_number": "numbers",
    "want_numbers": "numbers",
    "Profile": "profile",
    "check_integrity": "profile",
    "open_profile": "profile",
    "lookup_provision": "reference",
    "lookup_provisions": "reference",
    "RefusedChange": "refusals",
    "list_refused": "refusals",
    "ReturnComments": "review",
    "ReviewEntry": "review",
    "approve": "review",
    "return_visit": "review",
    "returned_comments": "review",
    "review_history": "review",
    "review_refusal": "review",
    "submit_inspection": "review",
    "IssuedDocument": "review_queue",
    "Photo": "review_queue",
    "QueueEntry": "review_queue",
    "ReviewItem": "review_queue",
    "VisitForReview": "review_queue",
    "review_queue": "review_queue",
    "review_visit": "review_queue",
    "Offline": "sync",
    "SyncReport": "sync",
    "list_conflicts": "sync",
    "login": "sync",
    "logout": "sync",
    "resolve_conflict": "sync",
    "sync": "sync",
    "TaskSummary": "task_list",
    "list_tasks": "task_list",
    "Seen": "tasks",
    "get_results": "tasks",
    "get_results_seen": "tasks",
    "get_task": "tasks",
    "import_tasks": "tasks",
    "SignInRequired": "unlock",
    "unlock_offline": "unlock",
    "business_history": "visit",
    "get_visit": "visit",
    "get_opening": "visit_record",
    "get_statement": "visit_record",
    "record_opening": "visit_record",
    "record_statement": "visit_record",
    "sign": "visit_record",
    "signatures": "visit_record",
}

__all__ = [
    "Changes",
    "CoReview",
    "FollowUp",
    "InvalidInput",
    "InvalidState",
    "IssueResult",
    "IssuedDocument",
    "ItemDisposition",
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
    "Seen",
    "ServiceError",
    "SignInRequired",
    "SyncReport",
    "TakenNumber",
    "TaskSummary",
    "VisitDocument",
    "VisitForReview",
    "approve",
    "attach_evidence",
    "attach_photo_file",
    "business_history",
    "check_integrity",
    "co_review_login",
    "co_reviewers",
    "complete_inspection",
    "decide",
    "deliver",
    "detach_evidence",
    "document_image",
    "document_pdf",
    "get_disposition",
    "get_opening",
    "get_results",
    "get_results_seen",
    "get_statement",
    "get_task",
    "get_visit",
    "import_tasks",
    "issue",
    "issue_all",
    "lead_statistics",
    "list_conflicts",
    "list_dispositions",
    "list_documents",
    "list_follow_ups",
    "list_refused",
    "list_tasks",
    "login",
    "logout",
    "lookup_provision",
    "lookup_provisions",
    "numbers_remaining",
    "open_profile",
    "preview",
    "read_evidence",
    "record_assessment",
    "record_follow_up",
    "record_item_result",
    "record_opening",
    "record_statement",
    "resolve_conflict",
    "return_visit",
    "returned_comments",
    "review_history",
    "review_queue",
    "review_refusal",
    "review_visit",
    "sign",
    "signatures",
    "start_inspection",
    "submit_inspection",
    "sync",
    "take_number",
    "unlock_co_review",
    "unlock_offline",
    "visit_problems",
    "void_document",
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
    from inspector_app.services.co_review import (
        CoReview,
        co_review_login,
        co_reviewers,
        unlock_co_review,
    )
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
    from inspector_app.services.evidence import (
        attach_photo_file,
        detach_evidence,
        document_image,
        read_evidence,
    )
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
    from inspector_app.services.laptop_stats import lead_statistics
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
    from inspector_app.services.visit_record import (
        get_opening,
        get_statement,
        record_opening,
        record_statement,
        sign,
        signatures,
    )
