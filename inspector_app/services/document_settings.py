"""The document settings of each agency and the image bytes documents print.

Settings come from the agency's reference record (``reference_data.settings_folder``),
read once per content, so renders reuse their styles; the QR code leads to the profile's
own server. Images: a photo's downscaled copy made for documents at import, a
signature's PNG as it was signed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from inspector_app.documents import DocumentError, DocumentSettings, load_settings
from inspector_app.services.errors import InvalidState
from inspector_app.services.evidence import document_image
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.reference_data import settings_folder as agency_folder
from inspector_app.store.models import EvidenceRow
from inspector_app.store.repositories import get_state

NO_AGENCY = Text(
    "issue.no_agency",
    en="There are no agency settings for department {department} on this laptop, so its "
    "documents cannot be headed or numbered. Sync to receive them from the server.",
    zh="本机没有部门 {department} 的机关设置，无法制作其文书的文头和编号。请同步以从服务器获取。",
)
SETTINGS_BROKEN = Text(
    "issue.settings_broken",
    en="The settings of {title} cannot be read: {why}",
    zh="{title}的文书设置无法读取：{why}",
)


_SETTINGS: dict[tuple[str, str | None], DocumentSettings] = {}


def settings_for(profile: Profile, department_code: str) -> DocumentSettings:
    """The document settings of the agency acting for ``department_code`` (cached per
    content, so renders reuse their styles), its QR leading to the profile's server."""
    folder = agency_folder(profile, department_code)
    if folder is None:
        raise InvalidState(NO_AGENCY, department=department_code)
    with profile.db.session() as s:
        server = get_state(s, "server_url")
    key = (str(folder), server)
    found = _SETTINGS.get(key)
    if found is None:
        try:
            found = _load_settings(folder, server)
        except DocumentError as exc:
            raise InvalidState(SETTINGS_BROKEN, title=department_code, why=str(exc)) from exc
        _SETTINGS[key] = found
    return found


def _load_settings(folder: Path, server: str | None) -> DocumentSettings:
    return load_settings(folder, verify_base_url=server)


#: Images by (blob folder, sha256 of the photo or signature): a photo's document copy and
#: a signature never change for a given hash, so a visit's documents read each once.
_IMAGES: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_IMAGES_KEPT = 48


def image_reader(profile: Profile) -> Callable[[str], bytes]:
    """Image bytes for a document: a photo's downscaled copy (made once, at import), a
    signature's PNG as it was signed."""
    root = str(profile.blobs.root)

    def read(sha: str) -> bytes:
        key = (root, sha)
        found = _IMAGES.get(key)
        if found is None:
            with profile.db.session() as s:
                photo = s.scalar(select(EvidenceRow.sha256).where(EvidenceRow.sha256 == sha))
            found = document_image(profile, sha) if photo else profile.blobs.read(sha)
            _IMAGES[key] = found
            while len(_IMAGES) > _IMAGES_KEPT:
                _IMAGES.popitem(last=False)
        else:
            _IMAGES.move_to_end(key)
        return found

    return read
