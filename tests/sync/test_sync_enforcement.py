"""Dispositions, signatures and reference data through the real server on loopback."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from inspector_app.domain.entities import Outcome
from inspector_app.domain.reference import ROSTER, record_id
from inspector_app.services import (
    get_task,
    list_tasks,
    record_item_result,
    start_inspection,
    sync,
)
from inspector_app.services.demo import demo_dataset
from inspector_app.services.dispositions import decide, list_dispositions
from inspector_app.services.reference_data import (
    agency_content,
    roster,
    rule_packs,
    settings_folder,
    team_names,
)
from inspector_app.services.visit_record import sign, signature_image, signatures
from inspector_app.store.models import ReferenceRow
from inspector_server.core.db import write_session
from inspector_server.services.reference import SHIPPED, import_reference


def _png() -> bytes:
    image = Image.new("RGBA", (300, 120), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 100), (80, 20), (150, 100), (220, 20)], fill="black", width=5)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _shared_task(profile) -> str:  # type: ignore[no-untyped-def]
    """A task of team T1 with a market-supervision item (inspector1 and inspector2's team)."""
    for t in sorted(list_tasks(profile), key=lambda t: t.id):
        task = get_task(profile, t.id)
        if any(i.id == "SC-SP-002" for i in task.checklist) and t.status.value == "assigned":
            return t.id
    raise AssertionError("no demo task with SC-SP-002")


def test_a_teammate_sees_the_disposition_and_the_signature(make_laptop, server) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1")
    two = make_laptop("inspector2")
    assert sync(one).exit_code == 0 and sync(two).exit_code == 0
    task = _shared_task(one)
    start_inspection(one, task)
    record_item_result(one, task, "SC-SP-002", outcome=Outcome.NONCOMPLIANT, note="未公示")
    decide(one, task, "SC-SP-002", kind="order_to_correct", reason="当场张贴后仍须完善")
    png = _png()
    sign(one, task, signer="party", image=png, name="张伟")
    report = sync(one)
    assert report.exit_code == 0, report.summary()
    rid = f"{task}:SC-SP-002"
    held = server.record("disposition", rid)
    assert held is not None and held.data["disposition"]["kind"] == "order_to_correct"
    sig = server.record("signature", f"{task}:party")
    assert sig is not None and sig.data["sha256"]
    blob = server.settings.blob_dir / sig.data["sha256"][:2] / sig.data["sha256"]
    assert blob.read_bytes() == png

    assert sync(two).exit_code == 0
    (seen,) = [d for d in list_dispositions(two, task) if d.item_id == "SC-SP-002"]
    assert seen.confirmed is not None and seen.record is not None
    assert seen.record.decision is not None and seen.record.decision.value == "overridden"
    party = signatures(two, task)["party"]
    assert signature_image(two, party) == png


def test_a_rule_pack_or_agency_change_reaches_the_laptop_at_the_next_sync(
    make_laptop, server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    one = make_laptop("inspector1", "ref")
    assert sync(one).exit_code == 0
    with one.db.session() as s:
        kinds = {r.kind for r in s.query(ReferenceRow)}
        assert s.get(ReferenceRow, record_id(ROSTER, "officers")) is not None
    assert {"rule_pack", "benchmark", "roster"} <= kinds
    assert roster(one)[one.user.id].badge_no == one.user.badge_no  # type: ignore[union-attr]
    # The teams' names come with the roster: a lead's statistics name the teams.
    with one.db.session() as s:
        sent = s.get(ReferenceRow, record_id(ROSTER, "officers")).data["content"]["teams"]  # type: ignore[union-attr]
    demo_teams = {t.id: t.name for t in demo_dataset().teams}
    assert {t["id"]: t["name"] for t in sent} == demo_teams == team_names(one)
    shipped = {p.id for p in rule_packs(one).packs}

    # The administrator edits a pack and publishes an agency's settings.
    folder = tmp_path / "published"
    shutil.copytree(SHIPPED[0], folder)
    pack_file = sorted((folder / "rulepacks").glob("*.json"))[0]
    pack = json.loads(pack_file.read_text("utf-8"))
    pack["title"] = pack["title"] + "（2026年修订）"
    pack_file.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")
    agency = json.loads((SHIPPED[1] / "agency.json").read_text("utf-8"))
    agency["agency"] = {
        **agency["agency"],
        "department_code": "XF",
        "name": "深圳市福田区消防救援大队",
        "code": "深福消",
        "court": "深圳市福田区人民法院",
    }
    (folder / "agencies").mkdir()
    (folder / "agencies" / "xf.json").write_text(json.dumps(agency, ensure_ascii=False), "utf-8")
    with write_session(server.factory) as s:
        report = import_reference(s, [folder])
    assert report.problems == [] and "agency:XF" in report.imported
    assert any(r.startswith("rule_pack:") for r in report.imported)

    assert agency_content(one, "XF") is None
    assert sync(one).exit_code == 0
    titles = {p.id: p.title for p in rule_packs(one).packs}
    assert set(titles) == shipped and any(t.endswith("（2026年修订）") for t in titles.values())
    held = agency_content(one, "XF")
    assert held is not None and held["agency"]["code"] == "深福消"
    written = settings_folder(one, "XF")
    assert written is not None
    assert json.loads((written / "agency.json").read_text("utf-8"))["agency"]["name"] == (
        "深圳市福田区消防救援大队"
    )
    # Written by several threads at once (the documents list read in the background while
    # an issue runs): each writes a folder of its own, one wins, none fails, none is left.
    from concurrent.futures import ThreadPoolExecutor

    shutil.rmtree(written)
    with ThreadPoolExecutor(8) as pool:
        folders = set(pool.map(lambda _n: settings_folder(one, "XF"), range(16)))
    assert folders == {written} and (written / "wording.json").is_file()
    assert not [p for p in written.parent.iterdir() if p.name.endswith(".partial")]
