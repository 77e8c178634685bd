"""The chat page and its JSON API.

GET  /chat?t=TOKEN             the page (a nav.no-like "Ditt sykefravær" page with the widget),
                               or a friendly page when the link does not open a conversation
GET  /api/v1/chat/history      the transcript so far, and whether the page should send /start
POST /api/v1/chat/messages     {"message": TEXT, "client_id"?: ID} -> the bot's messages
GET  /api/v1/chat/thread       the veileder's messages only (issue 16), for the page's poll; the
                               history has them too, in time order with the bot's transcript

The JSON calls carry the link's token in the X-Chat-Token header (never in a URL, so it stays
out of access logs). The token is verified on every call and is the only source of the
conversation id; the API then talks to Rasa's REST channel as that conversation.

With UKE8_CHAT_LOGIN=idporten (api/chat/idporten.py, routes in api/chat/login.py) the token
is not enough: the page first sends the person to ID-porten, and the page and every JSON call
also want a chat session bound to the token's conversation (else 401 from the API).
"""
from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from api.chat import idporten, transcript
from api.chat.limits import RateLimiter, retry_after
from api.chat.rasa import BotUnavailable, RasaClient
from api.chat.security import ChatRoute
from api.chat.templating import render
from api.chat.responses import ChatHistoryOut, ChatReplyOut, ChatThreadOut
from uke8.bot_answer import bot_answered
from uke8.cases import conversation
from uke8.cases.conversation import ConversationState
from uke8.cases.errors import UnknownConversation
from uke8.lifecycle.links import LinkError, verify_link
from uke8.settings import get_settings
from uke8.thread import person
from uke8.store.db import get_database
from uke8.triage import chat_texts as texts

log = logging.getLogger("uke8.chat")

TOKEN_HEADER = "X-Chat-Token"
# The case store failing under a read of the thread (never its message: it may quote SQL parameters).
STORE_ERRORS = (SQLAlchemyError, OSError)
MAX_TOKEN = 1000  # a real token is ~120 characters



class ChatRefusalOut(BaseModel):
    """Every refusal of the chat API: a Norwegian `message` for the person, a `reason` code."""

    message: str
    reason: str


_REFUSALS = {
    400: "the body is not JSON", 401: "ID-porten sign-in required (UKE8_CHAT_LOGIN=idporten): no chat session for this link's conversation", 403: "missing, malformed or forged link token", 404: "the link's conversation is unknown",
    410: "the link has expired", 413: "the body is larger than a chat message can be (api/limits.py)",
    422: "empty or too long message", 429: "too many calls for this link (Retry-After)",
    502: "the bot gave no answer: send again", 503: "the bot is unavailable", 504: "the bot did not answer in time",
}
page_router = APIRouter(route_class=ChatRoute, include_in_schema=False)
api_router = APIRouter(route_class=ChatRoute, prefix="/chat", tags=["chat"],
                       responses={code: {"model": ChatRefusalOut, "description": text} for code, text in _REFUSALS.items()})

_limiters: dict[tuple[str, int], RateLimiter] = {}


def limiter(kind: str) -> RateLimiter:
    per_minute = get_settings().chat_rate_per_minute
    key = (kind, per_minute)
    if key not in _limiters:
        _limiters[key] = RateLimiter(per_minute)
    return _limiters[key]


def _rasa() -> RasaClient:
    settings = get_settings()
    return RasaClient(settings.rasa_url, settings.chat_rasa_timeout)


# ---------------------------------------------------------------- link checks

LINK_PAGES = {
    "expired": (410, texts.LINK_EXPIRED_TITLE, texts.LINK_EXPIRED),
    "bad_signature": (403, texts.LINK_INVALID_TITLE, texts.LINK_INVALID),
    "malformed": (403, texts.LINK_INVALID_TITLE, texts.LINK_INVALID),
    "unknown": (404, texts.LINK_UNKNOWN_TITLE, texts.LINK_UNKNOWN),
}


