"""What a sync says to a person, in Chinese and English: its phases, its report, and the
server's reasons for refusing a change.

``sync.report`` keeps its English ``summary()`` for logs; the window and the CLI use
:func:`report_lines` and :func:`phase_text` here to say the same in the user's language.
"""

from __future__ import annotations

from inspector_app.services.messages import Text
from inspector_app.sync.protocol import MISSING_BLOB_PREFIX, REASON_FORBIDDEN, REASON_OP_ID_REUSED
from inspector_app.sync.report import BLOB_REFUSED_PREFIX, Progress, SyncReport

PHASE_TEXTS: dict[str, Text] = {
    "numbers": Text("sync.phase.numbers", en="Requesting document numbers", zh="申请文书编号"),
    "blobs": Text("sync.phase.blobs", en="Uploading photos and files", zh="上传照片和文件"),
    "push": Text("sync.phase.push", en="Sending changes", zh="上传更改"),
    "audit": Text("sync.phase.audit", en="Sending the audit trail", zh="上传执法全过程记录"),
    "pull": Text("sync.phase.pull", en="Receiving changes", zh="接收更新"),
    "download": Text("sync.phase.download", en="Downloading photos and files", zh="下载照片和文件"),
}
_PHASE_UNKNOWN = Text("sync.phase.other", en="Syncing ({phase})", zh="同步中（{phase}）")


def phase_text(phase: str, lang: str | None) -> str:
    text = PHASE_TEXTS.get(phase)
    return text.render(lang) if text is not None else _PHASE_UNKNOWN.render(lang, phase=phase)


def human_bytes(n: int) -> str:
    """1 234 567 -> ``1.2 MB``: the unit is the same in both languages."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


_PROGRESS_ITEMS = Text("sync.progress.items", en="{phase}: {done}", zh="{phase}：{done}")
_PROGRESS_OF = Text(
    "sync.progress.of", en="{phase}: {done} of {total}", zh="{phase}：{done}/{total}"
)
_PROGRESS_BYTES = Text(
    "sync.progress.bytes", en="{items} · {done} of {total}", zh="{items} · {done}/{total}"
)


def progress_text(progress: Progress, lang: str | None) -> str:
    """``Uploading photos and files: 2 · 1.2 MB of 3.4 MB``: items, and bytes when known."""
    phase = phase_text(progress.phase, lang)
    if progress.items_total is None:
        items = _PROGRESS_ITEMS.render(lang, phase=phase, done=progress.items_done)
    else:
        items = _PROGRESS_OF.render(
            lang, phase=phase, done=progress.items_done, total=progress.items_total
        )
    if progress.bytes_total:
        return _PROGRESS_BYTES.render(
            lang,
            items=items,
            done=human_bytes(progress.bytes_done),
            total=human_bytes(progress.bytes_total),
        )
    return items


# -- the server's reasons for refusing a change ------------------------------------------

_FORBIDDEN = Text(
    "sync.reason.forbidden",
    en="You may not change this record (it belongs to another team, or your role may not "
    "edit it). Your version is kept here.",
    zh="您无权修改这条记录（它属于其他小组，或您的角色不能修改它）。您的版本仍保留在本机。",
)
_MISSING_BLOB = Text(
    "sync.reason.missing_blob",
    en="A photo or file it names is missing on this laptop ({sha}).",
    zh="它引用的照片或文件在本机缺失（{sha}）。",
)
_OP_REUSED = Text(
    "sync.reason.op_reused",
    en="The server already holds a different change under the same id.",
    zh="服务器上已有同一编号的另一项更改。",
)
_BLOB_REFUSED = Text(
    "sync.reason.blob_refused",
    en="the server will not take a file it names (blob_refused: {detail})",
    zh="服务器不接收它引用的文件（blob_refused：{detail}）",
)
_SERVER_SAID = Text("sync.reason.other", en="The server said: {reason}", zh="服务器说明：{reason}")


def reason_text(reason: str | None, lang: str | None) -> str:
    """A rejection reason from the server in the user's language (unknown ones quoted)."""
    reason = reason or ""
    if reason == REASON_FORBIDDEN:
        return _FORBIDDEN.render(lang)
    if reason.startswith(MISSING_BLOB_PREFIX):
        return _MISSING_BLOB.render(lang, sha=reason[len(MISSING_BLOB_PREFIX) :][:12])
    if reason == REASON_OP_ID_REUSED:
        return _OP_REUSED.render(lang)
    if reason.startswith(BLOB_REFUSED_PREFIX):
        return _BLOB_REFUSED.render(lang, detail=reason[len(BLOB_REFUSED_PREFIX) :])
    return _SERVER_SAID.render(lang, reason=reason)


# -- the report ----------------------------------------------------------------------------

