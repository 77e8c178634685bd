"""Rasa's SQL tracker store, writing user text only in the redacted form the case store uses.

Rasa keeps every message in its tracker store. Here each new event is stored with the
person's words passed through uke8.privacy (health details redacted, fødselsnummer and phone
numbers masked): the user message, and slot values that hold raw text (the form's from_text
slots hold the message until validation turns it into an answer code).
"""
from __future__ import annotations

import copy
from typing import Any, Iterator

import sqlalchemy as sa
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


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    # WAL with synchronous=NORMAL: one write per commit instead of a rollback journal and
    # several syncs, and readers never wait for the writer. A power cut can lose the last
    # turns of conversation state (never the case store's answers, which the action server
    # has already committed); the person then gets the open question again on /start.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens and closes a file connection per session (SQLAlchemy 1.4's
            # default for SQLite files): keep a few open instead. Rasa uses the store from its
            # event loop's thread only, one session at a time.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_wal)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _additional_events(self, session: Any, tracker: Any) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield redacted(event)