class ChatRefused(Exception):
    """A chat call that is answered with a status and a Norwegian message, nothing else done."""

    def __init__(self, status: int, message: str, reason: str, headers: dict[str, str] | None = None):
        super().__init__(reason)
        self.status, self.message, self.reason, self.headers = status, message, reason, headers or {}

    def response(self) -> JSONResponse:
        return JSONResponse({"message": self.message, "reason": self.reason}, status_code=self.status, headers=self.headers)


def _link_refused(reason: str) -> ChatRefused:
    status, _, message = LINK_PAGES[reason]
    return ChatRefused(status, message + " " + texts.CONTACT_TEXT, reason)


def conversation_of(token: str | None) -> str:
    """The conversation id the token opens, or ChatRefused (403 invalid, 410 expired)."""
    if not token or len(token) > MAX_TOKEN:
        raise _link_refused("malformed")
    try:
        return verify_link(token)
    except LinkError as exc:
        raise _link_refused(exc.reason) from None


def _state(conversation_id: str) -> ConversationState | None:
    with get_database(get_settings()).read() as session:
        try:
            return conversation.conversation_state(session, conversation_id)
        except UnknownConversation:
            return None


async def known_state(conversation_id: str) -> ConversationState:
    state = await run_in_threadpool(_state, conversation_id)
    if state is None:
        raise _link_refused("unknown")
    return state


def status_of(state: ConversationState) -> str:
    """For the page: "apen" (questions open), "reservert" (opted out), "ferdig" (anything else)."""
    if state.opted_out:
        return "reservert"
    if state.open_for_answers:
        return "apen"
    return "ferdig"


async def require_sign_in(request: Request, conversation_id: str) -> None:
    """With ID-porten sign-in on, a chat session bound to this conversation, or 401."""
    if idporten.enabled(get_settings()) and not await run_in_threadpool(idporten.signed_in, request, conversation_id):
        raise ChatRefused(401, texts.LOGIN_REQUIRED, "login_required")


def _take(kind: str, conversation_id: str) -> None:
    wait = limiter(kind).take(conversation_id)
    if wait > 0:
        raise ChatRefused(429, texts.RATE_LIMITED, "rate_limited", {"Retry-After": retry_after(wait)})


def _unavailable(exc: BotUnavailable, message: str | None = None) -> ChatRefused:
    if exc.kind == "timeout":
        return ChatRefused(504, texts.BOT_TIMEOUT, "timeout")
    return ChatRefused(503, message or texts.BOT_UNAVAILABLE, "unavailable")


# ---------------------------------------------------------------- the page


@page_router.get("/chat")
def chat_page(request: Request, t: str | None = None) -> Response:
    try:
        conversation_id = conversation_of(t)
    except ChatRefused as refused:
        return link_error_page(request, refused.reason)
    state = _state(conversation_id)
    if state is None:
        return link_error_page(request, "unknown")
    signs_in = idporten.enabled(get_settings())
    if signs_in and not idporten.signed_in(request, conversation_id):
        return idporten.begin(request, t or "")
    privacy = texts.PRIVACY_TEXT if state.har_arbeidsgiver else texts.PRIVACY_TEXT_UTEN_ARBEIDSGIVER
    return render(request, "chat.html", {"title": texts.WIDGET_TITLE, "logout": signs_in, "privacy": privacy})


def link_error_page(request: Request, reason: str) -> Response:
    status, title, message = LINK_PAGES[reason]
    return render(request, "link_error.html", {"title": title, "message": message}, status_code=status)


# ---------------------------------------------------------------- the JSON API


