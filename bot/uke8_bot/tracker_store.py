"""Rasa's SQL tracker store, writing user text only in the redacted form the case store uses.

Rasa keeps every message in its tracker store. Here each new event is stored with the
person's words passed through uke8.privacy (health details redacted, fødselsnummer and phone
numbers masked): the user message, and slot values that hold raw text (the form's from_text
slots hold the message until validation turns it into an answer code).
"""
from __future__ import annotations

import copy
from typing import Any, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SlotSet, UserUttered

from uke8.privacy import mask_identifiers, redact_health


def clean(text: str) -> str:
    return mask_identifiers(redact_health(text).text)


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.startswith("/") else clean(value)  # payloads carry codes, not words
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    return value


def redacted(event: Event) -> Event:
    if isinstance(event, UserUttered) and event.text and not event.text.startswith("/"):
        event = copy.deepcopy(event)
        event.text = clean(event.text)
        # parse_data keeps its own copy of the text
        event.parse_data = {**event.parse_data, "text": event.text}
    elif isinstance(event, SlotSet) and event.value is not None:
        event = copy.deepcopy(event)
        event.value = _clean_value(event.value)
    return event


class RedactingSQLTrackerStore(SQLTrackerStore):
    def _additional_events(self, session: Any, tracker: Any) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield redacted(event)
