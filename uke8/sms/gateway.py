"""The outbound gateway client: a Twilio-compatible Messages API.

    POST {UKE8_SMS_GATEWAY_URL}/2010-04-01/Accounts/{UKE8_SMS_ACCOUNT_SID}/Messages.json
    basic auth (account sid, UKE8_SMS_AUTH_TOKEN); form To, From, Body, StatusCallback (the
    receipt webhook, UKE8_SMS_STATUS_URL: uke8/sms/receipts.py);
    header Idempotency-Key: the outbox message's key (the same on every retry)

2xx: accepted (the JSON's `sid` is the gateway's id). A timeout, a broken connection, 429 or
a 5xx may be retried (`GatewayUnavailable`); any other 4xx will fail the same way again
(`GatewayRefused`: the message goes dead at once). A request that timed out may still have
arrived: the retry carries the same Idempotency-Key, and a gateway that honours it (the
simulator does) answers with the first message instead of sending a second.
Error texts name the status and the gateway's error code only: a gateway's own message may
quote the number, and errors end up in the outbox's `last_error`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from uke8.lifecycle.outbox import PermanentFailure
from uke8.settings import Settings, get_settings
from uke8.sms.credentials import auth_token

IDEMPOTENCY_HEADER = "Idempotency-Key"


class GatewayUnavailable(Exception):
    """Worth trying again later: timeout, connection trouble, 429 or 5xx."""


class GatewayRefused(PermanentFailure):
    """The gateway refused the message (4xx); trying again would not help."""


@dataclass(frozen=True)
class Accepted:
    sid: str
    segments: int | None
    status: str


class GatewayClient:
    def __init__(self, settings: Settings | None = None, *, timeout: float | None = None, transport: httpx.BaseTransport | None = None):
        settings = settings or get_settings()
        self.account_sid = settings.sms_account_sid
        self.sender = settings.sms_from
        self.url = f"{settings.resolved_sms_gateway_url()}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        self.status_callback = settings.resolved_sms_status_url()
        self._client = httpx.Client(
            auth=(self.account_sid, auth_token(settings)),
            timeout=timeout or settings.sms_gateway_timeout,
            trust_env=False,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "GatewayClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def send(self, to: str, body: str, idempotency_key: str) -> Accepted:
        try:
            response = self._client.post(
                self.url, data={"To": to, "From": self.sender, "Body": body, "StatusCallback": self.status_callback},
                headers={IDEMPOTENCY_HEADER: idempotency_key}
            )
        except httpx.TimeoutException:
            raise GatewayUnavailable("timeout") from None
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"connection: {type(exc).__name__}") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise GatewayUnavailable(f"gateway {response.status_code}")
        if response.status_code >= 400:
            raise GatewayRefused(f"gateway {response.status_code}{_code(response)}")
        try:
            data = response.json()
        except ValueError:
            data = {}
        segments = data.get("num_segments")
        return Accepted(
            sid=str(data.get("sid") or ""),
            segments=int(segments) if str(segments or "").isdigit() else None,
            status=str(data.get("status") or "queued"),
        )


def _code(response: httpx.Response) -> str:
    try:
        code = response.json().get("code")
    except (ValueError, AttributeError):
        return ""
    return f" (code {int(code)})" if isinstance(code, int) or str(code).isdigit() else ""
