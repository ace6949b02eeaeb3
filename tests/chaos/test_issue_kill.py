"""kill -9 between taking a document number and committing the document: on restart the
number is either used by a stored document or recorded void, never lost or reused.

Issuing is one transaction (number taken, PDF rendered and stored, document record and
outbox entry written); a process killed inside it leaves nothing of it in the database,
so the number it had taken is still free and goes to the next document. The ledger of
numbers then has no gap and no number twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain.docnumber import format_document_number
from inspector_app.domain.entities import DocumentNumber
from inspector_app.services import import_tasks, open_profile
from inspector_app.services.demo import demo_dataset
from inspector_app.services.issuing import issue, number_ledger, void_document
from inspector_app.store.models import DocumentRow, NumberBlockRow

HERE = Path(__file__).resolve().parent
AGENCY = "深市监福"

_CHILD = textwrap.dedent(
    """
    import sys, time
    from inspector_app.services import open_profile
    from inspector_app.services import issuing

    def stop_here(number):
        print("TAKEN", number, flush=True)
        time.sleep(60)  # the parent kills us here, inside the transaction

    issuing._after_number_taken = stop_here
    profile = open_profile(sys.argv[1])
    issuing.issue(profile, sys.argv[2], sys.argv[3])
    print("COMMITTED", flush=True)
    """
)


def _visit(folder: Path) -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("visitday", HERE.parent / "e2e" / "visitday.py")
    assert spec and spec.loader
    visitday = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(visitday)
    data = demo_dataset()
    with open_profile(folder, user=data.inspector("inspector1")) as p:
        import_tasks(p, data.tasks)
        year = datetime.now().astimezone().year
        with p.db.write() as s:
            for kind in ("onsite_record", "joint_result_notice", "order_to_correct"):
                s.add(
                    NumberBlockRow(
                        id=str(uuid.uuid4()),
                        agency_code=AGENCY,
                        kind=kind,
                        year=year,
                        first=101,
                        last=150,
                        received_at=datetime.now(UTC),
                    )
                )
        return str(visitday.record_day(p).task_id)


def _kill_inside_issue(folder: Path, task_id: str, kind: str) -> str:
    env = {**os.environ, "INSPECTOR_KEYRING": "off"}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(folder), task_id, kind],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line.startswith("TAKEN "), line
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return line.removeprefix("TAKEN ")


def _ledger_is_whole(folder: Path) -> None:
    """Every number taken is on exactly one stored document or recorded void, from the
    block's first number up without a gap."""
    with open_profile(folder) as p:
        ledger = number_ledger(p)
        with p.db.session() as s:
            docs = {d.id: d for d in s.scalars(select(DocumentRow))}
    by_block: dict[str, list[int]] = {}
    for block_id, seq, doc_id, voided in ledger:
        by_block.setdefault(block_id, []).append(seq)
        assert voided or (doc_id is not None and doc_id in docs), (seq, doc_id)
    for seqs in by_block.values():
        assert seqs == list(range(101, 101 + len(seqs))), seqs
    numbers = [d.number for d in docs.values() if d.number is not None]
    assert len(numbers) == len(set(numbers))


def test_kill_9_between_taking_a_number_and_committing(tmp_path: Path) -> None:
    folder = tmp_path / "laptop"
    task_id = _visit(folder)
    taken = _kill_inside_issue(folder, task_id, "onsite_record")
    year = datetime.now().astimezone().year
    assert taken == format_document_number(DocumentNumber(AGENCY, "现笔", year, 101))

    # On restart: nothing of the killed issue is in the database; the number is free.
    with open_profile(folder) as p:
        with p.db.session() as s:
            assert s.scalar(select(DocumentRow).where(DocumentRow.number == taken)) is None
        assert number_ledger(p) == []
        (doc,) = issue(p, task_id, "onsite_record").documents
        assert doc.number == taken  # given to the next document: not lost
    _ledger_is_whole(folder)

    # Killed again on the next kind; a spoiled document is voided and its number kept.
    taken = _kill_inside_issue(folder, task_id, "joint_result_notice")
    with open_profile(folder) as p:
        (notice,) = issue(p, task_id, "joint_result_notice").documents
        assert notice.number == taken
        void_document(p, notice.id, reason="打印时卡纸，文书损毁")
        (again,) = issue(p, task_id, "joint_result_notice").documents
        assert again.number != taken  # never reused
        assert again.number == format_document_number(DocumentNumber(AGENCY, "联检", year, 102))
    _ledger_is_whole(folder)
