"""Public pages anyone opens without signing in: a document's verification (where its
QR code leads) and the published inspection results. Chinese, sized for a phone.

Every value goes through Jinja2 with autoescaping on, and the pages load nothing
from elsewhere: their one stylesheet and one script are served by this app, and the
Content-Security-Policy says so to the browser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader

from inspector_app.domain.entities import DocumentKind
from inspector_server.api.deps import SessionDep
from inspector_server.api.routes import NO_NUL
from inspector_server.services import documents, publication
from inspector_server.services.visits import china_day

HERE = Path(__file__).resolve().parent
_TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
_STATIC = {"site.css": "text/css", "verify.js": "text/javascript"}
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
PAGE_SIZE = 20
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

router = APIRouter(include_in_schema=False)


def _page(template: str, status_code: int = 200, **values: object) -> HTMLResponse:
    html = _TEMPLATES.get_template(template).render(**values)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def _kind_title(kind: str) -> str:
    try:
        return DocumentKind(kind).title_zh
    except ValueError:
        return kind or "—"


@router.get("/verify/{document_id}", response_class=HTMLResponse)
def verify_page(
    document_id: Annotated[str, PathParam(max_length=200, pattern=NO_NUL)],
    session: SessionDep,
    h: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    found = documents.find(session, document_id)
    if found is None:
        return _page(
            "verify.html",
            status.HTTP_404_NOT_FOUND,
            title="未找到该文书",
            doc=None,
            document_id=document_id,
        )
    doc = found.verification
    if h is None or h == "":
        match = "absent"
    elif not _SHA256.match(h):
        match = "malformed"
    else:
        match = "match" if h.lower() == doc.sha256.lower() else "mismatch"
    return _page(
        "verify.html",
        title=f"文书核验：{doc.number}",
        doc=doc,
        kind_title=_kind_title(doc.kind),
        issued_on=china_day(doc.issued_at).isoformat() if doc.issued_at else "",
        party=documents.mask_name(found.party_name),
        match=match,
    )


@router.get("/results", response_class=HTMLResponse)
def results_page(
    session: SessionDep, page: Annotated[int, Query(ge=1, le=100_000)] = 1
) -> HTMLResponse:
    rows, total = publication.published(session, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return _page(
        "results.html", title="抽查检查结果公示", rows=rows, total=total, page=page, pages=pages
    )


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    media = _STATIC.get(name)
    if media is None:  # only the files named above: no path ever reaches the disk
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such file")
    return FileResponse(
        HERE / "static" / name,
        media_type=media,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=3600"},
    )
