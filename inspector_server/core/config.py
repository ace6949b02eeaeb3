"""Server settings, declared once: environment variables ``INSPECTOR_SERVER_*`` (and CLI options).

Outside demo mode a secret left at its default is refused at start-up, as the
full-stack-fastapi-template does for ``SECRET_KEY``.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from inspector_app.sync.protocol import MAX_BLOB_BYTES

DEFAULT_SECRET = "changethis"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INSPECTOR_SERVER_", extra="ignore")

    data: Path = Field(
        default=Path("server-data"),
        description="Folder for the default SQLite file and the blob store.",
    )
    db: str | None = Field(
        default=None,
        description="Database URL (e.g. postgresql+psycopg://…); overrides the SQLite file.",
    )
    demo: bool = Field(default=False, description="Demo mode: the demo accounts may sign in.")
    secret_key: str = Field(
        default=DEFAULT_SECRET,
        description="Pepper for stored token hashes. Must be set outside demo mode.",
    )
    request_threads: int = Field(
        default=16, ge=1, description="Threads running requests in each server process."
    )
    db_pool_size: int = Field(default=20, ge=1, description="PostgreSQL connections kept open.")
    db_max_overflow: int = Field(default=30, ge=0, description="Extra connections under load.")
    db_pool_timeout_s: float = Field(default=30, gt=0, description="Wait for a free connection.")
    max_blob_bytes: int = Field(
        default=MAX_BLOB_BYTES,
        gt=0,
        description="Largest blob; the protocol's limit, which clients also apply at import.",
    )
    token_lifetime_hours: float = Field(
        default=24 * 14, gt=0, description="Bearer tokens expire this long after login."
    )
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=64)
    pull_limit_max: int = Field(default=1000, ge=1)
    # Login throttling (see services/throttle.py for why these three limits).
    login_window_s: int = Field(default=15 * 60, gt=0, description="Failures older are forgotten.")
    login_pair_free: int = Field(default=5, ge=1, description="Free failures per user+address.")
    login_pair_cap_s: int = Field(default=300, ge=1, description="Longest user+address wait.")
    login_user_free: int = Field(
        default=20, ge=1, description="Free failures per user, any address."
    )
    login_user_cap_s: int = Field(default=60, ge=1, description="Longest wait per user.")
    login_address_free: int = Field(default=30, ge=1, description="Free failures per address.")
    login_address_cap_s: int = Field(default=300, ge=1, description="Longest wait per address.")
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses or networks (CIDR) of the reverse proxies "
        "whose X-Forwarded-For names the client. Empty: the header is ignored, and the "
        "client is the connection's peer.",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        for entry in _split(value):
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"INSPECTOR_SERVER_TRUSTED_PROXIES: {entry!r} is not an IP address or "
                    "network (e.g. 10.0.0.5 or 10.0.0.0/24)"
                ) from None
        return value

    @property
    def trusted_proxy_list(self) -> list[str]:
        return _split(self.trusted_proxies)

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if not self.demo and self.secret_key == DEFAULT_SECRET:
            raise ValueError(
                "INSPECTOR_SERVER_SECRET_KEY is still the default 'changethis'; set it to a "
                "long random value (e.g. python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'), or run in demo mode "
                "(INSPECTOR_SERVER_DEMO=1)"
            )
        return self

    @property
    def database_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{(self.data / 'server.sqlite3').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data / "blobs"
