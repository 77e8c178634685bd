"""Rasa's REST channel, answering only conversations that belong to an invitation.

Same name and URL as the built-in channel (POST /webhooks/rest/webhook). A sender id that
belongs to no invitation gets the polite refusal straight away and never reaches Rasa's
processor, so not even Rasa's tracker store keeps anything of it.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Awaitable, Callable

import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from bot.uke8_bot.invitations import PROJECT_ROOT, InvitationLookup

REFUSAL_RESPONSE = "utter_ukjent_avsender"


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

        return super().blueprint(only_invited)
