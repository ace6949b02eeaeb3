"""Sign in and out, unlock offline, sync, settle conflicts: the door to sync for UI and CLI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from inspector_app.domain.entities import Inspector, Role
from inspector_app.services._guards import FIELD_PASSWORD, FIELD_USER, check_text
from inspector_app.services.changes import Changes
from inspector_app.services.errors import InvalidInput, InvalidState, NotFound, ServiceError
from inspector_app.services.messages import Text
from inspector_app.services.profile import Profile
from inspector_app.services.unlock import (
    NEVER_SIGNED_IN,
    WRONG_PASSWORD,
    SignInRequired,
    unlock_offline,
)
from inspector_app.store.models import ConflictRow, ItemResultRow
from inspector_app.store.reviews import set_led_teams
from inspector_app.store.sync_records import conflicts_for, has_pending_edit, open_conflicts
from inspector_app.sync.client import (
    ClientSettings,
    DeviceTaken,
    NotSignedIn,
    ProtocolMismatch,
    RequestRefused,
    ServerUnreachable,
    SyncError,
    Throttled,
)
from inspector_app.sync.context import SyncTuning
from inspector_app.sync.engine import SyncEngine
from inspector_app.sync.protocol import UserPublic
from inspector_app.sync.report import CancelFlag, ProgressCallback, SyncReport

__all__ = [
    "NEVER_SIGNED_IN",
    "WRONG_PASSWORD",
    "Offline",
    "SignInRequired",
    "SyncReport",
    "list_conflicts",
    "login",
    "logout",
    "resolve_conflict",
    "sync",
    "sync_engine",
    "unlock_offline",
]


OTHER_ACCOUNT = Text(
    "sync.other_account",
    en="This profile belongs to {owner}. Sign in as {username} with another profile folder "
    "(--profile).",
    zh="此配置属于 {owner}。请用另一个配置文件夹以 {username} 登录（--profile）。",
)
WRONG_CREDENTIALS = Text(
    "sync.wrong_credentials",
    en="Wrong user name or password.",
    zh="用户名或密码错误。",
)
THROTTLED = Text(
    "sync.throttled",
    en="Too many failed attempts. Wait {wait}, then try again.",
    zh="失败次数过多，请等待 {wait} 后再试。",
)
SYNC_THROTTLED = Text(
    "sync.throttled_sync",
    en="The server asks to wait before syncing again: {detail}.",
    zh="服务器要求稍后再同步：{detail}。",
)
SYNC_STOPPED = Text(
    "sync.stopped",
    en="Sync stopped ({detail}). Nothing is lost: every change stays queued.",
    zh="同步已停止（{detail}）。数据没有丢失：所有改动仍在待上传队列中。",
)
DEVICE_TAKEN = Text(
    "sync.device_taken",
    en="The server has this laptop's device id ({device_id}) registered to another account, "
    "and this profile holds work recorded under it. Ask an administrator to run: "
    "inspector-server reassign-device {device_id} --to {username}",
    zh="服务器上本机的设备编号（{device_id}）已登记在另一个账号名下，而本档案中有以该设备记录的"
    "工作。请管理员运行：inspector-server reassign-device {device_id} --to {username}",
)
A_WHILE = Text("sync.a_while", en="a while", zh="一段时间")
SECONDS = Text("sync.seconds", en="{n} s", zh="{n} 秒")
# The sync client's English messages are whole sentences already: English shows them as
# they are, Chinese says the same in its words with the client's detail beside.
OFFLINE = Text(
    "sync.offline",
    en="{detail}",
    zh="无法连接服务器。工作已保存在本机，网络恢复后再同步即可。（{detail}）",
)
PROTOCOL = Text(
    "sync.protocol",
    en="{detail}",
    zh="服务器不支持此版本的现场检查。请更新本程序，或询问信息技术人员服务器需要的版本。（{detail}）",
)
REFUSED = Text(
    "sync.refused",
    en="The server refused the request: {detail}",
    zh="服务器拒绝了请求：{detail}",
)
NOBODY_TO_SYNC = Text(
    "sync.nobody",
    en="No one has signed in on this profile yet; sign in to sync.",
    zh="此配置还没有人登录，请先登录再同步。",
)
SIGN_IN_AGAIN = Text(
    "sync.sign_in_again",
    en="Sign in again to sync ({detail}).",
    zh="请重新登录后再同步。（{detail}）",
)
CONFLICT_NOT_OPEN = Text(
    "conflict.not_open",
    en="Conflict {conflict_id} is not open.",
    zh="冲突 {conflict_id} 已不存在或已处理。",
)
CONFLICT_ONLY_RESULTS = Text(
    "conflict.only_results",
    en="Only item results can be settled here yet.",
    zh="目前这里只能处理检查结果的冲突。",
)
CONFLICT_SYNC_FIRST = Text(
    "conflict.sync_first",
    en="Sync once more to fetch the server's version, then pick.",
    zh="请再同步一次以获取服务器上的版本，然后再选择。",
)
CONFLICT_CHANGED_HERE = Text(
    "sync.conflict_changed_here",
    en="This item changed here since the conflict was shown (a change not yet sent, or a "
    "newer version). Sync, then pick among the versions shown then.",
    zh="显示冲突之后，本机又修改了此项目（有尚未上传的改动或更新的版本）。请先同步，再从届时显示的"
    "版本中选择。",
)
CONFLICT_DELETED = Text(
    "conflict.deleted",
    en="That version was deleted; pick the other one.",
    zh="该版本已被删除，请选择另一个版本。",
)
CONFLICT_RESULT_MISSING = Text(
    "conflict.result_missing",
    en="The item result is not in this profile; sync first.",
    zh="本机没有这条检查结果，请先同步。",
)


class Offline(ServiceError):
    """The server cannot be reached now; nothing was lost."""


def client_settings_from_env() -> ClientSettings:
    """``INSPECTOR_CA_BUNDLE`` (a PEM file), ``INSPECTOR_INSECURE_TLS=1`` (never silent)."""
    ca = os.environ.get("INSPECTOR_CA_BUNDLE")
    return ClientSettings(
        ca_bundle=Path(ca) if ca else None,
        insecure_skip_tls_verify=os.environ.get("INSPECTOR_INSECURE_TLS") == "1",
    )


def sync_engine(
    profile: Profile,
    *,
    client_settings: ClientSettings | None = None,
    tuning: SyncTuning | None = None,
    use_keyring: bool | None = None,
) -> SyncEngine:
    return SyncEngine(
        profile.db,
        profile.blobs,
        profile.device_id,
        profile.folder,
        client_settings=client_settings or client_settings_from_env(),
        tuning=tuning,
        use_keyring=use_keyring,
    )


def _inspector(user: UserPublic) -> Inspector:
    return Inspector(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        badge_no=user.badge_no or "",
        department_code=user.department_code or "",
        role=Role(user.role) if user.role in Role._value2member_map_ else Role.INSPECTOR,
    )


def login(
    profile: Profile,
    server_url: str,
    username: str,
    password: str,
    *,
    device_name: str | None = None,
    **engine: Any,
) -> Inspector:
    """Sign in to ``server_url``; the profile then belongs to this account."""
    if profile.user is not None and profile.user.username != username:
        raise InvalidState(OTHER_ACCOUNT, owner=profile.user.username, username=username)
    check_text(username, FIELD_USER)
    check_text(password, FIELD_PASSWORD)
    eng = sync_engine(profile, **engine)
    try:
        try:
            user = eng.login(server_url, username, password, device_name)
        except DeviceTaken:
            # The server has this profile's device id registered to someone else (a
            # copied profile folder): a profile with nothing of its own takes a new id.
            old = eng
            if not profile.renew_device_id():
                raise
            old.forget_secrets()
            eng = sync_engine(profile, **engine)
            user = eng.login(server_url, username, password, device_name)
    except DeviceTaken:
        raise ServiceError(DEVICE_TAKEN, device_id=profile.device_id, username=username) from None
    except NotSignedIn:
        raise InvalidInput(WRONG_CREDENTIALS) from None
    except Throttled as exc:
        wait = A_WHILE if exc.retry_after is None else SECONDS.bind(n=round(exc.retry_after))
        raise InvalidInput(THROTTLED, wait=wait) from None
    except ServerUnreachable as exc:
        raise Offline(OFFLINE, detail=str(exc)) from None
    except ProtocolMismatch as exc:
        raise ServiceError(PROTOCOL, detail=str(exc)) from None
    except RequestRefused as exc:
        raise ServiceError(REFUSED, detail=str(exc)) from None
    inspector = _inspector(user)
    profile.set_user(inspector)
    with profile.db.write() as s:  # the review queue and co-review check them offline
        set_led_teams(s, user.led_teams)
    # Numbers for the documents this officer's agency issues, so the next sync brings
    # blocks of them before the officer goes out (numbers are taken offline on site).
    from inspector_app.services.number_needs import register_number_needs

    register_number_needs(profile)
    return inspector


def logout(profile: Profile, **engine: Any) -> bool:
    """Forget this laptop's token (True if the server was told too). Work stays queued."""
    return sync_engine(profile, **engine).logout()


