"""The conversation as the chat page shows it, from Rasa's answers and Rasa's tracker.

Pure functions, no I/O. A message is {"from": "nav" | "person" | "veileder", "text": str} and,
for the latest message with options, "buttons": [{"title", "payload"}]. The veileder's messages
(issue 16) come from the case store, not the tracker, and carry "author" (their name) and "id";
with_thread puts them into the transcript by time.

The tracker holds user text already redacted (bot/uke8_bot/tracker_store.py), so a resumed
conversation shows the person's words as they were stored; after "Jeg vil ikke at dere lagrer
dette" the tracker store has replaced every message they wrote with "(slettet etter ønske)",
which is what the page then shows (tests/e2e/test_ikke_lagre.py). A button's payload is shown as
the button's title, as it was when clicked; "/start" (sent by the page to begin or resume)
is never shown.
"""
from __future__ import annotations

from typing import Any

START = "/start"


def _buttons(raw: Any) -> list[dict[str, str]]:
    buttons = []
    for button in raw or []:
        if isinstance(button, dict) and isinstance(button.get("payload"), str):
            title = button.get("title")
            buttons.append({"title": str(title if title is not None else button["payload"]), "payload": button["payload"]})
    return buttons


def bot_messages(replies: Any) -> list[dict[str, Any]]:
    """Rasa's REST channel answer ([{recipient_id, text, buttons?}, …]) as page messages."""
    messages: list[dict[str, Any]] = []
    for reply in replies if isinstance(replies, list) else []:
        if not isinstance(reply, dict):
            continue
        text = reply.get("text")
        buttons = _buttons(reply.get("buttons"))
        if not isinstance(text, str) or not text.strip():
            if not buttons:
                continue
            text = ""
        message: dict[str, Any] = {"from": "nav", "text": text}
        if buttons:
            message["buttons"] = buttons
        messages.append(message)
    return only_latest_buttons(messages)


def only_latest_buttons(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the options of the latest bot message that has any, and only while the person has
    not written since; older options are no longer answers to anything."""
    keep = None
    for index in range(len(messages) - 1, -1, -1):
        if messages[index]["from"] == "person":
            break
        if messages[index].get("buttons"):
            keep = index
            break
    out = []
    for index, message in enumerate(messages):
        if "buttons" in message and index != keep:
            message = {k: v for k, v in message.items() if k != "buttons"}
        out.append(message)
    return out


def from_tracker(events: Any) -> list[dict[str, Any]]:
    """The transcript from Rasa's tracker events (GET /conversations/{id}/tracker)."""
    return [{k: v for k, v in m.items() if k != "at"} for m in _timed(events)]


def _timed(events: Any) -> list[dict[str, Any]]:
    """from_tracker's messages, each with "at" (the event's Unix time; the one before it if absent)."""
    messages: list[dict[str, Any]] = []
    at = 0.0
    offered: dict[str, str] = {}  # payload -> title of the options since the person last wrote
    seen: dict[str, str] = {}  # every option offered in the conversation
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict):
            continue
        kind = event.get("event")
        if isinstance(event.get("timestamp"), (int, float)):
            at = float(event["timestamp"])
        if kind == "bot":
            text = event.get("text") if isinstance(event.get("text"), str) else ""
            buttons = _buttons((event.get("data") or {}).get("buttons"))
            for button in buttons:
                offered[button["payload"]] = button["title"]
                seen[button["payload"]] = button["title"]
            if not text.strip() and not buttons:
                continue
            message: dict[str, Any] = {"from": "nav", "text": text, "at": at}
            if buttons:
                message["buttons"] = buttons
            messages.append(message)
        elif kind == "user":
            text = event.get("text") if isinstance(event.get("text"), str) else ""
            shown = person_text(text, offered, seen)
            offered = {}
            if shown:
                messages.append({"from": "person", "text": shown, "at": at})
    return only_latest_buttons(messages)


def veileder_message(item: dict[str, Any]) -> dict[str, Any]:
    """One of the veileder's messages (uke8.thread.person.for_the_person) as the page shows it:
    "from": "veileder", their name as "author", and the proposed times as buttons."""
    message: dict[str, Any] = {"from": "veileder", "text": str(item.get("text") or ""), "author": item.get("author"),
                               "id": item.get("id")}
    if item.get("buttons"):
        message["buttons"] = list(item["buttons"])
    return message


def with_thread(events: Any, thread: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bot's transcript and the veileder's messages in one thread, in time order (`thread`
    items carry "at" as an aware datetime). A digit the person sent by clicking a time the
    veileder proposed shows as that time, as it did when clicked."""
    timed = _timed(events)
    for item in thread:
        at = item.get("at")
        moment = at.timestamp() if hasattr(at, "timestamp") else float(at or 0)
        timed.append({**veileder_message(item), "at": moment})
    # a stable sort: the tracker's own order holds among its messages
    timed.sort(key=lambda m: m["at"])
    offered: dict[str, str] = {}
    out = []
    for message in timed:
        message = {k: v for k, v in message.items() if k != "at"}
        if message["from"] == "person" and message["text"] in offered:
            message["text"] = offered[message["text"]]
        if message.get("buttons"):
            offered = {b["payload"]: b["title"] for b in message["buttons"]}
        out.append(message)
    return only_latest_buttons(out)


def person_text(text: str, offered: dict[str, str], seen: dict[str, str] | None = None) -> str | None:
    """What the person's bubble says for a message they sent, or None for the page's /start."""
    stripped = text.strip()
    if not stripped or stripped.lower() == START:
        return None
    if stripped in offered:
        return offered[stripped]
    if seen and stripped in seen:
        return seen[stripped]
    return stripped
