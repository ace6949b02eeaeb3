"""The headless commands of a visit, a scripted day through ``inspector-app``'s main():
exit 0 on success, 1 with a clear message on a refusal, and the JSON fields scripts rely
on (issue 11 item 8)."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from inspector_app.cli import main
from inspector_app.services import open_profile
from inspector_app.store.models import NumberBlockRow

HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


visitday = _load("visitday", HERE / "e2e" / "visitday.py")


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    folder = tmp_path / "demo"

    def call(*argv: str) -> tuple[int, str, str]:
        code = main(["--demo", "--profile", str(folder), "--lang", "en", *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    call("tasks")  # loads the demo tasks into the profile
    with open_profile(folder) as p:
        year = datetime.now().astimezone().year
        with p.db.write() as s:
            for kind in ("onsite_record", "joint_result_notice", "order_to_correct"):
                s.add(
                    NumberBlockRow(
                        id=str(uuid.uuid4()),
                        agency_code="深市监福",
                        kind=kind,
                        year=year,
                        first=1,
                        last=20,
                        received_at=datetime.now(UTC),
                    )
                )
    call.folder = folder  # type: ignore[attr-defined]
    return call


def test_a_scripted_day(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("tasks", "--json")
    tasks = json.loads(out)
    assert code == 0 and {"id", "business_name", "status"} <= set(tasks[0])
    with open_profile(run.folder) as p:
        task = visitday.pick_task(p)
    code, out, _ = run("task", task, "--json")
    detail = json.loads(out)
    item = next(i for i in detail["checklist"] if i["id"] == "SC-SP-002")
    assert {"id", "title", "legal_basis", "sources"} <= set(item)
    assert {"results", "dispositions", "documents"} <= set(detail)

    assert run("check-in", task, "--present", "张伟（店长）")[0] == 0
    photo = tmp_path / "shop.jpg"
    photo.write_bytes(visitday.photo_jpeg(1, (800, 600)))
    due = (date.today() + timedelta(days=7)).isoformat()
    code, _, _ = run(
        "record",
        task,
        "SC-SP-002",
        "--outcome",
        "noncompliant",
        "--note",
        "未张贴检查结果记录表",
        "--deadline",
        due,
        "--photo",
        str(photo),
    )
    assert code == 0
    code, out, _ = run("dispositions", task, "--json")
    (d,) = json.loads(out)
    assert code == 0 and d["item_id"] == "SC-SP-002" and d["kind"] == "order_to_correct"
    assert {"item_id", "kind", "rule_id", "legal_basis", "reasoning", "verdicts"} <= set(d)

    code, _, err = run("decide", task, "SC-SP-002", "--kind", "no_action")
    assert code == 1 and "reason" in err  # an override needs a written reason
    assert run("decide", task, "SC-SP-002", "--accept")[0] == 0

    party = tmp_path / "party.png"
    party.write_bytes(visitday.signature_png(0))
    empty = tmp_path / "empty.png"
    empty.write_bytes(_blank())
    code, _, err = run("sign", task, "--signer", "party", "--image", str(empty))
    assert code == 1 and "empty" in err
    assert run("sign", task, "--signer", "party", "--image", str(party))[0] == 0
    for n, who in enumerate(("inspector1", "sc_xu"), 1):
        sig = tmp_path / f"{who}.png"
        sig.write_bytes(visitday.signature_png(n))
        assert run("sign", task, "--signer", who, "--image", str(sig))[0] == 0

    code, out, _ = run("documents", task, "--json")
    docs = json.loads(out)
    assert {d["state"] for d in docs} == {"needed"}
    assert {"id", "kind", "number", "sha256", "state"} <= set(docs[0])

    draft = tmp_path / "draft.pdf"
    assert run("issue", task, "order_to_correct", "--draft", "--out", str(draft))[0] == 0
    assert draft.read_bytes().startswith(b"%PDF")
    final = tmp_path / "order.pdf"
    code, out, _ = run("issue", task, "order_to_correct", "--out", str(final))
    assert code == 0 and "责改" in out
    code, _, err = run("issue", task, "order_to_correct")
    assert code == 1 and "void" in err  # issuing twice
    # Half the set issued: what is still to issue is told, and is no failed check.
    assert run("issue", task, "onsite_record")[0] == 0
    code, _, err = run("documents", task, "--check")
    assert code == 0 and "no_joint_notice" not in err
    assert "2 of 3 documents issued" in err or "已出具2份，共3份" in err
    assert run("issue", task, "all")[0] == 0
    code, out, _ = run("documents", task, "--json", "--check")
    docs = {d["kind"]: d for d in json.loads(out)}
    assert code == 0 and docs["order_to_correct"]["state"] == "issued"
    order = docs["order_to_correct"]["id"]

    code, _, err = run("void", str(uuid.uuid4()), "--reason", "x")
    assert code == 1 and "not in this profile" in err
    code, _, _ = run(
        "deliver",
        order,
        "--method",
        "direct",
        "--recipient",
        "张伟",
        "--relationship",
        "店长",
        "--proxy-reason",
        "法定代表人不在场",
    )
    assert code == 0
    code, out, _ = run("follow-ups", "--json")
    (fu,) = json.loads(out)
    assert code == 0 and fu["task_id"] == task and fu["due_on"] == due
    assert run("complete", task)[0] == 1  # not every item has a result yet


def _blank() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(out, format="PNG")
    return out.getvalue()
