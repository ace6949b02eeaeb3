"""Document use cases: render the documents of a task to files.

``render_demo_documents(folder)`` is what ``inspector-app selftest --documents DIR``
runs: every kind, final (not draft), for the first demo task, after checking that the
documents of the sample visit agree with each other (``check_visit``).
"""

from __future__ import annotations

from pathlib import Path

from inspector_app.documents import (
    Document,
    DocumentSettings,
    check_visit,
    load_settings,
    render_pdf,
)
from inspector_app.documents.samples import VISIT_KINDS, SampleOptions, sample_documents
from inspector_app.domain.entities import DocumentKind, Inspector, JointTask


def document_filename(doc: Document) -> str:
    return f"{list(DocumentKind).index(doc.kind) + 1:02d}-{doc.kind.value}-{doc.title}.pdf"


def write_documents(docs: list[Document], folder: Path, settings: DocumentSettings) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        target = folder / document_filename(doc)
        target.write_bytes(render_pdf(doc, settings))
        written.append(target)
    return written


def render_task_samples(
    task: JointTask,
    inspectors: list[Inspector],
    folder: Path,
    *,
    settings: DocumentSettings | None = None,
    draft: bool = False,
) -> list[Path]:
    """One PDF per kind for ``task``, built from sample content (demo and self-test)."""
    settings = settings or load_settings()
    docs = sample_documents(task, inspectors, settings, SampleOptions(draft=draft))
    problems = check_visit(docs[k] for k in VISIT_KINDS)
    if problems:
        lines = "\n".join(f"  - {p.message}" for p in problems)
        raise RuntimeError(f"the sample visit's documents contradict each other:\n{lines}")
    return write_documents(list(docs.values()), folder, settings)


def render_demo_documents(
    folder: Path, *, settings_folder: Path | None = None, verify_base_url: str | None = None
) -> list[Path]:
    """Every kind of document, final, for the first demo task; returns the files written.

    ``verify_base_url``: the server whose page the QR codes open (e.g. the embedded demo
    server's address), instead of agency.json's.
    """
    from inspector_app.services.demo import demo_inspectors, demo_tasks

    tasks = demo_tasks()
    if not tasks:
        raise RuntimeError("the demo data has no tasks; reinstall Field Inspector")
    settings = load_settings(settings_folder, verify_base_url=verify_base_url)
    return render_task_samples(tasks[0], list(demo_inspectors()), Path(folder), settings=settings)
