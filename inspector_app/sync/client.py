"""The HTTP side of sync: one ``requests.Session`` speaking protocol v1 to one server.

* every call has a timeout, and a transfer that stops moving is cut after
  ``stall_timeout`` seconds (no byte sent or received in that time), not after the
  whole request's read timeout: a link that goes silent without a reset (a NAT
  entry or a middlebox that forgot the connection) costs seconds, not a minute;
  the call is then asked again with a longer wait for the answer (a busy server
  thinks, a dead link never answers), up to the read timeout;
* TLS certificates are verified; a custom CA bundle may be named; turning
  verification off must be asked for explicitly, is logged as a warning on every
  client made, and is visible as :attr:`SyncClient.insecure` for the UI to show;
* ``X-Inspector-Protocol: 1`` on every request; 426 becomes :class:`ProtocolMismatch`;
* push bodies above a threshold are gzipped (a server that cannot read them gets
  the same body again uncompressed, which is safe: push is idempotent by op_id);
* network errors and 5xx are retried with exponential back-off by urllib3's
  ``Retry``; a 4xx never is;
* the bearer token lives only in the session's headers: it is never logged, and
  it is left out of every error message.
"""

from __future__ import annotations

import gzip
import json
import logging
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from inspector_app.sync.protocol import (
    API_PREFIX,
    CONTENT_RANGE_HEADER,
    DEVICE_TAKEN_STATUS,
    GZIP_ENCODING,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    UPLOAD_OFFSET_HEADER,
    LoginResponse,
    PullResponse,
    PushResponse,
)

log = logging.getLogger(__name__)

RETRY_STATUSES = (500, 502, 503, 504)


class SyncError(Exception):
    """Base of everything sync can raise; the message says what to do next."""


class ServerUnreachable(SyncError):
    """No answer (DNS, refused, reset, timeout, 5xx after retries): nothing is lost, try later."""


class ProtocolMismatch(SyncError):
    """The server cannot serve this app's protocol version (426)."""


class NotSignedIn(SyncError):
    """401: the token is missing, expired, revoked, or the credentials are wrong."""


