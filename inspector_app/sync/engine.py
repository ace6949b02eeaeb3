"""The sync engine: sign in and out, unlock offline, and one sync run.

A run, in order: ask for document-number blocks that run low (local only), push
the outbox (blobs first), push the audit chain, pull, fetch files. Any step may
find the server gone: the run stops there and says so; everything done so far is
committed, everything not done is still queued, and the next run carries on.
"""

from __future__ import annotations

import json
import logging
import socket
import uuid
from datetime import UTC, datetime
from pathlib import Path

from inspector_app.store import BlobStore, Database
from inspector_app.store.models import NumberBlockRow, OutboxRow
from inspector_app.store.repositories import delete_state, get_state, set_state
from inspector_app.store.sync_records import (
    count_by_state,
    numbers_left,
    open_conflict_count,
    rejected_rows,
)
from inspector_app.sync.client import (
    ClientSettings,
    NotSignedIn,
    RequestRefused,
    ServerUnreachable,
    SyncClient,
)
from inspector_app.sync.context import SyncRun, SyncTuning
from inspector_app.sync.credentials import (
    DEVICE_KEY,
    TokenStore,
    check_password,
    password_verifier,
    token_store,
)
from inspector_app.sync.protocol import UserPublic
from inspector_app.sync.pull import download_blobs, pull_changes
from inspector_app.sync.push import check_audit_chain, push_audit, push_outbox
from inspector_app.sync.report import CancelFlag, ProgressCallback, RejectedItem, SyncReport

log = logging.getLogger(__name__)

SERVER_KEY = "server_url"
USERNAME_KEY = "server_username"
VERIFIER_KEY = "offline_verifier"
NEEDS_KEY = "number_needs"
LAST_SYNC_KEY = "last_sync"

NumberNeed = tuple[str, str, int]  # agency_code, kind, year


