"""Rasa's SQL tracker store, writing user text only in the redacted form the case store uses.

Rasa keeps every message in its tracker store. Here each new event is stored with the
person's words passed through uke8.privacy (health details redacted, fødselsnummer and phone
numbers masked): the user message, and slot values that hold raw text (the form's from_text
slots hold the message until validation turns it into an answer code). Only the exact button
payloads the bot itself offers (the domain's, generated from the catalogue) and the channels'
`/start` are stored as sent: anything else that merely starts with "/" is free text.

"Jeg vil ikke at dere lagrer dette": the action server records the objection in the case store
and marks its reply (FORGET_MARK in the reply's metadata, actions/global_intents.py). On saving
that reply the store rewrites every stored event of the conversation in place — the person's
messages become PLACEHOLDER, slot values copied from them too — and from then on stores each
new message of theirs as PLACEHOLDER. Rows are rewritten, never deleted: Rasa appends a
tracker's events after the number already stored, so deleting would make it store old ones again.

Rasa's own warnings about a "/" message it cannot parse quote the message; they are kept out
of its log here too (this module is loaded by every `rasa run` with the project's endpoints).
"""
from __future__ import annotations

import json
import logging
import warnings
from typing import Any, Iterable

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from uke8.privacy import MAX_STORED_TEXT, mask_identifiers, redact_health

PLACEHOLDER = "(slettet etter ønske)"
FORGET_MARK = "uke8_forget_words"  # the same name as in actions/global_intents.py
# Intents the channels send as bare commands: the chat page and the SMS path begin with /start.
COMMAND_INTENTS = ("start",)

# Rasa warns with the whole message when one starting with "/" is no payload it can parse
# ("Failed to parse arguments in line '/jeg har …'"): the person's words would reach its log.
warnings.filterwarnings("ignore", message="Failed to parse arguments in line", category=UserWarning)


class _HideUnparsedText(logging.Filter):
    """Rasa's structured warning for a "/" message it cannot parse at all ("/{…}", "/@…")
    carries the whole message as user_text: keep the warning, not the words."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "message.parsing.failed" in str(record.msg):
            record.msg, record.args = '{"event": "message.parsing.failed", "user_text": "[skjult]"}', ()
        return True


logging.getLogger("rasa.shared.core.training_data.story_reader.yaml_story_reader").addFilter(_HideUnparsedText())


def clean(text: str) -> str:
    return mask_identifiers(redact_health(text).text)


class Offered:
    """What the bot offers: the payloads that may be stored verbatim, and the answer codes in them."""

    def __init__(self, domain: Any) -> None:
        payloads: set[str] = set()
        intents = set(getattr(domain, "intents", None) or ())
        payloads.update("/" + intent for intent in COMMAND_INTENTS if intent in intents)
        for variants in (getattr(domain, "responses", None) or {}).values():
            for variant in variants or ():
                for button in (variant or {}).get("buttons") or ():
                    if isinstance(button, dict) and isinstance(button.get("payload"), str):
                        payloads.add(button["payload"].strip())
        self.payloads = frozenset(payloads)
        codes: set[str] = set()
        for payload in payloads:
            _, brace, rest = payload.partition("{")
            try:
                entities = json.loads(brace + rest) if brace else {}
            except ValueError:
                continue
            if isinstance(entities, dict):
                codes.update(v for v in entities.values() if isinstance(v, str))
        for slot in getattr(domain, "slots", None) or ():  # slot names (oppfolging_for) and categories
            codes.add(slot.name)
            codes.update(v for v in getattr(slot, "values", None) or () if isinstance(v, str))
        self.codes = frozenset(codes)

    def is_payload(self, text: Any) -> bool:
        return isinstance(text, str) and text.strip() in self.payloads


def _clean_value(value: Any, offered: Offered) -> Any:
    if isinstance(value, str):
        # Payloads and answer codes are the bot's own words: a code such as "behandling" would
        # otherwise be redacted as a health detail and no longer be an answer on the next turn.
        return value if offered.is_payload(value) or value in offered.codes else clean(value)
    if isinstance(value, dict):
        return {k: _clean_value(v, offered) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_value(v, offered) for v in value]
    return value


def _forget_value(value: Any, offered: Offered, words: set[str]) -> Any:
    """A slot value with the person's words replaced: strings copied from their messages, and
    the "text" a pending answer keeps; answer codes, payloads and the bot's own texts stay."""
    if isinstance(value, str):
        if value.strip() in words and value not in offered.codes and not offered.is_payload(value):
            return PLACEHOLDER
        return value
    if isinstance(value, dict):
        return {k: PLACEHOLDER if k == "text" and isinstance(v, str) and not offered.is_payload(v)
                else _forget_value(v, offered, words) for k, v in value.items()}
    if isinstance(value, list):
        return [_forget_value(v, offered, words) for v in value]
    return value


