"""Agency settings, wording and styles: data in a folder (resources/documents by default).

The folder holds ``agency.json``, ``wording.json``, ``styles.json`` and the seal image.
An agency copies the folder, edits it and passes it to :func:`load_settings`; files
missing from its folder are taken from the shipped defaults.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from inspector_app.documents.model import Agency, DocumentError
from inspector_app.domain.entities import DocumentKind, DocumentNumber, PartyType
from inspector_app.paths import resource

DEFAULT_VERIFY_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_QR_PAYLOAD = "{verify_base_url}/verify/{id}?h={sha256}"


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: cached styles per settings
class DocumentSettings:
    agency: Agency
    type_codes: MappingProxyType[DocumentKind, str]
    seal_png: bytes | None
    seal_is_sample: bool
    remedy_clause: bool
    publicity_platform: str
    lower_amount_threshold: MappingProxyType[PartyType, Decimal]
    qr_payload: str
    wording: MappingProxyType[str, Any]
    styles: MappingProxyType[str, Any]
    verify_base_url: str = DEFAULT_VERIFY_BASE_URL
    province: str = ""
    lower_amount_inclusive: bool = True

    def number(self, kind: DocumentKind, year: int, seq: int) -> DocumentNumber:
        """The number of the ``seq``-th document of ``kind`` in ``year`` for this agency."""
        return DocumentNumber(self.agency.code, self.type_codes[kind], year, seq)

    def qr_text(self, document_id: str, sha256: str) -> str:
        """What the QR code carries: by default the server's verification page for the
        document, ``{verify_base_url}/verify/{id}?h={sha256}``, which any phone opens."""
        return self.qr_payload.format(
            verify_base_url=self.verify_base_url.rstrip("/"), id=document_id, sha256=sha256
        )

    def verify_url(self, document_id: str) -> str:
        return f"{self.verify_base_url.rstrip('/')}/verify/{document_id}"

    def with_verify_base_url(self, url: str) -> DocumentSettings:
        """These settings with another verification server, e.g. the embedded demo
        server's address, known only once it has started on its port."""
        url = url.strip()
        if not url.startswith(("http://", "https://")):
            raise DocumentError(f"verify_base_url must be an http(s) URL, not {url!r}")
        return dataclasses.replace(self, verify_base_url=url.rstrip("/"))

    def lower_amount(self) -> tuple[int, int] | None:
        """The province's 较低数额罚款 (citizen, organisation), as the credit rules take it."""
        t = self.lower_amount_threshold
        if PartyType.CITIZEN not in t or PartyType.ORGANISATION not in t:
            return None
        return int(t[PartyType.CITIZEN]), int(t[PartyType.ORGANISATION])

    def words(self, section: str) -> dict[str, Any]:
        return dict(self.wording[section])


def default_folder() -> Path:
    return resource("documents")


def _read_json(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    if not path.is_file():
        path = default_folder() / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocumentError(f"Cannot read document settings {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise DocumentError(f"{path} must hold a JSON object")
    return data


def load_settings(
    folder: Path | None = None, *, verify_base_url: str | None = None
) -> DocumentSettings:
    """Read the settings in ``folder`` (default: the shipped resources/documents).

    ``verify_base_url`` overrides agency.json's, for a server whose address is known
    only at run time (the embedded demo server).
    """
    folder = Path(folder) if folder is not None else default_folder()
    settings = _default_settings() if folder == default_folder() else _load(folder)
    if verify_base_url is not None:
        settings = settings.with_verify_base_url(verify_base_url)
    return settings


@cache
def _default_settings() -> DocumentSettings:
    return _load(default_folder())


def _load(folder: Path) -> DocumentSettings:
    agency_data = _read_json(folder, "agency.json")
    wording = _read_json(folder, "wording.json")
    styles = _read_json(folder, "styles.json")
    try:
        a = agency_data["agency"]
        agency = Agency(
            name=a["name"],
            code=a["code"],
            review_body=a["review_body"],
            court=a["court"],
            address=a.get("address", ""),
            phone=a.get("phone", ""),
            department_code=a.get("department_code", ""),
        )
        codes = {DocumentKind(k): v for k, v in agency_data["type_codes"].items()}
        missing = [k.value for k in DocumentKind if k not in codes]
        if missing:
            raise DocumentError(f"agency.json: type_codes lacks {', '.join(missing)}")
        threshold = {
            PartyType(k): Decimal(str(v))
            for k, v in agency_data.get("lower_amount_threshold_yuan", {}).items()
            if not k.startswith("_")
        }
    except (KeyError, ValueError) as exc:
        raise DocumentError(f"agency.json in {folder} is incomplete or wrong: {exc}") from exc
    qr_payload = str(agency_data.get("qr_payload", DEFAULT_QR_PAYLOAD))
    try:
        qr_payload.format(verify_base_url="", id="", sha256="")
    except (KeyError, IndexError, ValueError) as exc:
        raise DocumentError(
            f"agency.json in {folder}: qr_payload may use only {{verify_base_url}}, {{id}} and "
            f"{{sha256}}: {exc}"
        ) from exc
    seal_png = None
    seal_name = agency_data.get("seal_image")
    if seal_name:
        seal_path = folder / seal_name
        if not seal_path.is_file():
            seal_path = default_folder() / seal_name
        seal_png = seal_path.read_bytes() if seal_path.is_file() else None
    return DocumentSettings(
        agency=agency,
        type_codes=MappingProxyType(codes),
        seal_png=seal_png,
        seal_is_sample=bool(agency_data.get("seal_is_sample", False)),
        remedy_clause=bool(agency_data.get("remedy_clause", True)),
        publicity_platform=agency_data.get("publicity_platform", "国家企业信用信息公示系统"),
        lower_amount_threshold=MappingProxyType(threshold),
        qr_payload=qr_payload,
        wording=MappingProxyType(wording),
        styles=MappingProxyType(styles),
        verify_base_url=str(agency_data.get("verify_base_url", DEFAULT_VERIFY_BASE_URL)).rstrip(
            "/"
        ),
        province=str(agency_data.get("province", "")),
        lower_amount_inclusive=bool(agency_data.get("lower_amount_inclusive", True)),
    )
