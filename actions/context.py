"""What every action needs: the case store, the conversation id, and the latest message."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from uke8.store.db import Database, get_database
from uke8.rasa_domain import EMPLOYER_SLOT
from uke8.triage.messages import reply_text

log = logging.getLogger("uke8.actions")

# Failures of the store that the person should hear about honestly, never as "saved".
STORE_ERRORS = (SQLAlchemyError, OSError)


def database() -> Database:
    return get_database()


def conversation_id(tracker: Tracker) -> str:
    # The sender id is the invitation's conversation id (never a phone number or fnr).
    return tracker.sender_id


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_parse(tracker: Tracker) -> dict[str, Any]:
    return tracker.latest_message or {}


def is_start(text: str) -> bool:
    return text.strip().lower() in ("/start", "start")


def say(dispatcher: CollectingDispatcher, key: str, tracker: Tracker | None = None) -> None:
    """The reply `key`; given the tracker, without the employer for a person who has none
    (the slot action_start sets; unset means one has an employer)."""
    dispatcher.utter_message(text=reply_text(key, tracker is None or tracker.get_slot(EMPLOYER_SLOT) is not False))


def store_failed(dispatcher: CollectingDispatcher, exc: Exception) -> None:
    # The exception class only: messages may quote SQL parameters, which may hold free text.
    log.error("case store write failed: %s", type(exc).__name__)
    say(dispatcher, "lagring_feilet")
