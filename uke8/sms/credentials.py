"""The gateway's auth token: UKE8_SMS_AUTH_TOKEN, or a development token generated once into
the data directory (shared by the API, the delivery worker and the simulator of one stack)."""
from __future__ import annotations

import secrets

from uke8.settings import Settings, get_settings

TOKEN_FILE = "sms-auth.token"


def auth_token(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.sms_auth_token:
        return settings.sms_auth_token
    from uke8.secretfiles import generated  # in production: refused, never generated

    return generated(settings, TOKEN_FILE, "UKE8_SMS_AUTH_TOKEN", lambda: secrets.token_hex(16))