_UNREACHABLE = Text(
    "sync.report.unreachable",
    en="Server unreachable: {detail}",
    zh="无法连接服务器：{detail}",
)
_SENT = Text(
    "sync.report.sent",
    en="Sent {applied} change(s){duplicates}, {blobs} file(s) ({bytes}), {audit} audit "
    "event(s); received {pulled} change(s), {downloaded} file(s).",
    zh="已上传 {applied} 项更改{duplicates}、{blobs} 个文件（{bytes}）、{audit} 条执法记录；"
    "已接收 {pulled} 项更新、{downloaded} 个文件。",
)
_DUPLICATES = Text(
    "sync.report.duplicates", en=" ({n} already there)", zh="（其中 {n} 项服务器已有）"
)
_NUMBERS = Text(
    "sync.report.numbers",
    en="Asked for {n} new document-number block(s).",
    zh="已申请 {n} 个新的文书编号段。",
)
_KEPT_LOCAL = Text(
    "sync.report.kept_local",
    en="{n} local edit(s) kept over server versions (not yet sent).",
    zh="{n} 项本机修改尚未上传，暂时保留本机版本。",
)
_FLAGGED = Text(
    "sync.report.flagged",
    en="{n} task(s) were cancelled or reassigned on the server; the work done here is kept "
    "and still uploaded.",
    zh="{n} 个任务已在服务器上取消或改派；本机已做的工作会保留并照常上传。",
)
_REJECTED = Text(
    "sync.report.rejected",
    en="{n} change(s) refused by the server:",
    zh="{n} 项更改被服务器拒绝：",
)
_CONFLICTS = Text(
    "sync.report.conflicts",
    en="{n} record(s) in conflict: both versions are kept; open them and pick one.",
    zh="{n} 条记录存在冲突：两个版本都已保留，请打开并选择其一。",
)
_AUDIT = Text(
    "sync.report.audit",
    en="The server flagged this device's audit trail: {verdict}",
    zh="服务器发现本机的执法全过程记录有问题：{verdict}",
)
_PENDING = Text(
    "sync.report.pending",
    en="{n} change(s) still waiting to be sent.",
    zh="还有 {n} 项更改等待上传。",
)
_REFUSED_STEP = Text(
    "sync.report.refused_step", en="The server refused the {step}", zh="服务器拒绝了{step}"
)
_DETACH_HINT = Text(
    "sync.report.detach_hint",
    en="  A file the server refused keeps back only the changes naming it; everything else "
    "was sent. Detach that photo from its item (attach a smaller one if it is needed) and "
    "sync again.",
    zh="  服务器拒收的文件只会暂缓引用它的改动，其余改动均已上传。请从检查项目上移除该照片"
    "（如有需要，添加一张较小的照片）后再同步。",
)
_HELD_BACK = Text(
    "sync.report.held_back",
    en="Not yet up to date: the server is still writing changes for you (a long import or "
    "draw); sync again in a minute.",
    zh="尚未完全同步：服务器仍在写入与您有关的更改（例如大批量导入或抽取），请一分钟后再同步。",
)
_CANCELLED = Text(
    "sync.report.cancelled",
    en="Sync was cancelled; run it again to finish.",
    zh="同步已取消，请再次同步以完成。",
)
_UP_TO_DATE = Text("sync.report.up_to_date", en="Everything is up to date.", zh="全部已是最新。")


def report_lines(report: SyncReport, lang: str | None) -> list[str]:
    """What ``SyncReport.summary()`` says, line by line, in ``lang``."""
    r = report
    lines: list[str] = []
    if r.unreachable is not None:
        lines.append(_UNREACHABLE.render(lang, detail=r.unreachable))
    duplicates = _DUPLICATES.render(lang, n=r.duplicates) if r.duplicates else ""
    lines.append(
        _SENT.render(
            lang,
            applied=r.applied,
            duplicates=duplicates,
            blobs=r.blobs_uploaded,
            bytes=human_bytes(r.bytes_uploaded),
            audit=r.audit_events_pushed,
            pulled=r.pulled,
            downloaded=r.blobs_downloaded,
        )
    )
    if r.numbers_requested:
        lines.append(_NUMBERS.render(lang, n=r.numbers_requested))
    if r.kept_local:
        lines.append(_KEPT_LOCAL.render(lang, n=r.kept_local))
    if r.flagged_tasks:
        lines.append(_FLAGGED.render(lang, n=len(r.flagged_tasks)))
    lines.extend(_REFUSED_STEP.render(lang, step=step) for step in r.refused_steps)
    if r.waiting_rejected:
        lines.append(_REJECTED.render(lang, n=r.waiting_rejected))
        lines.extend(
            f"  {x.entity} {x.entity_id}: {reason_text(x.reason, lang)}" for x in r.rejected[:10]
        )
        if any(x.reason.startswith(BLOB_REFUSED_PREFIX) for x in r.rejected):
            lines.append(_DETACH_HINT.render(lang))
    if r.open_conflicts:
        lines.append(_CONFLICTS.render(lang, n=r.open_conflicts))
    if r.audit_verdict:
        lines.append(_AUDIT.render(lang, verdict=r.audit_verdict))
    if r.pending:
        lines.append(_PENDING.render(lang, n=r.pending))
    if r.cancelled:
        lines.append(_CANCELLED.render(lang))
    if r.held_back and not r.cancelled:
        lines.append(_HELD_BACK.render(lang))
    if r.exit_code == 0:
        lines.append(_UP_TO_DATE.render(lang))
    return lines


__all__ = [
    "PHASE_TEXTS",
    "human_bytes",
    "phase_text",
    "progress_text",
    "reason_text",
    "report_lines",
]
