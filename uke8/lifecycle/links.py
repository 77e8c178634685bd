"""Signed, expiring links to the chat page: `{UKE8_PUBLIC_URL}/chat?t=TOKEN`.

The token carries the conversation id and the last day it is valid (Europe/Oslo), signed
with HMAC-SHA256 under UKE8_LINK_SECRET. It is not encrypted: the conversation id is already
an unguessable key that tells nothing about the person, and the signature is what stops a
forged or prolonged link. Verifying needs no database, so the chat page can refuse a bad
link before anything is looked up or stored.

Format: "v1." + base64url(JSON {"c": conversation id, "e": "YYYY-MM-DD"}) + "." + base64url(MAC).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

from uke8.clock import today_in_oslo
from uke8.settings import Settings, get_settings

VERSION = "v1"
_CONTEXT = b"uke8-chat-link:"


class LinkError(ValueError):
    """A link that does not open a conversation; `reason` is "expired", "bad_signature" or "malformed"."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def link_key(settings: Settings | None = None) -> bytes:
    """UKE8_LINK_SECRET, or a development key generated once into the data dir."""
    settings = settings or get_settings()
    if settings.link_secret:
        secret = settings.link_secret.encode()
    else:
        from uke8.secretfiles import generated

        secret = generated(settings, "link.key", "UKE8_LINK_SECRET").encode()
    # A derived key: the same secret used elsewhere by mistake still gives unrelated MACs.
    return hashlib.sha256(_CONTEXT + secret).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, signed: str) -> bytes:
    return hmac.new(key, signed.encode(), hashlib.sha256).digest()


def make_token(conversation_id: str, expires_on: date, settings: Settings | None = None) -> str:
    body = _b64(json.dumps({"c": conversation_id, "e": expires_on.isoformat()}, separators=(",", ":")).encode())
    signed = f"{VERSION}.{body}"
    return f"{signed}.{_b64(_mac(link_key(settings), signed))}"


def make_link(conversation_id: str, expires_on: date, settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    return f"{settings.resolved_public_url()}/chat?t={make_token(conversation_id, expires_on, settings)}"


def _token_from(link_or_token: str) -> str:
    if "?" not in link_or_token:
        return link_or_token.strip()
    values = parse_qs(urlsplit(link_or_token.strip()).query).get("t") or [""]
    return values[0]


def verify_link(link_or_token: str, today: date | None = None, settings: Settings | None = None) -> str:
    """The conversation id the link opens, or LinkError saying why not.

    The signature is checked before anything in the token is believed; a valid link is
    usable through its last day, Europe/Oslo.
    """
    token = _token_from(link_or_token)
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != VERSION:
        raise LinkError("malformed", "the link is not a chat link")
    signed = f"{parts[0]}.{parts[1]}"
    try:
        mac = _unb64(parts[2])
    except (ValueError, TypeError):
        raise LinkError("malformed", "the link is not a chat link") from None
    if not hmac.compare_digest(mac, _mac(link_key(settings), signed)):
        raise LinkError("bad_signature", "the link's signature does not match")
    try:
        payload = json.loads(_unb64(parts[1]))
        conversation_id, expires_on = str(payload["c"]), date.fromisoformat(payload["e"])
    except (ValueError, TypeError, KeyError):  # signed by us but unreadable: only a bug gets here
        raise LinkError("malformed", "the link is not a chat link") from None
    if (today or today_in_oslo()) > expires_on:
        raise LinkError("expired", f"the link expired after {expires_on.isoformat()}")
    return conversation_id
