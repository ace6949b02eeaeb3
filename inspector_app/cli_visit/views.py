"""The JSON the visit's commands print: field names are a contract scripts rely on."""

from __future__ import annotations

import json
from typing import Any


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def disposition_json(d: Any) -> dict[str, Any]:
    """One item of ``dispositions --json`` (the contract: item_id, kind, rule_id,
    legal_basis, reasoning, ...)."""
    from inspector_app.domain.serialization import disposition_to_json

    proposal = d.proposal.disposition if d.proposal is not None else None
    shown = d.confirmed or proposal
    return {
        "item_id": d.item_id,
        "code": d.item.code,
        "title": d.item.title,
        "state": d.state,
        "kind": None if shown is None else shown.kind.value,
        "rule_id": None if shown is None else shown.rule_id,
        "legal_basis": [] if shown is None else list(shown.legal_basis),
        "reasoning": "" if shown is None else shown.reasoning,
        "decision": None
        if d.record is None or d.record.decision is None
        else d.record.decision.value,
        "fine": None if shown is None else shown.proposed_fine,
        "warning": False if shown is None else shown.warning,
        "deadline": None if shown is None or shown.deadline is None else shown.deadline.isoformat(),
        "departments": [] if shown is None else list(shown.departments),
        "overridden_reason": None if shown is None else shown.overridden_reason,
        "stale": d.stale,
        "proposal": None if proposal is None else disposition_to_json(proposal),
        "confirmed": None if d.confirmed is None else disposition_to_json(d.confirmed),
        "verdicts": []
        if d.proposal is None
        else [
            {
                "rule_id": v.rule_id,
                "title": v.title,
                "applies": v.applies,
                "kind": None if v.kind is None else v.kind.value,
                "mandatory": v.mandatory,
                "legal_basis": list(v.legal_basis),
                "explanation": v.explanation,
            }
            for v in d.proposal.verdicts
        ],
        "problem": d.problem if d.proposal is None else "",
    }


def document_json(d: Any) -> dict[str, Any]:
    """One item of ``documents --json`` (id, kind, number, sha256, state, ...)."""
    return {
        "id": d.id,
        "kind": d.kind.value,
        "title": d.title,
        "number": d.number,
        "sha256": d.sha256,
        "content_sha256": d.content_sha256,
        "state": d.state,
        "department_code": d.department_code,
        "item_ids": list(d.item_ids),
        "issued_at": None if d.issued_at is None else d.issued_at.isoformat(),
        "deliveries": [x.to_json() for x in d.deliveries],
        "void_reason": d.void_reason,
        "note": d.note,
    }


def task_json(profile: Any, task_id: str) -> dict[str, Any]:
    """``task TASK --json``: the task with its checklist, results, dispositions, documents."""
    from inspector_app.domain.serialization import item_result_to_json, task_to_json
    from inspector_app.services import get_results, get_task
    from inspector_app.services.dispositions import list_dispositions
    from inspector_app.services.issuing import list_documents
    from inspector_app.services.visit_record import get_opening, get_statement, signatures

    task = get_task(profile, task_id)
    data = task_to_json(task)
    statement = get_statement(profile, task_id)
    opening = get_opening(profile, task_id)
    return {
        **data,
        "business_name": task.business.name,
        "results": [item_result_to_json(r) for r in get_results(profile, task_id).values()],
        "dispositions": [disposition_json(d) for d in list_dispositions(profile, task_id)],
        "documents": [document_json(d) for d in list_documents(profile, task_id)],
        "statement": {
            "text": statement.text,
            "accepted": statement.accepted,
            "reason": statement.reason,
            "waived": statement.waived,
        },
        "opening": {
            "party_representative": opening.party_representative,
            "credentials_shown": opening.credentials_shown,
            "rights_told": opening.rights_told,
        },
        "signatures": [
            {
                "signer": s.signer,
                "role": s.role.value,
                "name": s.name,
                "sha256": s.sha256,
                "refused": s.refused,
                "witness": s.witness,
                "av_reference": s.av_reference,
                "signed_at": None if s.signed_at is None else s.signed_at.isoformat(),
            }
            for s in signatures(profile, task_id).values()
        ],
    }


def tasks_json(profile: Any) -> list[dict[str, Any]]:
    """``tasks --json``: ``{id, business_name, status, ...}`` per task."""
    from inspector_app.services import list_tasks

    return [
        {
            "id": t.id,
            "business_name": t.business_name,
            "uscc": t.uscc,
            "address": t.address,
            "status": t.status.value,
            "window_start": t.window_start.isoformat(),
            "window_end": t.window_end.isoformat(),
            "n_items": t.n_items,
            "n_done": t.n_done,
            "departments": list(t.departments),
            "server_state": t.server_state,
        }
        for t in list_tasks(profile)
    ]


def follow_up_json(f: Any) -> dict[str, Any]:
    return {
        "task_id": f.task_id,
        "business_name": f.business_name,
        "address": f.address,
        "due_on": f.due_on.isoformat(),
        "state": f.state,
        "item_ids": list(f.item_ids),
        "items": list(f.items),
        "done_on": None if f.done_on is None else f.done_on.isoformat(),
        "corrected": f.corrected,
        "not_corrected": list(f.not_corrected),
    }
