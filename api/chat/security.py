"""Security headers of the chat page and its JSON API, and keeping the link's token out of logs.

The page carries the review pages' Content-Security-Policy (no inline script or style,
everything from 'self') and headers, with one change: Referrer-Policy no-referrer, because the
page's own URL holds the token and must not travel to another site in a Referer header.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from api.pages.security import SECURITY_HEADERS

CHAT_HEADERS = SECURITY_HEADERS | {"Referrer-Policy": "no-referrer"}

# `t`: the link's token; `code`: ID-porten's authorization code on the sign-in callback
# (single-use and bound to a PKCE verifier, but nothing a log needs either).
_TOKEN_IN_QUERY = re.compile(r"([?&](?:t|code)=)[^&\s\"]*")


def _has_secret(text: str) -> bool:
    return "t=" in text or "code=" in text


def scrub(text: str) -> str:
    """A URL or log line with the value of a `t` or `code` query parameter replaced."""
    return _TOKEN_IN_QUERY.sub(r"\1[skjult]", text)


class ChatRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            response = await handler(request)
            for name, value in CHAT_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return route


class TokenScrubber(logging.Filter):
    """On uvicorn's access logger: the request line of GET /chat?t=TOKEN is logged without the
    token (and that of the sign-in callback without its code)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, str) and _has_secret(a) for a in record.args):
            record.args = tuple(scrub(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str) and _has_secret(record.msg):
            record.msg = scrub(record.msg)
        return True


def install_log_scrubber() -> None:
    for name in ("uvicorn.access", "uvicorn.error", "uvicorn"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenScrubber) for f in logger.filters):
            logger.addFilter(TokenScrubber())