class SyncEngine:
    """One profile's sync. ``folder`` is the profile folder (for the token file fallback)."""

    def __init__(
        self,
        db: Database,
        blobs: BlobStore,
        device_id: str,
        folder: Path,
        *,
        client_settings: ClientSettings | None = None,
        tuning: SyncTuning | None = None,
        use_keyring: bool | None = None,
    ) -> None:
        self.db = db
        self.blobs = blobs
        self.device_id = device_id
        self.folder = Path(folder)
        self.client_settings = client_settings or ClientSettings()
        self.tuning = tuning or SyncTuning()
        self.tokens: TokenStore = token_store(self.folder, device_id, use_keyring=use_keyring)
        self.device_keys: TokenStore = token_store(
            self.folder, device_id, use_keyring=use_keyring, name=DEVICE_KEY
        )

    # -- the account ----------------------------------------------------------------------

    @property
    def server_url(self) -> str | None:
        with self.db.session() as s:
            return get_state(s, SERVER_KEY)

    def client(self, server_url: str | None = None) -> SyncClient:
        url = server_url or self.server_url
        if url is None:
            raise NotSignedIn("this profile has never signed in; sign in with a server address")
        return SyncClient(url, token=self.tokens.get(), settings=self.client_settings)

    def login(
        self, server_url: str, username: str, password: str, device_name: str | None = None
    ) -> UserPublic:
        """Sign in; keep the token and the device key (keyring or 0600 file) and an
        offline verifier. Raises DeviceTaken when the server has this device id
        registered to another user."""
        client = SyncClient(server_url, settings=self.client_settings)
        try:
            answer = client.login(
                username,
                password,
                self.device_id,
                device_name or _hostname(),
                device_key=self.device_keys.get(),
            )
        finally:
            client.close()
        self.tokens.set(answer.access_token)
        if answer.device_key is not None:
            self.device_keys.set(answer.device_key)
        verifier = password_verifier(password)
        with self.db.write() as s:
            set_state(s, SERVER_KEY, server_url.rstrip("/"))
            set_state(s, USERNAME_KEY, username)
            set_state(s, VERIFIER_KEY, verifier)
        log.info(
            "signed in to %s as %s (token kept in %s)", server_url, username, self.tokens.where
        )
        return answer.user

    def logout(self) -> bool:
        """Forget the token here; tell the server when it can be reached (False if not).

        The offline verifier stays, so the profile can still be opened on site.
        """
        told = False
        token = self.tokens.get()
        url = self.server_url
        if token is not None and url is not None:
            client = SyncClient(url, token=token, settings=self.client_settings)
            try:
                client.logout()
                told = True
            except (ServerUnreachable, NotSignedIn) as exc:
                log.warning("could not tell the server about signing out: %s", exc)
            finally:
                client.close()
        self.tokens.delete()
        return told

    def forget_secrets(self) -> None:
        """Drop this device id's token and device key (the profile takes a new id)."""
        self.tokens.delete()
        self.device_keys.delete()

    def signed_in(self) -> bool:
        return self.tokens.get() is not None

    def unlock_offline(self, username: str, password: str) -> bool:
        """True when ``password`` is the last one that signed ``username`` in here."""
        with self.db.session() as s:
            verifier = get_state(s, VERIFIER_KEY)
            stored_user = get_state(s, USERNAME_KEY)
        if verifier is None or stored_user != username:
            return False
        return check_password(verifier, password)

    # -- document-number blocks -----------------------------------------------------------

    def want_numbers(self, agency_code: str, kind: str, year: int) -> None:
        """Remember to keep numbers of this agency, kind and year at hand."""
        with self.db.write() as s:
            needs = _needs(get_state(s, NEEDS_KEY))
            needs.add((agency_code, kind, year))
            set_state(s, NEEDS_KEY, json.dumps(sorted(needs), ensure_ascii=False))

    def request_number_blocks(self, user_id: str, now: datetime | None = None) -> int:
        """Queue a ``number_block`` request for every need running low; return how many.

        One request at a time per need: a request already queued, or answered but
        not yet pulled down, counts as numbers on their way.
        """
        year = (now or datetime.now(UTC)).year
        asked = 0
        with self.db.write() as s:
            needs = _needs(get_state(s, NEEDS_KEY))
            for block in s.query(NumberBlockRow).all():
                needs.add((block.agency_code, block.kind, year))
            outstanding = {
                (r.data.get("agency_code"), r.data.get("kind"), r.data.get("year"))
                for r in s.query(OutboxRow).filter(OutboxRow.entity == "number_block")
                if r.state in ("pending", "applied", "duplicate")
                and s.get(NumberBlockRow, r.entity_id) is None
            }
        for agency, kind, y in sorted(needs):
            if (agency, kind, y) in outstanding:
                continue
            with self.db.session() as s:
                left = numbers_left(s, agency, kind, y)
            if left >= self.tuning.number_threshold:
                continue
            with self.db.action(actor=user_id, device_id=self.device_id) as act:
                act.record(
                    "number_block",
                    str(uuid.uuid4()),
                    None,
                    {
                        "agency_code": agency,
                        "kind": kind,
                        "year": y,
                        "size": self.tuning.number_block_size,
                    },
                    action="request_number_block",
                    audit={"numbers_left": left},
                )
            asked += 1
        return asked

    # -- one run --------------------------------------------------------------------------

    def sync(
        self,
        user_id: str,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> SyncReport:
        """Push, then pull. Raises NotSignedIn (401) and ProtocolMismatch (426);
        an unreachable server ends the run with ``report.unreachable`` set."""
        client = self.client()
        if client.token is None:
            client.close()
            raise NotSignedIn("no sign-in token on this laptop; sign in again")
        run = SyncRun(
            db=self.db,
            blobs=self.blobs,
            client=client,
            device_id=self.device_id,
            user_id=user_id,
            tuning=self.tuning,
            progress=progress,
            cancel=cancel,
        )
        try:
            run.report.numbers_requested = self.request_number_blocks(user_id)
            run.emit("numbers", run.report.numbers_requested, run.report.numbers_requested)
            for name, step in _STEPS:
                if run.cancelled():
                    break
                try:
                    step(run)
                except RequestRefused as exc:
                    # The server said no to this step as a whole (not to one item, which
                    # the step handles): say so, keep what is done, and go on, so that a
                    # refused push still lets the pull bring what waits on the server.
                    log.error("sync: the server refused the %s: %s", name, exc)
                    run.report.refused_steps.append(f"{name}: {exc}")
        except ServerUnreachable as exc:
            run.report.unreachable = str(exc)
            log.warning("sync stopped: %s", exc)
        finally:
            client.close()
        self._finish(run.report)
        return run.report

    def _finish(self, report: SyncReport) -> None:
        with self.db.write() as s:
            states = count_by_state(s)
            report.pending = states.get("pending", 0)
            report.waiting_rejected = states.get("rejected", 0)
            report.open_conflicts = open_conflict_count(s)
            known = {r.op_id for r in report.rejected}
            report.rejected.extend(
                RejectedItem(r.op_id, r.entity, r.entity_id, r.reason or "")
                for r in rejected_rows(s)
                if r.op_id not in known
            )
            if report.audit_verdict is None:
                report.audit_verdict = get_state(s, "audit_verdict")
            if report.up_to_date:
                set_state(s, LAST_SYNC_KEY, datetime.now(UTC).isoformat())

    def reset_cursor(self) -> None:
        """Pull everything again from the start on the next run (repairs, tests)."""
        with self.db.write() as s:
            delete_state(s, "pull_cursor")


_STEPS = (
    ("check of the audit trail", check_audit_chain),
    ("upload of changes", push_outbox),
    ("upload of the audit trail", push_audit),
    ("download of changes", pull_changes),
    ("download of files", download_blobs),
)


def _needs(text: str | None) -> set[tuple[str, str, int]]:
    if not text:
        return set()
    return {(a, k, int(y)) for a, k, y in json.loads(text)}


def _hostname() -> str:
    try:
        return socket.gethostname()[:200]
    except OSError:
        return "laptop"


__all__ = ["NumberNeed", "SyncEngine"]