class Throttled(SyncError):
    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RequestRefused(SyncError):
    """Another 4xx: the server understood and said no."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class DeviceTaken(RequestRefused):
    """Sign-in refused: this device id is registered to another user on the server."""


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """How to talk to the server. ``verify`` is True (system CAs), or the path of a CA
    bundle; ``insecure_skip_tls_verify`` is the only way to switch checking off."""

    timeout: tuple[float, float] = (10.0, 60.0)  # connect, read (seconds)
    # No byte moving for this long (seconds) cuts a transfer; it is resumed (blob
    # uploads, from where the server's copy stops) or asked again.
    stall_timeout: float = 10.0
    # Bytes an upload may hand the operating system ahead of the network, so that
    # "handed over" is close to "moving" and a stall shows within stall_timeout.
    upload_buffer: int = 256 * 1024
    retries: int = 4
    backoff: float = 0.5  # 0.5, 1, 2, 4 s … between retries
    backoff_max: float = 15.0
    gzip_threshold: int = 16 * 1024
    ca_bundle: Path | None = None
    insecure_skip_tls_verify: bool = False
    blob_chunk: int = 64 * 1024  # read size while streaming a blob up
    user_agent: str = "FieldInspector-sync/1"


def _detail(response: requests.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, str):
        return detail
    if detail is not None:
        return json.dumps(detail, ensure_ascii=False)[:300]
    return (response.text or response.reason or "")[:300]


class _CountingReader:
    """A file-like body that reads ``length`` bytes from ``source`` and counts what went out.

    ``__len__`` lets requests send a Content-Length and stream instead of chunking.
    """

    def __init__(
        self, source: BinaryIO, length: int, on_bytes: Callable[[int], None] | None
    ) -> None:
        self._source = source
        self._left = length
        self._len = length
        self._on_bytes = on_bytes

    def __len__(self) -> int:
        return self._len

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        if size is None or size < 0 or size > self._left:
            size = self._left
        data = self._source.read(size)
        self._left -= len(data)
        if data and self._on_bytes is not None:
            self._on_bytes(len(data))
        return data


class _Retry(Retry):
    """urllib3's retries, except that a read timeout is handed back to :class:`SyncClient`,
    which asks again allowing the server longer to answer (see ``_answer_waits``)."""

    def increment(
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ):  # type: ignore[no-untyped-def] # noqa: E501
        if isinstance(error, ReadTimeoutError):
            raise error
        return super().increment(method, url, response, error, _pool, _stacktrace)


class _Adapter(HTTPAdapter):
    """An adapter whose connections get extra socket options (a bounded send buffer)."""

    def __init__(self, *, socket_options: list[tuple[int, int, int]] | None = None, **kw: Any):
        self._socket_options = socket_options
        super().__init__(**kw)

    def init_poolmanager(self, *args: Any, **pool_kwargs: Any) -> None:
        if self._socket_options is not None:
            pool_kwargs["socket_options"] = self._socket_options
        super().init_poolmanager(*args, **pool_kwargs)


class SyncClient:
    """One server. Not thread-safe: one sync at a time per client (like a Session)."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        settings: ClientSettings | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.settings = settings or ClientSettings()
        self._gzip_ok = True
        self.http = requests.Session()
        self.http.headers[PROTOCOL_HEADER] = str(PROTOCOL_MAX)
        self.http.headers["User-Agent"] = self.settings.user_agent
        self.http.headers["Accept-Encoding"] = "gzip"
        if self.settings.insecure_skip_tls_verify:
            # Deliberately loud: this is only for a test server with a self-made certificate.
            log.warning(
                "TLS certificate checking is OFF for %s (setting insecure_skip_tls_verify); "
                "anyone on the network can read and change what is synced",
                self.base_url,
            )
            self.http.verify = False
        elif self.settings.ca_bundle is not None:
            self.http.verify = str(self.settings.ca_bundle)
        else:
            self.http.verify = True
        retry = _Retry(
            total=self.settings.retries,
            connect=self.settings.retries,
            read=self.settings.retries,
            status=self.settings.retries,
            other=0,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,  # every call here is idempotent (push by op_id)
            backoff_factor=self.settings.backoff,
            backoff_max=self.settings.backoff_max,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=4)
        self.http.mount("http://", adapter)
        self.http.mount("https://", adapter)
        # Blob bodies are streams that cannot be replayed: no transparent retry, the
        # engine resumes them through HEAD instead. Their send buffer is bounded, so a
        # silent link shows as a send that stops, not as megabytes "sent" into buffers.
        self._no_retry = _Adapter(
            max_retries=Retry(total=0, raise_on_status=False),
            socket_options=[
                *HTTPConnection.default_socket_options,
                (socket.SOL_SOCKET, socket.SO_SNDBUF, self.settings.upload_buffer),
            ],
        )
        self.token: str | None = None
        if token is not None:
            self.set_token(token)

    @property
    def insecure(self) -> bool:
        """True when TLS checking is off: the UI shows it."""
        return self.settings.insecure_skip_tls_verify

    def set_token(self, token: str | None) -> None:
        self.token = token
        if token is None:
            self.http.headers.pop("Authorization", None)
        else:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.http.close()

    # -- plumbing -------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def _answer_waits(self) -> list[float]:
        """How long each attempt waits for a byte of the answer: the stall timeout first,
        then twice as long each time, up to the read timeout."""
        connect, read = self.settings.timeout
        wait = min(self.settings.stall_timeout, read)
        waits = [wait]
        for _ in range(self.settings.retries):
            wait = min(wait * 2, read)
            waits.append(wait)
        return waits

    def _send(self, method: str, path: str, *, retry: bool = True, **kw: Any) -> requests.Response:
        url = self._url(path)
        connect = self.settings.timeout[0]
        stall = min(self.settings.stall_timeout, self.settings.timeout[1])
        try:
            if retry:
                waits = self._answer_waits()
                for n, wait in enumerate(waits):
                    try:
                        response = self.http.request(method, url, timeout=(connect, wait), **kw)
                        break
                    except requests.exceptions.ReadTimeout:
                        if n + 1 == len(waits):
                            raise
                        log.info(
                            "%s %s: nothing came back for %.0f s; asking again", method, path, wait
                        )
            else:
                # A body in flight: a send that cannot hand a block on (urllib3 sends
                # under the connect timeout) or an answer that does not start, for
                # ``stall`` seconds, is a stall.
                request = self.http.prepare_request(requests.Request(method, url, **_only(kw)))
                response = self._no_retry.send(
                    request,
                    timeout=(min(connect, stall), stall),
                    verify=self.http.verify,
                )
        except requests.exceptions.SSLError as exc:
            raise ServerUnreachable(
                f"the server {self.base_url} did not prove who it is (TLS: {_short(exc)}). "
                "Check the address, or ask IT for the server's CA bundle."
            ) from None
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"the server {self.base_url} cannot be reached ({_short(exc)}). "
                "Nothing is lost; sync again when the network is back."
            ) from None
        return self._check(response)

    def _check(self, response: requests.Response) -> requests.Response:
        status = response.status_code
        if status < 400:
            return response
        detail = _detail(response)
        if status == 426:
            raise ProtocolMismatch(
                f"the server cannot serve this app's sync protocol ({detail}). "
                "Update Field Inspector, or ask IT which version the server needs."
            )
        if status == 401:
            raise NotSignedIn(f"sign in again ({detail})")
        if status == 429:
            after = response.headers.get("Retry-After")
            wait = float(after) if after and after.replace(".", "", 1).isdigit() else None
            raise Throttled(f"too many attempts; wait {after or 'a while'} s ({detail})", wait)
        if status >= 500:
            raise ServerUnreachable(
                f"the server had a problem ({status}: {detail}). Nothing is lost; sync again later."
            )
        raise RequestRefused(f"{status}: {detail}", status)

    def _post_json(self, path: str, body: Any) -> requests.Response:
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self._gzip_ok and len(raw) >= self.settings.gzip_threshold:
            try:
                return self._send(
                    "POST",
                    path,
                    data=gzip.compress(raw, compresslevel=5),
                    headers={**headers, "Content-Encoding": GZIP_ENCODING},
                )
            except RequestRefused as exc:
                if exc.status not in (400, 415, 422):
                    raise
                log.info("the server did not take a gzip body (%s); sending plain", exc.status)
                self._gzip_ok = False
        return self._send("POST", path, data=raw, headers=headers)

    # -- the calls ------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        body: dict[str, Any] = self._send("GET", "/health").json()
        return body

    def login(
        self,
        username: str,
        password: str,
        device_id: str,
        device_name: str,
        device_key: str | None = None,
    ) -> LoginResponse:
        body = {
            "username": username,
            "password": password,
            "device_id": device_id,
            "device_name": device_name,
        }
        if device_key is not None:
            body["device_key"] = device_key
        try:
            r = self._post_json("/auth/login", body)
        except RequestRefused as exc:
            if exc.status == DEVICE_TAKEN_STATUS:
                raise DeviceTaken(str(exc), exc.status) from None
            raise
        return LoginResponse.model_validate_json(r.content)

    def logout(self) -> None:
        self._send("POST", "/auth/logout")

    def pull(self, cursor: str | None, limit: int) -> tuple[PullResponse, int]:
        """One page and the bytes it took on the wire (compressed size when gzipped)."""
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        r = self._send("GET", "/sync/pull", params=params)
        wire = int(r.headers.get("Content-Length") or len(r.content))
        # orjson reads a page of thousands of tasks several times faster than pydantic's
        # own JSON parser; pydantic then checks the shape of the parsed page.
        try:
            body = orjson.loads(r.content)
        except orjson.JSONDecodeError as exc:
            raise RequestRefused(f"the server sent a page that is not JSON ({exc})", 502) from None
        return PullResponse.model_validate(body), wire

    def push(self, device_id: str, mutations: Iterable[dict[str, Any]]) -> PushResponse:
        r = self._post_json("/sync/push", {"device_id": device_id, "mutations": list(mutations)})
        return PushResponse.model_validate_json(r.content)

    def _blob_head(self, sha256: str) -> tuple[bool, int]:
        connect = self.settings.timeout[0]
        stall = min(self.settings.stall_timeout, self.settings.timeout[1])
        kw: dict[str, Any] = {"timeout": (connect, stall)}
        try:
            r = self.http.request("HEAD", self._url(f"/blobs/{sha256}"), **kw)
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"the server {self.base_url} cannot be reached ({_short(exc)}). "
                "Nothing is lost; sync again when the network is back."
            ) from None
        if r.status_code == 404:
            offset = r.headers.get(UPLOAD_OFFSET_HEADER, "0")
            return False, int(offset) if offset.isdigit() else 0
        self._check(r)
        return True, 0

    def blob_head(self, sha256: str) -> tuple[bool, int]:
        """(present, bytes of an interrupted upload the server keeps)."""
        return self._blob_head(sha256)

    def blob_put_range(
        self,
        sha256: str,
        source: BinaryIO,
        start: int,
        total: int,
        on_bytes: Callable[[int], None] | None = None,
    ) -> tuple[bool, int]:
        """PUT bytes ``start..total-1`` read from ``source`` (positioned at ``start``).

        Returns (stored, bytes held). Raises ServerUnreachable when the connection
        breaks: the caller asks :meth:`blob_head` where to resume.
        """
        length = total - start
        headers = {
            "Content-Type": "application/octet-stream",
            CONTENT_RANGE_HEADER: f"bytes {start}-{total - 1}/{total}",
        }
        if total == 0:
            headers.pop(CONTENT_RANGE_HEADER)
        body = _CountingReader(source, length, on_bytes)
        try:
            r = self._send("PUT", f"/blobs/{sha256}", data=body, headers=headers, retry=False)
        except RequestRefused as exc:
            if exc.status == 409:
                present, held = self._blob_head(sha256)
                return present, held
            raise
        if r.status_code == 202:
            offset = r.headers.get(UPLOAD_OFFSET_HEADER, "0")
            return False, int(offset) if offset.isdigit() else 0
        return True, total

    def blob_get(self, sha256: str, on_bytes: Callable[[int], None] | None = None) -> bytes:
        """The blob's bytes, read as they arrive (``on_bytes`` counts them), so a slow
        download shows progress and one that stops is cut after ``stall_timeout``."""
        response = self._send("GET", f"/blobs/{sha256}", stream=True)
        parts = []
        try:
            for part in response.iter_content(self.settings.blob_chunk):
                parts.append(part)
                if on_bytes is not None:
                    on_bytes(len(part))
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"the download from {self.base_url} broke off ({_short(exc)}). "
                "Nothing is lost; sync again to fetch the file."
            ) from None
        finally:
            response.close()
        return b"".join(parts)


def _only(kw: dict[str, Any]) -> dict[str, Any]:
    """The keywords ``requests.Request`` takes (the rest go to ``send``)."""
    return {k: v for k, v in kw.items() if k in ("data", "headers", "params", "json")}


def _short(exc: BaseException) -> str:
    """An exception's message without anything that could carry a header value."""
    text = type(exc).__name__
    reason = getattr(exc, "args", ())
    if reason:
        first = str(reason[0])
        # urllib3 messages name the host and path only; keep them short.
        text += f": {first[:200]}"
    return text
