"""``render_demo_documents``: what ``inspector-app selftest --documents DIR`` writes."""

from __future__ import annotations

from inspector_app.domain.entities import DocumentKind
from inspector_app.services.documents import render_demo_documents

from .helpers import decode_qr, pdf_text


def test_renders_every_kind_final_for_the_first_demo_task(tmp_path) -> None:
    from inspector_app.services.demo import demo_tasks

    written = render_demo_documents(tmp_path / "docs")
    assert len(written) == len(DocumentKind)
    task = demo_tasks()[0]
    for kind, path in zip(DocumentKind, written, strict=True):
        assert kind.value in path.name
        text = pdf_text(path.read_bytes())
        assert task.business.name in text
        assert kind.title_zh in text or kind is DocumentKind.RISK_REMINDER
        assert "草稿" not in text  # final, not draft
    assert decode_qr(written[0].read_bytes())[0].startswith("http://127.0.0.1:8000/verify/")
