"""The chat page where a sick-listed person meets the product: a nav.no-like "Ditt sykefravær"
page with a chat widget (Aksel's chat markup and CSS from npm), opened from the signed,
expiring invitation link. The browser talks only to this API; the API verifies the link on
every call and forwards to Rasa's REST channel as the invitation's conversation.

routes.py (page + JSON API), idporten.py and login.py (the ID-porten sign-in that
UKE8_CHAT_LOGIN=idporten puts in front of the page and the API), transcript.py (what the page shows, from Rasa's answers and
tracker), rasa.py (the calls to Rasa), limits.py (rate limit per link), security.py (headers,
the token kept out of access logs), templates/, static/ (chat.js, chat.css).
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.chat.login import router as login_router
from api.chat.routes import api_router, page_router
from api.chat.security import install_log_scrubber

STATIC = Path(__file__).resolve().parent / "static"


def install(app: FastAPI, api_prefix: str) -> None:
    """Add the chat page, its JSON API under api_prefix, and its static files (/static/chat).
    Aksel's CSS and the typeface are served by api.pages (/static/aksel, /static/fonts)."""
    install_log_scrubber()
    app.include_router(page_router)
    app.include_router(login_router)
    app.include_router(api_router, prefix=api_prefix)
    app.mount("/static/chat", StaticFiles(directory=STATIC), name="chat-static")
