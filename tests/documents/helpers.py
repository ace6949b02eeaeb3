"""Reading rendered PDFs back: text, fonts, QR codes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF with every whitespace removed (lines wrap anywhere in CJK)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def font_descriptors(pdf: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, has /FontFile2) for every descendant font in the PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: dict[str, bool] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                d = desc_font.get_object()
                fd = d.get("/FontDescriptor")
                if fd is None:
                    seen[str(d.get("/BaseFont"))] = False
                    continue
                seen[str(d["/BaseFont"])] = "/FontFile2" in fd.get_object()
    return sorted(seen.items())


def decode_qr(pdf: bytes, page: int = 1) -> list[str]:
    """Render one page at 200 dpi with pdftoppm and read its QR codes with zbarimg."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        raise RuntimeError("pdftoppm and zbarimg are needed (poppler-utils, zbar-tools)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                str(src),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        (png,) = Path(tmp).glob("page*.png")
        out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
        return [line for line in out.stdout.splitlines() if line.strip()]


def parse_verify_url(text: str) -> tuple[str, str, str]:
    """(base URL, document id, content hash) of a QR payload ``{base}/verify/{id}?h={sha}``."""
    from urllib.parse import parse_qs, urlsplit

    url = urlsplit(text)
    head, _, doc_id = url.path.rpartition("/verify/")
    (content_hash,) = parse_qs(url.query)["h"]
    return f"{url.scheme}://{url.netloc}{head}", doc_id, content_hash