# The routes answer JSONResponse themselves: the models declare the answer in the OpenAPI.
@api_router.get("/history", response_model=ChatHistoryOut, summary="The chat's transcript so far (token in X-Chat-Token)")
async def history(request: Request) -> Response:
    try:
        conversation_id = conversation_of(request.headers.get(TOKEN_HEADER))
        await require_sign_in(request, conversation_id)
        _take("history", conversation_id)
        state = await known_state(conversation_id)
        try:
            events = await _rasa().events(conversation_id)
        except BotUnavailable as exc:
            raise _unavailable(exc, texts.HISTORY_UNAVAILABLE) from None
    except ChatRefused as refused:
        return refused.response()
    try:
        thread = await run_in_threadpool(_thread, conversation_id)
    except STORE_ERRORS as exc:
        # The veileder's messages could not be read: the transcript still shows; the page's
        # poll of /chat/thread fetches them when the store answers again.
        log.warning("chat: the thread could not be read: %s", type(exc).__name__)
        thread = []
    messages = transcript.with_thread(events, thread)
    return JSONResponse({
        "messages": messages,
        # An open conversation is resumed with /start: the case store, not the tracker, says
        # what is answered, and the open question is asked again. A new one starts with it.
        "start": state.open_for_answers or not messages,
        "status": status_of(state),
    })


def _thread(conversation_id: str) -> list[dict[str, Any]]:
    with get_database(get_settings()).read() as session:
        try:
            return person.for_the_person(session, conversation_id)
        except UnknownConversation:
            return []


@api_router.get("/thread", response_model=ChatThreadOut,
                summary="The veileder's messages in this conversation (token in X-Chat-Token), for the page's poll")
async def thread(request: Request) -> Response:
    """Only the veileder's messages (from the case store, not Rasa): cheap enough for the page to
    ask every half minute, so a new message shows without a reload."""
    try:
        conversation_id = conversation_of(request.headers.get(TOKEN_HEADER))
        await require_sign_in(request, conversation_id)
        _take("thread", conversation_id)
        await known_state(conversation_id)
        try:
            items = await run_in_threadpool(_thread, conversation_id)
        except STORE_ERRORS as exc:
            log.warning("chat: the thread could not be read: %s", type(exc).__name__)
            raise ChatRefused(503, texts.HISTORY_UNAVAILABLE, "unavailable") from None
    except ChatRefused as refused:
        return refused.response()
    return JSONResponse({"messages": [transcript.veileder_message(item) for item in items]})


# The page's own id for one message (chat.js: a random UUID, the same when the person sends it
# again after a failure), passed to the bot as metadata: a message after the questions that did
# reach the store before the answer was lost is then stored once (actions/after_questions.py).
_CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def _client_id(body: object) -> str | None:
    value = body.get("client_id") if isinstance(body, dict) else None
    return value if isinstance(value, str) and _CLIENT_ID.match(value) else None


async def _body_of(request: Request) -> object:
    # The body is at most 4 KiB here: a larger one was refused (413) before this route ran
    # (api/limits.py), so reading it whole is cheap.
    try:
        return await request.json()
    except ValueError:
        raise ChatRefused(400, texts.BAD_REQUEST, "bad_request") from None


def _message_of(body: object) -> str:
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str):
        raise ChatRefused(422, texts.EMPTY_MESSAGE, "empty")
    message = message.strip()
    if not message:
        raise ChatRefused(422, texts.EMPTY_MESSAGE, "empty")
    if len(message) > texts.MAX_MESSAGE:
        # Refused whole, never cut: the person decides what to leave out.
        raise ChatRefused(422, texts.TOO_LONG, "too_long")
    return message


@api_router.post("/messages", response_model=ChatReplyOut, summary="Send one message of the chat (token in X-Chat-Token); the bot's answer")
async def send_message(request: Request) -> Response:
    try:
        conversation_id = conversation_of(request.headers.get(TOKEN_HEADER))
        await require_sign_in(request, conversation_id)
        _take("message", conversation_id)
        body = await _body_of(request)
        message = _message_of(body)
        await known_state(conversation_id)
        try:
            replies = await _rasa().send(conversation_id, message, client_id=_client_id(body))
        except BotUnavailable as exc:
            raise _unavailable(exc) from None
        if not bot_answered(replies):
            # Rasa took the message but nothing answered (the action server is down): the
            # answer was not stored, so the person is asked to send it again.
            log.warning("chat: the bot gave no answer to a turn")
            raise ChatRefused(502, texts.BOT_NO_REPLY, "no_reply")
        state = await known_state(conversation_id)
    except ChatRefused as refused:
        return refused.response()
    return JSONResponse({"messages": transcript.bot_messages(replies), "status": status_of(state)})
