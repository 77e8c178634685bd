"""The API's calls to Rasa (UKE8_RASA_URL): a turn through the REST channel, and the tracker
for the transcript. Rasa listens on the internal network only; the browser never sees it.

Errors are reported by kind only (never the message text or the conversation id).
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import httpx

log = logging.getLogger("uke8.chat")


class BotUnavailable(Exception):
    """Rasa did not answer: `kind` is "unreachable", "timeout" or "error"."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


# The metadata key of the chat page's message id (read by actions/after_questions.client_key).
CHAT_ID_KEY = "chat_message_id"


class RasaClient:
    def __init__(self, base_url: str, timeout: float, auth: dict[str, Any] | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        # Rasa refuses every call without the service token (uke8/service_auth.py)
        if auth is None:
            from uke8.service_auth import rasa_auth

            auth = rasa_auth()
        self.auth = auth

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            async with httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=5.0), trust_env=False, **self.auth) as client:
                response = await client.request(method, self.base_url + path, **kwargs)
        except httpx.TimeoutException:
            log.warning("rasa: %s %s timed out", method, path.split("/")[1])
            raise BotUnavailable("timeout") from None
        except httpx.HTTPError as exc:
            log.warning("rasa: %s %s failed: %s", method, path.split("/")[1], type(exc).__name__)
            raise BotUnavailable("unreachable") from None
        if response.status_code != 200:
            log.warning("rasa: %s %s answered %s", method, path.split("/")[1], response.status_code)
            raise BotUnavailable("error")
        try:
            return response.json()
        except ValueError:
            raise BotUnavailable("error") from None

    async def send(self, conversation_id: str, message: str, client_id: str | None = None) -> list[dict[str, Any]]:
        """One turn through Rasa's REST channel; the bot's messages. `client_id`: the page's id
        for the message, carried as metadata (CHAT_ID_KEY) so a resent message is known again."""
        body: dict[str, Any] = {"sender": conversation_id, "message": message}
        if client_id:
            body["metadata"] = {CHAT_ID_KEY: client_id}
        replies = await self._request("POST", "/webhooks/rest/webhook", json=body)
        return replies if isinstance(replies, list) else []

    async def events(self, conversation_id: str) -> list[dict[str, Any]]:
        """The tracker's events (Rasa's HTTP API, `rasa run --enable-api`)."""
        tracker = await self._request("GET", f"/conversations/{quote(conversation_id, safe='')}/tracker")
        events = tracker.get("events") if isinstance(tracker, dict) else None
        return events if isinstance(events, list) else []