def sync(
    profile: Profile,
    progress: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    **engine: Any,
) -> SyncReport:
    """Push what waits here, pull what is new there. An unreachable server is reported
    in the result (``report.unreachable``), not raised: nothing is lost either way."""
    if profile.user is None:
        raise SignInRequired(NOBODY_TO_SYNC)
    user = profile.user
    eng = sync_engine(profile, **engine)
    # Imported here: co_review builds on this module (sign-in, offline unlock).
    from inspector_app.services.co_review import sync_co_reviews

    try:
        report = eng.sync(user.id, progress=progress, cancel=cancel)
        # A lead's on-site co-reviews go up after this profile's own changes (the
        # submission they review first), with the lead's own session.
        return sync_co_reviews(profile, report, **engine)
    except NotSignedIn as exc:
        raise SignInRequired(SIGN_IN_AGAIN, detail=str(exc)) from None
    except Throttled as exc:
        raise ServiceError(SYNC_THROTTLED, detail=str(exc)) from None
    except SyncError as exc:  # ProtocolMismatch, a refusal outside any one step
        raise ServiceError(SYNC_STOPPED, detail=str(exc)) from None


def list_conflicts(profile: Profile) -> list[ConflictRow]:
    with profile.db.session() as s:
        return list(open_conflicts(s))


