"""What the chat page's JSON API answers (api/chat/routes.py), as the OpenAPI declares them;
the shared base and conventions are api/responses.py's."""
from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from api.responses import Out

class ChatButtonOut(Out):
    title: str
    payload: str


class ChatMessageOut(Out):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    from_: Literal["nav", "person", "veileder"] = Field(
        alias="from", description="nav: the automatic service; veileder: a person at NAV (issue 16), with `author`")
    text: str
    buttons: list[ChatButtonOut] = Field(
        default_factory=list, description="only on the latest bot message with options, while the person has not written since")
    author: str | None = Field(default=None, description="the veileder's name, on their messages")
    id: int | None = Field(default=None, description="the thread message's id, on the veileder's messages")


class ChatHistoryOut(Out):
    messages: list[ChatMessageOut]
    start: bool = Field(description="the page should send /start (a new conversation, or an open one to resume)")
    status: Literal["apen", "reservert", "ferdig"]


class ChatThreadOut(Out):
    messages: list[ChatMessageOut] = Field(description="the veileder's messages, oldest first")


class ChatReplyOut(Out):
    messages: list[ChatMessageOut]
    status: Literal["apen", "reservert", "ferdig"]
