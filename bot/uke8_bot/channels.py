"""Rasa's REST channel, answering only conversations that belong to an invitation.

Same name and URL as the built-in channel (POST /webhooks/rest/webhook). A sender id that
belongs to no invitation gets the polite refusal straight away and never reaches Rasa's
processor, so not even Rasa's tracker store keeps anything of it.

Only uke8's own processes may post to it: Rasa's --auth-token covers its HTTP API but not the
channels' webhooks, so the channel itself refuses a POST without the service token
(UKE8_SERVICE_TOKEN, in the header X-Uke8-Service-Token or as `?token=` like Rasa's API) with
401, on loopback too. Without it anyone reaching Rasa, or a veileder who saw a conversation
id, could answer for the person. No token configured: every POST is refused (fail closed).
"""
from __future__ import annotations

import asyncio
import hmac
import os
from pathlib import Path
from typing import Any, Awaitable, Callable

import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response

from bot.uke8_bot.invitations import PROJECT_ROOT, InvitationLookup

REFUSAL_RESPONSE = "utter_ukjent_avsender"
TOKEN_HEADER = "X-Uke8-Service-Token"


def has_service_token(headers: Any, args: Any, expected: str | None = None) -> bool:
    expected = (expected if expected is not None else os.environ.get("UKE8_SERVICE_TOKEN", "")).strip()
    provided = headers.get(TOKEN_HEADER) or args.get("token") or ""
    return bool(expected) and hmac.compare_digest(expected.encode(), provided.encode())


def refusal_text(domain_path: Path = PROJECT_ROOT / "domain.yml") -> str:
    # The text lives in the generated domain (from uke8/triage/messages.py): one source.
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    return domain["responses"][REFUSAL_RESPONSE][0]["text"]


class InvitedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        super().__init__()
        self._lookup: InvitationLookup | None = None
        self._refusal = refusal_text()
        self._token = os.environ.get("UKE8_SERVICE_TOKEN", "").strip()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "InvitedRestInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def only_invited(message: UserMessage) -> None:
            if self._lookup is None:
                self._lookup = InvitationLookup()
            invited = await asyncio.to_thread(self._lookup.is_invited, message.sender_id or "")
            # When the case store cannot be asked, let the turn through: the action server
            # refuses unknown conversations itself, and a real person is not turned away.
            if invited is False:
                await message.output_channel.send_text_message(message.sender_id, self._refusal)
                return
            await on_new_message(message)

        blueprint = super().blueprint(only_invited)

        @blueprint.middleware("request")
        async def require_service_token(request):  # noqa: ANN001
            if request.method != "GET" and not has_service_token(request.headers, request.args, self._token):
                return response.json({"error": "the service token is missing or wrong"}, status=401)
            return None

        return blueprint
