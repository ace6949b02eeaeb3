"""Agency settings, wording and styles: data in a folder (resources/documents by default).

The folder holds ``agency.json``, ``wording.json``, ``styles.json`` and the seal image.
An agency copies the folder, edits it and passes it to :func:`load_settings`; files
missing from its folder are taken from the shipped defaults.
"""

from __future__ import annotations

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

    def number(self, kind: DocumentKind, year: int, seq: int) -> DocumentNumber:
        """The number of the ``seq``-th document of ``kind`` in ``year`` for this agency."""
        return DocumentNumber(self.agency.code, self.type_codes[kind], year, seq)

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


def load_settings(folder: Path | None = None) -> DocumentSettings:
    """Read the settings in ``folder`` (default: the shipped resources/documents)."""
    folder = Path(folder) if folder is not None else default_folder()
    if folder == default_folder():
        return _default_settings()
    return _load(folder)


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
        qr_payload=agency_data.get("qr_payload", "FI1:{id}:{sha256}"),
        wording=MappingProxyType(wording),
        styles=MappingProxyType(styles),
    )
