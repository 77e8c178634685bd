"""Did the bot answer a turn? One rule for every channel (the chat API, the SMS webhook).

Rasa's REST channel answers 200 with an empty list when the action server fails (connection
refused, a crash in an action): it logs the error and goes on without the action's events, so
the person's answer was not stored. A turn counts as answered only when at least one bot
message with text or options came back; otherwise the chat page answers 502 and asks the
person to send it again (api/chat/routes.py), and an SMS is retried (uke8/sms/inbound.py).
"""
from __future__ import annotations

from typing import Any


def bot_answered(replies: Any) -> bool:
    """True when Rasa's answer ([{recipient_id, text?, buttons?}, …]) holds at least one bot message."""
    for reply in replies if isinstance(replies, list) else []:
        if not isinstance(reply, dict):
            continue
        text, buttons = reply.get("text"), reply.get("buttons")
        if isinstance(text, str) and text.strip():
            return True
        if isinstance(buttons, list) and any(isinstance(b, dict) and isinstance(b.get("payload"), str) for b in buttons):
            return True
    return False