def person_words(events: Iterable[dict[str, Any]], offered: Offered) -> set[str]:
    """The texts of the person's own messages among serialised events, as sent and as stored."""
    words: set[str] = set()
    for data in events:
        text = data.get("text")
        if data.get("event") == "user" and isinstance(text, str) and text.strip() and not offered.is_payload(text):
            for variant in (text, clean(text)):
                # a slot may hold the message cut to what the case store keeps (motetid)
                words.update({variant.strip(), variant.strip()[:MAX_STORED_TEXT].strip()})
    words.discard(PLACEHOLDER)
    return words


def redacted(data: dict[str, Any], offered: Offered, forget: bool = False, words: set[str] | None = None) -> dict[str, Any]:
    """A serialised event as it may be stored: redacted, or with the words forgotten."""
    kind = data.get("event")
    if kind == "user":
        text = data.get("text")
        if not isinstance(text, str) or not text or offered.is_payload(text):
            return data
        stored = PLACEHOLDER if forget else clean(text)
        parse = dict(data.get("parse_data") or {})
        parse["text"] = stored  # parse_data keeps its own copy of the text
        # entities of a message that only looks like a payload ("/svar{"retur":"<words>"}") hold words
        entities = [e for e in parse.get("entities") or [] if isinstance(e, dict)]
        parse["entities"] = [] if forget else [{**e, "value": _clean_value(e.get("value"), offered)} for e in entities]
        return {**data, "text": stored, "parse_data": parse}
    if kind == "slot" and data.get("value") is not None:
        value = _forget_value(data["value"], offered, words or set()) if forget else data["value"]
        return {**data, "value": _clean_value(value, offered)}
    return data


def forgets(data: dict[str, Any]) -> bool:
    """The bot's reply to "ikke lagre", marked by the action server."""
    return data.get("event") == "bot" and (data.get("metadata") or {}).get(FORGET_MARK) is True


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

    def _offered(self) -> Offered:
        # the domain is set when Rasa loads a model; rebuilt only when it changes
        cached = getattr(self, "_offered_cache", None)
        if cached is None or cached[0] is not self.domain:
            cached = self._offered_cache = (self.domain, Offered(self.domain))
        return cached[1]

    def _has_objected(self, session: Any, sender_id: str) -> bool:
        # in any session of the conversation, not only the tracker's current one
        marked = f'%"{FORGET_MARK}": true%'
        query = session.query(self.SQLEvent.id).filter(
            self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == "bot", self.SQLEvent.data.like(marked)
        )
        return query.first() is not None

    def _forget_stored(self, session: Any, sender_id: str, offered: Offered) -> None:
        """Rewrite the conversation's stored events in place with the person's words forgotten."""
        rows = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).order_by(self.SQLEvent.id).all()
        stored = [(row, json.loads(row.data)) for row in rows]
        words = person_words((data for _, data in stored), offered)
        for row, data in stored:
            forgotten = redacted(data, offered, forget=True, words=words)
            if forgotten != data:
                row.data = json.dumps(forgotten)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save with each new event redacted, and the words forgotten once the
        person has objected to storage."""
        await self.stream_events(tracker)
        offered = self._offered()
        with self.session_scope() as session:
            new = [event.as_dict() for event in self._additional_events(session, tracker)]
            objecting = any(forgets(data) for data in new)
            forget = objecting or self._has_objected(session, tracker.sender_id)
            if objecting:
                self._forget_stored(session, tracker.sender_id, offered)
            words = person_words(new, offered) if forget else set()
            for data in new:
                data = redacted(data, offered, forget=forget, words=words)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=data.get("event"),
                        timestamp=data.get("timestamp"),
                        intent_name=((data.get("parse_data") or {}).get("intent") or {}).get("name"),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
