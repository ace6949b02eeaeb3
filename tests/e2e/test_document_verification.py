"""A printed document's QR code verifies against the real server, end to end."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from inspector_app.documents import content_sha256, load_settings, render_pdf
from inspector_app.documents.samples import sample_documents
from inspector_app.domain.entities import DocumentKind
from inspector_app.services.demo import demo_dataset
from inspector_app.sync.protocol import PROTOCOL_HEADER
from inspector_server.embedded import start_embedded

pytestmark = pytest.mark.skipif(
    not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
    reason="needs zbar-tools and poppler-utils (installed by .ci/run)",
)
HEADERS = {PROTOCOL_HEADER: "1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    embedded = start_embedded(tmp_path_factory.mktemp("server"))
    yield embedded
    embedded.stop()


def _login(url: str, username: str, device_id: str) -> dict[str, str]:
    answer = requests.post(
        f"{url}/api/v1/auth/login",
        json={
            "username": username,
            "password": "demo",
            "device_id": device_id,
            "device_name": "test laptop",
        },
        headers=HEADERS,
        timeout=10,
    )
    answer.raise_for_status()
    return {**HEADERS, "Authorization": f"Bearer {answer.json()['access_token']}"}


def _qr_text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "doc.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(page)], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_scanned_qr_code_matches_what_the_server_verifies(server, tmp_path: Path) -> None:
    """The QR code is the URL of the server's public verification page for the document
    (DESIGN.md: "a URL of the server's public verification page (its base an agency
    setting) that any phone camera opens, with the id and the content hash in it")."""
    data = demo_dataset()
    task = next(t for t in data.tasks if data.inspector("inspector1").id in t.inspector_ids)
    inspectors = [p for p in data.inspectors if p.id in task.inspector_ids]
    # The embedded server's port is known only now: the settings take its address.
    settings = load_settings(verify_base_url=server.url)
    doc = sample_documents(task, inspectors, settings)[DocumentKind.ORDER_TO_CORRECT]
    pdf = render_pdf(doc, settings)

    url = urlsplit(_qr_text(pdf, tmp_path))
    assert f"{url.scheme}://{url.netloc}" == server.url
    assert url.path == f"/verify/{doc.header.id}"
    doc_id = url.path.rpartition("/")[2]
    (content_hash,) = parse_qs(url.query)["h"]
    assert content_hash == content_sha256(doc)

    device = str(uuid.uuid4())
    headers = _login(server.url, "inspector1", device)
    pdf_hash = hashlib.sha256(pdf).hexdigest()
    put = requests.put(
        f"{server.url}/api/v1/blobs/{pdf_hash}", data=pdf, headers=headers, timeout=10
    )
    assert put.status_code in (200, 201)
    mutation = {
        "op_id": str(uuid.uuid4()),
        "entity": "document",
        "id": doc_id,
        "base_rev": None,
        "recorded_at": "2026-11-20T10:00:00+08:00",
        "data": {
            "task_id": task.id,
            "kind": DocumentKind.ORDER_TO_CORRECT.value,
            "number": "深市监福责改〔2026〕1号",
            "status": "final",
            "sha256": pdf_hash,
            "content_sha256": content_hash,
            "issued_at": "2026-11-20T10:00:00+08:00",
            "agency": settings.agency.name,
        },
    }
    pushed = requests.post(
        f"{server.url}/api/v1/sync/push",
        json={"device_id": device, "mutations": [mutation]},
        headers=headers,
        timeout=10,
    )
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text

    # Anyone (no login, no protocol header: a phone scanning the code) can check it.
    answer = requests.get(f"{server.url}/api/v1/documents/{doc_id}/verify", timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert body["sha256"] == content_hash
    assert body["number"] == "深市监福责改〔2026〕1号"
    assert (
        requests.get(f"{server.url}/api/v1/documents/{uuid.uuid4()}/verify", timeout=10).status_code
        == 404
    )
