"""One configuration object per process, read from the environment (prefix UKE8_).

Every variable is listed in the README; keep the two in step.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """var/ in a checkout; an installed wheel has no project directory (PROJECT_ROOT is then
    site-packages, no place for a database), so the user's data directory (XDG) instead."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "uke8"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="UKE8_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir, description="Where the embedded database and generated secrets live; default var/ in a checkout, ~/.local/share/uke8 ($XDG_DATA_HOME/uke8) for an installed wheel.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL of the case store; default: SQLite in data_dir.")
    sqlite_synchronous: Literal["FULL", "NORMAL"] = Field(default="FULL", description="SQLite's synchronous pragma for the case store: FULL (an answer the person was told is saved survives a power loss); NORMAL only to measure its cost (bench/turns.py).")
    admin_token: str | None = Field(default=None, description="Admin bearer token; generated into data_dir when unset.")
    secret_key: str | None = Field(default=None, description="Key for fnr and phone encryption and keyed hashes; generated into data_dir when unset.")

    # Where the stack's processes listen: loopback unless asked (several hosts). Beyond
    # loopback the action server and Rasa still refuse every call without the service token.
    bind_host: str = Field(default="127.0.0.1", description="Address every process of the stack listens on, unless a per-service host is set.")
    api_host: str | None = Field(default=None, description="The API's listen address; default bind_host.")
    action_host: str | None = Field(default=None, description="The action server's listen address; default bind_host.")
    rasa_host: str | None = Field(default=None, description="Rasa's listen address; default bind_host.")
    service_token: str | None = Field(default=None, description="Shared secret of the API, the action server and Rasa (Rasa's API, its REST channel, the action server's webhook); generated into data_dir when unset.")
    api_port: int = 8000
    rasa_url: str = "http://127.0.0.1:5005"
    action_port: int = 5055

    answer_deadline_days: int = 14
    reminder_after_days: int = 7
    timezone: str = "Europe/Oslo"
    scheduler_interval: int = Field(default=60, ge=1, description="Seconds between lifecycle runs of `uke8 scheduler`.")

    public_url: str | None = Field(default=None, description="Base URL of the chat page in links sent to people; default http://127.0.0.1:API_PORT.")
    link_secret: str | None = Field(default=None, description="HMAC key for the signed links to the chat page; generated into data_dir when unset.")
    link_valid_days: int = Field(default=7, ge=0, description="Days a link stays valid after the answer deadline.")
    outbox_max_attempts: int = Field(default=5, ge=1, description="Delivery attempts before a message is marked dead; also the attempts at an inbound SMS's turn before it is given up.")

    # The chat page (api/chat).
    chat_rate_per_minute: int = Field(default=20, ge=1, description="Messages one chat link may send per minute (token bucket, per API process).")
    chat_rasa_timeout: float = Field(default=30.0, gt=0, description="Seconds the chat API waits for Rasa's answer to one message.")
    chat_login: Literal["link", "idporten"] | None = Field(default=None, description="How the chat page knows the person: 'idporten' (ID-porten sign-in at the high level, matched to the case's fødselsnummer, on top of the link) or 'link' (the signed link alone: weaker, for development and tests); default 'idporten' in production, 'link' otherwise.")
    chat_session_minutes: int = Field(default=30, ge=1, le=240, description="How long an ID-porten sign-in on the chat page lasts (the session is bound to one conversation).")
    idporten_issuer: str | None = Field(default=None, description="ID-porten's issuer URL (discovery at ISSUER/.well-known/openid-configuration), e.g. https://idporten.no.")
    idporten_client_id: str | None = Field(default=None, description="The chat page's client id at ID-porten.")
    idporten_client_secret: str | None = Field(default=None, description="The client's secret (client_secret_post); required in production with UKE8_CHAT_LOGIN=idporten, never generated.")
    idporten_redirect_uri: str | None = Field(default=None, description="Must end in /chat/innlogging/callback and be registered at ID-porten; default {UKE8_PUBLIC_URL}/chat/innlogging/callback outside production.")
    idporten_acr: str = Field(default="idporten-loa-high", description="The level of assurance asked for (acr_values) and required in the ID token's acr; the legacy name Level4 is accepted for it.")

    def resolved_public_url(self) -> str:
        return (self.public_url or f"http://127.0.0.1:{self.api_port}").rstrip("/")

    # The review pages (api/pages): sign-in and sessions.
    env: str = Field(default="development", description="'production' makes session cookies Secure, allows no ?today= other than today, and refuses the development sign-in.")
    dev_login: bool = Field(default=False, description="The development sign-in (a list of veiledere, no password) on the review pages, for loopback requests only; `make run` turns it on for the demo. The API refuses to start with it in production.")
    session_hours: int = Field(default=8, ge=1, description="How long a sign-in on the review pages lasts.")
    session_cookie_secure: bool | None = Field(default=None, description="Secure flag of the session cookie; default: on in production only.")
    oidc_issuer: str | None = Field(default=None, description="OpenID Connect issuer URL (discovery at ISSUER/.well-known/openid-configuration).")
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_redirect_uri: str | None = Field(default=None, description="Must end in /logg-inn/oidc/callback; registered with the provider.")
    oidc_scopes: str = "openid profile"
    oidc_ident_claim: str = Field(default="NAVident", description="ID-token claim holding the veileder's NAV-ident.")

    # SMS (uke8/sms): the gateway (Twilio-compatible), its local simulator, the delivery worker.
    sms_gateway_url: str | None = Field(default=None, description="Base URL of the Messages API ({base}/2010-04-01/Accounts/{sid}/Messages.json); default: the local simulator.")
    sms_account_sid: str = Field(default="AC00000000000000000000000000000000", description="The gateway account (basic-auth user and the path's {sid}).")
    sms_auth_token: str | None = Field(default=None, description="The gateway's secret: basic-auth password and the key of inbound signatures; generated into data_dir when unset.")
    sms_from: str = Field(default="+4700000000", description="The sender number of outgoing SMS (a number people can answer).")
    sms_public_url: str | None = Field(default=None, description="The inbound webhook's URL as the gateway calls and signs it (set it behind a proxy); default: the URL the request arrived at.")
    sms_simulator_port: int = Field(default=8025, description="Port of the local gateway simulator (`uke8 sms-simulator`, started by `make run`).")
    sms_gateway_timeout: float = Field(default=10.0, gt=0, description="Seconds the delivery worker waits for the gateway; a timeout is retried.")
    sms_rasa_timeout: float = Field(default=30.0, gt=0, description="Seconds the SMS webhook waits for Rasa's answer to one message.")
    deliver_interval: float = Field(default=1.0, gt=0, description="Seconds the delivery worker (`uke8 deliver`) sleeps when nothing is due.")
    outbox_backoff: str = Field(default="60,300,1800,7200,21600", description="Seconds before the 1st, 2nd, … retry of a failed delivery (the last repeats).")

    sms_status_url: str | None = Field(default=None, description="The delivery-receipt webhook the gateway is asked to call (StatusCallback); default {UKE8_PUBLIC_URL}/api/v1/sms/status.")

    # Min side tasks and varsler (uke8/notifications).
    broker_url: str | None = Field(default=None, description="AMQP URL of the message broker that carries Min side task events, e.g. amqp://guest:guest@127.0.0.1:5672/%2F; unset: no broker (the embedded default).")
    minside_queue: str = Field(default="uke8.minside.oppgave", description="The durable queue the Min side task events are published to.")
    broker_timeout: float = Field(default=5.0, gt=0, description="Seconds to connect to the broker and to wait for its publisher confirm; a timeout is retried.")
    notify_interval: float = Field(default=1.0, gt=0, description="Seconds `uke8 notify` sleeps when nothing is due.")
    minside_port: int = Field(default=8026, description="Port of the local Min side (`uke8 minside`, started by `make run`; development only).")

    def resolved_sms_status_url(self) -> str:
        return self.sms_status_url or f"{self.resolved_public_url()}/api/v1/sms/status"

    def resolved_sms_gateway_url(self) -> str:
        return (self.sms_gateway_url or f"http://127.0.0.1:{self.sms_simulator_port}").rstrip("/")

    def backoff_seconds(self) -> tuple[float, ...]:
        try:
            values = tuple(float(v) for v in self.outbox_backoff.split(",") if v.strip())
        except ValueError:
            raise ValueError("UKE8_OUTBOX_BACKOFF must be comma-separated seconds, e.g. 60,300,1800") from None
        if not values or any(v < 0 for v in values):
            raise ValueError("UKE8_OUTBOX_BACKOFF must be comma-separated seconds, e.g. 60,300,1800")
        return values

    def host_of(self, service: str) -> str:
        """The listen address of "api", "action" or "rasa" (the SMS simulator, a development tool, stays on loopback)."""
        return (getattr(self, f"{service}_host") or self.bind_host).strip()

    @property
    def is_production(self) -> bool:
        return self.env.strip().lower() in ("production", "prod")

    @property
    def dev_login_enabled(self) -> bool:
        """Asked for and not in production (where the API refuses to start with it)."""
        return self.dev_login and not self.is_production

    @property
    def oidc_configured(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_uri)

    @property
    def resolved_chat_login(self) -> str:
        """"idporten" or "link": as set, else ID-porten in production and the link elsewhere."""
        if self.chat_login:
            return self.chat_login
        return "idporten" if self.is_production else "link"

    def resolved_idporten_redirect_uri(self) -> str | None:
        if self.idporten_redirect_uri:
            return self.idporten_redirect_uri
        return None if self.is_production else f"{self.resolved_public_url()}/chat/innlogging/callback"

    def missing_idporten_settings(self) -> list[str]:
        """The UKE8_IDPORTEN_* variables the chat page's sign-in still needs (the secret only in production)."""
        missing = [name for name, value in (
            ("UKE8_IDPORTEN_ISSUER", self.idporten_issuer), ("UKE8_IDPORTEN_CLIENT_ID", self.idporten_client_id),
            ("UKE8_IDPORTEN_REDIRECT_URI", self.resolved_idporten_redirect_uri()),
        ) if not (value or "").strip()]
        if self.is_production and not (self.idporten_client_secret or "").strip():
            missing.append("UKE8_IDPORTEN_CLIENT_SECRET")
        return missing

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        from uke8.secretfiles import private_dir

        private_dir(self.data_dir)
        return f"sqlite:///{self.data_dir / 'uke8.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