def resolve_conflict(
    profile: Profile, conflict_id: int, keep: Literal["local", "remote"]
) -> Changes:
    """Pick one version of an item result in conflict; the pick goes to the server as a new
    change on its current rev that settles every sibling of the record."""
    user = profile.require_user()
    with profile.db.action(actor=user.id, device_id=profile.device_id) as act:
        s = act.session
        conflict = s.get(ConflictRow, conflict_id)
        if conflict is None or conflict.resolved:
            raise NotFound(CONFLICT_NOT_OPEN, conflict_id=conflict_id)
        if conflict.entity != "item_result":
            raise InvalidState(CONFLICT_ONLY_RESULTS)
        server = conflict.remote if conflict.remote.get("rev") is not None else conflict.local
        if server.get("data") is None:
            raise InvalidState(CONFLICT_SYNC_FIRST)
        chosen = (conflict.local if keep == "local" else conflict.remote).get("data")
        if chosen is None:
            raise InvalidState(CONFLICT_DELETED)
        rev = int(server["rev"])
        # The pick replaces what the server holds at ``rev``: it must be what the
        # person is shown. A change made here and not yet sent, or a newer version
        # this laptop already holds, is not among the versions shown and would be
        # replaced unseen; after a sync it is.
        held = s.get(ItemResultRow, conflict.entity_id)
        if has_pending_edit(s, conflict.entity, conflict.entity_id) or (
            held is not None and held.base_rev is not None and held.base_rev > rev
        ):
            raise InvalidState(CONFLICT_CHANGED_HERE)
        siblings = [
            c.local.get("sibling") or c.remote.get("sibling")
            for c in conflicts_for(s, conflict.entity, conflict.entity_id)
            if not c.resolved
        ]
        from inspector_app.store.codec import item_result_from_json

        result = item_result_from_json(chosen)
        row = s.get(ItemResultRow, conflict.entity_id)
        if row is None:
            raise NotFound(CONFLICT_RESULT_MISSING)
        row.outcome = result.outcome.value
        row.note = result.note
        row.measurements = dict(result.measurements)
        row.evidence = list(result.evidence)
        row.corrected_on_site = result.corrected_on_site
        row.deadline = result.deadline
        row.rev += 1
        row.base_rev = rev
        row.dirty = True
        for c in conflicts_for(s, conflict.entity, conflict.entity_id):
            c.resolved = True
        act.record(
            "item_result",
            conflict.entity_id,
            rev,
            {**chosen, "resolves": [x for x in siblings if x]},
            action="resolve_conflict",
            audit={"kept": keep, "conflict": conflict_id},
        )
        task_id = row.task_id
    return Changes(
        tasks=frozenset({task_id}), item_results=frozenset({conflict.entity_id}), outbox=True
    )
