"""The verification page a QR code opens, in a real headless browser (Debian's
chromium driven by Selenium): a genuine document, a voided one, an unknown id, a
tampered PDF dropped on it, and values that try to inject markup."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from .conftest import Api, LiveServer, World, build_world, mutation

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and shutil.which(CHROMEDRIVER)),
    reason="needs Debian's chromium and chromium-driver (installed by .ci/run)",
)
PARTY = "深圳市粤味轩餐饮有限公司"  # the world's task's business


@pytest.fixture(scope="module")
def server_overrides() -> dict[str, Any]:
    return {"max_blob_bytes": 4 * 1024 * 1024}  # a real PDF with its embedded fonts


@pytest.fixture(scope="module")
def world(live: LiveServer) -> World:
    return build_world(live)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Both paths given: Selenium Manager has nothing to look up or download.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=390,844",  # a phone
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def real_pdf() -> bytes:
    from inspector_app.documents import load_settings, render_pdf
    from inspector_app.documents.samples import sample_documents
    from inspector_app.domain.entities import DocumentKind
    from inspector_app.services.demo import demo_dataset

    data = demo_dataset()
    task = data.tasks[0]
    inspectors = [p for p in data.inspectors if p.id in task.inspector_ids]
    settings = load_settings()
    doc = sample_documents(task, inspectors, settings)[DocumentKind.ORDER_TO_CORRECT]
    return render_pdf(doc, settings)


def issue(live: LiveServer, world: World, pdf: bytes, **fields: Any) -> tuple[str, dict]:
    a = Api(live.url).login("inspector_a")
    sha = hashlib.sha256(pdf).hexdigest()
    assert a.request("PUT", f"/api/v1/blobs/{sha}", data=pdf).status_code in (200, 201)
    doc_id = str(uuid.uuid4())
    data = {
        "task_id": world.task_a,
        "kind": "order_to_correct",
        "number": "深市监福责改〔2026〕7号",
        "status": "final",
        "sha256": sha,
        "content_sha256": hashlib.sha256(b"canonical content " + doc_id.encode()).hexdigest(),
        "issued_at": "2026-11-20T10:00:00+08:00",
        "agency": "深圳市市场监督管理局福田监管局",
        **fields,
    }
    (result,) = a.push(mutation("document", doc_id, data))
    assert result["status"] == "applied", result
    return doc_id, data


def text_of(browser: Any, element_id: str) -> str:
    from selenium.webdriver.common.by import By

    return str(browser.find_element(By.ID, element_id).text)


def attr(browser: Any, element_id: str, name: str) -> str:
    from selenium.webdriver.common.by import By

    return str(browser.find_element(By.ID, element_id).get_attribute(name))


def drop_file(browser: Any, path: Path) -> str:
    """Give the file to the input the drop zone wraps; wait for the page's verdict."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element(By.ID, "pdf").send_keys(str(path))
    WebDriverWait(browser, 15).until(
        lambda b: attr(b, "file-result", "data-result") in ("match", "mismatch", "error")
    )
    return attr(browser, "file-result", "data-result")


def test_genuine_document_and_a_tampered_pdf(
    live: LiveServer, world: World, browser: Any, tmp_path: Path
) -> None:
    pdf = real_pdf()
    doc_id, data = issue(live, world, pdf)
    browser.get(f"{live.url}/verify/{doc_id}?h={data['content_sha256']}")

    assert attr(browser, "verdict", "data-status") == "valid"
    assert "文书有效" in text_of(browser, "verdict")
    assert text_of(browser, "kind") == "责令改正通知书"
    assert text_of(browser, "number") == "深市监福责改〔2026〕7号"
    assert text_of(browser, "agency") == "深圳市市场监督管理局福田监管局"
    assert text_of(browser, "issued") == "2026-11-20"
    party = text_of(browser, "party")
    assert party == "深圳" + "＊" * 9 + "司" and PARTY not in browser.page_source
    assert text_of(browser, "content-hash") == data["content_sha256"]
    assert attr(browser, "hash-match", "data-match") == "match"
    assert text_of(browser, "pdf-hash") == data["sha256"]
    # Sized for a phone: nothing wider than the screen.
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )
    # Nothing loaded from elsewhere: every resource came from this server.
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert resources and all(r.startswith(live.url + "/") for r in resources)

    genuine = tmp_path / "通知书.pdf"
    genuine.write_bytes(pdf)
    assert drop_file(browser, genuine) == "match"
    assert attr(browser, "file-result", "data-sha256") == data["sha256"]
    assert "一致" in text_of(browser, "file-result")

    tampered = tmp_path / "tampered.pdf"
    changed = bytearray(pdf)
    at = pdf.index(b"/Producer") if b"/Producer" in pdf else len(pdf) // 2
    changed[at + 1] ^= 0x01
    tampered.write_bytes(bytes(changed))
    assert drop_file(browser, tampered) == "mismatch"
    assert "不一致" in text_of(browser, "file-result")
    # The verdict with its long hash still fits the phone's width.
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth"
    )
    assert attr(browser, "file-result", "data-sha256") == hashlib.sha256(changed).hexdigest()

    # A QR code whose hash differs from the record: said plainly.
    browser.get(f"{live.url}/verify/{doc_id}?h={'0' * 64}")
    assert attr(browser, "hash-match", "data-match") == "mismatch"
    assert "不一致" in text_of(browser, "hash-match")
    browser.get(f"{live.url}/verify/{doc_id}")
    assert attr(browser, "hash-match", "data-match") == "absent"


def test_voided_unknown_and_injected(
    live: LiveServer, world: World, browser: Any, tmp_path: Path
) -> None:
    doc_id, data = issue(live, world, b"%PDF-1.4 voided " + uuid.uuid4().bytes)
    a = Api(live.url).login("inspector_a")
    (voided,) = a.push(mutation("document", doc_id, {**data, "status": "void"}, base_rev=1))
    assert voided["status"] == "applied"
    browser.get(f"{live.url}/verify/{doc_id}?h={data['content_sha256']}")
    assert attr(browser, "verdict", "data-status") == "voided"
    assert "文书已作废" in text_of(browser, "verdict")
    assert text_of(browser, "number") == data["number"]

    unknown = str(uuid.uuid4())
    assert requests.get(f"{live.url}/verify/{unknown}", timeout=10).status_code == 404
    browser.get(f"{live.url}/verify/{unknown}")
    assert attr(browser, "verdict", "data-status") == "not_found"
    assert "未找到该文书" in text_of(browser, "verdict")

    hostile = "<img src=x onerror=\"document.title='pwned'\">{{7*7}}"
    doc_id, _ = issue(
        live,
        world,
        b"%PDF-1.4 hostile " + uuid.uuid4().bytes,
        number=hostile,
        agency="</dd><script>document.title='pwned'</script>",
    )
    browser.get(f"{live.url}/verify/{doc_id}?h=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
    assert text_of(browser, "number") == hostile  # shown as text, {{7*7}} not evaluated
    assert text_of(browser, "agency") == "</dd><script>document.title='pwned'</script>"
    assert browser.title != "pwned"
    assert browser.execute_script("return document.images.length") == 0
    assert attr(browser, "hash-match", "data-match") == "malformed"
    page = requests.get(f"{live.url}/verify/{doc_id}", timeout=10)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script>document.title" not in page.text
