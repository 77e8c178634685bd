"""Request body limits: an oversized body is refused with 413 before any route, dependency or
parser sees the request (so before authentication, before a form or JSON is parsed, and
before anything is written).

A pure ASGI middleware. A declared Content-Length above the route's limit is refused at once,
without reading the body. Otherwise the body is read, counting bytes as they arrive (a chunked
upload declares no length), up to the limit; only a body within it is handed to the app. The
limits are small, so holding one body in memory is cheap, and it means the app never starts
on a request that is then cut off: nothing is left half-done.

The limits (bytes) follow what each route legitimately receives, with room for the worst
encoding (a character outside the BMP is 12 bytes as a JSON escape pair or percent-encoded):
- the chat's messages, 4 KiB: a message is at most 200 characters (uke8.triage.chat_texts);
- the SMS webhook, 32 KiB: Twilio's form with a body of up to 1,600 characters;
- the rest of the JSON API, 64 KiB: the largest body is a case with its grade changes;
- the review pages' forms and anything else, 32 KiB: a note is at most 2,000 characters.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

KIB = 1024
CHAT_PREFIX = "/api/v1/chat/"
# First match wins: (path prefix, limit in bytes).
ROUTE_LIMITS: tuple[tuple[str, int], ...] = (
    (CHAT_PREFIX, 4 * KIB),
    ("/api/v1/sms/", 32 * KIB),
    ("/api/", 64 * KIB),
)
DEFAULT_LIMIT = 32 * KIB

log = logging.getLogger("uke8.api")


def limit_for(path: str) -> int:
    for prefix, limit in ROUTE_LIMITS:
        if path.startswith(prefix):
            return limit
    return DEFAULT_LIMIT


def _declared_length(scope: Scope) -> int | None | str:
    """The Content-Length as a number, None when absent, "invalid" when it cannot be trusted."""
    values = {value for name, value in scope.get("headers", ()) if name.lower() == b"content-length"}
    if not values:
        return None
    if len(values) > 1:
        return "invalid"
    raw = values.pop().strip()
    if not raw.isdigit():  # bytes.isdigit: ASCII digits only
        return "invalid"
    return int(raw)


def _refusal(path: str, status: int, limit: int) -> tuple[bytes, bytes, dict[bytes, bytes]]:
    """Body, content type and extra headers of a refusal, in the shape the route's callers read."""
    # Imported here: the chat and page modules pull in the app's templating and settings.
    from api.chat.security import CHAT_HEADERS
    from api.pages.security import SECURITY_HEADERS
    from uke8.triage import chat_texts

    headers = {b"connection": b"close"}
    if path.startswith(CHAT_PREFIX):
        message = chat_texts.TOO_LONG if status == 413 else chat_texts.BAD_REQUEST
        body = {"message": message, "reason": "too_large" if status == 413 else "bad_request"}
        headers |= {k.lower().encode(): v.encode() for k, v in CHAT_HEADERS.items()}
        return json.dumps(body, ensure_ascii=False).encode(), b"application/json", headers
    if path.startswith("/api/"):
        if status == 413:
            text = f"The request body is too large: this endpoint accepts at most {limit // KIB} KiB."
        else:
            text = "The Content-Length header is not a valid length."
        return json.dumps({"message": text, "detail": text}).encode(), b"application/json", headers
    headers |= {k.lower().encode(): v.encode() for k, v in SECURITY_HEADERS.items()}
    text = ("Skjemaet er for stort til å bli sendt. Gå tilbake, gjør teksten kortere og prøv igjen."
            if status == 413 else "Forespørselen kunne ikke leses. Gå tilbake og prøv igjen.")
    page = (f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Kunne ikke sende</title></head>'
            f"<body><main><h1>Kunne ikke sende</h1><p>{text}</p></main></body></html>")
    return page.encode(), b"text/html; charset=utf-8", headers


async def _refuse(send: Send, path: str, status: int, limit: int) -> None:
    body, content_type, extra = _refusal(path, status, limit)
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), *extra.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware: refuse bodies over the route's limit with 413 (see the module's doc)."""

    def __init__(self, app: ASGIApp, limit_of: Callable[[str], int] = limit_for):
        self.app = app
        self.limit_of = limit_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.limit_of(path)
        declared = _declared_length(scope)
        if declared == "invalid":
            await _refuse(send, path, 400, limit)
            return
        if isinstance(declared, int) and declared > limit:
            log.warning("refused a request body of %d bytes on %s (limit %d)", declared, path, limit)
            await _refuse(send, path, 413, limit)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before its body arrived: there is no one to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                log.warning("refused a streamed request body over %d bytes on %s", limit, path)
                await _refuse(send, path, 413, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, as one message; after it the server's own receive (disconnects)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
