"""The wire models both sides share."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from inspector_app.sync.protocol import (
    ENTITIES,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    Change,
    Health,
    Mutation,
    PullResponse,
    PushRequest,
    blob_refs,
    canonical_json,
    fingerprint,
    item_result_record_id,
)


def _m(**kw: object) -> Mutation:
    base = {
        "op_id": "op-1",
        "entity": "item_result",
        "id": "t:i",
        "base_rev": None,
        "data": {"note": "灭火器", "evidence": []},
        "recorded_at": "2026-11-05T09:30:00+08:00",
    }
    return Mutation.model_validate({**base, **kw})


def test_constants() -> None:
    assert (PROTOCOL_MIN, PROTOCOL_MAX, PROTOCOL_HEADER) == (1, 1, "X-Inspector-Protocol")
    assert ENTITIES == (
        "task",
        "reference",
        "item_result",
        "inspection",
        "document",
        "review",
        "number_block",
        "audit_event",
        "disposition",
        "signature",
    )
    assert Health().model_dump() == {"status": "ok", "protocol": {"min": 1, "max": 1}}


def test_fingerprint_ignores_op_id_and_recorded_at_but_not_content() -> None:
    a = fingerprint(_m())
    assert a == fingerprint(_m(op_id="other", recorded_at="2026-11-05T01:30:00.000000+00:00"))
    assert a == fingerprint(_m(data={"evidence": [], "note": "灭火器"}))  # key order
    assert a != fingerprint(_m(data={"note": "灭火器 ", "evidence": []}))
    assert a != fingerprint(_m(base_rev=1))
    assert a != fingerprint(_m(id="t:j"))
    assert len(a) == 64


def test_canonical_json_is_compact_sorted_utf8() -> None:
    assert canonical_json({"b": 1, "a": "检"}) == '{"a":"检","b":1}'.encode()
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_blob_refs() -> None:
    assert blob_refs("item_result", {"evidence": ["a" * 64, "a" * 64, "b" * 64]}) == [
        "a" * 64,
        "b" * 64,
    ]
    doc = {"sha256": "c" * 64, "signatures": ["d" * 64, {"who": "party", "sha256": "e" * 64}]}
    assert blob_refs("document", doc) == ["c" * 64, "d" * 64, "e" * 64]
    assert blob_refs("task", {"evidence": ["a" * 64]}) == []
    assert blob_refs("document", None) == []
    assert blob_refs("signature", {"sha256": "f" * 64, "refused": False}) == ["f" * 64]
    assert blob_refs("signature", {"sha256": None, "refused": True}) == []


def test_unknown_fields_are_ignored_and_entity_is_open() -> None:
    change = Change.model_validate(
        {"entity": "future_thing", "id": "x", "op": "upsert", "rev": 3, "data": {}, "new_field": 1}
    )
    assert change.conflicts == []
    assert PullResponse.model_validate({"changes": [], "cursor": "0", "more": False}).cursor == "0"


def test_mutation_requires_its_fields() -> None:
    with pytest.raises(ValidationError):
        Mutation.model_validate({"op_id": "x", "entity": "task"})
    with pytest.raises(ValidationError):
        PushRequest.model_validate({"device_id": "d", "mutations": "nope"})
    with pytest.raises(ValidationError):
        _m(base_rev=-1)


def test_item_result_id() -> None:
    assert item_result_record_id("task-1", "SC-SP-001") == "task-1:SC-SP-001"
