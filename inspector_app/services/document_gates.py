"""What still blocks each document the visit needs from being issued (its gates).

Issuing refuses a final document that lacks something the law asks for (two officers of
the issuing agency, the party's signature or a witnessed refusal, the record of rights
told, the education given…) or that has no number left to take. The documents page
shows that before the inspector tries: each needed document is composed as it would be
issued now, without a number, and checked by the documents' own gates
(``missing_for_final``, ``refuse_unlawful``). Nothing is written.
"""

from __future__ import annotations

from datetime import datetime

from inspector_app.documents import DocumentRefused, missing_for_final
from inspector_app.documents.gates import refuse_unlawful
from inspector_app.services.document_records import row_key
from inspector_app.services.document_settings import image_reader, settings_for
from inspector_app.services.messages import Message, Text
from inspector_app.services.profile import Profile
from inspector_app.services.visit_compose import compose
from inspector_app.services.visit_context import load_context
from inspector_app.services.visit_documents import needed_documents
from inspector_app.store.sync_records import numbers_left

OPENING = Text(
    "gates.opening",
    en="the record that the officers showed their credentials and told the party its rights "
    "(行政处罚法第五十五条): record it with Visit > Record the opening… (Ctrl+Alt+K)",
    zh="执法人员出示执法证件并告知当事人权利的记录（行政处罚法第五十五条），"
    "请通过“检查 > 记录表明身份与告知…”（Ctrl+Alt+K）记录",
)
NO_NUMBER = Text(
    "gates.no_number",
    en="a document number of {agency} for {year}: none left on this laptop, sync to receive "
    "a block (a draft can still be printed)",
    zh="{agency}{year}年的文书编号：本机已用完，请同步以获取新的编号段（仍可打印草稿）",
)
#: What ``missing_for_final`` says of a document composed without its number: issuing
#: takes one, so it does not block (a missing block is reported as NO_NUMBER).
_NUMBER_LINE = "文书编号"

Blocker = Message | str


def blocking(profile: Profile, task_id: str) -> dict[str, list[Blocker]]:
    """For each document the visit needs and has not issued: what keeps it from being
    issued now (empty when it can be issued), by the need's key (``VisitDocument.key``).

    Gate texts from the documents are in Chinese, the language of the documents; the
    app's own messages come as :class:`Message` in both languages."""
    ctx = load_context(profile, task_id)
    issued = {row_key(d.data) for d in ctx.final_documents()}
    images = image_reader(profile)
    now = datetime.now().astimezone()
    opening_ok = ctx.opening.credentials_shown and ctx.opening.rights_told
    out: dict[str, list[Blocker]] = {}
    for need in needed_documents(ctx):
        if need.key in issued:
            continue
        found: list[Blocker] = [] if opening_ok else [OPENING.bind()]
        cfg = settings_for(profile, need.department_code)
        doc = compose(
            ctx,
            need,
            settings=cfg,
            doc_id="gates",
            number=None,
            issued_at=now,
            draft=False,
            image_for=images,
        )
        try:
            refuse_unlawful(doc)
        except DocumentRefused as exc:
            found.append(str(exc))
        found += [m for m in missing_for_final(doc) if not m.startswith(_NUMBER_LINE)]
        with profile.db.session() as s:
            left = numbers_left(s, cfg.agency.code, need.kind.value, now.year)
        if left <= 0:
            found.append(NO_NUMBER.bind(agency=cfg.agency.name, year=now.year))
        out[need.key] = found
    return out
